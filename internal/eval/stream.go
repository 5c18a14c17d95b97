package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The bounds on one case, checked while it is read, so that nothing grows
// past them before it is rejected. See the manual for what they mean. They
// are variables only so that tests can lower them.
var (
	// maxValues bounds the entries of one array, and the values of any
	// input or output.
	maxValues = 1 << 24
	// maxCaseNumbers bounds the numbers of one case, over all its arrays.
	maxCaseNumbers = 1 << 25
	// maxCaseItems bounds the other JSON values of one case: objects,
	// arrays, strings, keys, booleans, nulls, and numbers outside arrays.
	maxCaseItems = 1 << 20
	// maxCaseBytes bounds the JSON text of one case.
	maxCaseBytes int64 = 1 << 28
	// maxDepth bounds the nesting of objects and arrays within one case.
	maxDepth = 64
	// maxSkipDepth bounds the nesting eval follows in a case it has already
	// rejected, to find the case's end. Past it eval stops with exit status 1.
	maxSkipDepth = 1 << 20
)

// A value is one decoded JSON value: nil, bool, string, json.Number,
// []any, map[string]any, or *numbers for an array of numbers.
//
// numbers holds an array whose entries are all numbers compactly, as their
// texts separated by commas, so that an input of 2^24 values takes about
// 5 bytes a value rather than the 40 of a []any of json.Number. Its entries
// are read in order with each.
type numbers struct {
	text []byte
	n    int
}

func (n *numbers) len() int { return n.n }

func (n *numbers) add(s json.Number) {
	if n.n > 0 {
		n.text = append(n.text, ',')
	}
	n.text = append(n.text, s...)
	n.n++
}

// each calls f with the text of every entry in order, until f returns
// false.
func (n *numbers) each(f func(i int, s []byte) bool) {
	rest := n.text
	for i := 0; i < n.n; i++ {
		s := rest
		if j := bytes.IndexByte(rest, ','); j >= 0 {
			s, rest = rest[:j], rest[j+1:]
		}
		if !f(i, s) {
			return
		}
	}
}

// list returns the entries as a []any of json.Number.
func (n *numbers) list() []any {
	out := make([]any, 0, n.n)
	n.each(func(_ int, s []byte) bool {
		out = append(out, json.Number(s))
		return true
	})
	return out
}

// fatalError is an error after which the input cannot be read on: a
// syntax error, a read error, or a bound that eval cannot skip past.
type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }

// reader reads the array of cases one case at a time, with a JSON parser
// of its own rather than encoding/json, so that it can check the bounds
// while it reads, skip a rejected case to its end without holding it, and
// find duplicate keys.
type reader struct {
	r   *bufio.Reader
	off int64 // bytes consumed

	// per case
	start       int64 // offset where the case began
	items, nums int
	id          any // the case's "id", once read
	first       bool
	scratch     []byte
}

// newReader returns a reader of r, which may begin with a UTF-8 byte-order
// mark.
func newReader(r io.Reader) *reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	return &reader{r: br, first: true}
}

func (r *reader) fatal(format string, args ...any) error {
	return &fatalError{fmt.Errorf("byte %d: "+format, append([]any{r.off}, args...)...)}
}

// byte returns the next byte; at the end of the input it reports a fatal
// unexpected end.
func (r *reader) byte() (byte, error) {
	c, err := r.r.ReadByte()
	if err != nil {
		if err == io.EOF {
			return 0, r.fatal("unexpected end of input")
		}
		return 0, &fatalError{err}
	}
	r.off++
	if r.off-r.start > maxCaseBytes && r.start > 0 {
		return 0, r.fatal("a case is longer than %d bytes", maxCaseBytes)
	}
	return c, nil
}

func (r *reader) unread() {
	r.r.UnreadByte()
	r.off--
}

// nonSpace returns the next byte that is not white space.
func (r *reader) nonSpace() (byte, error) {
	for {
		c, err := r.byte()
		if err != nil || (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			return c, err
		}
	}
}

// begin reads the opening bracket of the array of cases.
func (r *reader) begin() error {
	c, err := r.nonSpace()
	if err != nil || c != '[' {
		return errors.New("the input is not a JSON array of cases")
	}
	return nil
}

