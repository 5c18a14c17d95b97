package golden

import (
	"fmt"
	"strconv"
	"strings"

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
}

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

// TestLayerOutputShape checks OutputShape.
func (s Stacking[L, R]) TestLayerOutputShape(t T) {
	t.Helper()
	runCases(t, exLayerOutputShape, func(r *report, c *Case[LayerCall, []int]) {
		r.t.Helper()
		a := c.Call
		r.call = fmt.Sprintf("OutputShape(%s, %s)", goSlice(a.InputShape), a.Layer.goSource())
		got, err := s.OutputShape(cloneInts(a.InputShape), L(a.Layer.fields()))
		if r.checkErr(err, c.Error, func() string { return tensor.Shape(*c.Want).String() }) {
			return
		}
		if !shapeEq(got, *c.Want) {
			r.fail("%s = %s, want %s", r.call, tensor.Shape(got).String(), tensor.Shape(*c.Want).String())
		}
	})
}

// TestLayerParams checks ParamCount.
func (s Stacking[L, R]) TestLayerParams(t T) {
	t.Helper()
	runCases(t, exLayerParams, func(r *report, c *Case[LayerCall, int]) {
		r.t.Helper()
		a := c.Call
		r.call = fmt.Sprintf("ParamCount(%s, %s)", goSlice(a.InputShape), a.Layer.goSource())
		got, err := s.ParamCount(cloneInts(a.InputShape), L(a.Layer.fields()))
		if r.checkErr(err, c.Error, func() string { return strconv.Itoa(*c.Want) }) {
			return
		}
		if got != *c.Want {
			r.fail("%s = %d, want %d", r.call, got, *c.Want)
		}
	})
}

// TestSummary checks Summary.
func (s Stacking[L, R]) TestSummary(t T) {
	t.Helper()
	runCases(t, exSummary, func(r *report, c *Case[SummaryCall, SummaryWant]) {
		r.t.Helper()
		a := c.Call
		layers := make([]L, len(a.Layers))
		src := make([]string, len(a.Layers))
		for i, l := range a.Layers {
			layers[i] = L(l.fields())
			src[i] = "\n        " + l.goSource() + ","
		}
		r.call = fmt.Sprintf("Summary(%s, []Layer{%s\n    })", goSlice(a.InputShape), strings.Join(src, ""))
		rows, total, err := s.Summary(cloneInts(a.InputShape), layers)
		if r.checkErr(err, c.Error, func() string { return "the summary\n" + formatSummary(c.Want.Rows, c.Want.Total) }) {
			return
		}
		got := make([]SummaryRow, len(rows))
		for i, row := range rows {
			f := RowFields(row)
			got[i] = SummaryRow{f.Layer, f.OutputShape, f.Params}
		}
		ok := len(got) == len(c.Want.Rows) && total == c.Want.Total
		first := -1
		for i := 0; ok && i < len(got); i++ {
			if got[i] != c.Want.Rows[i] {
				ok, first = false, i
			}
		}
		if ok {
			return
		}
		what := fmt.Sprintf("%d rows and a total of %d, want %d rows and %d", len(got), total, len(c.Want.Rows), c.Want.Total)
		if first >= 0 {
			what = fmt.Sprintf("row %d is %+v, want %+v", first, got[first], c.Want.Rows[first])
		}
		r.fail("%s:\n    %s\n    got:\n%s\n    want:\n%s", r.call, what, formatSummary(got, total), formatSummary(c.Want.Rows, c.Want.Total))
	})
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
	runCases(t, exFlattenDense, func(r *report, c *Case[FlattenDenseCall, Tensor]) {
		r.t.Helper()
		a := c.Call
		x := a.X.Tensor()
		r.input("x", x)
		var got *tensor.Tensor
		var err error
		if a.Layer == "Flatten" {
			r.call = "Flatten(x)"
			got, err = s.Flatten(x)
		} else {
			k := a.Kernel.Tensor()
			var bias []float32
			if a.Bias != nil {
				bias = append([]float32(nil), a.Bias...)
			}
			r.input("kernel", k)
			r.input("bias", bias)
			r.call = "Dense(x, kernel, bias)"
			got, err = s.Dense(x, k, bias)
		}
		if r.checkErr(err, c.Error, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }) {
			return
		}
		r.checkTensor(got, c.Want)
		r.checkInput("x", x, a.X)
	})
}

// TestForward checks Forward.
func (s Stacking[L, R]) TestForward(t T) {
	t.Helper()
	runCases(t, exForward, func(r *report, c *Case[ForwardCall, Tensor]) {
		r.t.Helper()
		a := c.Call
		x := a.X.Tensor()
		layers := make([]L, len(a.Layers))
		src := make([]string, len(a.Layers))
		for i, l := range a.Layers {
			layers[i] = L(l.fields())
			src[i] = "\n        " + l.goSource() + ","
		}
		r.call = fmt.Sprintf("Forward(x, []Layer{%s\n    })", strings.Join(src, ""))
		r.input("x", x)
		got, err := s.Forward(x, layers)
		if r.checkErr(err, c.Error, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }) {
			return
		}
		r.checkTensor(got, c.Want)
		r.checkInput("x", x, a.X)
	})
}
