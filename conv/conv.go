package conv

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// Config holds a convolution layer's arguments, named after Keras's. The
// zero value of every optional field means Keras's default.
type Config struct {
	// Filters is the number of output channels F. Required, > 0.
	Filters int
	// KernelSize is the window, one int for every axis or one per spatial
	// axis. Required, every entry > 0.
	KernelSize []int
	// Strides is the step between windows, one int or one per axis;
	// nil means 1. Every entry > 0.
	Strides []int
	// DilationRate spreads the kernel taps, one int or one per axis; nil
	// means 1. Every entry > 0. Strides above 1 and dilations above 1 do not
	// mix: not on one axis, not across axes.
	DilationRate []int
	// Padding is "valid" (the default, also written "") or "same", in any
	// case, as Keras lower-cases it, and for Conv1D also "causal": k_eff − 1
	// zeros before the input and none after, so that output o depends on
	// input cells up to o·s only.
	Padding string
	// Groups splits the input channels and the filters into this many
	// contiguous groups; filters of group g see only the input channels of
	// group g. 0 means 1. Filters and the input channels must both be
	// divisible by it.
	Groups int
	// DataFormat is "channels_last" (the default, also written "") or
	// "channels_first", in any case, as Keras lower-cases it. Under
	// channels_first the channels come right after the batch: N×C×H×W in,
	// N×F×H'×W' out for Conv2D. The kernel layout does not change.
	DataFormat string
	// NoBias leaves out the bias: the negation of Keras's use_bias, so that
	// the zero Config matches Keras's default use_bias=True.
	NoBias bool
	// Kernel holds the kernel in Keras's layout (k…, C/groups, F), flattened
	// row-major: kh×kw×C×F values for Conv2D without groups. It may be nil
	// and set later with SetWeights. The number of input channels C follows
	// from its length.
	Kernel []float32
	// Bias holds F values. It may be nil and set later with SetWeights; it
	// must be nil when NoBias is set.
	Bias []float32
}

// Conv is a Keras Conv1D, Conv2D or Conv3D layer. Make one with NewConv1D,
// NewConv2D or NewConv3D. A Conv is safe for concurrent use by several
// goroutines as long as none of them calls SetWeights.
type Conv struct {
	class    string
	rank     int
	filters  int
	kernel   []int // kernel_size
	strides  []int
	dilation []int
	mode     padding.Mode
	useBias  bool
	groups   int
	chFirst  bool      // data_format="channels_first"
	w, b     []float32 // Keras layout
	gw       []float32 // groups > 1: w regrouped, one (k…, C/groups, F/groups) block per group
	bw       []float32 // narrow groups: bs groups at a time as one, block-diagonal (see blockDiagonal)
	bs       int
	wc       weightCache // w repacked for the kernels, made on first need
}

// NewConv1D returns a Keras Conv1D layer for N×W×C inputs. It returns an
// error, a *padding.Error, for any argument Keras rejects:
// padding.ErrMissingArgument without a kernel size; ErrNonPositiveArgument
// for filters, kernel sizes, strides, dilations or groups ≤ 0, filters not
// divisible by groups, and a data_format other than "channels_last" or
// "channels_first"; ErrInvalidArgumentShape for a tuple of the wrong length
// or weights of the wrong size; ErrInvalidPaddingMode for a padding other
// than "valid", "same" or "causal"; ErrStrideDilationConflict for strides >
// 1 with dilations > 1.
func NewConv1D(cfg Config) (*Conv, error) { return newConv(1, cfg) }

// NewConv2D returns a Keras Conv2D layer for N×H×W×C inputs, with a kernel of
// kh×kw×C×F values. Errors are as for NewConv1D, and padding "causal" is an
// ErrInvalidPaddingMode error, as in Keras.
func NewConv2D(cfg Config) (*Conv, error) { return newConv(2, cfg) }

// NewConv3D returns a Keras Conv3D layer for N×D×H×W×C inputs, with a kernel
// of kd×kh×kw×C×F values. Errors are as for NewConv2D.
func NewConv3D(cfg Config) (*Conv, error) { return newConv(3, cfg) }

