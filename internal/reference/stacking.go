package reference

import (
	"fmt"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/model"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

// Layer makes the library's layer for a lesson-4 layer description: a
// Size of (0, 0) is no size (the layer's default), Pads of none are no
// padding, and a class the kit does not know is ErrUnknownLayer.
func Layer(l golden.LayerSpec) (model.Layer, error) {
	var size []int
	if len(l.Size) > 0 && (l.Size[0] != 0 || l.Size[1] != 0) {
		size = l.Size
	}
	var kernel []float32
	if l.Kernel != nil {
		kernel = append([]float32(nil), l.Kernel.Values...)
	}
	var bias []float32
	if l.Bias != nil {
		bias = append([]float32(nil), l.Bias...)
	}
	strides := cloneInts(l.Strides)
	switch l.Class {
	case "Conv2D":
		return conv.NewConv2D(conv.Config{Filters: l.Units, KernelSize: cloneInts(size), Strides: strides, Padding: l.Padding,
			NoBias: l.NoBias, Kernel: kernel, Bias: bias})
	case "MaxPooling2D":
		return pool.NewMaxPooling2D(pool.Config{PoolSize: cloneInts(size), Strides: strides, Padding: l.Padding})
	case "AveragePooling2D":
		return pool.NewAveragePooling2D(pool.Config{PoolSize: cloneInts(size), Strides: strides, Padding: l.Padding})
	case "GlobalMaxPooling2D":
		return pool.NewGlobalMaxPooling2D(pool.GlobalConfig{}), nil
	case "GlobalAveragePooling2D":
		return pool.NewGlobalAveragePooling2D(pool.GlobalConfig{}), nil
	case "ZeroPadding2D":
		pads := [][2]int{{0, 0}, {0, 0}} // the lesson's zero Pads: no padding
		if l.Pads != nil {
			pads = append([][2]int(nil), l.Pads...)
		}
		return padding.NewZeroPadding2D(pads)
	case "Flatten":
		return model.NewFlatten(), nil
	case "Dense":
		return model.NewDense(model.DenseConfig{Units: l.Units, NoBias: l.NoBias, Kernel: kernel, Bias: bias})
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownLayer, l.Class)
}

// Model builds the library's Sequential model for an input shape without
// the batch axis.
func Model(input []int, layers []golden.LayerSpec) (*model.Sequential, error) {
	m := model.NewSequential(input...)
	for i, spec := range layers {
		l, err := Layer(spec)
		if err != nil {
			return nil, fmt.Errorf("layer %d: %w", i, err)
		}
		if err := m.Add(l); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// LayerOutputShape answers OutputShape(in, layer).
func LayerOutputShape(c golden.LayerCall) ([]int, error) {
	layer, err := Layer(c.Layer)
	if err != nil {
		return nil, err
	}
	out, err := layer.OutputShape(cloneInts(c.InputShape))
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LayerParams answers ParamCount(in, layer): no count for a layer that
// cannot take the input.
func LayerParams(c golden.LayerCall) (int, error) {
	layer, err := Layer(c.Layer)
	if err != nil {
		return 0, err
	}
	in := tensor.Shape(cloneInts(c.InputShape))
	if _, err := layer.OutputShape(in); err != nil {
		return 0, err
	}
	return layer.ParamCount(in), nil
}

// Summary answers Summary(input, layers): Keras's rows, "conv2d_1
// (Conv2D)", "(None, 8, 8, 10)", 280, and the total.
func Summary(c golden.SummaryCall) (golden.SummaryWant, error) {
	var want golden.SummaryWant
	m, err := Model(cloneInts(c.InputShape), c.Layers)
	if err != nil {
		return want, err
	}
	names, shapes, counts := m.Names(), m.OutputShapes(), m.ParamCounts()
	for i := range names {
		want.Rows = append(want.Rows, golden.SummaryRow{Layer: names[i] + " (" + m.Layers()[i].Class() + ")", OutputShape: shapes[i].String(), Params: counts[i]})
	}
	want.Total = m.TotalParams()
	return want, nil
}

// FlattenDense answers Flatten(x) when the call names Flatten, else
// Dense(x, kernel, bias) (a nil bias: use_bias=False), as the suite calls
// them.
func FlattenDense(c golden.FlattenDenseCall) (golden.Tensor, error) {
	x, err := input(c.X, "x")
	if err != nil {
		return golden.Tensor{}, err
	}
	if c.Layer == "Flatten" {
		return result(model.NewFlatten().Forward(x))
	}
	kernel, err := input(c.Kernel, "kernel")
	if err != nil {
		return golden.Tensor{}, err
	}
	var bias []float32
	if c.Bias != nil {
		bias = append([]float32(nil), c.Bias...)
	}
	layer, err := model.NewDense(model.DenseConfig{Units: kernel.Shape[len(kernel.Shape)-1], NoBias: c.Bias == nil, Kernel: kernel.Data, Bias: bias})
	if err != nil {
		return golden.Tensor{}, err
	}
	return result(layer.Forward(x))
}

// Forward answers Forward(x, layers): the model's output, and the output
// of every prefix of the layers, so that a failure can name the first
// layer that goes wrong.
func Forward(c golden.ForwardCall) (golden.ForwardWant, error) {
	var want golden.ForwardWant
	x, err := input(c.X, "x")
	if err != nil {
		return want, err
	}
	run := func(layers []golden.LayerSpec) (golden.Tensor, error) {
		m, err := Model([]int(x.Shape[1:]), layers)
		if err != nil {
			return golden.Tensor{}, err
		}
		return result(m.Forward(x.Clone()))
	}
	if want.Output, err = run(c.Layers); err != nil {
		return golden.ForwardWant{}, err
	}
	for i := range c.Layers {
		y, err := run(c.Layers[:i+1])
		if err != nil {
			// Not the library's kind on purpose: a prefix of a model that runs must run.
			return golden.ForwardWant{}, fmt.Errorf("reference: the first %d layers fail where all %d run: %v", i+1, len(c.Layers), err)
		}
		want.Layers = append(want.Layers, y)
	}
	return want, nil
}
