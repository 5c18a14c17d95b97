package hidden

import (
	"encoding/json"
	"strings"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/tensor"
)

// mode draws a padding mode, now and then one Keras rejects.
func (g *gen) mode(bad float64) string {
	if g.chance(bad) {
		return g.pick("full", "causal", "")
	}
	return g.pick("valid", "same")
}

// cased now and then writes a padding mode in other letters ("SAME",
// "Valid"), which Conv2D accepts, as Keras lower-cases it, and pooling
// does not: the golden cases of the shape exercises test both.
func (g *gen) cased(m string) string {
	if m == "" || !g.chance(0.15) {
		return m
	}
	if g.chance(0.5) {
		return strings.ToUpper(m)
	}
	return strings.ToUpper(m[:1]) + m[1:]
}

// axis draws n, k, s for a length: mostly fitting, sometimes not, now and
// then a zero.
func (g *gen) axis() (n, k, s int) {
	n, k, s = g.intn(1, 16), g.intn(1, 6), g.intn(1, 4)
	switch g.intn(0, 9) {
	case 0:
		s = 0
	case 1:
		k = n + g.intn(1, 3) // larger than the input
	case 2:
		k = 0
	}
	return n, k, s
}

func genPadding(g *gen) {
	for range PerExercise {
		n, k, s := g.axis()
		m := g.mode(0.1)
		call := golden.AxisCall{N: n, Kernel: k, Stride: s, Padding: m}
		v, err := g.ans.OutputLength(call)
		add(g, "TestOutputLength", call, v, err)
	}
	for range PerExercise {
		n, k, s := g.axis()
		call := golden.AxisCall{N: n, Kernel: k, Stride: s}
		v, err := g.ans.SamePadding(call)
		add(g, "TestSamePadding", call, v, err)
	}
	for range PerExercise {
		n, k, s := g.axis()
		d := g.intn(1, 3)
		if d > 1 && !g.chance(0.2) {
			s = 1 // Keras refuses strides > 1 with dilation > 1: mostly draw what it takes
		}
		if g.chance(0.1) {
			d = 0
		}
		m := g.mode(0.05)
		call := golden.AxisCall{N: n, Kernel: k, Stride: s, Dilation: d, Padding: m}
		v, err := g.ans.DilatedAxis(call)
		add(g, "TestDilatedAxis", call, v, err)
	}
	for range PerExercise {
		rank := g.intn(1, 2)
		var arg any
		num := func() int {
			if g.chance(0.05) {
				return -g.intn(1, 2)
			}
			return g.intn(0, 4)
		}
		switch g.intn(0, 5) {
		case 0:
			arg = nil
		case 1:
			arg = num()
		case 2:
			arg = []int{num(), num()}
		case 3:
			arg = []any{[]int{num(), num()}, []int{num(), num()}}
		case 4:
			arg = []any{num(), []int{num(), num()}}
		case 5:
			arg = []int{num(), num(), num()} // too many entries
		}
		raw, err := json.Marshal(arg)
		if err != nil {
			g.err = err
			return
		}
		call := golden.PairsCall{Padding: raw, Rank: rank}
		v, err := g.ans.PaddingPairs(call)
		add(g, "TestPaddingPairs", call, v, err)
	}
	for range PerExercise {
		var x *tensor.Tensor
		var pads [][2]int
		p := func() [2]int { return [2]int{g.intn(0, 3), g.intn(0, 3)} }
		if g.chance(0.3) {
			x = g.tensor(g.intn(1, 2), g.intn(1, 6), g.intn(1, 3))
			pads = [][2]int{p()}
		} else {
			x = g.tensor(g.intn(1, 2), g.intn(1, 5), g.intn(1, 5), g.intn(1, 3))
			pads = [][2]int{p(), p()}
		}
		if g.chance(0.1) {
			pads[0][g.intn(0, 1)] = -1
		}
		call := golden.ZeroPaddingCall{X: gt(x), Pads: pads}
		w, err := g.ans.ZeroPadding(call)
		add(g, "TestZeroPadding", call, w, err)
	}
}

