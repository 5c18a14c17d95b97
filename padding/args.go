package padding

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MaxArg bounds every size, stride, dilation, padding, count (filters,
// units) and input dimension a layer accepts: 2^31 on 64-bit machines and
// 2^15 on 32-bit ones, so that the product of any two stays inside an int,
// which the shape arithmetic of every layer relies on. Larger values are
// ErrNonPositiveArgument errors (arguments) or ErrInvalidArgumentShape
// errors (input dimensions).
const MaxArg = 1 << (strconv.IntSize/2 - 1)

// Tuple normalises a Keras tuple argument, as Keras's standardize_tuple
// does: a single value is repeated rank times, rank values are copied, and
// anything else is an ErrInvalidArgumentShape error. Values must be > 0, or
// ≥ 0 when allowZero is set, and at most MaxArg; others are an
// ErrNonPositiveArgument error.
// A nil or empty v returns def repeated rank times (def ≤ 0 means the
// argument is required: ErrMissingArgument).
//
// It is plumbing for this module's layer packages (conv, pool, model),
// exported only so that they can share it; it may move behind internal/
// before the library is tagged, so do not build on it.
func Tuple(pkg, layer, name string, v []int, rank int, def int, allowZero bool) ([]int, error) {
	if len(v) == 0 {
		if def <= 0 {
			return nil, &Error{Pkg: pkg, Layer: layer, Arg: name, Value: "None", Kind: ErrMissingArgument,
				Detail: fmt.Sprintf("%s is required", name)}
		}
		v = []int{def}
	}
	out := make([]int, rank)
	switch len(v) {
	case 1:
		for i := range out {
			out[i] = v[0]
		}
	case rank:
		copy(out, v)
	default:
		return nil, &Error{Pkg: pkg, Layer: layer, Arg: name, Value: FormatInts(v), Kind: ErrInvalidArgumentShape,
			Detail: fmt.Sprintf("must be an int or a tuple of %d integers", rank)}
	}
	// Too small before too large, over the whole tuple: a tuple with a zero
	// in it gets the same message on every platform, and only one whose
	// entries are all in range below names the platform's bound.
	for _, x := range out {
		if x < 0 || (x == 0 && !allowZero) {
			want := "> 0"
			if allowZero {
				want = ">= 0"
			}
			return nil, &Error{Pkg: pkg, Layer: layer, Arg: name, Value: FormatInts(v), Kind: ErrNonPositiveArgument,
				Detail: fmt.Sprintf("every entry must be %s", want)}
		}
	}
	for _, x := range out {
		if x > MaxArg {
			return nil, &Error{Pkg: pkg, Layer: layer, Arg: name, Value: FormatInts(v), Kind: ErrNonPositiveArgument,
				Detail: fmt.Sprintf("every entry must be at most %d", MaxArg)}
		}
	}
	return out, nil
}

// Pairs normalises a ZeroPadding argument into one (before, after) pair per
// spatial axis, accepting every form Keras accepts for a layer of the given
// rank (1, 2 or 3):
//
//	p                       every side of every axis gets p
//	(a, b)        rank 1    before a, after b
//	(p1, …, pr)   rank ≥ 2  axis i gets (pi, pi)
//	((a1, b1), …) rank ≥ 2  explicit pairs, one per axis
//	(p1, (a2, b2))          mixed: each entry an int or a pair
//
// arg may be an int, a float64 holding an integer (as JSON decodes it), a
// []int, a [2]int, a [][2]int, a [][]int or a []any of those. nil means the
// Keras default, 1 everywhere. Negative entries are an ErrNonPositiveArgument
// error (Keras leaves a bare negative int unchecked for 2-D and 3-D; convlings
// rejects it everywhere), and so are entries above MaxArg; other forms are
// ErrInvalidArgumentShape.
func Pairs(layer string, arg any, rank int) ([][2]int, error) {
	bad := func(detail string) error {
		return &Error{Pkg: "padding", Layer: layer, Arg: "padding", Value: formatAny(arg), Kind: ErrInvalidArgumentShape, Detail: detail}
	}
	if arg == nil {
		arg = 1
	}
	if n, ok := asInt(arg); ok {
		return checkPairs(layer, arg, repeatPair([2]int{n, n}, rank))
	}
	items, ok := asList(arg)
	if !ok {
		return nil, bad("must be an int or a tuple")
	}
	if rank == 1 {
		if len(items) != 2 {
			return nil, bad("must be an int or a tuple of 2 integers (left, right)")
		}
		a, ok1 := asInt(items[0])
		b, ok2 := asInt(items[1])
		if !ok1 || !ok2 {
			return nil, bad("must be an int or a tuple of 2 integers (left, right)")
		}
		return checkPairs(layer, arg, [][2]int{{a, b}})
	}
	if len(items) != rank {
		return nil, bad(fmt.Sprintf("should have %d elements", rank))
	}
	pairs := make([][2]int, rank)
	for i, it := range items {
		if n, ok := asInt(it); ok {
			pairs[i] = [2]int{n, n}
			continue
		}
		sub, ok := asList(it)
		if !ok || len(sub) != 2 {
			return nil, bad(fmt.Sprintf("entry %d must be an int or a pair (before, after)", i+1))
		}
		a, ok1 := asInt(sub[0])
		b, ok2 := asInt(sub[1])
		if !ok1 || !ok2 {
			return nil, bad(fmt.Sprintf("entry %d must be an int or a pair (before, after)", i+1))
		}
		pairs[i] = [2]int{a, b}
	}
	return checkPairs(layer, arg, pairs)
}

func repeatPair(p [2]int, rank int) [][2]int {
	out := make([][2]int, rank)
	for i := range out {
		out[i] = p
	}
	return out
}

func checkPairs(layer string, arg any, pairs [][2]int) ([][2]int, error) {
	// Negative entries first, over every pair, as in Tuple.
	for _, p := range pairs {
		if p[0] < 0 || p[1] < 0 {
			return nil, &Error{Pkg: "padding", Layer: layer, Arg: "padding", Value: formatAny(arg), Kind: ErrNonPositiveArgument,
				Detail: "every entry must be >= 0"}
		}
	}
	for _, p := range pairs {
		if p[0] > MaxArg || p[1] > MaxArg {
			return nil, &Error{Pkg: "padding", Layer: layer, Arg: "padding", Value: formatAny(arg), Kind: ErrNonPositiveArgument,
				Detail: fmt.Sprintf("every entry must be at most %d", MaxArg)}
		}
	}
	return pairs, nil
}

func asInt(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int64:
		return int(x), true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<31 {
			return int(x), true
		}
	}
	return 0, false
}

