package mistakes

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/convlings/convlings/tensor"
)

// Rules computes every function of the lessons, Keras's way when every
// field is false, and with one wrong rule for each field set. The fields
// under "correct variants" change how a value is computed, never what.
type Rules struct {
	// Output length (padding lesson, exercise 1).
	ValidNoPlusOne    bool // 'valid': (n − k) / s, without the + 1
	ValidCeil         bool // 'valid': ceil((n − k) / s) + 1: ceil for floor
	SameIgnoresStride bool // 'same': n, whatever the stride
	SameFloor         bool // 'same': floor(n / s) for ceil
	SameKeepsKernel   bool // 'same': pads k/2 each side, then counts as 'valid'
	// Where 'same' puts its zeros (exercise 2).
	PadKHalf     bool // the post's rule: k/2 zeros on each side
	OddBefore    bool // the odd zero before (top/left), not after
	NoClamp      bool // total = (out − 1)·s + k − n, not clamped at 0
	TotalKMinus1 bool // total = k − 1, whatever the stride
	// Dilation (exercise 3).
	DilationIgnored  bool // the kernel spans k cells, not (k − 1)·d + 1
	DilationKTimesD  bool // the kernel spans k·d cells
	StrideDilationOK bool // no error for strides > 1 with dilation > 1
	// Keras's padding argument (exercise 4).
	PairsSwapped       bool // (h, w) read as (w, h)
	PairsFlatIsOneAxis bool // (a, b) read as (before, after) on both axes
	PairsDefaultZero   bool // nil means no padding, not 1 on every side
	PairsUnchecked     bool // no error for a wrong number of entries or a negative one
	// ZeroPadding (exercise 5).
	ZeroPadAxesSwapped  bool // the row pads applied to the columns and back
	ZeroPadSidesSwapped bool // (before, after) applied as (after, before)
	ZeroPadWH           bool // the input indexed as N×W×H×C
	// Convolution shapes and parameters.
	DepthIsChannels  bool // the output is as deep as the input, not filters
	ParamsNoChannels bool // kh·kw·F + F: the input's channels left out
	ParamsBiasAlways bool // the bias counted with use_bias=False too
	// Convolution values.
	FlipKernel          bool // the kernel flipped, as signal processing does
	KernelTransposed    bool // the kernel read as kw×kh
	KernelOutIn         bool // the kernel read as kh×kw×F×C: (out, in)
	ChannelsFirst       bool // x and the output read and written as N×C×H×W
	NoBias              bool // the bias left out
	BiasPerChannel      bool // the bias added once per input channel
	FirstChannelOnly    bool // only input channel 0 summed
	StrideNotInWindow   bool // window (i, j) starts at (i, j), not (i·s, j·s)
	RowStrideBothAxes   bool // strides[0] used for the columns too
	ConvCaseExact       bool // "SAME" rejected: convolutions lower-case padding
	Conv1DChannelsFirst bool // Conv1D's x read as N×C×W
	// Pooling.
	PoolStridesOne     bool // strides default to 1, not to pool_size
	PoolLowerCases     bool // "SAME" accepted: pooling compares padding exactly
	MaxStartsAtZero    bool // the running maximum starts at 0, not −∞
	PaddedZerosCount   bool // max pooling reads the 'same' zeros as values
	PoolAcrossChannels bool // one window over every channel, not per channel
	CountIncludePad    bool // the 'same' average divides by ph·pw, zeros included
	AvgDividesByStride bool // the average divides by sh·sw
	AvgSumOnly         bool // the sum of the window, never divided
	KeepdimsIgnored    bool // global pooling's keepdims ignored
	GlobalOverBatch    bool // global pooling over every image of the batch at once
	// Lesson 4.
	DenseFlattens         bool // Dense on N×…×in flattens first: (N, units)
	NamesNoSuffix         bool // the second conv2d is conv2d again
	NamesNoUnderscore     bool // MaxPooling2D is maxpooling2d
	NamesFromOne          bool // the first conv2d is conv2d_1
	ShapeAsList           bool // the summary prints [None, 8, 8, 10]
	FlattenChannelsFirst  bool // Flatten in N×C×H×W order
	DenseKernelTransposed bool // the Dense kernel read as units×in
	DenseBiasPerRow       bool // bias[r] added to row r, not bias[u] to unit u

	// Correct variants: they must pass every case.
	SumFloat64   bool // sums in float64, rounded once
	ReverseOrder bool // sums from the last tap and channel to the first
	PadThenValid bool // 'same' as zero padding, then 'valid'
	Im2col       bool // convolution as patches × kernel matrix
	Reciprocal   bool // averages as sum · (1/count)
}

// None is Keras's unknown size in a shape.
const None = -1

