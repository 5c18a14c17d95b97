package golden

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/convlings/convlings/golden/mistakes"
	"github.com/convlings/convlings/tensor"
)

// LayerFields is the underlying type of the Layer type of lesson 4,
// stacking. lessons/stacking and solutions/stacking each define their own
// Layer with exactly these fields, so one suite serves both: Stacking is
// generic over any type with this underlying struct.
type LayerFields = struct {
	Class   string
	Units   int
	Size    [2]int
	Strides []int
	Padding string
	Pads    [2][2]int
	NoBias  bool
	Kernel  *tensor.Tensor
	Bias    []float32
}

// RowFields is the underlying type of lesson 4's Row: one line of
// model.summary().
type RowFields = struct {
	Layer       string
	OutputShape string
	Params      int
}

// Stacking is the suite of lesson 4, stacking (see Padding for how lessons
// use a suite). L and R are the lesson's Layer and Row types:
//
//	var suite = golden.Stacking[stacking.Layer, stacking.Row]{OutputShape: stacking.OutputShape, …}
type Stacking[L ~LayerFields, R ~RowFields] struct {
	OutputShape func(in []int, layer L) ([]int, error)
	ParamCount  func(in []int, layer L) (int, error)
	Summary     func(input []int, layers []L) (rows []R, total int, err error)
	Flatten     func(x *tensor.Tensor) (*tensor.Tensor, error)
	Dense       func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error)
	Forward     func(x *tensor.Tensor, layers []L) (*tensor.Tensor, error)
	Cases       fs.FS // the cases to run instead of the golden files (see Padding.Cases)
}

func (s Stacking[L, R]) caseFiles() fs.FS { return s.Cases }

// Tests returns the suite's exercises in order.
func (s Stacking[L, R]) Tests() []Test {
	return []Test{
		{exLayerOutputShape, s.TestLayerOutputShape},
		{exLayerParams, s.TestLayerParams},
		{exSummary, s.TestSummary},
		{exFlattenDense, s.TestFlattenDense},
		{exForward, s.TestForward},
	}
}

// LayerSpec is a layer as a golden file stores it: the fields of lesson
// 4's Layer that the layer uses.
type LayerSpec struct {
	Class   string    `json:"class"`
	Units   int       `json:"units,omitempty"`
	Size    []int     `json:"size,omitempty"`
	Strides []int     `json:"strides,omitempty"`
	Padding string    `json:"padding,omitempty"`
	Pads    [][2]int  `json:"pads,omitempty"`
	NoBias  bool      `json:"no_bias,omitempty"`
	Kernel  *Tensor   `json:"kernel,omitempty"`
	Bias    []float32 `json:"bias,omitempty"`
}

// fields returns the lesson's Layer for l, with fresh copies of the weights.
func (l LayerSpec) fields() LayerFields {
	f := LayerFields{Class: l.Class, Units: l.Units, Strides: cloneInts(l.Strides), Padding: l.Padding, NoBias: l.NoBias}
	copy(f.Size[:], l.Size)
	for i := 0; i < len(l.Pads) && i < 2; i++ {
		f.Pads[i] = l.Pads[i]
	}
	if l.Kernel != nil {
		f.Kernel = l.Kernel.Tensor()
	}
	if l.Bias != nil {
		f.Bias = append([]float32(nil), l.Bias...)
	}
	return f
}

// goSource writes l as the Go composite literal a learner would write.
func (l LayerSpec) goSource() string {
	parts := []string{"Class: " + strconv.Quote(l.Class)}
	if l.Units != 0 {
		parts = append(parts, "Units: "+strconv.Itoa(l.Units))
	}
	if l.Size != nil {
		parts = append(parts, "Size: "+goArray(l.Size))
	}
	if l.Strides != nil {
		parts = append(parts, "Strides: "+goSlice(l.Strides))
	}
	if l.Padding != "" {
		parts = append(parts, "Padding: "+strconv.Quote(l.Padding))
	}
	if l.Pads != nil {
		parts = append(parts, "Pads: "+strings.NewReplacer("[", "{", "]", "}", " ", ", ").Replace(fmt.Sprint(l.Pads)))
	}
	if l.NoBias {
		parts = append(parts, "NoBias: true")
	}
	if l.Kernel != nil {
		parts = append(parts, "Kernel: <"+tensor.Shape(l.Kernel.Shape).Dims()+">")
	}
	if l.Bias != nil {
		parts = append(parts, "Bias: "+formatFloats(l.Bias))
	}
	return "Layer{" + strings.Join(parts, ", ") + "}"
}