// conv draws a convolution's input and kernel: rank 4 (or 3 for Conv1D),
// a kernel that mostly fits, channels that mostly match.
func (g *gen) conv(oneD bool, sameOK bool) (x, k *tensor.Tensor, bias []float32) {
	batch, c, f := g.intn(1, 2), g.intn(1, 3), g.intn(1, 3)
	if oneD {
		n := g.intn(2, 12)
		kn := g.intn(1, 4)
		if g.chance(0.1) {
			kn = n + 1
		}
		x, k = g.tensor(batch, n, c), g.tensor(kn, c, f)
	} else {
		h, w := g.intn(2, 8), g.intn(2, 8)
		kh, kw := g.intn(1, min(h, 4)), g.intn(1, min(w, 4))
		if g.chance(0.1) {
			kh = h + 1
		}
		x, k = g.tensor(batch, h, w, c), g.tensor(kh, kw, c, f)
	}
	if g.chance(0.08) {
		// a kernel for other channels
		s := append([]int(nil), k.Shape...)
		s[len(s)-2]++
		k = g.tensor(s...)
	}
	if !g.chance(0.2) {
		bias = g.floats(f)
		if g.chance(0.05) {
			bias = g.floats(f + 1)
		}
	}
	return x, k, bias
}

func genFilters(g *gen) {
	for range PerExercise {
		in := [3]int{g.intn(1, 16), g.intn(1, 16), g.intn(1, 4)}
		k := [2]int{g.intn(1, 5), g.intn(1, 5)}
		s := [2]int{g.intn(1, 3), g.intn(1, 3)}
		f := g.intn(1, 12)
		if g.chance(0.1) {
			s[g.intn(0, 1)] = 0
		}
		if g.chance(0.1) {
			f = 0
		}
		m := g.cased(g.mode(0.08))
		call := golden.ConvShapeCall{InputShape: in, Filters: f, KernelSize: k, Strides: s, Padding: m}
		v, err := g.ans.ConvOutputShape(call)
		add(g, "TestConvOutputShape", call, v, err)
	}
	for range PerExercise {
		k := [2]int{g.intn(1, 5), g.intn(1, 5)}
		c, f := g.intn(1, 64), g.intn(1, 64)
		if g.chance(0.1) {
			c = 0
		}
		if g.chance(0.1) {
			k[0] = 0
		}
		b := g.chance(0.7)
		call := golden.ConvParamsCall{KernelSize: k, InChannels: c, Filters: f, UseBias: b}
		v, err := g.ans.ConvParams(call)
		add(g, "TestConvParams", call, v, err)
	}
	for range PerExercise {
		x, k, bias := g.conv(false, false)
		call := golden.ConvCall{X: gt(x), Kernel: gt(k), Bias: bias}
		w, err := g.ans.Conv2DValid(call)
		add(g, "TestConv2DValid", call, w, err)
	}
	for range PerExercise {
		x, k, bias := g.conv(false, true)
		s := [2]int{g.intn(1, 3), g.intn(1, 3)}
		m := g.mode(0.05)
		call := golden.ConvCall{X: gt(x), Kernel: gt(k), Bias: bias, Strides: s[:], Padding: m}
		w, err := g.ans.Conv2DStrided(call)
		add(g, "TestConv2DStrided", call, w, err)
	}
	for range PerExercise {
		x, k, bias := g.conv(false, true)
		s, d := [2]int{1, 1}, [2]int{g.intn(1, 3), g.intn(1, 3)}
		if g.chance(0.15) {
			s = [2]int{2, 2}
		}
		m := g.mode(0.05)
		call := golden.ConvCall{X: gt(x), Kernel: gt(k), Bias: bias, Strides: s[:], Dilation: d[:], Padding: m}
		w, err := g.ans.Conv2DDilated(call)
		add(g, "TestConv2DDilated", call, w, err)
	}
	for range PerExercise {
		x, k, bias := g.conv(true, true)
		s, d := g.intn(1, 3), 1
		if g.chance(0.5) {
			s, d = 1, g.intn(1, 3)
		}
		m := g.mode(0.05)
		call := golden.ConvCall{X: gt(x), Kernel: gt(k), Bias: bias, Strides: []int{s}, Dilation: []int{d}, Padding: m}
		w, err := g.ans.Conv1D(call)
		add(g, "TestConv1D", call, w, err)
	}
}

