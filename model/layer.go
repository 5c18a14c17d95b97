package model

import "github.com/convlings/convlings/tensor"

// Layer is what a Sequential model holds: any Keras-style layer that can say
// what shape it makes, how many weights it has, and compute its output. The
// layers of packages padding, conv and pool implement it, and so do Flatten
// and Dense here; none of those packages imports this one.
//
// Shapes include the batch axis first, which may be tensor.None.
type Layer interface {
	// Class returns the Keras class name, such as "Conv2D".
	Class() string
	// OutputShape returns the output shape for an input of shape in, or an
	// error that names the layer, the argument and the value.
	OutputShape(in tensor.Shape) (tensor.Shape, error)
	// ParamCount returns the number of weights for an input of shape in,
	// which OutputShape has accepted.
	ParamCount(in tensor.Shape) int
	// Forward computes the output for x.
	Forward(x *tensor.Tensor) (*tensor.Tensor, error)
}