// LayerCall is the call of OutputShape and ParamCount: the input shape
// with the batch axis first (-1 for None) and the layer.
type LayerCall struct {
	InputShape []int     `json:"input_shape"`
	Layer      LayerSpec `json:"layer"`
}

// SummaryCall is the call of Summary: the model's input shape without the
// batch, as Keras's input_shape, and its layers.
type SummaryCall struct {
	InputShape []int       `json:"input_shape"`
	Layers     []LayerSpec `json:"layers"`
}

// SummaryWant is what Summary returns.
type SummaryWant struct {
	Rows  []SummaryRow `json:"rows"`
	Total int          `json:"total"`
}

// SummaryRow is one row of SummaryWant.
type SummaryRow struct {
	Layer       string `json:"layer"`
	OutputShape string `json:"output_shape"`
	Params      int    `json:"params"`
}

// FlattenDenseCall is the call of Flatten or Dense, as Layer says.
type FlattenDenseCall struct {
	Layer  string    `json:"layer"`
	X      *Tensor   `json:"x"`
	Kernel *Tensor   `json:"kernel,omitempty"`
	Bias   []float32 `json:"bias,omitempty"`
}

// ForwardCall is the call of Forward.
type ForwardCall struct {
	X      *Tensor     `json:"x"`
	Layers []LayerSpec `json:"layers"`
}

// ForwardWant is what Forward returns, and what each layer on the way
// returns: Layers[i] is the output of layers[0..i], so that a failure can
// name the first layer that goes wrong.
type ForwardWant struct {
	Output Tensor   `json:"output"`
	Layers []Tensor `json:"layers"`
}

// from builds the suite from the mistake catalogue's rules.
func (Stacking[L, R]) from(r *mistakes.Rules) Stacking[L, R] {
	return Stacking[L, R]{
		OutputShape: func(in []int, l L) ([]int, error) { return r.OutputShape(in, LayerFields(l)) },
		ParamCount:  func(in []int, l L) (int, error) { return r.ParamCount(in, LayerFields(l)) },
		Summary: func(input []int, layers []L) ([]R, int, error) {
			ls := make([]LayerFields, len(layers))
			for i, l := range layers {
				ls[i] = LayerFields(l)
			}
			rows, total, err := r.Summary(input, ls)
			out := make([]R, len(rows))
			for i, row := range rows {
				out[i] = R(row)
			}
			return out, total, err
		},
		Flatten: r.Flatten,
		Dense:   r.Dense,
		Forward: func(x *tensor.Tensor, layers []L) (*tensor.Tensor, error) {
			ls := make([]LayerFields, len(layers))
			for i, l := range layers {
				ls[i] = LayerFields(l)
			}
			return r.Forward(x, ls)
		},
	}
}

// layerEval is a layer as a tools/eval layer case, without its input.
func (l LayerSpec) layerEval() *evalLayer {
	cfg := map[string]any{}
	size := l.Size
	if len(size) == 2 && size[0] == 0 && size[1] == 0 {
		size = nil
	}
	switch l.Class {
	case "Conv2D":
		cfg["filters"], cfg["kernel_size"] = l.Units, size
	case "MaxPooling2D", "AveragePooling2D":
		if size != nil {
			cfg["pool_size"] = size
		}
	case "ZeroPadding2D":
		pads := l.Pads
		if pads == nil {
			pads = [][2]int{{0, 0}, {0, 0}}
		}
		cfg["padding"] = pads
	case "Dense":
		cfg["units"] = l.Units
	}
	if l.Strides != nil {
		cfg["strides"] = l.Strides
	}
	if l.Padding != "" {
		cfg["padding"] = l.Padding
	}
	if l.NoBias {
		cfg["use_bias"] = false
	}
	e := &evalLayer{Layer: l.Class, Config: cfg}
	if l.Kernel != nil {
		e.Weights = map[string]any{"kernel": jsonFloats(l.Kernel.Values)}
		if l.Bias != nil {
			e.Weights["bias"] = jsonFloats(l.Bias)
		}
	}
	return e
}

