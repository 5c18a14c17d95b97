package model

import (
	"fmt"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// LayerError is the error a Sequential returns when one of its layers
// fails: it names the layer's position, name and class, and wraps the
// layer's own error, so errors.Is(err, padding.ErrNonPositiveOutput) and
// padding.Kind(err) see through it.
type LayerError struct {
	Index int    // 0-based position in the model: model.layers[Index] in Keras
	Name  string // the layer's name in the model, such as "max_pooling2d"; "" if it has none yet
	Class string // the Keras class name, such as "MaxPooling2D"
	Err   error  // the layer's error, a *padding.Error
}

func (e *LayerError) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("model: layer %d (%s): %v", e.Index, e.Class, e.Err)
	}
	return fmt.Sprintf("model: layer %d (%s, %s): %v", e.Index, e.Name, e.Class, e.Err)
}

// Unwrap returns the layer's error.
func (e *LayerError) Unwrap() error { return e.Err }

// checkTensor rejects a nil tensor, dimensions that are not positive, and
// data whose length does not match the shape.
func checkTensor(class, arg string, x *tensor.Tensor) error {
	if x == nil {
		return &padding.Error{Pkg: "model", Layer: class, Arg: arg, Value: "nil", Kind: padding.ErrMissingArgument,
			Detail: "a tensor is required"}
	}
	for _, d := range x.Shape {
		if d <= 0 {
			return &padding.Error{Pkg: "model", Layer: class, Arg: arg, Value: "shape " + x.Shape.String(),
				Kind: padding.ErrInvalidArgumentShape, Detail: "a tensor's dimensions must be positive"}
		}
	}
	if len(x.Data) != x.Shape.Size() {
		return &padding.Error{Pkg: "model", Layer: class, Arg: arg, Value: "shape " + x.Shape.String(),
			Kind:   padding.ErrInvalidArgumentShape,
			Detail: fmt.Sprintf("the shape holds %d values, the data has %d", x.Shape.Size(), len(x.Data))}
	}
	return nil
}

// checkShape rejects dimensions of zero; negative ones are None.
func checkShape(class string, in tensor.Shape) error {
	for _, d := range in {
		if d == 0 {
			return &padding.Error{Pkg: "model", Layer: class, Arg: "inputs", Value: "shape " + in.String(),
				Kind: padding.ErrInvalidArgumentShape, Detail: "every dimension must be positive or None"}
		}
	}
	return nil
}
