package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/convlings/convlings/tensor"
)

// recordPrefix starts the line of a case record (see the package doc).
const recordPrefix = "convlings-case "

// caseRecord writes the record of one failing case as one line.
func caseRecord[S, C, W any](x exercise[S, C, W], res caseResult[C, W]) string {
	rec := struct {
		Exercise  string         `json:"exercise"`
		Test      string         `json:"test"`
		Case      string         `json:"case"`
		File      string         `json:"file"`
		Call      string         `json:"call"`
		Layer     any            `json:"layer"`
		Want      any            `json:"want"`
		Got       any            `json:"got"`
		FirstDiff []int          `json:"first_diff"`
		Mistake   *recordMistake `json:"mistake"`
		Window    map[string]any `json:"window"`
	}{
		Exercise: x.ex.ID(), Test: x.ex.Test, Case: res.c.Name, File: res.c.File, Call: x.call(res.c),
		FirstDiff: res.v.firstDiff,
	}
	if x.layer != nil {
		rec.Layer = x.layer(res.c, res.v)
	}
	if res.c.Error != nil {
		rec.Want = map[string]any{"error": res.c.Error.Kind}
	} else {
		rec.Want = valueRecord(*res.c.Want)
	}
	switch g := res.got; {
	case g.panic != nil:
		rec.Got = map[string]any{"panic": fmt.Sprint(g.panic)}
	case g.err != nil:
		rec.Got = map[string]any{"error": g.err.Error()}
	default:
		rec.Got = valueRecord(g.val)
	}
	if m := res.mistake; m != nil {
		rec.Mistake = &recordMistake{ID: m.ID, En: m.En, Ko: m.Ko}
	}
	if res.v.window != nil {
		rec.Window = res.v.window.record()
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rec); err != nil {
		return recordPrefix + fmt.Sprintf(`{"exercise":%q,"case":%q,"error":%q}`, x.ex.ID(), res.c.Name, err.Error())
	}
	return recordPrefix + string(bytes.TrimRight(b.Bytes(), "\n"))
}

type recordMistake struct {
	ID string `json:"id"`
	En string `json:"en"`
	Ko string `json:"ko"`
}

// valueRecord is an answer as the case record writes it: a tensor as its
// shape and flat values, anything else as {"value": …}.
func valueRecord(v any) any {
	switch t := v.(type) {
	case *tensor.Tensor:
		if t == nil {
			return map[string]any{"value": nil}
		}
		return map[string]any{"shape": []int(t.Shape), "values": jsonFloats(t.Data)}
	case Tensor:
		return map[string]any{"shape": t.Shape, "values": jsonFloats(t.Values)}
	case ForwardWant:
		return valueRecord(t.Output)
	case *Tensor:
		if t == nil {
			return map[string]any{"value": nil}
		}
		return map[string]any{"shape": t.Shape, "values": jsonFloats(t.Values)}
	}
	return map[string]any{"value": v}
}

// jsonFloats writes values that JSON can hold: a NaN or an infinity is null.
func jsonFloats(v []float32) []any {
	out := make([]any, len(v))
	for i, x := range v {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			out[i] = nil
		} else {
			out[i] = json.Number(FormatFloat(x))
		}
	}
	return out
}

// evalLayer is one tools/eval layer case: enough for the explorer to
// preload exactly the case.
type evalLayer struct {
	Layer      string         `json:"layer"`
	Config     map[string]any `json:"config"`
	InputShape []int          `json:"input_shape"`
	Input      []any          `json:"input,omitempty"`
	Weights    map[string]any `json:"weights,omitempty"`
}

// evalInput fills a layer case's input shape and values from a tensor.
func (l *evalLayer) input(x *Tensor) *evalLayer {
	if x != nil {
		l.InputShape = append([]int(nil), x.Shape...)
		l.Input = jsonFloats(x.Values)
	}
	return l
}

// evalWeights fills a layer case's weights; a nil bias is use_bias=False.
func (l *evalLayer) weights(kernel *Tensor, bias []float32) *evalLayer {
	if kernel == nil {
		return l
	}
	l.Weights = map[string]any{"kernel": jsonFloats(kernel.Values)}
	if bias != nil {
		l.Weights["bias"] = jsonFloats(bias)
	} else {
		l.Config["use_bias"] = false
	}
	return l
}
