package golden

import (
	"fmt"
	"strconv"

	"github.com/convlings/convlings/tensor"
)

// Filters is the suite of lesson 2, filters and kernels (see Padding for
// how lessons use a suite).
type Filters struct {
	ConvOutputShape func(in [3]int, filters int, kernel, strides [2]int, padding string) ([3]int, error)
	ConvParams      func(kernel [2]int, inChannels, filters int, useBias bool) (int, error)
	Conv2D          func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error)
	Conv2DStrided   func(x, kernel *tensor.Tensor, bias []float32, strides [2]int, padding string) (*tensor.Tensor, error)
	Conv2DDilated   func(x, kernel *tensor.Tensor, bias []float32, strides, dilation [2]int, padding string) (*tensor.Tensor, error)
	Conv1D          func(x, kernel *tensor.Tensor, bias []float32, stride, dilation int, padding string) (*tensor.Tensor, error)
}

// Tests returns the suite's exercises in order.
func (s Filters) Tests() []Test {
	return []Test{
		{exConvOutputShape, s.TestConvOutputShape},
		{exConvParams, s.TestConvParams},
		{exConv2DValid, s.TestConv2DValid},
		{exConv2DStrided, s.TestConv2DStrided},
		{exConv2DDilated, s.TestConv2DDilated},
		{exConv1D, s.TestConv1D},
	}
}

// ConvShapeCall is the call of ConvOutputShape: a Conv2D layer's arguments
// and the input shape (H, W, C) without the batch, as Keras's input_shape.
type ConvShapeCall struct {
	InputShape [3]int `json:"input_shape"`
	Filters    int    `json:"filters"`
	KernelSize [2]int `json:"kernel_size"`
	Strides    [2]int `json:"strides"`
	Padding    string `json:"padding"`
}

// ConvParamsCall is the call of ConvParams.
type ConvParamsCall struct {
	KernelSize [2]int `json:"kernel_size"`
	InChannels int    `json:"in_channels"`
	Filters    int    `json:"filters"`
	UseBias    bool   `json:"use_bias"`
}

// ConvCall is the call of Conv2D, Conv2DStrided, Conv2DDilated and Conv1D.
// Bias null means no bias (use_bias=False). Strides and Dilation hold one
// value per spatial axis; the exercises that do not take them leave them
// out (1 each), as they do Padding ('valid').
type ConvCall struct {
	X        *Tensor   `json:"x"`
	Kernel   *Tensor   `json:"kernel"`
	Bias     []float32 `json:"bias"`
	Strides  []int     `json:"strides,omitempty"`
	Dilation []int     `json:"dilation,omitempty"`
	Padding  string    `json:"padding,omitempty"`
}

// TestConvOutputShape checks ConvOutputShape.
func (s Filters) TestConvOutputShape(t T) {
	t.Helper()
	runCases(t, exConvOutputShape, func(r *report, c *Case[ConvShapeCall, [3]int]) {
		r.t.Helper()
		a := c.Call
		r.call = fmt.Sprintf("ConvOutputShape(%s, %d, %s, %s, %q)", goArray(a.InputShape[:]), a.Filters, goArray(a.KernelSize[:]), goArray(a.Strides[:]), a.Padding)
		got, err := s.ConvOutputShape(a.InputShape, a.Filters, a.KernelSize, a.Strides, a.Padding)
		want := func() string {
			return fmt.Sprintf("%s (Keras prints %s)", tuple(c.Want[:]...), kerasShape(c.Want[:]...))
		}
		if r.checkErr(err, c.Error, want) {
			return
		}
		if got != *c.Want {
			r.fail("%s = %s, want %s", r.call, tuple(got[:]...), want())
		}
	})
}

