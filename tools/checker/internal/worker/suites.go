package worker

import (
	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/tensor"
)

// val returns result i as a T, its zero value when it is missing, nil or
// of another type (an answer of the wrong type then fails the comparison).
func val[T any](v []any, i int) T {
	var zero T
	if i < len(v) {
		if x, ok := v[i].(T); ok {
			return x
		}
	}
	return zero
}

// Layer and Row stand in for lesson 4's types in the grader's suite.
type (
	suiteLayer golden.LayerFields
	suiteRow   golden.RowFields
)

// StackingSuite is the suite of lesson 4 as the grader runs it.
type StackingSuite = golden.Stacking[suiteLayer, suiteRow]

// Suites returns the four lessons' suites with every function a proxy
// that calls it in the worker through c.
func Suites(c *Client) (golden.Padding, golden.Filters, golden.Pooling, StackingSuite) {
	p := golden.Padding{
		OutputLength: func(n, k, stride int, padding string) (int, error) {
			v, err := c.Call("padding.OutputLength", n, k, stride, padding)
			return val[int](v, 0), err
		},
		SamePadding: func(n, k, stride int) (int, int, error) {
			v, err := c.Call("padding.SamePadding", n, k, stride)
			return val[int](v, 0), val[int](v, 1), err
		},
		DilatedAxis: func(n, k, stride, dilation int, padding string) (int, int, int, error) {
			v, err := c.Call("padding.DilatedAxis", n, k, stride, dilation, padding)
			return val[int](v, 0), val[int](v, 1), val[int](v, 2), err
		},
		PaddingPairs: func(padding any, rank int) ([][2]int, error) {
			v, err := c.Call("padding.PaddingPairs", padding, rank)
			return val[[][2]int](v, 0), err
		},
		ZeroPadding: func(x *tensor.Tensor, pads [][2]int) (*tensor.Tensor, error) {
			v, err := c.Call("padding.ZeroPadding", x, pads)
			return val[*tensor.Tensor](v, 0), err
		},
	}
	f := golden.Filters{
		ConvOutputShape: func(in [3]int, filters int, kernel, strides [2]int, padding string) ([3]int, error) {
			v, err := c.Call("filters.ConvOutputShape", in, filters, kernel, strides, padding)
			return val[[3]int](v, 0), err
		},
		ConvParams: func(kernel [2]int, inChannels, filters int, useBias bool) (int, error) {
			v, err := c.Call("filters.ConvParams", kernel, inChannels, filters, useBias)
			return val[int](v, 0), err
		},
		Conv2D: func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
			v, err := c.Call("filters.Conv2D", x, kernel, bias)
			return val[*tensor.Tensor](v, 0), err
		},
		Conv2DStrided: func(x, kernel *tensor.Tensor, bias []float32, strides [2]int, padding string) (*tensor.Tensor, error) {
			v, err := c.Call("filters.Conv2DStrided", x, kernel, bias, strides, padding)
			return val[*tensor.Tensor](v, 0), err
		},
		Conv2DDilated: func(x, kernel *tensor.Tensor, bias []float32, strides, dilation [2]int, padding string) (*tensor.Tensor, error) {
			v, err := c.Call("filters.Conv2DDilated", x, kernel, bias, strides, dilation, padding)
			return val[*tensor.Tensor](v, 0), err
		},
		Conv1D: func(x, kernel *tensor.Tensor, bias []float32, stride, dilation int, padding string) (*tensor.Tensor, error) {
			v, err := c.Call("filters.Conv1D", x, kernel, bias, stride, dilation, padding)
			return val[*tensor.Tensor](v, 0), err
		},
	}
	pool := golden.Pooling{
		PoolOutputShape: func(in [3]int, poolSize [2]int, strides []int, padding string) ([3]int, error) {
			v, err := c.Call("pooling.PoolOutputShape", in, poolSize, strides, padding)
			return val[[3]int](v, 0), err
		},
		MaxPooling2D: func(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error) {
			v, err := c.Call("pooling.MaxPooling2D", x, poolSize, strides, padding)
			return val[*tensor.Tensor](v, 0), err
		},
		AveragePooling2D: func(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error) {
			v, err := c.Call("pooling.AveragePooling2D", x, poolSize, strides, padding)
			return val[*tensor.Tensor](v, 0), err
		},
		GlobalMaxPooling2D: func(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error) {
			v, err := c.Call("pooling.GlobalMaxPooling2D", x, keepdims)
			return val[*tensor.Tensor](v, 0), err
		},
		GlobalAveragePooling2D: func(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error) {
			v, err := c.Call("pooling.GlobalAveragePooling2D", x, keepdims)
			return val[*tensor.Tensor](v, 0), err
		},
	}
	wireLayers := func(ls []suiteLayer) []Layer {
		out := make([]Layer, len(ls))
		for i, l := range ls {
			out[i] = Layer(l)
		}
		return out
	}
	s := StackingSuite{
		OutputShape: func(in []int, l suiteLayer) ([]int, error) {
			v, err := c.Call("stacking.OutputShape", in, Layer(l))
			return val[[]int](v, 0), err
		},
		ParamCount: func(in []int, l suiteLayer) (int, error) {
			v, err := c.Call("stacking.ParamCount", in, Layer(l))
			return val[int](v, 0), err
		},
		Summary: func(input []int, layers []suiteLayer) ([]suiteRow, int, error) {
			v, err := c.Call("stacking.Summary", input, wireLayers(layers))
			rows := val[[]Row](v, 0)
			out := make([]suiteRow, len(rows))
			for i, r := range rows {
				out[i] = suiteRow(r)
			}
			return out, val[int](v, 1), err
		},
		Flatten: func(x *tensor.Tensor) (*tensor.Tensor, error) {
			v, err := c.Call("stacking.Flatten", x)
			return val[*tensor.Tensor](v, 0), err
		},
		Dense: func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
			v, err := c.Call("stacking.Dense", x, kernel, bias)
			return val[*tensor.Tensor](v, 0), err
		},
		Forward: func(x *tensor.Tensor, layers []suiteLayer) (*tensor.Tensor, error) {
			v, err := c.Call("stacking.Forward", x, wireLayers(layers))
			return val[*tensor.Tensor](v, 0), err
		},
	}
	return p, f, pool, s
}
