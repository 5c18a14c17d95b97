package padding

import (
	"errors"
	"fmt"

	"github.com/convlings/convlings/tensor"
)

// OutputLength returns the number of positions a window of k cells takes
// along an axis of n cells, moving stride cells at a time, under the Keras
// padding mode "valid" or "same".
//
// The Keras rule in words:
//   - "valid" adds no padding. The window must lie entirely inside the
//     input, so out = floor((n − k) / stride) + 1. When even one window does
//     not fit (n < k), Keras raises "Computed output size would be zero or
//     negative": return an error.
//   - "same" adds zeros so that every stride step gives an output:
//     out = ceil(n / stride), whatever k is.
//
// It returns an error when n, k or stride is not positive, or padding is
// neither "valid" nor "same".
//
// Example: the post's Conv2D slides a 3×3 kernel over a 10×10 image with
// stride 1. Along each axis OutputLength(10, 3, 1, "valid") = 8 (the window
// starts at 0, 1, …, 7) and OutputLength(10, 3, 1, "same") = 10, hence the
// printed shapes (None, 8, 8, 10) and (None, 10, 10, 10).
//
// Blog section: 패딩(Padding). Run: go test ./lessons/padding -run '^TestOutputLength$'
func OutputLength(n, k, stride int, padding string) (int, error) {
	// BEGIN SOLUTION
	if n <= 0 || k <= 0 || stride <= 0 {
		return 0, fmt.Errorf("padding: n=%d, k=%d, stride=%d: every one must be positive", n, k, stride)
	}
	switch padding {
	case "valid":
		if n < k {
			return 0, fmt.Errorf("padding: window of %d cells does not fit in %d under 'valid': computed output size would be zero or negative", k, n)
		}
		return (n-k)/stride + 1, nil
	case "same":
		return (n + stride - 1) / stride, nil
	}
	return 0, fmt.Errorf("padding: padding=%q: must be \"valid\" or \"same\"", padding)
	// END SOLUTION
}

// SamePadding returns how many zeros the padding mode "same" adds before
// (top/left) and after (bottom/right) an axis of n cells, for a window of k
// cells moving stride cells at a time.
//
// The Keras rule in words (every Keras backend pads the way TensorFlow
// does): first count the zeros needed so that ceil(n / stride) windows fit,
//
//	out   = ceil(n / stride)
//	total = max(0, (out − 1)·stride + k − n)
//
// then put half of them, rounded down, before, and the rest after. When the
// total is odd, the extra zero goes after: at the bottom or on the right.
//
// The post says 'same' pads k/2 on each side. That is right for an odd k
// with stride 1 (k = 3 gives (1, 1)), but not for an even k (k = 2 needs one
// zero in all, and it goes after: (0, 1)), nor for a stride above 1 (n = 6,
// k = 3, stride 2 needs only one zero: (0, 1)).
//
// It returns an error when n, k or stride is not positive.
//
// Example: SamePadding(5, 2, 1) = (0, 1): five windows of two cells need
// six cells, one zero, placed after.
//
// Blog section: 패딩(Padding). Run: go test ./lessons/padding -run '^TestSamePadding$'
func SamePadding(n, k, stride int) (before, after int, err error) {
	// BEGIN SOLUTION
	if n <= 0 || k <= 0 || stride <= 0 {
		return 0, 0, fmt.Errorf("padding: n=%d, k=%d, stride=%d: every one must be positive", n, k, stride)
	}
	out := (n + stride - 1) / stride
	total := max(0, (out-1)*stride+k-n)
	return total / 2, total - total/2, nil
	// END SOLUTION
}