func asList(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case []int:
		out := make([]any, len(x))
		for i, n := range x {
			out[i] = n
		}
		return out, true
	case [2]int:
		return []any{x[0], x[1]}, true
	case [][2]int:
		out := make([]any, len(x))
		for i, p := range x {
			out[i] = p
		}
		return out, true
	case [][]int:
		out := make([]any, len(x))
		for i, p := range x {
			out[i] = p
		}
		return out, true
	}
	return nil, false
}

// maxFormat bounds the length of a value formatAny writes into a message:
// an argument of a million entries is reported by its first few.
const maxFormat = 200

// formatAny prints an argument the way Python would print the tuple, cut
// with "…" after about maxFormat bytes, in time linear in what it writes.
func formatAny(v any) string {
	var b strings.Builder
	writeAny(&b, v)
	if b.Len() > maxFormat {
		s := b.String()[:maxFormat]
		for len(s) > 0 && s[len(s)-1]&0xC0 == 0x80 { // do not split a UTF-8 sequence
			s = s[:len(s)-1]
		}
		if len(s) > 0 && s[len(s)-1] >= 0xC0 {
			s = s[:len(s)-1]
		}
		return s + "…"
	}
	return b.String()
}

// writeAny writes v to b, stopping once b holds more than maxFormat bytes.
func writeAny(b *strings.Builder, v any) {
	if b.Len() > maxFormat {
		return
	}
	if n, ok := asInt(v); ok {
		b.WriteString(strconv.Itoa(n))
		return
	}
	items, ok := asList(v)
	if !ok {
		s := fmt.Sprintf("%v", v)
		if len(s) > maxFormat {
			s = s[:maxFormat+1]
		}
		b.WriteString(s)
		return
	}
	b.WriteByte('(')
	for i, it := range items {
		if b.Len() > maxFormat {
			return
		}
		if i > 0 {
			b.WriteString(", ")
		}
		writeAny(b, it)
	}
	if len(items) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
}