// TestLayerOutputShape checks OutputShape.
func (s Stacking[L, R]) TestLayerOutputShape(t T) {
	t.Helper()
	call := func(c *Case[LayerCall, []int]) string {
		return fmt.Sprintf("OutputShape(%s, %s)", goSlice(c.Call.InputShape), c.Call.Layer.goSource())
	}
	run(t, exercise[Stacking[L, R], LayerCall, []int]{
		ex:   exLayerOutputShape,
		call: call,
		exec: func(s Stacking[L, R], c *Case[LayerCall, []int]) outcome {
			v, err := s.OutputShape(cloneInts(c.Call.InputShape), L(c.Call.Layer.fields()))
			return outcome{val: v, err: err}
		},
		judge: func(c *Case[LayerCall, []int], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return tensor.Shape(*c.Want).String() }); done {
				return v
			}
			if g := got.val.([]int); !shapeEq(g, *c.Want) {
				return judgeEqual(call(c), tensor.Shape(g).String(), tensor.Shape(*c.Want).String())
			}
			return nil
		},
		layer: func(c *Case[LayerCall, []int], _ *verdict) any {
			l := c.Call.Layer.layerEval()
			l.InputShape = c.Call.InputShape
			return l
		},
		from: s.from,
	}, s)
}

// TestLayerParams checks ParamCount.
func (s Stacking[L, R]) TestLayerParams(t T) {
	t.Helper()
	call := func(c *Case[LayerCall, int]) string {
		return fmt.Sprintf("ParamCount(%s, %s)", goSlice(c.Call.InputShape), c.Call.Layer.goSource())
	}
	run(t, exercise[Stacking[L, R], LayerCall, int]{
		ex:   exLayerParams,
		call: call,
		exec: func(s Stacking[L, R], c *Case[LayerCall, int]) outcome {
			v, err := s.ParamCount(cloneInts(c.Call.InputShape), L(c.Call.Layer.fields()))
			return outcome{val: v, err: err}
		},
		judge: func(c *Case[LayerCall, int], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return strconv.Itoa(*c.Want) }); done {
				return v
			}
			if g := got.val.(int); g != *c.Want {
				return judgeEqual(call(c), strconv.Itoa(g), strconv.Itoa(*c.Want))
			}
			return nil
		},
		layer: func(c *Case[LayerCall, int], _ *verdict) any {
			l := c.Call.Layer.layerEval()
			l.InputShape = c.Call.InputShape
			return l
		},
		from: s.from,
	}, s)
}

// TestSummary checks Summary.
func (s Stacking[L, R]) TestSummary(t T) {
	t.Helper()
	call := func(c *Case[SummaryCall, SummaryWant]) string {
		src := make([]string, len(c.Call.Layers))
		for i, l := range c.Call.Layers {
			src[i] = "\n        " + l.goSource() + ","
		}
		return fmt.Sprintf("Summary(%s, []Layer{%s\n    })", goSlice(c.Call.InputShape), strings.Join(src, ""))
	}
	run(t, exercise[Stacking[L, R], SummaryCall, SummaryWant]{
		ex:   exSummary,
		call: call,
		exec: func(s Stacking[L, R], c *Case[SummaryCall, SummaryWant]) outcome {
			layers := make([]L, len(c.Call.Layers))
			for i, l := range c.Call.Layers {
				layers[i] = L(l.fields())
			}
			rows, total, err := s.Summary(cloneInts(c.Call.InputShape), layers)
			got := SummaryWant{Rows: make([]SummaryRow, len(rows)), Total: total}
			for i, row := range rows {
				f := RowFields(row)
				got.Rows[i] = SummaryRow{f.Layer, f.OutputShape, f.Params}
			}
			return outcome{val: got, err: err}
		},
		judge: func(c *Case[SummaryCall, SummaryWant], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return tr("the summary\n", "요약\n") + formatSummary(c.Want.Rows, c.Want.Total) }); done {
				return v
			}
			g := got.val.(SummaryWant)
			ok := len(g.Rows) == len(c.Want.Rows) && g.Total == c.Want.Total
			first := -1
			for i := 0; i < len(g.Rows) && i < len(c.Want.Rows); i++ {
				if g.Rows[i] != c.Want.Rows[i] {
					ok, first = false, i
					break
				}
			}
			if ok {
				return nil
			}
			what := tr(fmt.Sprintf("%d rows and a total of %d, want %d rows and %d", len(g.Rows), g.Total, len(c.Want.Rows), c.Want.Total),
				fmt.Sprintf("행 %d개, 합계 %d. 기대: 행 %d개, 합계 %d", len(g.Rows), g.Total, len(c.Want.Rows), c.Want.Total))
			v := &verdict{}
			if first >= 0 {
				what = tr(fmt.Sprintf("row %d is %+v, want %+v", first, g.Rows[first], c.Want.Rows[first]),
					fmt.Sprintf("%d행: %+v, 기대: %+v", first, g.Rows[first], c.Want.Rows[first]))
				v.firstDiff = []int{first}
			}
			v.head = fmt.Sprintf("%s:\n    %s\n    %s\n%s\n    %s\n%s", call(c), what, tr("got:", "결과:"), formatSummary(g.Rows, g.Total), tr("want:", "기대:"), formatSummary(c.Want.Rows, c.Want.Total))
			v.short = fmt.Sprintf("Summary(%s, …): %s", goSlice(c.Call.InputShape), what)
			return v
		},
		from: s.from,
	}, s)
}

