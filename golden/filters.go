package golden

import (
	"fmt"
	"io/fs"
	"strconv"

	"github.com/convlings/convlings/golden/mistakes"
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
	Cases           fs.FS // the cases to run instead of the golden files (see Padding.Cases)
}

func (s Filters) caseFiles() fs.FS { return s.Cases }

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

// from builds the suite from the mistake catalogue's rules.
func (Filters) from(r *mistakes.Rules) Filters {
	return Filters{r.ConvOutputShape, r.ConvParams, r.Conv2D, r.Conv2DStrided, r.Conv2DDilated, r.Conv1D, nil}
}

// TestConvOutputShape checks ConvOutputShape.
func (s Filters) TestConvOutputShape(t T) {
	t.Helper()
	call := func(c *Case[ConvShapeCall, [3]int]) string {
		a := c.Call
		return fmt.Sprintf("ConvOutputShape(%s, %d, %s, %s, %q)", goArray(a.InputShape[:]), a.Filters, goArray(a.KernelSize[:]), goArray(a.Strides[:]), a.Padding)
	}
	want := func(c *Case[ConvShapeCall, [3]int]) string {
		return tr(fmt.Sprintf("%s (Keras prints %s)", tuple(c.Want[:]...), kerasShape(c.Want[:]...)),
			fmt.Sprintf("%s (Keras 출력: %s)", tuple(c.Want[:]...), kerasShape(c.Want[:]...)))
	}
	run(t, exercise[Filters, ConvShapeCall, [3]int]{
		ex:   exConvOutputShape,
		call: call,
		exec: func(s Filters, c *Case[ConvShapeCall, [3]int]) outcome {
			a := c.Call
			v, err := s.ConvOutputShape(a.InputShape, a.Filters, a.KernelSize, a.Strides, a.Padding)
			return outcome{val: v, err: err}
		},
		judge: func(c *Case[ConvShapeCall, [3]int], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return want(c) }); done {
				return v
			}
			if g := got.val.([3]int); g != *c.Want {
				return judgeEqual(call(c), tuple(g[:]...), want(c))
			}
			return nil
		},
		layer: func(c *Case[ConvShapeCall, [3]int], _ *verdict) any {
			a := c.Call
			return &evalLayer{Layer: "Conv2D", Config: map[string]any{"filters": a.Filters, "kernel_size": a.KernelSize, "strides": a.Strides, "padding": a.Padding},
				InputShape: []int{1, a.InputShape[0], a.InputShape[1], a.InputShape[2]}}
		},
		from: s.from,
	}, s)
}

// TestConvParams checks ConvParams.
func (s Filters) TestConvParams(t T) {
	t.Helper()
	call := func(c *Case[ConvParamsCall, int]) string {
		a := c.Call
		return fmt.Sprintf("ConvParams(%s, %d, %d, %t)", goArray(a.KernelSize[:]), a.InChannels, a.Filters, a.UseBias)
	}
	run(t, exercise[Filters, ConvParamsCall, int]{
		ex:   exConvParams,
		call: call,
		exec: func(s Filters, c *Case[ConvParamsCall, int]) outcome {
			a := c.Call
			v, err := s.ConvParams(a.KernelSize, a.InChannels, a.Filters, a.UseBias)
			return outcome{val: v, err: err}
		},
		judge: func(c *Case[ConvParamsCall, int], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return strconv.Itoa(*c.Want) }); done {
				return v
			}
			if g := got.val.(int); g != *c.Want {
				return judgeEqual(call(c), strconv.Itoa(g), strconv.Itoa(*c.Want))
			}
			return nil
		},
		layer: func(c *Case[ConvParamsCall, int], _ *verdict) any {
			a := c.Call
			return &evalLayer{Layer: "Conv2D", Config: map[string]any{"filters": a.Filters, "kernel_size": a.KernelSize, "padding": "same", "use_bias": a.UseBias},
				InputShape: []int{1, max(a.KernelSize[0], 1), max(a.KernelSize[1], 1), a.InChannels}}
		},
		from: s.from,
	}, s)
}

// TestConv2DValid checks Conv2D: stride 1, 'valid'.
func (s Filters) TestConv2DValid(t T) {
	t.Helper()
	runConv(t, exConv2DValid, s, func(s Filters, a ConvCall, x, k *tensor.Tensor, bias []float32) (string, func() (*tensor.Tensor, error)) {
		return "Conv2D(x, kernel, bias)", func() (*tensor.Tensor, error) { return s.Conv2D(x, k, bias) }
	})
}

// TestConv2DStrided checks Conv2DStrided.
func (s Filters) TestConv2DStrided(t T) {
	t.Helper()
	runConv(t, exConv2DStrided, s, func(s Filters, a ConvCall, x, k *tensor.Tensor, bias []float32) (string, func() (*tensor.Tensor, error)) {
		st := pair(a.Strides)
		return fmt.Sprintf("Conv2DStrided(x, kernel, bias, %s, %q)", goArray(st[:]), a.Padding),
			func() (*tensor.Tensor, error) { return s.Conv2DStrided(x, k, bias, st, a.Padding) }
	})
}