// Layer is lesson 4's layer description (the same fields as its Layer).
type Layer = struct {
	Class   string
	Units   int
	Size    [2]int
	Strides []int
	Padding string
	Pads    [2][2]int
	NoBias  bool
	Kernel  *tensor.Tensor
	Bias    []float32
}

// Row is lesson 4's summary row.
type Row = struct {
	Layer       string
	OutputShape string
	Params      int
}

var errBad = errors.New("mistakes: bad input")

func bad(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errBad}, args...)...)
}

// padding returns the normalised padding, or an error.
func (r *Rules) padding(p string, pool bool) (string, error) {
	q := p
	if (!pool && !r.ConvCaseExact) || (pool && r.PoolLowerCases) {
		q = strings.ToLower(p)
	}
	if q != "valid" && q != "same" {
		return "", bad("padding %q", p)
	}
	return q, nil
}

// axis is the output length and the zeros before and after one axis.
func (r *Rules) axis(n, k, s, d int, padding string, pool bool) (out, before, after int, err error) {
	if n <= 0 || k <= 0 || s <= 0 || d <= 0 {
		return 0, 0, 0, bad("n=%d k=%d s=%d d=%d", n, k, s, d)
	}
	p, err := r.padding(padding, pool)
	if err != nil {
		return 0, 0, 0, err
	}
	kEff := (k-1)*d + 1
	switch {
	case r.DilationIgnored:
		kEff = k
	case r.DilationKTimesD:
		kEff = k * d
	}
	if p == "valid" {
		if n < kEff {
			return 0, 0, 0, bad("window %d does not fit in %d", kEff, n)
		}
		switch {
		case r.ValidNoPlusOne:
			out = (n - kEff) / s
		case r.ValidCeil:
			out = (n-kEff+s-1)/s + 1
		default:
			out = (n-kEff)/s + 1
		}
		return out, 0, 0, nil
	}
	switch {
	case r.SameIgnoresStride:
		out = n
	case r.SameFloor:
		out = n / s
	case r.SameKeepsKernel:
		out = (n+2*(kEff/2)-kEff)/s + 1
	default:
		out = (n + s - 1) / s
	}
	total := (out-1)*s + kEff - n
	if r.TotalKMinus1 {
		total = kEff - 1
	}
	if !r.NoClamp {
		total = max(0, total)
	}
	before, after = total/2, total-total/2
	switch {
	case r.PadKHalf:
		before, after = kEff/2, kEff/2
	case r.OddBefore:
		before, after = after, before
	}
	return out, before, after, nil
}

// OutputLength is lesson 1, exercise 1.
func (r *Rules) OutputLength(n, k, stride int, padding string) (int, error) {
	out, _, _, err := r.axis(n, k, stride, 1, padding, false)
	return out, err
}

// SamePadding is lesson 1, exercise 2.
func (r *Rules) SamePadding(n, k, stride int) (int, int, error) {
	_, b, a, err := r.axis(n, k, stride, 1, "same", false)
	return b, a, err
}

// DilatedAxis is lesson 1, exercise 3.
func (r *Rules) DilatedAxis(n, k, stride, dilation int, padding string) (int, int, int, error) {
	if stride > 1 && dilation > 1 && !r.StrideDilationOK {
		return 0, 0, 0, bad("stride %d with dilation %d", stride, dilation)
	}
	return r.axis(n, k, stride, dilation, padding, false)
}

// PaddingPairs is lesson 1, exercise 4.
func (r *Rules) PaddingPairs(padding any, rank int) ([][2]int, error) {
	if rank != 1 && rank != 2 {
		return nil, bad("rank %d", rank)
	}
	check := func(p [][2]int) ([][2]int, error) {
		for _, pr := range p {
			if (pr[0] < 0 || pr[1] < 0) && !r.PairsUnchecked {
				return nil, bad("negative padding %v", p)
			}
		}
		return p, nil
	}
	pair := func(v any) ([2]int, bool) {
		switch x := v.(type) {
		case int:
			return [2]int{x, x}, true
		case []int:
			if len(x) == 2 || (r.PairsUnchecked && len(x) > 2) {
				return [2]int{x[0], x[1]}, true
			}
		}
		return [2]int{}, false
	}
	switch x := padding.(type) {
	case nil:
		if r.PairsDefaultZero {
			return make([][2]int, rank), nil
		}
		out := make([][2]int, rank)
		for i := range out {
			out[i] = [2]int{1, 1}
		}
		return out, nil
	case int:
		out := make([][2]int, rank)
		for i := range out {
			out[i] = [2]int{x, x}
		}
		return check(out)
	case []int:
		if rank == 1 {
			if len(x) != 2 && !(r.PairsUnchecked && len(x) > 2) {
				return nil, bad("padding %v", x)
			}
			return check([][2]int{{x[0], x[1]}})
		}
		if len(x) != 2 && !(r.PairsUnchecked && len(x) > 2) {
			return nil, bad("padding %v", x)
		}
		switch {
		case r.PairsFlatIsOneAxis:
			return check([][2]int{{x[0], x[1]}, {x[0], x[1]}})
		case r.PairsSwapped:
			return check([][2]int{{x[1], x[1]}, {x[0], x[0]}})
		}
		return check([][2]int{{x[0], x[0]}, {x[1], x[1]}})
	case []any:
		if rank == 1 || (len(x) != 2 && !(r.PairsUnchecked && len(x) > 2)) {
			return nil, bad("padding %v", x)
		}
		out := make([][2]int, 2)
		for i := range out {
			p, ok := pair(x[i])
			if !ok {
				return nil, bad("padding %v", x)
			}
			out[i] = p
		}
		if r.PairsSwapped {
			out[0], out[1] = out[1], out[0]
		}
		return check(out)
	}
	return nil, bad("padding %v", padding)
}