func formatSummary(rows []SummaryRow, total int) string {
	var b strings.Builder
	for _, row := range rows {
		fmt.Fprintf(&b, "        %-36s %-22s %d\n", row.Layer, row.OutputShape, row.Params)
	}
	fmt.Fprintf(&b, "        Total params: %d", total)
	return b.String()
}

// TestFlattenDense checks Flatten and Dense.
func (s Stacking[L, R]) TestFlattenDense(t T) {
	t.Helper()
	call := func(c *Case[FlattenDenseCall, Tensor]) string {
		if c.Call.Layer == "Flatten" {
			return "Flatten(x)"
		}
		return "Dense(x, kernel, bias)"
	}
	run(t, exercise[Stacking[L, R], FlattenDenseCall, Tensor]{
		ex:   exFlattenDense,
		call: call,
		exec: func(s Stacking[L, R], c *Case[FlattenDenseCall, Tensor]) outcome {
			a := c.Call
			x := a.X.Tensor()
			if a.Layer == "Flatten" {
				y, err := s.Flatten(x)
				return outcome{val: y, err: err, mutated: inputMutated("x", x, a.X)}
			}
			var bias []float32
			if a.Bias != nil {
				bias = append([]float32(nil), a.Bias...)
			}
			y, err := s.Dense(x, a.Kernel.Tensor(), bias)
			return outcome{val: y, err: err, mutated: inputMutated("x", x, a.X)}
		},
		judge: func(c *Case[FlattenDenseCall, Tensor], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }); done {
				return v
			}
			return judgeTensor(call(c), got.val.(*tensor.Tensor), c.Want, nil)
		},
		inputs: func(c *Case[FlattenDenseCall, Tensor]) []string {
			in := []string{tensorInput("x", c.Call.X)}
			if c.Call.Layer != "Flatten" {
				in = append(in, tensorInput("kernel", c.Call.Kernel), tensorInput("bias", c.Call.Bias))
			}
			return in
		},
		layer: func(c *Case[FlattenDenseCall, Tensor], _ *verdict) any {
			a := c.Call
			if a.Layer == "Flatten" {
				return (&evalLayer{Layer: "Flatten", Config: map[string]any{}}).input(a.X)
			}
			units := 0
			if a.Kernel != nil && len(a.Kernel.Shape) == 2 {
				units = a.Kernel.Shape[1]
			}
			return (&evalLayer{Layer: "Dense", Config: map[string]any{"units": units}}).input(a.X).weights(a.Kernel, a.Bias)
		},
		from: s.from,
	}, s)
}

// forwardStage is how far a Forward answer goes right: the first layer
// whose output differs from Keras's, and that output.
type forwardStage struct {
	layer int
	got   outcome
}