// pool draws a pooling's input, size and strides (nil: the pool size).
func (g *gen) pool() (x *tensor.Tensor, size [2]int, strides []int) {
	h, w := g.intn(1, 9), g.intn(1, 9)
	x = g.tensor(g.intn(1, 2), h, w, g.intn(1, 3))
	size = [2]int{g.intn(1, 3), g.intn(1, 3)}
	if g.chance(0.6) {
		strides = []int{g.intn(1, 3), g.intn(1, 3)}
	}
	if g.chance(0.05) {
		strides = []int{0, 1}
	}
	return x, size, strides
}

func genPooling(g *gen) {
	for range PerExercise {
		in := [3]int{g.intn(1, 16), g.intn(1, 16), g.intn(1, 8)}
		size := [2]int{g.intn(1, 4), g.intn(1, 4)}
		var strides []int
		if g.chance(0.6) {
			strides = []int{g.intn(1, 3), g.intn(1, 3)}
		}
		if g.chance(0.1) {
			size[0] = 0
		}
		m := g.cased(g.mode(0.08))
		call := golden.PoolShapeCall{InputShape: in, PoolSize: size, Strides: strides, Padding: m}
		v, err := g.ans.PoolOutputShape(call)
		add(g, "TestPoolOutputShape", call, v, err)
	}
	for range PerExercise {
		x, size, strides := g.pool()
		m := g.mode(0.05)
		call := golden.PoolCall{X: gt(x), PoolSize: size, Strides: strides, Padding: m}
		w, err := g.ans.MaxPooling(call)
		add(g, "TestMaxPooling", call, w, err)
	}
	for _, ex := range []struct {
		test, mode string
		answer     func(golden.PoolCall) (golden.Tensor, error)
	}{{"TestAveragePoolingValid", "valid", g.ans.AveragePoolingValid}, {"TestAveragePoolingSame", "same", g.ans.AveragePoolingSame}} {
		for range PerExercise {
			x, size, strides := g.pool()
			call := golden.PoolCall{X: gt(x), PoolSize: size, Strides: strides, Padding: ex.mode}
			w, err := ex.answer(call)
			add(g, ex.test, call, w, err)
		}
	}
	for range PerExercise {
		var x *tensor.Tensor
		if g.chance(0.1) {
			x = g.tensor(g.intn(1, 2), g.intn(1, 4), g.intn(1, 3))
		} else {
			x = g.tensor(g.intn(1, 3), g.intn(1, 5), g.intn(1, 5), g.intn(1, 4))
		}
		keep := g.chance(0.4)
		layer := "GlobalMaxPooling2D"
		if g.chance(0.5) {
			layer = "GlobalAveragePooling2D"
		}
		call := golden.GlobalCall{Layer: layer, X: gt(x), Keepdims: keep}
		w, err := g.ans.GlobalPooling(call)
		add(g, "TestGlobalPooling", call, w, err)
	}
}

// layer draws one layer for an input of c channels, without weights.
func (g *gen) layer() golden.LayerSpec {
	switch g.intn(0, 9) {
	case 0, 1, 2:
		l := golden.LayerSpec{Class: "Conv2D", Units: g.intn(1, 6), Size: []int{g.intn(1, 3), g.intn(1, 3)}, Padding: g.pick("valid", "same")}
		if g.chance(0.4) {
			l.Strides = []int{g.intn(1, 2), g.intn(1, 2)}
		}
		l.NoBias = g.chance(0.2)
		return l
	case 3:
		return golden.LayerSpec{Class: "ZeroPadding2D", Pads: [][2]int{{g.intn(0, 2), g.intn(0, 2)}, {g.intn(0, 2), g.intn(0, 2)}}}
	case 4, 5:
		l := golden.LayerSpec{Class: g.pick("MaxPooling2D", "AveragePooling2D"), Size: []int{g.intn(1, 3), g.intn(1, 3)}, Padding: g.pick("valid", "same")}
		if g.chance(0.4) {
			l.Strides = []int{g.intn(1, 2), g.intn(1, 2)}
		}
		return l
	case 6:
		return golden.LayerSpec{Class: g.pick("GlobalMaxPooling2D", "GlobalAveragePooling2D")}
	case 7:
		return golden.LayerSpec{Class: "Flatten"}
	case 8:
		return golden.LayerSpec{Class: "Dense", Units: g.intn(1, 6), NoBias: g.chance(0.2)}
	}
	return golden.LayerSpec{Class: g.pick("Conv3D", "Dropout")} // Keras layers the lesson does not know
}