// checkTensor rejects a nil tensor and one whose data does not fill its shape.
func checkTensor(x *tensor.Tensor) error {
	if x == nil || x.Shape.Size() == 0 || len(x.Data) != x.Shape.Size() {
		return bad("tensor")
	}
	return nil
}

// ZeroPadding is lesson 1, exercise 5.
func (r *Rules) ZeroPadding(x *tensor.Tensor, pads [][2]int) (*tensor.Tensor, error) {
	if err := checkTensor(x); err != nil {
		return nil, err
	}
	if len(pads) != x.Rank()-2 || (len(pads) != 1 && len(pads) != 2) {
		return nil, bad("pads %v for %v", pads, x.Shape)
	}
	for _, p := range pads {
		if p[0] < 0 || p[1] < 0 {
			return nil, bad("negative pads %v", pads)
		}
	}
	if len(pads) == 1 {
		p := pads[0]
		if r.ZeroPadSidesSwapped {
			p[0], p[1] = p[1], p[0]
		}
		x4 := &tensor.Tensor{Shape: tensor.Shape{x.Shape[0], 1, x.Shape[1], x.Shape[2]}, Data: x.Data}
		y := zeroPad2D(x4, [2][2]int{{0, 0}, p}, false)
		y.Shape = tensor.Shape{y.Shape[0], y.Shape[2], y.Shape[3]}
		return y, nil
	}
	p := [2][2]int{pads[0], pads[1]}
	if r.ZeroPadAxesSwapped {
		p[0], p[1] = p[1], p[0]
	}
	if r.ZeroPadSidesSwapped {
		p[0][0], p[0][1] = p[0][1], p[0][0]
		p[1][0], p[1][1] = p[1][1], p[1][0]
	}
	return zeroPad2D(x, p, r.ZeroPadWH), nil
}

// zeroPad2D pads the two spatial axes of x; wh reads and writes x as
// N×W×H×C (the same data, the axes swapped in the index).
func zeroPad2D(x *tensor.Tensor, p [2][2]int, wh bool) *tensor.Tensor {
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	oh, ow := p[0][0]+h+p[0][1], p[1][0]+w+p[1][1]
	y := &tensor.Tensor{Shape: tensor.Shape{n, oh, ow, c}, Data: make([]float32, n*oh*ow*c)}
	for b := 0; b < n; b++ {
		for i := 0; i < h; i++ {
			for j := 0; j < w; j++ {
				for ch := 0; ch < c; ch++ {
					src := ((b*h+i)*w + j) * c
					dst := ((b*oh+i+p[0][0])*ow + j + p[1][0]) * c
					if wh {
						src = ((b*w+j)*h + i) * c
						dst = ((b*ow+j+p[1][0])*oh + i + p[0][0]) * c
					}
					y.Data[dst+ch] = x.Data[src+ch]
				}
			}
		}
	}
	return y
}

// ConvOutputShape is lesson 2, exercise 1.
func (r *Rules) ConvOutputShape(in [3]int, filters int, kernel, strides [2]int, padding string) ([3]int, error) {
	if filters <= 0 || in[2] <= 0 {
		return [3]int{}, bad("filters %d, input %v", filters, in)
	}
	out := [3]int{0, 0, filters}
	if r.DepthIsChannels {
		out[2] = in[2]
	}
	if r.RowStrideBothAxes {
		strides[1] = strides[0]
	}
	for a := range 2 {
		o, _, _, err := r.axis(in[a], kernel[a], strides[a], 1, padding, false)
		if err != nil {
			return [3]int{}, err
		}
		out[a] = o
	}
	return out, nil
}

