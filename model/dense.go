package model

import (
	"fmt"
	"strconv"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// DenseConfig holds a Dense layer's arguments, named after Keras's. The zero
// value of every optional field means Keras's default.
type DenseConfig struct {
	// Units is the number of outputs U. Required, > 0.
	Units int
	// NoBias leaves out the bias: the negation of Keras's use_bias.
	NoBias bool
	// Kernel holds in×U values, row-major in Keras's layout (in, units). It
	// may be nil and set later with SetWeights; the input size follows from
	// its length.
	Kernel []float32
	// Bias holds U values, or nil (set later, or none with NoBias).
	Bias []float32
}

// Dense is the Keras Dense layer without activation: y = x·kernel + bias
// along the last axis, so N×in → N×U, and N×…×in → N×…×U. Make one with
// NewDense.
type Dense struct {
	units   int
	useBias bool
	w, b    []float32
}

// NewDense returns a Keras Dense layer. It returns a *padding.Error of kind
// padding.ErrNonPositiveArgument when Units ≤ 0 or above padding.MaxArg, and
// ErrInvalidArgumentShape when a weight has the wrong length.
func NewDense(cfg DenseConfig) (*Dense, error) {
	if cfg.Units <= 0 {
		return nil, &padding.Error{Pkg: "model", Layer: "Dense", Arg: "units", Value: strconv.Itoa(cfg.Units),
			Kind: padding.ErrNonPositiveArgument, Detail: "expected a positive integer"}
	}
	if cfg.Units > padding.MaxArg {
		return nil, &padding.Error{Pkg: "model", Layer: "Dense", Arg: "units", Value: strconv.Itoa(cfg.Units),
			Kind: padding.ErrNonPositiveArgument, Detail: fmt.Sprintf("must be at most %d", padding.MaxArg)}
	}
	d := &Dense{units: cfg.Units, useBias: !cfg.NoBias}
	if cfg.Kernel != nil || cfg.Bias != nil {
		if err := d.SetWeights(cfg.Kernel, cfg.Bias); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// SetWeights sets the kernel, in×U values in Keras's layout (in, units),
// and the bias, U values, which must be nil when the layer has no bias. The
// layer keeps copies; a nil kernel unsets the weights. It returns a
// *padding.Error of kind padding.ErrInvalidArgumentShape if a length does
// not fit, and leaves the layer unchanged then.
func (d *Dense) SetWeights(kernel, bias []float32) error {
	if kernel != nil && (len(kernel) == 0 || len(kernel)%d.units != 0) {
		return &padding.Error{Pkg: "model", Layer: "Dense", Arg: "kernel", Value: fmt.Sprintf("%d values", len(kernel)),
			Kind: padding.ErrInvalidArgumentShape, Detail: fmt.Sprintf("want in×%d values for some in ≥ 1", d.units)}
	}
	if bias != nil && !d.useBias {
		return &padding.Error{Pkg: "model", Layer: "Dense", Arg: "bias", Value: fmt.Sprintf("%d values", len(bias)),
			Kind: padding.ErrInvalidArgumentShape, Detail: "the layer has no bias (use_bias=False)"}
	}
	if bias != nil && len(bias) != d.units {
		return &padding.Error{Pkg: "model", Layer: "Dense", Arg: "bias", Value: fmt.Sprintf("%d values", len(bias)),
			Kind: padding.ErrInvalidArgumentShape, Detail: fmt.Sprintf("want %d values, one per unit", d.units)}
	}
	d.w, d.b = clone(kernel), clone(bias)
	return nil
}

func clone(v []float32) []float32 {
	if v == nil {
		return nil
	}
	return append([]float32(nil), v...)
}

// Weights returns the kernel and bias the layer holds, nil where unset.
// They share memory with the layer: do not modify them.
func (d *Dense) Weights() (kernel, bias []float32) { return d.w, d.b }

// Units returns the number of outputs U.
func (d *Dense) Units() int { return d.units }

// UseBias reports whether the layer adds a bias (Keras's use_bias).
func (d *Dense) UseBias() bool { return d.useBias }

// InputSize returns the input size the kernel was set for, or 0 if no
// kernel is set.
func (d *Dense) InputSize() int { return len(d.w) / d.units }

// Class returns "Dense".
func (*Dense) Class() string { return "Dense" }

// OutputShape returns in with its last axis replaced by U: (None, 1000) →
// (None, 50) for Dense(50). It returns a *padding.Error of kind
// padding.ErrInputRank for inputs of rank < 2, and ErrInvalidArgumentShape
// when the last axis is None or zero or does not match the kernel.
func (d *Dense) OutputShape(in tensor.Shape) (tensor.Shape, error) {
	if err := padding.CheckRank("model", "Dense", in, 2, true); err != nil {
		return nil, err
	}
	if err := padding.CheckShape("model", "Dense", in); err != nil {
		return nil, err
	}
	last := in[len(in)-1]
	if last < 0 {
		return nil, &padding.Error{Pkg: "model", Layer: "Dense", Arg: "inputs", Value: "shape " + in.String(),
			Kind: padding.ErrInvalidArgumentShape, Detail: "the last dimension of the inputs must be defined"}
	}
	if d.w != nil && last != d.InputSize() {
		return nil, &padding.Error{Pkg: "model", Layer: "Dense", Arg: "inputs", Value: "shape " + in.String(),
			Kind: padding.ErrInvalidArgumentShape, Detail: fmt.Sprintf("the last axis has %d values, the kernel was set for %d", last, d.InputSize())}
	}
	out := in.Clone()
	out[len(out)-1] = d.units
	return out, nil
}

// ParamCount returns in·U, plus U with a bias, where in is the last axis of
// the input shape.
func (d *Dense) ParamCount(in tensor.Shape) int {
	n := 0
	if len(in) > 0 && in[len(in)-1] > 0 {
		n = in[len(in)-1] * d.units
	}
	if d.useBias {
		n += d.units
	}
	return n
}

// Forward returns x·kernel + bias along the last axis. Besides the errors
// of OutputShape, it returns a *padding.Error of kind
// padding.ErrMissingArgument when the kernel, or the bias of a layer that
// uses one, is not set, ErrInvalidArgumentShape when x's data does not
// match its shape, and ErrTooLarge, before allocating, when the output
// would have more than tensor.MaxElements values.
func (d *Dense) Forward(x *tensor.Tensor) (*tensor.Tensor, error) {
	if err := padding.CheckTensor("model", "Dense", "inputs", x); err != nil {
		return nil, err
	}
	os, err := d.OutputShape(x.Shape)
	if err != nil {
		return nil, err
	}
	if d.w == nil {
		return nil, &padding.Error{Pkg: "model", Layer: "Dense", Arg: "kernel", Value: "None",
			Kind: padding.ErrMissingArgument, Detail: "set the weights with SetWeights or DenseConfig.Kernel before Forward"}
	}
	if d.useBias && d.b == nil {
		return nil, &padding.Error{Pkg: "model", Layer: "Dense", Arg: "bias", Value: "None",
			Kind: padding.ErrMissingArgument, Detail: "set the bias with SetWeights or DenseConfig.Bias, or use NoBias"}
	}
	if err := padding.CheckOutput("model", "Dense", x.Shape, os); err != nil {
		return nil, err
	}
	y, err := tensor.New(os...)
	if err != nil {
		return nil, err
	}
	in, u := x.Shape[len(x.Shape)-1], d.units
	for r := 0; r < len(x.Data)/in; r++ {
		acc := y.Data[r*u : (r+1)*u]
		if d.useBias {
			copy(acc, d.b)
		}
		for i, xv := range x.Data[r*in : (r+1)*in] {
			for j, wv := range d.w[i*u : (i+1)*u] {
				acc[j] += xv * wv
			}
		}
	}
	return y, nil
}
