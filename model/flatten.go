package model

import (
	"fmt"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// Flatten is the Keras Flatten layer: it reshapes N×d1×…×dk into
// N×(d1·…·dk), keeping the row-major (channels-last) order of the values,
// so the data is not moved. A rank-1 input N becomes N×1. Make one with
// NewFlatten.
type Flatten struct{}

// NewFlatten returns a Keras Flatten layer.
func NewFlatten() *Flatten { return &Flatten{} }

// Class returns "Flatten".
func (*Flatten) Class() string { return "Flatten" }

// OutputShape returns (N, d1·…·dk) for an input of shape (N, d1, …, dk),
// for example (None, 10, 10, 10) → (None, 1000); the size is None if any of
// d1…dk is. It returns a *padding.Error of kind padding.ErrInputRank for an
// empty shape, ErrInvalidArgumentShape for a dimension that is 0, negative
// other than None or above padding.MaxArg, and ErrTooLarge when d1·…·dk,
// computed without overflow, is more than tensor.MaxElements.
func (f *Flatten) OutputShape(in tensor.Shape) (tensor.Shape, error) {
	if err := padding.CheckRank("model", f.Class(), in, 1, true); err != nil {
		return nil, err
	}
	if err := padding.CheckShape("model", f.Class(), in); err != nil {
		return nil, err
	}
	n, ok := in[1:].NumElements()
	if !ok {
		for _, d := range in[1:] {
			if d == tensor.None {
				return tensor.Shape{in[0], tensor.None}, nil
			}
		}
	}
	if !ok || n > tensor.MaxElements {
		return nil, &padding.Error{Pkg: "model", Layer: f.Class(), Arg: "inputs", Value: "shape " + in.String(),
			Kind:   padding.ErrTooLarge,
			Detail: fmt.Sprintf("the flattened size would be more than tensor.MaxElements = %d", tensor.MaxElements)}
	}
	return tensor.Shape{in[0], n}, nil
}

// ParamCount returns 0: Flatten has no weights.
func (*Flatten) ParamCount(tensor.Shape) int { return 0 }

// Forward returns x reshaped to N×(d1·…·dk). The result shares x's data.
// Errors are those of OutputShape, plus a *padding.Error of kind
// padding.ErrInvalidArgumentShape when x's data does not match its shape.
func (f *Flatten) Forward(x *tensor.Tensor) (*tensor.Tensor, error) {
	if err := padding.CheckTensor("model", f.Class(), "inputs", x); err != nil {
		return nil, err
	}
	os, err := f.OutputShape(x.Shape)
	if err != nil {
		return nil, err
	}
	return tensor.FromData(os, x.Data)
}