// ConvParams is lesson 2, exercise 2.
func (r *Rules) ConvParams(kernel [2]int, inChannels, filters int, useBias bool) (int, error) {
	if kernel[0] <= 0 || kernel[1] <= 0 || inChannels <= 0 || filters <= 0 {
		return 0, bad("kernel %v, %d channels, %d filters", kernel, inChannels, filters)
	}
	n := kernel[0] * kernel[1] * inChannels * filters
	if r.ParamsNoChannels {
		n = kernel[0] * kernel[1] * filters
	}
	if useBias || r.ParamsBiasAlways {
		n += filters
	}
	return n, nil
}

// Conv2D is lesson 2, exercise 3.
func (r *Rules) Conv2D(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
	return r.conv(x, kernel, bias, [2]int{1, 1}, [2]int{1, 1}, "valid")
}

// Conv2DStrided is lesson 2, exercise 4.
func (r *Rules) Conv2DStrided(x, kernel *tensor.Tensor, bias []float32, strides [2]int, padding string) (*tensor.Tensor, error) {
	return r.conv(x, kernel, bias, strides, [2]int{1, 1}, padding)
}

// Conv2DDilated is lesson 2, exercise 5.
func (r *Rules) Conv2DDilated(x, kernel *tensor.Tensor, bias []float32, strides, dilation [2]int, padding string) (*tensor.Tensor, error) {
	return r.conv(x, kernel, bias, strides, dilation, padding)
}

// Conv1D is lesson 2, exercise 6.
func (r *Rules) Conv1D(x, kernel *tensor.Tensor, bias []float32, stride, dilation int, padding string) (*tensor.Tensor, error) {
	if checkTensor(x) != nil || checkTensor(kernel) != nil || x.Rank() != 3 || kernel.Rank() != 3 {
		return nil, bad("Conv1D shapes")
	}
	xd := x.Data
	if r.Conv1DChannelsFirst || r.ChannelsFirst {
		xd = fromChannelsFirst(x.Data, x.Shape[0], 1, x.Shape[1], x.Shape[2])
	}
	x2 := &tensor.Tensor{Shape: tensor.Shape{x.Shape[0], 1, x.Shape[1], x.Shape[2]}, Data: xd}
	k2 := &tensor.Tensor{Shape: tensor.Shape{1, kernel.Shape[0], kernel.Shape[1], kernel.Shape[2]}, Data: kernel.Data}
	rr := *r
	rr.ChannelsFirst = false
	y, err := rr.conv(x2, k2, bias, [2]int{1, stride}, [2]int{1, dilation}, padding)
	if err != nil {
		return nil, err
	}
	if r.Conv1DChannelsFirst || r.ChannelsFirst {
		y.Data = toChannelsFirst(y.Data, y.Shape[0], 1, y.Shape[2], y.Shape[3])
	}
	y.Shape = tensor.Shape{y.Shape[0], y.Shape[2], y.Shape[3]}
	return y, nil
}

// fromChannelsFirst returns the channels-last data that reading NHWC data
// as NCHW sees: out[n,h,w,c] = in[((n·C+c)·H+h)·W+w].
func fromChannelsFirst(d []float32, n, h, w, c int) []float32 {
	out := make([]float32, len(d))
	for b := 0; b < n; b++ {
		for i := 0; i < h; i++ {
			for j := 0; j < w; j++ {
				for ch := 0; ch < c; ch++ {
					out[((b*h+i)*w+j)*c+ch] = d[((b*c+ch)*h+i)*w+j]
				}
			}
		}
	}
	return out
}

// toChannelsFirst writes channels-last values at their NCHW offsets.
func toChannelsFirst(d []float32, n, h, w, c int) []float32 {
	out := make([]float32, len(d))
	for b := 0; b < n; b++ {
		for i := 0; i < h; i++ {
			for j := 0; j < w; j++ {
				for ch := 0; ch < c; ch++ {
					out[((b*c+ch)*h+i)*w+j] = d[((b*h+i)*w+j)*c+ch]
				}
			}
		}
	}
	return out
}

