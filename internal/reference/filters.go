package reference

import (
	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/golden"
)

// ConvOutputShape answers ConvOutputShape(in, filters, kernel, strides,
// padding) with the library's Conv2D.
func ConvOutputShape(c golden.ConvShapeCall) ([3]int, error) {
	var want [3]int
	if err := lessonMode("conv", "Conv2D", c.Padding); err != nil {
		return want, err
	}
	layer, err := conv.NewConv2D(conv.Config{Filters: c.Filters, KernelSize: c.KernelSize[:], Strides: c.Strides[:], Padding: c.Padding})
	if err != nil {
		return want, err
	}
	out, err := layer.OutputShape(shapeOf(c.InputShape[:]...))
	if err != nil {
		return want, err
	}
	copy(want[:], out[1:])
	return want, nil
}

// ConvParams answers ConvParams(kernel, inChannels, filters, useBias):
// the library's Conv2D's parameter count on an input the kernel fits.
func ConvParams(c golden.ConvParamsCall) (int, error) {
	k := c.KernelSize
	layer, err := conv.NewConv2D(conv.Config{Filters: c.Filters, KernelSize: k[:], Padding: "same", NoBias: !c.UseBias})
	if err != nil {
		return 0, err
	}
	in := shapeOf(max(k[0], 1), max(k[1], 1), c.InChannels)
	if _, err := layer.OutputShape(in); err != nil {
		return 0, err
	}
	return layer.ParamCount(in), nil
}

// libConv runs the library's Conv1D or Conv2D (by the kernel's rank) on
// the call's x, kernel (Keras's layout) and bias; a nil bias means
// use_bias=False.
func libConv(c golden.ConvCall, strides, dilation []int, mode string) (golden.Tensor, error) {
	x, err := input(c.X, "x")
	if err != nil {
		return golden.Tensor{}, err
	}
	kernel, err := input(c.Kernel, "kernel")
	if err != nil {
		return golden.Tensor{}, err
	}
	var bias []float32
	if c.Bias != nil {
		bias = append([]float32(nil), c.Bias...)
	}
	rank := max(len(kernel.Shape)-2, 0)
	cfg := conv.Config{
		Filters:      kernel.Shape[len(kernel.Shape)-1],
		KernelSize:   append([]int(nil), kernel.Shape[:rank]...),
		Strides:      strides,
		DilationRate: dilation,
		Padding:      mode,
		NoBias:       c.Bias == nil,
		Kernel:       kernel.Data,
		Bias:         bias,
	}
	newConv, class := conv.NewConv2D, "Conv2D"
	if rank == 1 {
		newConv, class = conv.NewConv1D, "Conv1D"
	}
	if err := lessonMode("conv", class, mode); err != nil {
		return golden.Tensor{}, err
	}
	layer, err := newConv(cfg)
	if err != nil {
		return golden.Tensor{}, err
	}
	return result(layer.Forward(x))
}

// Conv2DValid answers Conv2D(x, kernel, bias): stride 1, 'valid' (the
// call's strides, dilation and padding are not the function's arguments).
func Conv2DValid(c golden.ConvCall) (golden.Tensor, error) {
	return libConv(c, nil, nil, "valid")
}

// Conv2DStrided answers Conv2DStrided(x, kernel, bias, strides, padding).
func Conv2DStrided(c golden.ConvCall) (golden.Tensor, error) {
	s := pair(c.Strides)
	return libConv(c, s[:], nil, c.Padding)
}

// Conv2DDilated answers Conv2DDilated(x, kernel, bias, strides, dilation,
// padding).
func Conv2DDilated(c golden.ConvCall) (golden.Tensor, error) {
	s, d := pair(c.Strides), pair(c.Dilation)
	return libConv(c, s[:], d[:], c.Padding)
}

// Conv1D answers Conv1D(x, kernel, bias, stride, dilation, padding).
func Conv1D(c golden.ConvCall) (golden.Tensor, error) {
	return libConv(c, []int{one(c.Strides)}, []int{one(c.Dilation)}, c.Padding)
}

// pair reads a call's strides or dilation as golden's suite passes them to
// a 2D function: 1 on every axis when empty, one value for both axes.
func pair(v []int) [2]int {
	switch len(v) {
	case 0:
		return [2]int{1, 1}
	case 1:
		return [2]int{v[0], v[0]}
	}
	return [2]int{v[0], v[1]}
}

// one reads a call's stride or dilation as golden's suite passes it to a
// 1D function: 1 when empty.
func one(v []int) int {
	if len(v) == 0 {
		return 1
	}
	return v[0]
}