func newConv(rank int, cfg Config) (*Conv, error) {
	class := "Conv" + strconv.Itoa(rank) + "D"
	// The checks run in the order of Keras's BaseConv.__init__, so that a
	// config with several faults reports the one Keras reports.
	ks, err := padding.Tuple("conv", class, "kernel_size", cfg.KernelSize, rank, 0, false)
	if err != nil {
		return nil, err
	}
	st, err := padding.Tuple("conv", class, "strides", cfg.Strides, rank, 1, false)
	if err != nil {
		return nil, err
	}
	dl, err := padding.Tuple("conv", class, "dilation_rate", cfg.DilationRate, rank, 1, false)
	if err != nil {
		return nil, err
	}
	mode, err := parsePadding(class, rank, cfg.Padding)
	if err != nil {
		return nil, err
	}
	chFirst, err := padding.ParseDataFormat("conv", class, cfg.DataFormat)
	if err != nil {
		return nil, err
	}
	if cfg.Filters <= 0 {
		return nil, &padding.Error{Pkg: "conv", Layer: class, Arg: "filters", Value: strconv.Itoa(cfg.Filters),
			Kind: padding.ErrNonPositiveArgument, Detail: "expected a strictly positive value"}
	}
	groups, err := checkGroups(class, cfg.Groups, cfg.Filters)
	if err != nil {
		return nil, err
	}
	if err := checkSize(class, ks, cfg.Filters); err != nil {
		return nil, err
	}
	if anyAbove1(st) && anyAbove1(dl) {
		return nil, &padding.Error{Pkg: "conv", Layer: class, Arg: "strides", Value: padding.FormatInts(st),
			Kind:   padding.ErrStrideDilationConflict,
			Detail: "received strides=" + padding.FormatInts(st) + " and dilation_rate=" + padding.FormatInts(dl)}
	}
	c := &Conv{class: class, rank: rank, filters: cfg.Filters, kernel: ks, strides: st, dilation: dl,
		mode: mode, useBias: !cfg.NoBias, groups: groups, chFirst: chFirst}
	if cfg.Kernel != nil || cfg.Bias != nil {
		if err := c.SetWeights(cfg.Kernel, cfg.Bias); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// parsePadding reads the padding string as Keras's standardize_padding
// does for a convolution: lower-cased, with "causal" allowed for Conv1D only.
func parsePadding(class string, rank int, s string) (padding.Mode, error) {
	if strings.ToLower(s) == "causal" {
		if rank == 1 {
			return padding.Causal, nil
		}
		return padding.Valid, &padding.Error{Pkg: "conv", Layer: class, Arg: "padding", Value: strconv.Quote(s),
			Kind: padding.ErrInvalidPaddingMode, Detail: "must be 'valid' or 'same' ('causal' is for Conv1D only)"}
	}
	// The golden files pin ParseMode's wording for Conv1D too ("must be
	// 'valid' or 'same'"), which Keras words as "one of {'valid', 'same',
	// 'causal'}"; the kind is the same.
	return padding.ParseMode("conv", class, s, true)
}

// checkSize rejects a kernel so large that its element count per input
// channel, kernel_size × filters, would overflow the shape arithmetic
// (Keras would fail later, allocating it). padding.Tuple has already
// bounded each entry by padding.MaxArg.
func checkSize(class string, ks []int, filters int) error {
	n := filters
	for _, k := range ks {
		if n > padding.MaxArg/k {
			return &padding.Error{Pkg: "conv", Layer: class, Arg: "filters", Value: strconv.Itoa(filters),
				Kind:   padding.ErrNonPositiveArgument,
				Detail: fmt.Sprintf("kernel_size %s × filters must be at most %d", padding.FormatInts(ks), padding.MaxArg)}
		}
		n *= k
	}
	return nil
}

func anyAbove1(v []int) bool {
	for _, x := range v {
		if x > 1 {
			return true
		}
	}
	return false
}

func prod(v []int) int {
	p := 1
	for _, x := range v {
		p *= x
	}
	return p
}

// SetWeights sets the kernel, kh×kw×(C/groups)×F values for Conv2D in
// Keras's layout (k…, C/groups, F), and the bias, F values, which must be
// nil when the layer has no bias. The layer keeps copies. A nil kernel
// unsets the weights. The number of input channels C follows from the
// kernel's length. It returns a
// *padding.Error of kind padding.ErrInvalidArgumentShape if a length does
// not fit, and leaves the layer unchanged then.
func (c *Conv) SetWeights(kernel, bias []float32) error {
	per := prod(c.kernel) * c.filters
	if kernel != nil && (len(kernel) == 0 || len(kernel)%per != 0) {
		return &padding.Error{Pkg: "conv", Layer: c.class, Arg: "kernel", Value: fmt.Sprintf("%d values", len(kernel)),
			Kind:   padding.ErrInvalidArgumentShape,
			Detail: fmt.Sprintf("want %s×C×%d values (kernel_size×in_channels×filters) for some C ≥ 1", dims(c.kernel), c.filters)}
	}
	if bias != nil && !c.useBias {
		return &padding.Error{Pkg: "conv", Layer: c.class, Arg: "bias", Value: fmt.Sprintf("%d values", len(bias)),
			Kind: padding.ErrInvalidArgumentShape, Detail: "the layer has no bias (use_bias=False)"}
	}
	if bias != nil && len(bias) != c.filters {
		return &padding.Error{Pkg: "conv", Layer: c.class, Arg: "bias", Value: fmt.Sprintf("%d values", len(bias)),
			Kind: padding.ErrInvalidArgumentShape, Detail: fmt.Sprintf("want %d values, one per filter", c.filters)}
	}
	c.w = clone(kernel)
	c.b = clone(bias)
	c.gw = c.regroup()
	c.bw, c.bs = c.blockDiagonal()
	return nil
}

func clone(v []float32) []float32 {
	if v == nil {
		return nil
	}
	return append([]float32(nil), v...)
}

func dims(v []int) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, "×")
}