// model draws a small model on an input of shape (h, w, c) with weights,
// mostly valid.
func (g *gen) model(h, w, c int) []golden.LayerSpec {
	n := g.intn(1, 4)
	var out []golden.LayerSpec
	in := []int{1, h, w, c}
	for range n {
		l := g.layer()
		// Weights for the shape the layer gets, when that shape is known.
		switch l.Class {
		case "Conv2D":
			if len(in) == 4 {
				l.Kernel = gt(g.tensor(l.Size[0], l.Size[1], in[3], l.Units))
			}
		case "Dense":
			if len(in) >= 2 {
				l.Kernel = gt(g.tensor(in[len(in)-1], l.Units))
			}
		}
		if l.Kernel != nil && !l.NoBias {
			l.Bias = g.floats(l.Units)
		}
		out = append(out, l)
		next, err := g.ans.LayerOutputShape(golden.LayerCall{InputShape: in, Layer: l})
		if err != nil {
			break
		}
		in = next
	}
	return out
}

func genStacking(g *gen) {
	for range PerExercise {
		var in []int
		if g.chance(0.8) {
			in = []int{-1, g.intn(1, 12), g.intn(1, 12), g.intn(1, 4)}
		} else {
			in = []int{g.intn(1, 3), g.intn(1, 20)}
		}
		l := g.layer()
		call := golden.LayerCall{InputShape: in, Layer: l}
		v, err := g.ans.LayerOutputShape(call)
		add(g, "TestLayerOutputShape", call, v, err)
	}
	for range PerExercise {
		in := []int{-1, g.intn(1, 12), g.intn(1, 12), g.intn(1, 4)}
		l := g.layer()
		call := golden.LayerCall{InputShape: in, Layer: l}
		v, err := g.ans.LayerParams(call)
		add(g, "TestLayerParams", call, v, err)
	}
	for range PerExercise {
		in := []int{g.intn(2, 12), g.intn(2, 12), g.intn(1, 4)}
		specs := g.model(in[0], in[1], in[2])
		for i := range specs {
			specs[i].Kernel, specs[i].Bias = nil, nil // Summary needs no weights
		}
		call := golden.SummaryCall{InputShape: in, Layers: specs}
		want, err := g.ans.Summary(call)
		add(g, "TestSummary", call, want, err)
	}
	for range PerExercise {
		x := g.tensor(g.intn(1, 3), g.intn(1, 4), g.intn(1, 4), g.intn(1, 3))
		if g.chance(0.4) {
			call := golden.FlattenDenseCall{Layer: "Flatten", X: gt(x)}
			w, err := g.ans.FlattenDense(call)
			add(g, "TestFlattenDense", call, w, err)
			continue
		}
		if g.chance(0.6) {
			x = g.tensor(g.intn(1, 3), g.intn(1, 8))
		}
		units := g.intn(1, 5)
		inF := x.Shape[len(x.Shape)-1]
		if g.chance(0.08) {
			inF++
		}
		k := g.tensor(inF, units)
		var bias []float32
		if g.chance(0.8) {
			bias = g.floats(units)
		}
		call := golden.FlattenDenseCall{Layer: "Dense", X: gt(x), Kernel: gt(k), Bias: bias}
		w, err := g.ans.FlattenDense(call)
		add(g, "TestFlattenDense", call, w, err)
	}
	for range PerExercise {
		h, w, c := g.intn(2, 8), g.intn(2, 8), g.intn(1, 3)
		x := g.tensor(g.intn(1, 2), h, w, c)
		specs := g.model(h, w, c)
		call := golden.ForwardCall{X: gt(x), Layers: specs}
		want, err := g.ans.Forward(call)
		add(g, "TestForward", call, want, err)
	}
}