// conv is the full Conv2D with every switch.
func (r *Rules) conv(x, kernel *tensor.Tensor, bias []float32, strides, dil [2]int, padding string) (*tensor.Tensor, error) {
	if checkTensor(x) != nil || checkTensor(kernel) != nil || x.Rank() != 4 || kernel.Rank() != 4 {
		return nil, bad("Conv2D shapes")
	}
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	kh, kw, kc, f := kernel.Shape[0], kernel.Shape[1], kernel.Shape[2], kernel.Shape[3]
	if kc != c || (bias != nil && len(bias) != f) {
		return nil, bad("kernel or bias does not match")
	}
	if (strides[0] > 1 || strides[1] > 1) && (dil[0] > 1 || dil[1] > 1) && !r.StrideDilationOK {
		return nil, bad("strides with dilation")
	}
	if r.RowStrideBothAxes {
		strides[1] = strides[0]
	}
	oh, top, bottom, err := r.axis(h, kh, strides[0], dil[0], padding, false)
	if err != nil {
		return nil, err
	}
	ow, left, right, err := r.axis(w, kw, strides[1], dil[1], padding, false)
	if err != nil {
		return nil, err
	}
	xd := x.Data
	if r.ChannelsFirst {
		xd = fromChannelsFirst(x.Data, n, h, w, c)
	}
	if r.PadThenValid && (top|bottom|left|right) != 0 {
		p := zeroPad2D(&tensor.Tensor{Shape: x.Shape, Data: xd}, [2][2]int{{top, bottom}, {left, right}}, false)
		xd, h, w, top, left = p.Data, p.Shape[1], p.Shape[2], 0, 0
	}
	at := func(b, row, col, ch int) float32 {
		if row < 0 || row >= h || col < 0 || col >= w {
			return 0
		}
		return xd[((b*h+row)*w+col)*c+ch]
	}
	weight := func(a, bb, ch, ff int) float32 {
		if r.FlipKernel {
			a, bb = kh-1-a, kw-1-bb
		}
		switch {
		case r.KernelTransposed:
			// kh×kw laid out as kw×kh: tap (a, bb) is read at flat (bb·kh + a).
			return kernel.Data[((bb*kh+a)*c+ch)*f+ff]
		case r.KernelOutIn:
			return kernel.Data[((a*kw+bb)*f+ff)*c+ch]
		}
		return kernel.Data[((a*kw+bb)*c+ch)*f+ff]
	}
	y, err := tensor.New(n, oh, ow, f)
	if err != nil {
		return nil, err
	}
	var cols []float32
	if r.Im2col {
		cols = make([]float32, kh*kw*c)
	}
	for b := 0; b < n; b++ {
		for i := 0; i < oh; i++ {
			for j := 0; j < ow; j++ {
				r0, c0 := i*strides[0]-top, j*strides[1]-left
				if r.StrideNotInWindow {
					r0, c0 = i-top, j-left
				}
				if r.Im2col {
					for a := 0; a < kh; a++ {
						for bb := 0; bb < kw; bb++ {
							for ch := 0; ch < c; ch++ {
								cols[(a*kw+bb)*c+ch] = at(b, r0+a*dil[0], c0+bb*dil[1], ch)
							}
						}
					}
				}
				for ff := 0; ff < f; ff++ {
					var acc32 float32
					var acc64 float64
					add := func(v float32) {
						if r.SumFloat64 {
							acc64 += float64(v)
						} else {
							acc32 += v
						}
					}
					for t := 0; t < kh*kw*c; t++ {
						tt := t
						if r.ReverseOrder {
							tt = kh*kw*c - 1 - t
						}
						a, bb, ch := tt/(kw*c), tt/c%kw, tt%c
						if r.FirstChannelOnly && ch != 0 {
							continue
						}
						var v float32
						if r.Im2col {
							v = cols[tt]
						} else {
							v = at(b, r0+a*dil[0], c0+bb*dil[1], ch)
						}
						add(v * weight(a, bb, ch, ff))
						if r.BiasPerChannel && bias != nil && a == 0 && bb == 0 {
							add(bias[ff])
						}
					}
					if bias != nil && !r.NoBias && !r.BiasPerChannel {
						add(bias[ff])
					}
					v := acc32
					if r.SumFloat64 {
						v = float32(acc64)
					}
					y.Data[((b*oh+i)*ow+j)*f+ff] = v
				}
			}
		}
	}
	if r.ChannelsFirst {
		y.Data = toChannelsFirst(y.Data, n, oh, ow, f)
	}
	return y, nil
}

// poolGeom is the windows of a pooling: output size, zeros before, strides.
func (r *Rules) poolGeom(in [3]int, ps [2]int, strides []int, padding string) (out, before, after, s [2]int, err error) {
	switch len(strides) {
	case 0:
		s = ps
		if r.PoolStridesOne {
			s = [2]int{1, 1}
		}
	case 2:
		s = [2]int{strides[0], strides[1]}
	default:
		return out, before, after, s, bad("strides %v", strides)
	}
	if in[2] <= 0 {
		return out, before, after, s, bad("input %v", in)
	}
	for a := range 2 {
		o, b, af, err := r.axis(in[a], ps[a], s[a], 1, padding, true)
		if err != nil {
			return out, before, after, s, err
		}
		out[a], before[a], after[a] = o, b, af
	}
	return out, before, after, s, nil
}