// Weights returns the kernel and bias the layer holds, nil where unset.
// They share memory with the layer: do not modify them.
func (c *Conv) Weights() (kernel, bias []float32) { return c.w, c.b }

// Class returns the Keras class name: "Conv1D", "Conv2D" or "Conv3D".
func (c *Conv) Class() string { return c.class }

// Rank returns the number of spatial axes: 1, 2 or 3.
func (c *Conv) Rank() int { return c.rank }

// Filters returns the number of filters F, the output channels.
func (c *Conv) Filters() int { return c.filters }

// KernelSize returns the window size, one entry per spatial axis.
func (c *Conv) KernelSize() []int { return append([]int(nil), c.kernel...) }

// Strides returns the strides, one entry per spatial axis.
func (c *Conv) Strides() []int { return append([]int(nil), c.strides...) }

// DilationRate returns the dilation rates, one entry per spatial axis.
func (c *Conv) DilationRate() []int { return append([]int(nil), c.dilation...) }

// Padding returns the padding mode.
func (c *Conv) Padding() padding.Mode { return c.mode }

// UseBias reports whether the layer adds a bias (Keras's use_bias).
func (c *Conv) UseBias() bool { return c.useBias }

// InChannels returns the number of input channels C the kernel was set
// for, groups × the kernel's C/groups, or 0 if no kernel is set.
func (c *Conv) InChannels() int {
	if c.w == nil {
		return 0
	}
	return len(c.w) / (prod(c.kernel) * c.filters) * c.groups
}

// geometry checks the input shape in and lays the convolution out on three
// axes; None axes get In and Out -1. It allocates only to report an error.
func (c *Conv) geometry(in tensor.Shape) (geom, error) {
	var g geom
	if err := padding.CheckRank("conv", c.class, in, c.rank+2, false); err != nil {
		return g, err
	}
	if err := padding.CheckShape("conv", c.class, in); err != nil {
		return g, err
	}
	ch := in[c.chAxis()]
	if ch < 0 {
		return g, &padding.Error{Pkg: "conv", Layer: c.class, Arg: "inputs", Value: "shape " + in.String(),
			Kind: padding.ErrInvalidArgumentShape, Detail: "the channel dimension of the inputs must be defined"}
	}
	if err := c.checkChannelGroups(in, ch); err != nil {
		return g, err
	}
	if c.w != nil && ch != c.InChannels() {
		return g, &padding.Error{Pkg: "conv", Layer: c.class, Arg: "inputs", Value: "shape " + in.String(),
			Kind:   padding.ErrInvalidArgumentShape,
			Detail: fmt.Sprintf("input has %d channels, the kernel was set for %d", ch, c.InChannels())}
	}
	g.N, g.C, g.F = in[0], ch, c.filters
	for a := 0; a < 3; a++ {
		g.In[a], g.K[a], g.Stride[a], g.Dilation[a], g.Out[a] = 1, 1, 1, 1, 1
	}
	off := 3 - c.rank
	for i := 0; i < c.rank; i++ {
		a := off + i
		n, k, s, d := in[c.spAxis(i)], c.kernel[i], c.strides[i], c.dilation[i]
		g.K[a], g.Stride[a], g.Dilation[a] = k, s, d
		if n < 0 {
			g.In[a], g.Out[a] = -1, -1
			continue
		}
		out, before, _ := padding.Axis(n, k, s, d, c.mode)
		if out <= 0 {
			return g, &padding.Error{Pkg: "conv", Layer: c.class, Arg: "inputs", Value: "shape " + in.String(),
				Kind: padding.ErrNonPositiveOutput,
				Detail: fmt.Sprintf("kernel_size=%s, strides=%s, dilation_rate=%s, padding=%s give %d on spatial axis %d",
					padding.FormatInts(c.kernel), padding.FormatInts(c.strides), padding.FormatInts(c.dilation), c.mode, out, i+1)}
		}
		g.In[a], g.Out[a], g.Pad[a] = n, out, before
	}
	return g, nil
}