// TestConv2DDilated checks Conv2DDilated.
func (s Filters) TestConv2DDilated(t T) {
	t.Helper()
	runConv(t, exConv2DDilated, s, func(s Filters, a ConvCall, x, k *tensor.Tensor, bias []float32) (string, func() (*tensor.Tensor, error)) {
		st, dl := pair(a.Strides), pair(a.Dilation)
		return fmt.Sprintf("Conv2DDilated(x, kernel, bias, %s, %s, %q)", goArray(st[:]), goArray(dl[:]), a.Padding),
			func() (*tensor.Tensor, error) { return s.Conv2DDilated(x, k, bias, st, dl, a.Padding) }
	})
}

// TestConv1D checks Conv1D.
func (s Filters) TestConv1D(t T) {
	t.Helper()
	runConv(t, exConv1D, s, func(s Filters, a ConvCall, x, k *tensor.Tensor, bias []float32) (string, func() (*tensor.Tensor, error)) {
		st, dl := one(a.Strides), one(a.Dilation)
		return fmt.Sprintf("Conv1D(x, kernel, bias, %d, %d, %q)", st, dl, a.Padding),
			func() (*tensor.Tensor, error) { return s.Conv1D(x, k, bias, st, dl, a.Padding) }
	})
}

// convWindow is the window geometry of a convolution case.
func convWindow(a ConvCall) func(idx []int) *window {
	return func(idx []int) *window {
		k := a.Kernel.Shape
		p := a.Padding
		if p == "" {
			p = "valid"
		}
		if len(a.X.Shape) == 3 {
			w := newWindow([2]int{1, a.X.Shape[1]}, [2]int{1, k[0]}, [2]int{1, one(a.Strides)}, [2]int{1, one(a.Dilation)}, p, [2]int{0, idx[1]})
			if w != nil {
				w.oneRow = true
			}
			return w
		}
		if len(a.X.Shape) != 4 || len(k) != 4 {
			return nil
		}
		return newWindow([2]int{a.X.Shape[1], a.X.Shape[2]}, [2]int{k[0], k[1]}, pair(a.Strides), pair(a.Dilation), p, [2]int{idx[1], idx[2]})
	}
}

// runConv runs the cases of a convolution exercise: call names the call
// and returns it, with fresh copies of the inputs.
func runConv(t T, ex Exercise, impl Filters, call func(s Filters, a ConvCall, x, k *tensor.Tensor, bias []float32) (string, func() (*tensor.Tensor, error))) {
	t.Helper()
	callText := func(c *Case[ConvCall, Tensor]) string {
		text, _ := call(Filters{}, c.Call, nil, nil, nil)
		return text
	}
	run(t, exercise[Filters, ConvCall, Tensor]{
		ex:   ex,
		call: callText,
		exec: func(s Filters, c *Case[ConvCall, Tensor]) outcome {
			a := c.Call
			x, k := a.X.Tensor(), a.Kernel.Tensor()
			var bias []float32
			if a.Bias != nil {
				bias = append([]float32(nil), a.Bias...)
			}
			_, f := call(s, a, x, k, bias)
			y, err := f()
			mut := inputMutated("x", x, a.X)
			if mut == "" {
				mut = inputMutated("kernel", k, a.Kernel)
			}
			return outcome{val: y, err: err, mutated: mut}
		},
		judge: func(c *Case[ConvCall, Tensor], got outcome) *verdict {
			if v, done := judgeOutcome(callText(c), c.Error, got, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }); done {
				return v
			}
			return judgeTensor(callText(c), got.val.(*tensor.Tensor), c.Want, convWindow(c.Call))
		},
		inputs: func(c *Case[ConvCall, Tensor]) []string {
			return []string{tensorInput("x", c.Call.X), tensorInput("kernel", c.Call.Kernel), tensorInput("bias", c.Call.Bias)}
		},
		layer: func(c *Case[ConvCall, Tensor], _ *verdict) any {
			a := c.Call
			class := "Conv2D"
			if len(a.Kernel.Shape) == 3 {
				class = "Conv1D"
			}
			p := a.Padding
			if p == "" {
				p = "valid"
			}
			cfg := map[string]any{"padding": p}
			if n := len(a.Kernel.Shape); n >= 3 {
				cfg["filters"] = a.Kernel.Shape[n-1]
				cfg["kernel_size"] = a.Kernel.Shape[:n-2]
			}
			if a.Strides != nil {
				cfg["strides"] = a.Strides
			}
			if a.Dilation != nil {
				cfg["dilation_rate"] = a.Dilation
			}
			return (&evalLayer{Layer: class, Config: cfg}).input(a.X).weights(a.Kernel, a.Bias)
		},
		from: impl.from,
	}, impl)
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
