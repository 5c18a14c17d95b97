package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/convlings/convlings/model"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// maxValues bounds the values of any input or output, so that a case
// cannot make eval allocate without end.
const maxValues = 1 << 24

// caseError is an error eval itself reports about a case, with its kind.
type caseError struct {
	kind, msg string
}

func (e *caseError) Error() string { return e.msg }

func badCase(format string, args ...any) error {
	return &caseError{kind: "bad_case", msg: "eval: " + fmt.Sprintf(format, args...)}
}

// errKind returns the kind to report for err.
func errKind(err error) string {
	var ce *caseError
	if errors.As(err, &ce) {
		return ce.kind
	}
	if k := padding.Kind(err); k != "" {
		return k
	}
	return "bad_case"
}

// ReadCases reads a JSON array of cases, each left undecoded. It returns an
// error when r does not hold exactly one JSON array.
func ReadCases(r io.Reader) ([]json.RawMessage, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading the cases: %v", err)
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return nil, errors.New("the input is not a JSON array of cases")
	}
	d := json.NewDecoder(bytes.NewReader(trimmed))
	var cases []json.RawMessage
	if err := d.Decode(&cases); err != nil {
		return nil, fmt.Errorf("the input is not a JSON array of cases: %v", err)
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("the input has more data after the array of cases")
	}
	return cases, nil
}