// PoolOutputShape is lesson 3, exercise 1.
func (r *Rules) PoolOutputShape(in [3]int, poolSize [2]int, strides []int, padding string) ([3]int, error) {
	out, _, _, _, err := r.poolGeom(in, poolSize, strides, padding)
	if err != nil {
		return [3]int{}, err
	}
	return [3]int{out[0], out[1], in[2]}, nil
}

// MaxPooling2D is lesson 3, exercise 2.
func (r *Rules) MaxPooling2D(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error) {
	return r.pool(x, poolSize, strides, padding, false)
}

// AveragePooling2D is lesson 3, exercises 3 and 4.
func (r *Rules) AveragePooling2D(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error) {
	return r.pool(x, poolSize, strides, padding, true)
}

func (r *Rules) pool(x *tensor.Tensor, ps [2]int, strides []int, padding string, avg bool) (*tensor.Tensor, error) {
	if checkTensor(x) != nil || x.Rank() != 4 {
		return nil, bad("pooling input")
	}
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	out, before, _, s, err := r.poolGeom([3]int{h, w, c}, ps, strides, padding)
	if err != nil {
		return nil, err
	}
	xd := x.Data
	if r.ChannelsFirst {
		xd = fromChannelsFirst(x.Data, n, h, w, c)
	}
	oh, ow := out[0], out[1]
	y, err := tensor.New(n, oh, ow, c)
	if err != nil {
		return nil, err
	}
	for b := 0; b < n; b++ {
		for i := 0; i < oh; i++ {
			for j := 0; j < ow; j++ {
				for ch := 0; ch < c; ch++ {
					best := float32(math.Inf(-1))
					if r.MaxStartsAtZero {
						best = 0
					}
					var sum32 float32
					var sum64 float64
					count, padded := 0, 0
					for a := 0; a < ps[0]; a++ {
						for bb := 0; bb < ps[1]; bb++ {
							aa, bbb := a, bb
							if r.ReverseOrder {
								aa, bbb = ps[0]-1-a, ps[1]-1-bb
							}
							row, col := i*s[0]-before[0]+aa, j*s[1]-before[1]+bbb
							if row < 0 || row >= h || col < 0 || col >= w {
								padded++
								continue
							}
							chans := []int{ch}
							if r.PoolAcrossChannels {
								chans = chans[:0]
								for k := 0; k < c; k++ {
									chans = append(chans, k)
								}
							}
							for _, k := range chans {
								v := xd[((b*h+row)*w+col)*c+k]
								best = max(best, v)
								sum32 += v
								sum64 += float64(v)
								count++
							}
						}
					}
					if padded > 0 && r.PaddedZerosCount {
						best = max(best, 0)
					}
					v := best
					if avg {
						div := float32(count)
						switch {
						case r.CountIncludePad:
							div = float32(count + padded)
						case r.AvgDividesByStride:
							div = float32(s[0] * s[1])
						case r.AvgSumOnly:
							div = 1
						}
						switch {
						case r.SumFloat64:
							v = float32(sum64 / float64(div))
						case r.Reciprocal:
							v = sum32 * (1 / div)
						default:
							v = sum32 / div
						}
					}
					y.Data[((b*oh+i)*ow+j)*c+ch] = v
				}
			}
		}
	}
	if r.ChannelsFirst {
		y.Data = toChannelsFirst(y.Data, n, oh, ow, c)
	}
	return y, nil
}

// GlobalMaxPooling2D is lesson 3, exercise 5.
func (r *Rules) GlobalMaxPooling2D(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error) {
	return r.global(x, keepdims, false)
}

// GlobalAveragePooling2D is lesson 3, exercise 5.
func (r *Rules) GlobalAveragePooling2D(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error) {
	return r.global(x, keepdims, true)
}

func (r *Rules) global(x *tensor.Tensor, keepdims, avg bool) (*tensor.Tensor, error) {
	if checkTensor(x) != nil || x.Rank() != 4 {
		return nil, bad("global pooling input")
	}
	n, hw, c := x.Shape[0], x.Shape[1]*x.Shape[2], x.Shape[3]
	shape := []int{n, c}
	if keepdims && !r.KeepdimsIgnored {
		shape = []int{n, 1, 1, c}
	}
	y, err := tensor.New(shape...)
	if err != nil {
		return nil, err
	}
	for b := 0; b < n; b++ {
		for ch := 0; ch < c; ch++ {
			best := float32(math.Inf(-1))
			if r.MaxStartsAtZero {
				best = 0
			}
			var sum float64
			images, count := []int{b}, hw
			if r.GlobalOverBatch {
				images, count = images[:0], hw*n
				for k := 0; k < n; k++ {
					images = append(images, k)
				}
			}
			for _, img := range images {
				for p := 0; p < hw; p++ {
					v := x.Data[(img*hw+p)*c+ch]
					best = max(best, v)
					sum += float64(v)
				}
			}
			if avg {
				best = float32(sum / float64(count))
			}
			y.Data[b*c+ch] = best
		}
	}
	return y, nil
}