// more reports whether another case follows, reading the comma before it
// or the closing bracket of the array.
func (r *reader) more() (bool, error) {
	c, err := r.nonSpace()
	if err != nil {
		return false, err
	}
	if c == ']' {
		return false, nil
	}
	if r.first {
		r.first = false
		r.unread()
		return true, nil
	}
	if c != ',' {
		return false, r.fatal("invalid character %s after a case, want ',' or ']'", quoteByte(c))
	}
	return true, nil
}

// end checks that nothing but white space follows the array.
func (r *reader) end() error {
	for {
		c, err := r.r.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		r.off++
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return errors.New("the input has more data after the array of cases")
		}
	}
}

func quoteByte(c byte) string {
	if c < utf8.RuneSelf {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("0x%02x", c)
}

// A frame is an object or array being read.
type frame struct {
	obj        map[string]any
	arr        []any
	nums       *numbers
	key        string
	n          int
	isObj, top bool
}

// next reads one case. A case that breaks a bound, or holds a duplicate
// key, is read to its end without being kept and returned as a case error
// (a *caseError), so that the next case can be read; a *fatalError means
// the input cannot be read on. The case's id, if it came before the fault,
// is r.id.
func (r *reader) next() (any, error) {
	r.start = r.off
	r.items, r.nums, r.id = 0, 0, nil
	var (
		stack   []frame
		skip    []bool // while skipping: isObj of each open container
		caseErr error
	)
	// reject marks the case as failed: from here on its values are read
	// but not kept.
	reject := func(err error) {
		if caseErr == nil {
			caseErr = err
			for _, f := range stack {
				skip = append(skip, f.isObj)
			}
			stack = nil
		}
	}
	depth := func() int { return len(stack) + len(skip) }
	for {
		// Read a value, or open a container.
		c, err := r.nonSpace()
		if err != nil {
			return nil, err
		}
		var v any
		switch {
		case c == '{' || c == '[':
			if caseErr == nil {
				if r.items++; r.items > maxCaseItems {
					reject(tooLarge("the case has more than %d JSON values outside arrays of numbers", maxCaseItems))
				} else if depth() >= maxDepth {
					reject(badCase("the case is nested more than %d levels deep", maxDepth))
				}
			}
			if depth() >= maxSkipDepth {
				return nil, r.fatal("nesting deeper than %d levels", maxSkipDepth)
			}
			if caseErr == nil {
				f := frame{isObj: c == '{', top: depth() == 0}
				if f.isObj {
					f.obj = map[string]any{}
				} else {
					f.arr = []any{}
				}
				stack = append(stack, f)
			} else {
				skip = append(skip, c == '{')
			}
			d, err := r.nonSpace()
			if err != nil {
				return nil, err
			}
			if (c == '{' && d == '}') || (c == '[' && d == ']') {
				v = r.pop(&stack, &skip, caseErr != nil)
				break
			}
			r.unread()
			if c == '{' {
				if err := r.key(stack, caseErr != nil, reject); err != nil {
					return nil, err
				}
			}
			continue
		case c == '"':
			s, err := r.str(caseErr != nil)
			if err != nil {
				return nil, err
			}
			v = s
		case c == '-' || (c >= '0' && c <= '9'):
			r.unread()
			num, err := r.number(caseErr != nil)
			if err != nil {
				return nil, err
			}
			if caseErr == nil && len(stack) > 0 {
				if f := &stack[len(stack)-1]; !f.isObj && len(f.arr) == 0 {
					// An array of numbers so far: keep it compact.
					if f.n++; f.n > maxValues {
						reject(tooLarge("an array has more than %d entries", maxValues))
					} else if r.nums++; r.nums > maxCaseNumbers {
						reject(tooLarge("the case has more than %d numbers", maxCaseNumbers))
					} else {
						if f.nums == nil {
							f.nums = &numbers{}
						}
						f.nums.add(num)
						if done, err := r.after(&stack, &skip, &v, caseErr != nil, reject); err != nil || done {
							return v, firstErr(err, caseErr)
						}
						continue
					}
				}
			}
			v = num
		case c == 't' || c == 'f' || c == 'n':
			r.unread()
			lit, err := r.literal()
			if err != nil {
				return nil, err
			}
			v = lit
		default:
			return nil, r.fatal("invalid character %s looking for the beginning of a value", quoteByte(c))
		}
		// A value is complete: add it to its container, and close
		// containers while they end.
		if caseErr == nil && len(stack) > 0 {
			if r.items++; r.items > maxCaseItems {
				reject(tooLarge("the case has more than %d JSON values outside arrays of numbers", maxCaseItems))
			}
		}
		if caseErr == nil && len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.isObj {
				f.obj[f.key] = v
				if f.top && f.key == "id" {
					r.id = v
				}
			} else {
				if f.nums != nil {
					f.arr, f.nums = f.nums.list(), nil
				}
				if f.n++; f.n > maxValues {
					reject(tooLarge("an array has more than %d entries", maxValues))
				} else {
					f.arr = append(f.arr, v)
				}
			}
		}
		if depth() == 0 {
			return v, caseErr
		}
		if done, err := r.after(&stack, &skip, &v, caseErr != nil, reject); err != nil || done {
			return v, firstErr(err, caseErr)
		}
	}
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// after reads what follows a value inside a container: a comma (and, in an
// object, the next key), or the container's end, in which case the
// container is itself a complete value and the loop goes on with its
// parent. done reports that the case's outermost value has ended, with v
// holding it.
func (r *reader) after(stack *[]frame, skip *[]bool, v *any, skipping bool, reject func(error)) (done bool, err error) {
	for {
		c, err := r.nonSpace()
		if err != nil {
			return false, err
		}
		var isObj bool
		if n := len(*skip); n > 0 {
			isObj = (*skip)[n-1]
		} else {
			isObj = (*stack)[len(*stack)-1].isObj
		}
		switch {
		case c == ',':
			if isObj {
				return false, r.key(*stack, len(*skip) > 0, reject)
			}
			return false, nil
		case (c == '}' && isObj) || (c == ']' && !isObj):
			*v = r.pop(stack, skip, len(*skip) > 0)
			if len(*stack)+len(*skip) == 0 {
				return true, nil
			}
			if len(*skip) == 0 {
				f := &(*stack)[len(*stack)-1]
				if f.isObj {
					f.obj[f.key] = *v
					if f.top && f.key == "id" {
						r.id = *v
					}
				} else {
					if f.nums != nil {
						f.arr, f.nums = f.nums.list(), nil
					}
					if f.n++; f.n > maxValues {
						reject(tooLarge("an array has more than %d entries", maxValues))
					} else {
						f.arr = append(f.arr, *v)
					}
				}
			}
		default:
			want := "',' or ']'"
			if isObj {
				want = "',' or '}'"
			}
			return false, r.fatal("invalid character %s, want %s", quoteByte(c), want)
		}
	}
}

// pop closes the innermost container and returns its value.
func (r *reader) pop(stack *[]frame, skip *[]bool, skipping bool) any {
	if n := len(*skip); n > 0 {
		*skip = (*skip)[:n-1]
		return nil
	}
	n := len(*stack)
	f := (*stack)[n-1]
	*stack = (*stack)[:n-1]
	switch {
	case f.isObj:
		return f.obj
	case f.nums != nil:
		return f.nums
	}
	return f.arr
}

// key reads an object key and its colon, into the innermost frame.
func (r *reader) key(stack []frame, skipping bool, reject func(error)) error {
	c, err := r.nonSpace()
	if err != nil {
		return err
	}
	if c != '"' {
		return r.fatal("invalid character %s looking for the beginning of an object key", quoteByte(c))
	}
	k, err := r.str(skipping)
	if err != nil {
		return err
	}
	if c, err = r.nonSpace(); err != nil {
		return err
	}
	if c != ':' {
		return r.fatal("invalid character %s after an object key, want ':'", quoteByte(c))
	}
	if skipping || len(stack) == 0 {
		return nil
	}
	f := &stack[len(stack)-1]
	if r.items++; r.items > maxCaseItems {
		reject(tooLarge("the case has more than %d JSON values outside arrays of numbers", maxCaseItems))
		return nil
	}
	if _, dup := f.obj[k]; dup {
		reject(badCase("duplicate key %s", clipQuote(k)))
		return nil
	}
	f.key = k
	return nil
}

// str reads a string after its opening quote, decoding escapes as
// encoding/json does. With skipping it checks the string and returns "".
func (r *reader) str(skipping bool) (string, error) {
	b := r.scratch[:0]
	defer func() { r.scratch = b[:0] }()
	for {
		c, err := r.byte()
		if err != nil {
			return "", err
		}
		switch {
		case c == '"':
			if skipping {
				return "", nil
			}
			if !utf8.Valid(b) {
				return validUTF8(b), nil
			}
			return string(b), nil
		case c < 0x20:
			return "", r.fatal("invalid control character %s in a string", quoteByte(c))
		case c == '\\':
			e, err := r.byte()
			if err != nil {
				return "", err
			}
			switch e {
			case '"', '\\', '/':
				c = e
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'u':
				ru, err := r.hex4()
				if err != nil {
					return "", err
				}
				if utf16.IsSurrogate(ru) {
					// A pair is \uD8xx\uDCxx; a surrogate without its pair
					// becomes U+FFFD, and what follows it is read on its
					// own, as encoding/json does.
					lo := rune(-1)
					if p, _ := r.r.Peek(6); len(p) == 6 && p[0] == '\\' && p[1] == 'u' {
						if v, err := strconv.ParseUint(string(p[2:]), 16, 32); err == nil {
							lo = rune(v)
						}
					}
					if dec := utf16.DecodeRune(ru, lo); lo >= 0 && dec != utf8.RuneError {
						r.r.Discard(6)
						r.off += 6
						ru = dec
					} else {
						ru = utf8.RuneError
					}
				}
				if !skipping {
					b = utf8.AppendRune(b, ru)
				}
				continue
			default:
				return "", r.fatal("invalid escape \\%s in a string", string(rune(e)))
			}
		}
		if !skipping {
			b = append(b, c)
		}
	}
}

// validUTF8 replaces each byte of b that is not part of valid UTF-8 with
// U+FFFD, as encoding/json does.
func validUTF8(b []byte) string {
	out := make([]byte, 0, len(b)+8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return string(out)
}

func (r *reader) hex4() (rune, error) {
	var v rune
	for i := 0; i < 4; i++ {
		c, err := r.byte()
		if err != nil {
			return 0, err
		}
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, r.fatal("invalid character %s in a \\u escape", quoteByte(c))
		}
		v = v<<4 | rune(c)
	}
	return v, nil
}

// number reads a JSON number and checks its grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (r *reader) number(skipping bool) (json.Number, error) {
	b := r.scratch[:0]
	defer func() { r.scratch = b[:0] }()
	for {
		c, err := r.r.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", &fatalError{err}
		}
		if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			r.r.UnreadByte()
			break
		}
		r.off++
		b = append(b, c)
		if int64(len(b)) > maxCaseBytes {
			return "", r.fatal("a number is longer than %d bytes", maxCaseBytes)
		}
	}
	if !validNumber(b) {
		return "", r.fatal("invalid number %s", clipQuote(string(b)))
	}
	if skipping {
		return "", nil
	}
	return json.Number(b), nil
}

func validNumber(b []byte) bool {
	i := 0
	digits := func() bool {
		s := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > s
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		digits()
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(b)
}

// literal reads true, false or null.
func (r *reader) literal() (any, error) {
	c, _ := r.byte()
	word, val := "null", any(nil)
	switch c {
	case 't':
		word, val = "true", true
	case 'f':
		word, val = "false", false
	}
	for i := 1; i < len(word); i++ {
		d, err := r.byte()
		if err != nil {
			return nil, err
		}
		if d != word[i] {
			return nil, r.fatal("invalid character %s in literal %s", quoteByte(d), word)
		}
	}
	return val, nil
}

// clipQuote quotes s, cut to 60 bytes.
func clipQuote(s string) string {
	if len(s) > 60 {
		return strconv.Quote(s[:60]) + "…"
	}
	return strconv.Quote(s)
}