// DilatedAxis returns the output length and the padding before and after an
// axis of n cells, for a kernel of k taps with the given stride and
// dilation, under "valid" or "same".
//
// The Keras rule in words: dilation d puts d − 1 skipped cells between
// neighbouring kernel taps, so the kernel spans k_eff = (k − 1)·d + 1 cells.
// Everything else is the rule of OutputLength and SamePadding with k_eff in
// place of k. Under "valid" the padding is (0, 0). Keras refuses a stride
// above 1 together with a dilation above 1, and so must you: return an
// error. Errors are also as for OutputLength.
//
// Example: DilatedAxis(7, 3, 1, 2, "valid") = (3, 0, 0): the taps at
// offsets 0, 2, 4 span 5 cells, which fit at 3 positions of 7. Under "same",
// DilatedAxis(5, 3, 1, 2, "same") = (5, 2, 2).
//
//	dilation 2, k = 3:  x . x . x     k_eff = 5
//
// Blog section: 패딩(Padding). Run: go test ./lessons/padding -run '^TestDilatedAxis$'
func DilatedAxis(n, k, stride, dilation int, padding string) (out, before, after int, err error) {
	// BEGIN SOLUTION
	if k <= 0 || dilation <= 0 {
		return 0, 0, 0, fmt.Errorf("padding: k=%d, dilation=%d: both must be positive", k, dilation)
	}
	if stride > 1 && dilation > 1 {
		return 0, 0, 0, fmt.Errorf("padding: stride=%d with dilation=%d: strides > 1 not supported in conjunction with dilation_rate > 1", stride, dilation)
	}
	kEff := (k-1)*dilation + 1
	out, err = OutputLength(n, kEff, stride, padding)
	if err != nil || padding == "valid" {
		return out, 0, 0, err
	}
	before, after, err = SamePadding(n, kEff, stride)
	return out, before, after, err
	// END SOLUTION
}

// PaddingPairs normalises the argument of a Keras ZeroPadding1D (rank 1) or
// ZeroPadding2D (rank 2) layer into one (before, after) pair per spatial
// axis: pairs[0] is (top, bottom) and pairs[1] is (left, right) in 2-D, and
// pairs[0] is (left, right) in 1-D.
//
// The argument comes as Go values that mirror Keras's Python forms:
//
//	rank 1  p                     → (p, p)
//	        []int{a, b}           → (a, b)
//	rank 2  p                     → (p, p), (p, p)
//	        []int{h, w}           → (h, h), (w, w)
//	        []any{[]int{t, b}, []int{l, r}} → (t, b), (l, r)
//	        []any{h, []int{l, r}} → (h, h), (l, r)   mixed forms are legal
//	both    nil                   → the Keras default, 1 everywhere
//
// p, h, w are ints. Anything else is an error: a list of the wrong length,
// an entry that is neither an int nor a pair of ints, a nested list in 1-D,
// a negative number anywhere, or a rank other than 1 or 2.
//
// Example: the post's ZeroPadding2D(padding=(1, 1)) is
// PaddingPairs([]int{1, 1}, 2) = [(1, 1), (1, 1)], one zero on every side,
// so a 10×10 input becomes 12×12.
//
// Blog section: 패딩(Padding). Run: go test ./lessons/padding -run '^TestPaddingPairs$'
func PaddingPairs(padding any, rank int) ([][2]int, error) {
	// BEGIN SOLUTION
	if rank != 1 && rank != 2 {
		return nil, fmt.Errorf("padding: rank %d: want 1 or 2", rank)
	}
	bad := fmt.Errorf("padding: ZeroPadding%dD padding=%v: not a form Keras accepts", rank, padding)
	var pairs [][2]int
	switch p := padding.(type) {
	case nil:
		pairs = repeat([2]int{1, 1}, rank)
	case int:
		pairs = repeat([2]int{p, p}, rank)
	case []int:
		if len(p) != 2 {
			return nil, bad
		}
		if rank == 1 {
			pairs = [][2]int{{p[0], p[1]}}
		} else {
			pairs = [][2]int{{p[0], p[0]}, {p[1], p[1]}}
		}
	case []any:
		if rank == 1 || len(p) != rank {
			return nil, bad
		}
		for _, entry := range p {
			switch e := entry.(type) {
			case int:
				pairs = append(pairs, [2]int{e, e})
			case []int:
				if len(e) != 2 {
					return nil, bad
				}
				pairs = append(pairs, [2]int{e[0], e[1]})
			default:
				return nil, bad
			}
		}
	default:
		return nil, bad
	}
	for _, pr := range pairs {
		if pr[0] < 0 || pr[1] < 0 {
			return nil, fmt.Errorf("padding: ZeroPadding%dD padding=%v: every entry must be >= 0", rank, padding)
		}
	}
	return pairs, nil
	// END SOLUTION
}

