package reference

import (
	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/padding"
)

// axis asks the library's Conv1D for the output length of an axis of n
// cells, and package padding for the zeros around it.
func axis(n, k, s, d int, mode string) (golden.AxisWant, error) {
	if err := lessonMode("conv", "Conv1D", mode); err != nil {
		return golden.AxisWant{}, err
	}
	layer, err := conv.NewConv1D(conv.Config{Filters: 1, KernelSize: []int{k}, Strides: []int{s}, DilationRate: []int{d}, Padding: mode})
	if err != nil {
		return golden.AxisWant{}, err
	}
	out, err := layer.OutputShape(shapeOf(n, 1))
	if err != nil {
		return golden.AxisWant{}, err
	}
	_, before, after := padding.Axis(n, k, s, d, layer.Padding())
	return golden.AxisWant{Out: out[1], Before: before, After: after}, nil
}

// OutputLength answers OutputLength(n, kernel, stride, padding): the
// length of a Conv1D's output with that kernel and stride.
func OutputLength(c golden.AxisCall) (int, error) {
	w, err := axis(c.N, c.Kernel, c.Stride, 1, c.Padding)
	return w.Out, err
}

// SamePadding answers SamePadding(n, kernel, stride): the zeros before and
// after the axis under 'same' (Out is left 0: the function returns only
// the split).
func SamePadding(c golden.AxisCall) (golden.AxisWant, error) {
	w, err := axis(c.N, c.Kernel, c.Stride, 1, "same")
	w.Out = 0
	return w, err
}

// DilatedAxis answers DilatedAxis(n, kernel, stride, dilation, padding).
func DilatedAxis(c golden.AxisCall) (golden.AxisWant, error) {
	return axis(c.N, c.Kernel, c.Stride, c.Dilation, c.Padding)
}

// PaddingPairs answers PaddingPairs(padding, rank) with ZeroPadding1D's
// (rank 1) or ZeroPadding2D's reading of the Keras argument.
func PaddingPairs(c golden.PairsCall) ([][2]int, error) {
	arg, err := golden.KerasArg(c.Padding)
	if err != nil {
		return nil, err
	}
	layer := "ZeroPadding2D"
	if c.Rank == 1 {
		layer = "ZeroPadding1D"
	}
	return padding.Pairs(layer, arg, c.Rank)
}

// ZeroPadding answers ZeroPadding(x, pads): ZeroPadding1D for one pair,
// ZeroPadding2D otherwise.
func ZeroPadding(c golden.ZeroPaddingCall) (golden.Tensor, error) {
	x, err := input(c.X, "x")
	if err != nil {
		return golden.Tensor{}, err
	}
	var layer *padding.ZeroPadding
	if len(c.Pads) == 1 {
		layer, err = padding.NewZeroPadding1D(c.Pads[0]) // ZeroPadding1D takes (left, right)
	} else {
		layer, err = padding.NewZeroPadding2D(c.Pads)
	}
	if err != nil {
		return golden.Tensor{}, err
	}
	return result(layer.Forward(x))
}