func (c *Conv) outShape(g *geom, in tensor.Shape) tensor.Shape {
	out := make(tensor.Shape, 0, c.rank+2)
	out = append(out, in[0])
	if c.chFirst {
		out = append(out, c.filters)
		return append(out, g.Out[3-c.rank:]...)
	}
	out = append(out, g.Out[3-c.rank:]...)
	return append(out, c.filters)
}

// OutputShape returns the shape of the layer's output for an input of
// shape in, which includes the batch axis (tensor.None for unknown), for
// example (None, 10, 10, 3) → (None, 8, 8, 10) for 10 filters of 3×3 under
// 'valid'. A None axis stays None. It returns a *padding.Error of kind
// padding.ErrInputRank unless in has rank+2 dimensions,
// ErrInvalidArgumentShape for a zero dimension, an unknown channel count or
// one that does not match the kernel, and ErrNonPositiveOutput when a
// 'valid' window does not fit. Every dimension of in must be None (-1) or
// between 1 and padding.MaxArg.
func (c *Conv) OutputShape(in tensor.Shape) (tensor.Shape, error) {
	g, err := c.geometry(in)
	if err != nil {
		return nil, err
	}
	return c.outShape(&g, in), nil
}

// ParamCount returns the number of weights for an input of shape in:
// prod(kernel_size)·(C/groups)·F, plus F with a bias. A None channel count
// counts 0.
func (c *Conv) ParamCount(in tensor.Shape) int {
	ch := 0
	if len(in) == c.rank+2 && in[c.chAxis()] > 0 {
		ch = in[c.chAxis()] / c.groups
	}
	n := prod(c.kernel) * ch * c.filters
	if c.useBias {
		n += c.filters
	}
	return n
}

// prepare checks x and the weights and returns the geometry for x.
func (c *Conv) prepare(x *tensor.Tensor) (geom, error) {
	if err := padding.CheckTensor("conv", c.class, "inputs", x); err != nil {
		return geom{}, err
	}
	g, err := c.geometry(x.Shape)
	if err != nil {
		return g, err
	}
	if c.w == nil {
		return g, &padding.Error{Pkg: "conv", Layer: c.class, Arg: "kernel", Value: "None",
			Kind: padding.ErrMissingArgument, Detail: "set the weights with SetWeights or Config.Kernel before Forward"}
	}
	if c.useBias && c.b == nil {
		return g, &padding.Error{Pkg: "conv", Layer: c.class, Arg: "bias", Value: "None",
			Kind: padding.ErrMissingArgument, Detail: "set the bias with SetWeights or Config.Bias, or use NoBias"}
	}
	return g, nil
}

// Forward returns the layer's output for x, an N×…×C tensor: N×H'×W'×F for
// Conv2D. Besides the errors of OutputShape, it returns a *padding.Error of
// kind padding.ErrMissingArgument when the kernel, or the bias of a layer
// that uses one, is not set, ErrInvalidArgumentShape when x's data does
// not match its shape, and ErrTooLarge, before allocating, when the output
// would have more than tensor.MaxElements values.
func (c *Conv) Forward(x *tensor.Tensor) (*tensor.Tensor, error) {
	g, err := c.prepare(x)
	if err != nil {
		return nil, err
	}
	os := c.outShape(&g, x.Shape)
	if err := padding.CheckOutput("conv", c.class, x.Shape, os); err != nil {
		return nil, err
	}
	y, err := tensor.New(os...)
	if err != nil {
		return nil, err
	}
	c.run(y.Data, x.Data, &g, nil)
	return y, nil
}

// ForwardInto computes the layer's output for x into dst, which must have
// exactly the output shape, and allocates nothing: a grouped or channels_first layer
// allocates its scratch space on its first call with a larger shape and
// keeps it for later calls. Errors are those of Forward, plus a
// *padding.Error of kind padding.ErrInvalidArgumentShape naming "dst" when
// dst has the wrong shape or shares memory with x: the kernels read x while
// they write dst, so an output written over its own input would be computed
// from values already overwritten. Rejecting it costs nothing; making it
// correct would need a copy of x, which is the allocation ForwardInto
// exists to avoid.
func (c *Conv) ForwardInto(dst, x *tensor.Tensor) error {
	g, err := c.prepare(x)
	if err != nil {
		return err
	}
	if err := padding.CheckInto("conv", c.class, dst, x); err != nil {
		return err
	}
	if !c.fits(dst.Shape, &g) {
		return &padding.Error{Pkg: "conv", Layer: c.class, Arg: "dst", Value: "shape " + dst.Shape.String(),
			Kind: padding.ErrInvalidArgumentShape, Detail: "want the output shape " + c.outShape(&g, x.Shape).String()}
	}
	c.run(dst.Data, x.Data, &g, &scratches)
	return nil
}

func (c *Conv) bias() []float32 {
	if c.useBias {
		return c.b
	}
	return nil
}