type errorResult struct {
	ID    json.RawMessage `json:"id"`
	Error struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

type layerResult struct {
	ID          json.RawMessage `json:"id"`
	OutputShape string          `json:"output_shape"`
	Shape       []int           `json:"shape,omitempty"`
	Params      int             `json:"params"`
	Values      float32s        `json:"values,omitempty"`
}

type modelLayer struct {
	Class       string `json:"class"`
	OutputShape string `json:"output_shape"`
	Params      int    `json:"params"`
}

type modelResult struct {
	ID          json.RawMessage `json:"id"`
	Layers      []modelLayer    `json:"layers"`
	TotalParams int             `json:"total_params"`
	OutputShape string          `json:"output_shape"`
	Shape       []int           `json:"shape,omitempty"`
	Values      float32s        `json:"values,omitempty"`
}

// Case runs one case, a layer case or a model case as tools/eval's manual
// describes them, and returns its result as one line of JSON: the result, or
// {"id", "error": {"kind", "message"}} when the case fails. It never panics
// on bad input.
func Case(raw json.RawMessage) []byte {
	id := json.RawMessage("null")
	res, err := func() (any, error) {
		var fields map[string]json.RawMessage
		if err := decode(raw, &fields); err != nil || fields == nil {
			return nil, badCase("a case must be a JSON object")
		}
		if v, ok := fields["id"]; ok {
			id = v
		}
		if _, ok := fields["kind"]; ok {
			return runModel(id, fields)
		}
		if _, ok := fields["layer"]; ok {
			return runLayer(id, fields)
		}
		return nil, badCase(`a case needs "layer" (a layer case) or "kind": "sequential" (a model case)`)
	}()
	if err != nil {
		e := errorResult{ID: id}
		e.Error.Kind = errKind(err)
		e.Error.Message = err.Error()
		res = e
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		// Only an id that is not valid JSON can get here.
		return []byte(`{"id":null,"error":{"kind":"bad_case","message":"eval: the case cannot be echoed"}}`)
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// checkKeys rejects keys other than those allowed, "comment" and keys
// beginning with "_".
func checkKeys(what string, fields map[string]json.RawMessage, allowed ...string) error {
	var unknown []string
	for k := range fields {
		if k == "comment" || strings.HasPrefix(k, "_") || contains(allowed, k) {
			continue
		}
		unknown = append(unknown, k)
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return badCase("%s: unknown key %q (known: %s)", what, unknown[0], strings.Join(allowed, ", "))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseShape reads a shape: a JSON array of positive ints, or null for None.
func parseShape(name string, raw json.RawMessage) (tensor.Shape, error) {
	if isNull(raw) {
		return nil, badCase("%s is required", name)
	}
	var dims []any
	if err := decode(raw, &dims); err != nil {
		return nil, badCase("%s must be an array of positive ints or null, got %s", name, compact(raw))
	}
	s := make(tensor.Shape, len(dims))
	for i, d := range dims {
		if d == nil {
			s[i] = tensor.None
			continue
		}
		n, ok := plain(d).(int)
		if !ok || n <= 0 {
			return nil, badCase("%s must be an array of positive ints or null, got %s", name, compact(raw))
		}
		s[i] = n
	}
	return s, nil
}

func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	s := b.String()
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// known reports whether every dimension of s is known.
func known(s tensor.Shape) bool {
	for _, d := range s {
		if d < 0 {
			return false
		}
	}
	return true
}

// checkSize rejects a shape with more than maxValues values.
func checkSize(what string, s tensor.Shape) error {
	n := 1
	for _, d := range s {
		if d > maxValues || n > maxValues/max(d, 1) {
			return badCase("%s %s has more than %d values", what, s, maxValues)
		}
		n *= d
	}
	return nil
}

// readInput reads a case's input for shape s, which must be fully known.
func readInput(raw json.RawMessage, s tensor.Shape, layer string) (*tensor.Tensor, error) {
	if !known(s) {
		return nil, badCase("an input needs a known shape, got %s: give the batch size", s)
	}
	if err := checkSize("the input shape", s); err != nil {
		return nil, err
	}
	data, err := floats(raw)
	if err != nil {
		return nil, badCase("input: %v", err)
	}
	if len(data) != s.Size() {
		return nil, &padding.Error{Pkg: "eval", Layer: layer, Arg: "input", Value: fmt.Sprintf("%d values", len(data)),
			Kind: padding.ErrInvalidArgumentShape, Detail: fmt.Sprintf("shape %s holds %d values", s, s.Size())}
	}
	return &tensor.Tensor{Shape: s, Data: data}, nil
}

func runLayer(id json.RawMessage, f map[string]json.RawMessage) (any, error) {
	if err := checkKeys("layer case", f, "id", "layer", "config", "input_shape", "input", "weights"); err != nil {
		return nil, err
	}
	var class string
	if err := decode(f["layer"], &class); err != nil {
		return nil, badCase("layer must be a Keras class name, got %s", compact(f["layer"]))
	}
	in, err := parseShape("input_shape", f["input_shape"])
	if err != nil {
		return nil, err
	}
	if len(in) == 0 {
		return nil, badCase("input_shape must include the batch axis")
	}
	l, err := buildLayer(class, f["config"], f["weights"])
	if err != nil {
		return nil, err
	}
	// output_shape is the symbolic shape, batch None, as Keras prints it;
	// shape has the batch the case gives.
	sym := in.Clone()
	sym[0] = tensor.None
	out, err := l.OutputShape(sym)
	if err != nil {
		return nil, err
	}
	res := layerResult{ID: id, OutputShape: out.String(), Params: l.ParamCount(in)}
	if known(in) {
		shape, err := l.OutputShape(in)
		if err != nil {
			return nil, err
		}
		res.Shape = shape
	}
	if isNull(f["input"]) {
		return res, nil
	}
	x, err := readInput(f["input"], in, class)
	if err != nil {
		return nil, err
	}
	if err := checkSize("the output shape", res.Shape); err != nil {
		return nil, err
	}
	y, err := l.Forward(x)
	if err != nil {
		return nil, err
	}
	res.Shape, res.Values = y.Shape, y.Data
	return res, nil
}

func runModel(id json.RawMessage, f map[string]json.RawMessage) (any, error) {
	if err := checkKeys("model case", f, "id", "kind", "input_shape", "batch", "input", "layers"); err != nil {
		return nil, err
	}
	var kind string
	if err := decode(f["kind"], &kind); err != nil || kind != "sequential" {
		return nil, badCase(`kind must be "sequential", got %s`, compact(f["kind"]))
	}
	in, err := parseShape("input_shape", f["input_shape"])
	if err != nil {
		return nil, err
	}
	batch := tensor.None
	if !isNull(f["batch"]) {
		b, ok := integer(f["batch"])
		if !ok || b <= 0 {
			return nil, badCase("batch must be a positive int or null, got %s", compact(f["batch"]))
		}
		batch = b
	}
	var entries []map[string]json.RawMessage
	if err := decode(f["layers"], &entries); err != nil || entries == nil {
		return nil, badCase("layers must be an array of objects {\"layer\", \"config\", \"weights\"}")
	}
	m := model.NewSequential(in...)
	for i, e := range entries {
		if err := checkKeys(fmt.Sprintf("layers[%d]", i), e, "layer", "config", "weights"); err != nil {
			return nil, err
		}
		var class string
		if err := decode(e["layer"], &class); err != nil {
			return nil, badCase("layers[%d].layer must be a Keras class name, got %s", i, compact(e["layer"]))
		}
		l, err := buildLayer(class, e["config"], e["weights"])
		if err != nil {
			return nil, &model.LayerError{Index: i, Class: class, Err: err}
		}
		if err := m.Add(l); err != nil {
			return nil, err
		}
	}
	res := modelResult{ID: id, Layers: []modelLayer{}, TotalParams: m.TotalParams(), OutputShape: m.OutputShape()}
	shapes, params := m.OutputShapes(), m.ParamCounts()
	for i, l := range m.Layers() {
		res.Layers = append(res.Layers, modelLayer{Class: l.Class(), OutputShape: shapes[i].String(), Params: params[i]})
	}
	if out := withBatch(m.Output(), batch); known(out) {
		res.Shape = out
	}
	if isNull(f["input"]) {
		return res, nil
	}
	for i, s := range shapes {
		if err := checkSize(fmt.Sprintf("layer %d's output shape", i), withBatch(s, batch)); err != nil {
			return nil, err
		}
	}
	x, err := readInput(f["input"], withBatch(append(tensor.Shape{0}, in...), batch), "Sequential")
	if err != nil {
		return nil, err
	}
	y, err := m.Forward(x)
	if err != nil {
		return nil, err
	}
	res.Shape, res.Values = y.Shape, y.Data
	return res, nil
}

func withBatch(s tensor.Shape, batch int) tensor.Shape {
	s = s.Clone()
	if len(s) > 0 {
		s[0] = batch
	}
	return s
}