// OutputShape is lesson 4, exercise 1.
func (r *Rules) OutputShape(in []int, l Layer) ([]int, error) {
	if len(in) == 0 {
		return nil, bad("empty shape")
	}
	for _, d := range in[1:] {
		if d <= 0 {
			return nil, bad("shape %v", in)
		}
	}
	rank4 := len(in) == 4
	switch l.Class {
	case "Conv2D":
		if !rank4 || l.Units <= 0 {
			return nil, bad("Conv2D on %v", in)
		}
		s := [2]int{1, 1}
		if len(l.Strides) == 2 {
			s = [2]int{l.Strides[0], l.Strides[1]}
		} else if len(l.Strides) != 0 {
			return nil, bad("strides")
		}
		o, err := r.ConvOutputShape([3]int{in[1], in[2], in[3]}, l.Units, l.Size, s, l.Padding)
		if err != nil {
			return nil, err
		}
		return []int{in[0], o[0], o[1], o[2]}, nil
	case "MaxPooling2D", "AveragePooling2D":
		if !rank4 {
			return nil, bad("pooling on %v", in)
		}
		size := l.Size
		if size == [2]int{} {
			if l.Class == "AveragePooling2D" {
				return nil, bad("AveragePooling2D needs a pool size")
			}
			size = [2]int{2, 2}
		}
		p := l.Padding
		if p == "" {
			p = "valid"
		}
		o, err := r.PoolOutputShape([3]int{in[1], in[2], in[3]}, size, l.Strides, p)
		if err != nil {
			return nil, err
		}
		return []int{in[0], o[0], o[1], o[2]}, nil
	case "ZeroPadding2D":
		p := l.Pads
		if !rank4 || p[0][0] < 0 || p[0][1] < 0 || p[1][0] < 0 || p[1][1] < 0 {
			return nil, bad("ZeroPadding2D")
		}
		return []int{in[0], p[0][0] + in[1] + p[0][1], p[1][0] + in[2] + p[1][1], in[3]}, nil
	case "GlobalMaxPooling2D", "GlobalAveragePooling2D":
		if !rank4 {
			return nil, bad("global pooling on %v", in)
		}
		return []int{in[0], in[3]}, nil
	case "Flatten":
		size := 1
		for _, d := range in[1:] {
			size *= d
		}
		return []int{in[0], size}, nil
	case "Dense":
		if len(in) < 2 || l.Units <= 0 {
			return nil, bad("Dense on %v", in)
		}
		if r.DenseFlattens {
			return []int{in[0], l.Units}, nil
		}
		out := append([]int(nil), in...)
		out[len(out)-1] = l.Units
		return out, nil
	}
	return nil, bad("class %q", l.Class)
}

// ParamCount is lesson 4, exercise 2.
func (r *Rules) ParamCount(in []int, l Layer) (int, error) {
	if _, err := r.OutputShape(in, l); err != nil {
		return 0, err
	}
	switch l.Class {
	case "Conv2D":
		return r.ConvParams(l.Size, in[len(in)-1], l.Units, !l.NoBias)
	case "Dense":
		inputs := in[len(in)-1]
		if r.DenseFlattens {
			inputs = 1
			for _, d := range in[1:] {
				inputs *= d
			}
		}
		n := inputs * l.Units
		if !l.NoBias || r.ParamsBiasAlways {
			n += l.Units
		}
		return n, nil
	}
	return 0, nil
}

// Summary is lesson 4, exercise 3.
func (r *Rules) Summary(input []int, layers []Layer) ([]Row, int, error) {
	shape := append([]int{None}, input...)
	seen := map[string]int{}
	var rows []Row
	total := 0
	for _, l := range layers {
		out, err := r.OutputShape(shape, l)
		if err != nil {
			return nil, 0, err
		}
		params, err := r.ParamCount(shape, l)
		if err != nil {
			return nil, 0, err
		}
		base := snakeCase(l.Class, !r.NamesNoUnderscore)
		name := base
		k := seen[base]
		switch {
		case r.NamesNoSuffix:
		case r.NamesFromOne:
			name += "_" + strconv.Itoa(k+1)
		case k > 0:
			name += "_" + strconv.Itoa(k)
		}
		seen[base]++
		rows = append(rows, Row{Layer: name + " (" + l.Class + ")", OutputShape: r.formatShape(out), Params: params})
		total += params
		shape = out
	}
	return rows, total, nil
}