// TestForward checks Forward. When the model's output is wrong, it runs
// the layers one more at a time and names the first layer whose output
// differs, with that layer's grid.
func (s Stacking[L, R]) TestForward(t T) {
	t.Helper()
	call := func(c *Case[ForwardCall, ForwardWant]) string {
		src := make([]string, len(c.Call.Layers))
		for i, l := range c.Call.Layers {
			src[i] = "\n        " + l.goSource() + ","
		}
		return fmt.Sprintf("Forward(x, []Layer{%s\n    })", strings.Join(src, ""))
	}
	forward := func(s Stacking[L, R], c *Case[ForwardCall, ForwardWant], n int) outcome {
		x := c.Call.X.Tensor()
		layers := make([]L, n)
		for i := range layers {
			layers[i] = L(c.Call.Layers[i].fields())
		}
		y, err := s.Forward(x, layers)
		return outcome{val: y, err: err, mutated: inputMutated("x", x, c.Call.X)}
	}
	run(t, exercise[Stacking[L, R], ForwardCall, ForwardWant]{
		ex:   exForward,
		call: call,
		exec: func(s Stacking[L, R], c *Case[ForwardCall, ForwardWant]) outcome {
			o := forward(s, c, len(c.Call.Layers))
			if c.Want == nil || o.err != nil || o.mutated != "" || judgeTensor("", o.val.(*tensor.Tensor), &c.Want.Output, nil) == nil {
				return o
			}
			for i := 0; i < len(c.Want.Layers) && i < len(c.Call.Layers); i++ {
				p := protect(func() outcome { return forward(s, c, i+1) })
				if p.panic != nil || p.err != nil || judgeTensor("", p.val.(*tensor.Tensor), &c.Want.Layers[i], nil) != nil {
					o.stage = &forwardStage{layer: i, got: p}
					break
				}
			}
			return o
		},
		judge: func(c *Case[ForwardCall, ForwardWant], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return "shape " + tensor.Shape(c.Want.Output.Shape).Dims() }); done {
				return v
			}
			v := judgeTensor(call(c), got.val.(*tensor.Tensor), &c.Want.Output, nil)
			st, _ := got.stage.(*forwardStage)
			if v == nil || st == nil {
				return v
			}
			spec := c.Call.Layers[st.layer]
			name := fmt.Sprintf("%d (%s)", st.layer, spec.Class)
			text := fmt.Sprintf("Forward(x, layers[:%d])", st.layer+1)
			lv, _ := judgeOutcome(text, nil, st.got, func() string { return "shape " + tensor.Shape(c.Want.Layers[st.layer].Shape).Dims() })
			if lv == nil {
				lv = judgeTensor(text, st.got.val.(*tensor.Tensor), &c.Want.Layers[st.layer], spec.window(c, st.layer))
			}
			if lv == nil {
				return v
			}
			v.detail = append([]string{"    " + tr(fmt.Sprintf("Layer %s is the first whose output differs:", name), fmt.Sprintf("출력이 처음 달라지는 레이어: %s", name)),
				"    " + lv.head}, lv.detail...)
			v.short += tr(fmt.Sprintf("; first wrong layer %s", name), fmt.Sprintf("; 처음 틀린 레이어 %s", name))
			v.firstDiff, v.window, v.layer = lv.firstDiff, lv.window, st.layer+1
			return v
		},
		inputs: func(c *Case[ForwardCall, ForwardWant]) []string { return []string{tensorInput("x", c.Call.X)} },
		layer: func(c *Case[ForwardCall, ForwardWant], v *verdict) any {
			// The first layer the learner gets wrong, fed with what Keras
			// feeds it: the output of the layer before.
			if v.layer == 0 {
				return nil
			}
			in := c.Call.X
			if v.layer > 1 {
				in = &c.Want.Layers[v.layer-2]
			}
			return c.Call.Layers[v.layer-1].layerEval().input(in)
		},
		from: s.from,
	}, s)
}

// window is the geometry of the window behind output idx of this layer,
// the layer-th of c's model, for a convolution or a pooling.
func (l LayerSpec) window(c *Case[ForwardCall, ForwardWant], layer int) func(idx []int) *window {
	in := c.Call.X
	if layer > 0 {
		in = &c.Want.Layers[layer-1]
	}
	return func(idx []int) *window {
		if len(in.Shape) != 4 || len(idx) != 4 || len(l.Size) != 2 {
			return nil
		}
		k := [2]int{l.Size[0], l.Size[1]}
		s := [2]int{1, 1}
		switch {
		case len(l.Strides) == 2:
			s = [2]int{l.Strides[0], l.Strides[1]}
		case l.Class != "Conv2D":
			s = k
		}
		p := l.Padding
		if p == "" {
			p = "valid"
		}
		switch l.Class {
		case "Conv2D", "MaxPooling2D", "AveragePooling2D":
			return newWindow([2]int{in.Shape[1], in.Shape[2]}, k, s, [2]int{1, 1}, p, [2]int{idx[1], idx[2]})
		}
		return nil
	}
}