// BEGIN SOLUTION

// checkTensor rejects a nil tensor, and one whose data does not fill its
// shape exactly: a function returns an error for bad input, never panics.
func checkTensor(name string, x *tensor.Tensor) error {
	if x == nil {
		return fmt.Errorf("padding: %s is nil", name)
	}
	if n := x.Shape.Size(); n == 0 || len(x.Data) != n {
		return fmt.Errorf("padding: %s has shape %s but %d values", name, x.Shape.Dims(), len(x.Data))
	}
	return nil
}

func repeat(p [2]int, n int) [][2]int {
	out := make([][2]int, n)
	for i := range out {
		out[i] = p
	}
	return out
}

// END SOLUTION

// ZeroPadding returns x with zeros added around its spatial axes, as the
// Keras layers ZeroPadding1D and ZeroPadding2D do. pads holds one
// (before, after) pair per spatial axis, as PaddingPairs returns them.
//
// Shapes: with one pair x is N×W×C and the result N×(left+W+right)×C; with
// two pairs x is N×H×W×C and the result N×(top+H+bottom)×(left+W+right)×C.
// Batch and channels are untouched, and x itself must not change.
//
// It returns an error when x's rank is not len(pads) + 2, when pads has
// neither 1 nor 2 pairs, or when a pad is negative.
//
// Example: the post pads a 10×10×3 input with ZeroPadding2D((1, 1)) and
// Keras prints (None, 12, 12, 3). On a 1×2×2×1 input [[1, 2], [3, 4]] with
// pads [(1, 1), (1, 1)] the result is the 1×4×4×1 tensor
//
//	0 0 0 0
//	0 1 2 0
//	0 3 4 0
//	0 0 0 0
//
// Blog section: 패딩(Padding). Run: go test ./lessons/padding -run '^TestZeroPadding$'
func ZeroPadding(x *tensor.Tensor, pads [][2]int) (*tensor.Tensor, error) {
	// BEGIN SOLUTION
	if err := checkTensor("x", x); err != nil {
		return nil, err
	}
	if len(pads) != 1 && len(pads) != 2 {
		return nil, errors.New("padding: want one pair of pads (1-D) or two (2-D)")
	}
	if x.Rank() != len(pads)+2 {
		return nil, fmt.Errorf("padding: ZeroPadding%dD wants a rank-%d input, got %s", len(pads), len(pads)+2, x.Shape.Dims())
	}
	for _, p := range pads {
		if p[0] < 0 || p[1] < 0 {
			return nil, fmt.Errorf("padding: pads %v: every pad must be >= 0", pads)
		}
	}
	// View 1-D as 2-D with one row and no padding above or below.
	n, h, w, c := x.Shape[0], 1, x.Shape[1], x.Shape[2]
	top, bottom, left, right := 0, 0, pads[0][0], pads[0][1]
	if len(pads) == 2 {
		h, w, c = x.Shape[1], x.Shape[2], x.Shape[3]
		top, bottom, left, right = pads[0][0], pads[0][1], pads[1][0], pads[1][1]
	}
	oh, ow := top+h+bottom, left+w+right
	shape := []int{n, ow, c}
	if len(pads) == 2 {
		shape = []int{n, oh, ow, c}
	}
	y, err := tensor.New(shape...)
	if err != nil {
		return nil, err
	}
	// Each input row of w·c values is contiguous in x and in y.
	row := w * c
	for b := 0; b < n; b++ {
		for i := 0; i < h; i++ {
			src := (b*h + i) * row
			dst := ((b*oh+i+top)*ow + left) * c
			copy(y.Data[dst:dst+row], x.Data[src:src+row])
		}
	}
	return y, nil
	// END SOLUTION
}