// TestConvParams checks ConvParams.
func (s Filters) TestConvParams(t T) {
	t.Helper()
	runCases(t, exConvParams, func(r *report, c *Case[ConvParamsCall, int]) {
		r.t.Helper()
		a := c.Call
		r.call = fmt.Sprintf("ConvParams(%s, %d, %d, %t)", goArray(a.KernelSize[:]), a.InChannels, a.Filters, a.UseBias)
		got, err := s.ConvParams(a.KernelSize, a.InChannels, a.Filters, a.UseBias)
		if r.checkErr(err, c.Error, func() string { return strconv.Itoa(*c.Want) }) {
			return
		}
		if got != *c.Want {
			r.fail("%s = %d, want %d", r.call, got, *c.Want)
		}
	})
}

// TestConv2DValid checks Conv2D: stride 1, 'valid'.
func (s Filters) TestConv2DValid(t T) {
	t.Helper()
	runConv(t, exConv2DValid, func(r *report, a ConvCall, x, k *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
		r.call = "Conv2D(x, kernel, bias)"
		return s.Conv2D(x, k, bias)
	})
}

// TestConv2DStrided checks Conv2DStrided.
func (s Filters) TestConv2DStrided(t T) {
	t.Helper()
	runConv(t, exConv2DStrided, func(r *report, a ConvCall, x, k *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
		st := pair(a.Strides)
		r.call = fmt.Sprintf("Conv2DStrided(x, kernel, bias, %s, %q)", goArray(st[:]), a.Padding)
		return s.Conv2DStrided(x, k, bias, st, a.Padding)
	})
}

// TestConv2DDilated checks Conv2DDilated.
func (s Filters) TestConv2DDilated(t T) {
	t.Helper()
	runConv(t, exConv2DDilated, func(r *report, a ConvCall, x, k *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
		st, dl := pair(a.Strides), pair(a.Dilation)
		r.call = fmt.Sprintf("Conv2DDilated(x, kernel, bias, %s, %s, %q)", goArray(st[:]), goArray(dl[:]), a.Padding)
		return s.Conv2DDilated(x, k, bias, st, dl, a.Padding)
	})
}

// TestConv1D checks Conv1D.
func (s Filters) TestConv1D(t T) {
	t.Helper()
	runConv(t, exConv1D, func(r *report, a ConvCall, x, k *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
		st, dl := one(a.Strides), one(a.Dilation)
		r.call = fmt.Sprintf("Conv1D(x, kernel, bias, %d, %d, %q)", st, dl, a.Padding)
		return s.Conv1D(x, k, bias, st, dl, a.Padding)
	})
}

// runConv runs the cases of a convolution exercise: call makes the call
// with fresh copies of the inputs and names it in r.call.
func runConv(t T, ex Exercise, call func(r *report, a ConvCall, x, k *tensor.Tensor, bias []float32) (*tensor.Tensor, error)) {
	t.Helper()
	runCases(t, ex, func(r *report, c *Case[ConvCall, Tensor]) {
		r.t.Helper()
		a := c.Call
		x, k := a.X.Tensor(), a.Kernel.Tensor()
		var bias []float32
		if a.Bias != nil {
			bias = append([]float32(nil), a.Bias...)
		}
		r.input("x", x)
		r.input("kernel", k)
		r.input("bias", bias)
		r.call = ex.Test // in case call panics before naming itself
		got, err := call(r, a, x, k, bias)
		if r.checkErr(err, c.Error, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }) {
			return
		}
		r.checkTensor(got, c.Want)
		r.checkInput("x", x, a.X)
		r.checkInput("kernel", k, a.Kernel)
	})
}

// pair returns v as a [2]int, 1 on every axis when v is empty.
func pair(v []int) [2]int {
	switch len(v) {
	case 0:
		return [2]int{1, 1}
	case 1:
		return [2]int{v[0], v[0]}
	}
	return [2]int{v[0], v[1]}
}

// one returns v's single value, 1 when v is empty.
func one(v []int) int {
	if len(v) == 0 {
		return 1
	}
	return v[0]
}

// goArray writes ints as a Go array literal: [2]int{3, 3}.
func goArray(v []int) string {
	s := fmt.Sprintf("[%d]int{", len(v))
	for i, n := range v {
		if i > 0 {
			s += ", "
		}
		s += strconv.Itoa(n)
	}
	return s + "}"
}
