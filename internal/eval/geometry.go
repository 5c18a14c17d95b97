package eval

import (
	"bytes"
	"encoding/json"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
)

// maxGeometry bounds each spatial dimension Geometry answers for, so that
// the window lists stay small.
const maxGeometry = 1024

// Axis is the window arithmetic of one spatial axis of a layer, as the
// library computes it.
type Axis struct {
	N      int `json:"n"`      // input cells
	K      int `json:"k"`      // window cells (kernel or pool size; 1 for zero padding)
	S      int `json:"s"`      // stride
	D      int `json:"d"`      // dilation
	Out    int `json:"out"`    // output cells
	Before int `json:"before"` // zeros added before the input
	After  int `json:"after"`  // zeros added after the input
	// Windows holds, for each output cell, the input index each of the
	// window's cells reads: an index < 0 or ≥ N is a padding cell.
	Windows [][]int `json:"windows"`
}

// Geom is the result of Geometry.
type Geom struct {
	ID      json.RawMessage `json:"id"`
	Class   string          `json:"class"`
	Kind    string          `json:"kind"` // "window", "zero_padding" or "global"
	Padding string          `json:"padding,omitempty"`
	Average bool            `json:"average,omitempty"`
	Axes    []Axis          `json:"axes"`
}

// Geometry answers, for a layer case, which input cells each output cell
// reads: the output length and the padding of every spatial axis, and each
// window's cells, all from the padding package's arithmetic. The case must
// give every spatial dimension of input_shape. The result is one line of
// JSON, or an error result as Case writes it. The explorer draws its windows
// from this, so that no second implementation of the rules exists.
func Geometry(raw json.RawMessage) []byte {
	id := json.RawMessage("null")
	res, err := func() (any, error) {
		v, pid, err := parse(raw)
		if err != nil {
			id = appendJSON(nil, pid, -1)
			return nil, err
		}
		f, ok := object(v)
		if !ok {
			return nil, badCase("a case must be a JSON object")
		}
		id = appendJSON(nil, f["id"], -1)
		if err := checkKeys("layer case", f, "id", "layer", "config", "input_shape", "input", "weights"); err != nil {
			return nil, err
		}
		class, ok := str(f["layer"])
		if !ok {
			return nil, badCase("layer must be a Keras class name, got %s", compact(f["layer"]))
		}
		in, err := parseShape("input_shape", f["input_shape"])
		if err != nil {
			return nil, err
		}
		l, err := buildLayer(class, f["config"], f["weights"])
		if err != nil {
			return nil, err
		}
		cfg, _ := object(f["config"])
		if df, _ := str(cfg["data_format"]); df == "channels_first" {
			return nil, badCase("geometry: %s data_format=channels_first is not drawn; use channels_last", class)
		}
		if _, err := l.OutputShape(in); err != nil {
			return nil, err
		}
		if len(in) < 3 || !known(in[1:len(in)-1]) {
			return nil, badCase("geometry needs every spatial dimension of input_shape, got %s", in)
		}
		spatial := in[1 : len(in)-1]
		for _, n := range spatial {
			if n > maxGeometry {
				return nil, badCase("geometry: input dimension %d is larger than %d, too large to draw", n, maxGeometry)
			}
		}
		g := Geom{ID: id, Class: l.Class(), Axes: []Axis{}}
		axis := func(n, k, s, d int, mode padding.Mode) Axis {
			out, before, after := padding.Axis(n, k, s, d, mode)
			a := Axis{N: n, K: k, S: s, D: d, Out: out, Before: before, After: after, Windows: make([][]int, out)}
			for o := range out {
				a.Windows[o] = make([]int, k)
				for t := range k {
					a.Windows[o][t] = o*s - before + t*d
				}
			}
			return a
		}
		switch l := l.(type) {
		case *conv.Conv:
			g.Kind, g.Padding = "window", l.Padding().String()
			k, s, d := l.KernelSize(), l.Strides(), l.DilationRate()
			for i, n := range spatial {
				g.Axes = append(g.Axes, axis(n, k[i], s[i], d[i], l.Padding()))
			}
		case *pool.Pool:
			g.Kind, g.Padding, g.Average = "window", l.Padding().String(), l.Average()
			k, s := l.PoolSize(), l.Strides()
			for i, n := range spatial {
				g.Axes = append(g.Axes, axis(n, k[i], s[i], 1, l.Padding()))
			}
		case *padding.ZeroPadding:
			g.Kind = "zero_padding"
			for i, n := range spatial {
				b, a := l.Pads[i][0], l.Pads[i][1]
				ax := Axis{N: n, K: 1, S: 1, D: 1, Out: b + n + a, Before: b, After: a, Windows: make([][]int, b+n+a)}
				for o := range ax.Out {
					ax.Windows[o] = []int{o - b}
				}
				g.Axes = append(g.Axes, ax)
			}
		case *pool.Global:
			g.Kind, g.Average = "global", l.Average()
			for _, n := range spatial {
				ax := Axis{N: n, K: n, S: 1, D: 1, Out: 1, Windows: [][]int{make([]int, n)}}
				for t := range n {
					ax.Windows[0][t] = t
				}
				g.Axes = append(g.Axes, ax)
			}
		default:
			return nil, badCase("geometry: %s has no windows", l.Class())
		}
		return g, nil
	}()
	if err != nil {
		e := errorResult{ID: jsonValue{json.RawMessage(id)}}
		e.Error.Kind = errKind(err)
		e.Error.Message = err.Error()
		res = e
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		return []byte(`{"id":null,"error":{"kind":"bad_case","message":"eval: the case cannot be echoed"}}`)
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}