func (r *Rules) formatShape(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		if d < 0 {
			parts[i] = "None"
		} else {
			parts[i] = strconv.Itoa(d)
		}
	}
	if r.ShapeAsList {
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// snakeCase is Keras's default layer name for a class; underscores false
// leaves them out (maxpooling2d).
func snakeCase(class string, underscores bool) string {
	var b strings.Builder
	rs := []rune(class)
	for i, c := range rs {
		if underscores && i > 0 && unicode.IsUpper(c) && unicode.IsLower(rs[i-1]) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// Flatten is lesson 4, exercise 4.
func (r *Rules) Flatten(x *tensor.Tensor) (*tensor.Tensor, error) {
	if err := checkTensor(x); err != nil {
		return nil, err
	}
	size := len(x.Data) / x.Shape[0]
	d := append([]float32(nil), x.Data...)
	if r.FlattenChannelsFirst && x.Rank() == 4 {
		d = toChannelsFirst(x.Data, x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3])
	}
	return &tensor.Tensor{Shape: tensor.Shape{x.Shape[0], size}, Data: d}, nil
}

// Dense is lesson 4, exercise 4.
func (r *Rules) Dense(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
	if checkTensor(x) != nil || checkTensor(kernel) != nil || x.Rank() < 2 || kernel.Rank() != 2 {
		return nil, bad("Dense shapes")
	}
	in, units := kernel.Shape[0], kernel.Shape[1]
	if x.Shape[x.Rank()-1] != in || (bias != nil && len(bias) != units) {
		return nil, bad("Dense kernel or bias")
	}
	shape := append([]int(nil), x.Shape...)
	shape[len(shape)-1] = units
	y, err := tensor.New(shape...)
	if err != nil {
		return nil, err
	}
	rows := len(x.Data) / in
	for row := 0; row < rows; row++ {
		for u := 0; u < units; u++ {
			var acc float32
			for i := 0; i < in; i++ {
				w := kernel.Data[i*units+u]
				if r.DenseKernelTransposed {
					// in×units read as units×in: weight (i, u) at flat u·in + i.
					w = kernel.Data[u*in+i]
				}
				acc += x.Data[row*in+i] * w
			}
			if bias != nil && !r.NoBias {
				if r.DenseBiasPerRow {
					acc += bias[row%units]
				} else {
					acc += bias[u]
				}
			}
			y.Data[row*units+u] = acc
		}
	}
	return y, nil
}

// Forward is lesson 4, exercise 5: each layer by the rules above.
func (r *Rules) Forward(x *tensor.Tensor, layers []Layer) (*tensor.Tensor, error) {
	for _, l := range layers {
		if err := checkTensor(x); err != nil {
			return nil, err
		}
		if _, err := r.OutputShape(x.Shape, l); err != nil {
			return nil, err
		}
		var err error
		switch l.Class {
		case "Conv2D":
			if l.Kernel == nil || (l.NoBias != (l.Bias == nil)) {
				return nil, bad("Conv2D weights")
			}
			if l.Kernel.Rank() != 4 || l.Kernel.Shape[0] != l.Size[0] || l.Kernel.Shape[1] != l.Size[1] || l.Kernel.Shape[3] != l.Units {
				return nil, bad("Conv2D kernel")
			}
			s := [2]int{1, 1}
			if len(l.Strides) == 2 {
				s = [2]int{l.Strides[0], l.Strides[1]}
			}
			x, err = r.conv(x, l.Kernel, l.Bias, s, [2]int{1, 1}, l.Padding)
		case "MaxPooling2D", "AveragePooling2D":
			size := l.Size
			if size == [2]int{} {
				size = [2]int{2, 2}
			}
			p := l.Padding
			if p == "" {
				p = "valid"
			}
			x, err = r.pool(x, size, l.Strides, p, l.Class == "AveragePooling2D")
		case "ZeroPadding2D":
			x = zeroPad2D(x, l.Pads, false)
		case "GlobalMaxPooling2D", "GlobalAveragePooling2D":
			x, err = r.global(x, false, l.Class == "GlobalAveragePooling2D")
		case "Flatten":
			x, err = r.Flatten(x)
		case "Dense":
			if l.Kernel == nil || (l.NoBias != (l.Bias == nil)) {
				return nil, bad("Dense weights")
			}
			if r.DenseFlattens && x.Rank() > 2 {
				x, err = r.Flatten(x)
				if err != nil {
					return nil, err
				}
			}
			x, err = r.Dense(x, l.Kernel, l.Bias)
		}
		if err != nil {
			return nil, err
		}
	}
	return x, nil
}
