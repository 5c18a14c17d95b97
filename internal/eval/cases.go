package eval

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/model"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

// maxWork bounds the multiply-adds (or comparisons) a case may ask for:
// a case above it is a too_large error before it runs, so that no case
// runs for long; the per-case time limit is the backstop. A variable only
// so that tests can lower it.
var maxWork float64 = 1 << 33

// maxRank bounds the rank of an input shape.
const maxRank = 64

// caseError is an error eval itself reports about a case, with its kind.
type caseError struct {
	kind, msg string
}

func (e *caseError) Error() string { return e.msg }

func badCase(format string, args ...any) error {
	return &caseError{kind: "bad_case", msg: "eval: " + fmt.Sprintf(format, args...)}
}

func tooLarge(format string, args ...any) error {
	return &caseError{kind: "too_large", msg: "eval: " + fmt.Sprintf(format, args...)}
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

type errorResult struct {
	ID    jsonValue `json:"id"`
	Error struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

type layerResult struct {
	ID          jsonValue `json:"id"`
	OutputShape string    `json:"output_shape"`
	Shape       []int     `json:"shape,omitempty"`
	Params      int       `json:"params"`
}

type modelLayer struct {
	Class       string `json:"class"`
	OutputShape string `json:"output_shape"`
	Params      int    `json:"params"`
}

type modelResult struct {
	ID          jsonValue    `json:"id"`
	Layers      []modelLayer `json:"layers"`
	TotalParams int          `json:"total_params"`
	OutputShape string       `json:"output_shape"`
	Shape       []int        `json:"shape,omitempty"`
}

// A plan is a case checked and ready: its result without values, and, when
// the case has an input, the computation that gives them and an estimate
// of its work.
type plan struct {
	res     any // *layerResult or *modelResult
	forward func() (*tensor.Tensor, error)
	work    float64
}

// setValues stores the shape of the output y in the result; its values
// are written after it (see evaluator.eval).
func (p *plan) setValues(y *tensor.Tensor) {
	switch r := p.res.(type) {
	case *layerResult:
		r.Shape = y.Shape
	case *modelResult:
		r.Shape = y.Shape
	}
}

// prepare checks a case and builds its layers. It does no work beyond
// reading the case's own data.
func prepare(v any) (*plan, error) {
	fields, ok := object(v)
	if !ok {
		return nil, badCase("a case must be a JSON object")
	}
	id := jsonValue{fields["id"]}
	if _, ok := fields["kind"]; ok {
		return prepareModel(id, fields)
	}
	if _, ok := fields["layer"]; ok {
		return prepareLayer(id, fields)
	}
	return nil, badCase(`a case needs "layer" (a layer case) or "kind": "sequential" (a model case)`)
}

// checkKeys rejects keys other than those allowed, "comment" and keys
// beginning with "_".
func checkKeys(what string, fields map[string]any, allowed ...string) error {
	var unknown []string
	for k := range fields {
		if k == "comment" || strings.HasPrefix(k, "_") || contains(allowed, k) {
			continue
		}
		unknown = append(unknown, k)
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return badCase("%s: unknown key %s (known: %s)", what, clipQuote(unknown[0]), strings.Join(allowed, ", "))
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
func parseShape(name string, v any) (tensor.Shape, error) {
	if isNull(v) {
		return nil, badCase("%s is required", name)
	}
	if n, ok := listLen(v); ok && n > maxRank {
		return nil, badCase("%s has more than %d dimensions", name, maxRank)
	}
	dims, ok := list(v)
	if !ok {
		return nil, badCase("%s must be an array of positive ints or null, got %s", name, compact(v))
	}
	s := make(tensor.Shape, len(dims))
	for i, d := range dims {
		if d == nil {
			s[i] = tensor.None
			continue
		}
		n, ok := integer(d)
		if !ok || n <= 0 {
			return nil, badCase("%s must be an array of positive ints or null, got %s", name, compact(v))
		}
		s[i] = n
	}
	return s, nil
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
	if n, ok := s.NumElements(); !ok || n > maxValues {
		return tooLarge("%s %s has more than %d values", what, s, maxValues)
	}
	return nil
}

// readInput reads a case's input for shape s, which must be fully known.
func readInput(v any, s tensor.Shape, layer string) (*tensor.Tensor, error) {
	if !known(s) {
		return nil, badCase("an input needs a known shape, got %s: give the batch size", s)
	}
	if err := checkSize("the input shape", s); err != nil {
		return nil, err
	}
	data, err := floats(v)
	if err != nil {
		return nil, badCase("input: %v", err)
	}
	if len(data) != s.Size() {
		return nil, &padding.Error{Pkg: "eval", Layer: layer, Arg: "input", Value: fmt.Sprintf("%d values", len(data)),
			Kind: padding.ErrInvalidArgumentShape, Detail: fmt.Sprintf("shape %s holds %d values", s, s.Size())}
	}
	return &tensor.Tensor{Shape: s, Data: data}, nil
}

// work estimates the multiply-adds or comparisons of l for an input of
// shape in and an output of shape out, both known; float64, so that it
// cannot overflow. A window counts the cells it can cover: no more than
// the input has along each axis.
func work(l model.Layer, in, out tensor.Shape) float64 {
	size := func(s tensor.Shape) float64 {
		n := 1.0
		for _, d := range s {
			n *= float64(d)
		}
		return n
	}
	// The spatial axes and the channels, whichever the data format.
	spatial, ch := in[1:len(in)-1], in[len(in)-1]
	if f, ok := l.(interface{ DataFormat() string }); ok && f.DataFormat() == "channels_first" {
		spatial, ch = in[2:], in[1]
	}
	window := func(k []int) float64 {
		n := 1.0
		for i, d := range k {
			if i < len(spatial) {
				d = min(d, spatial[i])
			}
			n *= float64(d)
		}
		return n
	}
	switch l := l.(type) {
	case *conv.Conv:
		return size(out) * window(l.KernelSize()) * float64(ch)
	case *pool.Pool:
		return size(out) * window(l.PoolSize())
	case *model.Dense:
		return size(out) * float64(in[len(in)-1])
	}
	return size(in) + size(out)
}

func checkWork(w float64) error {
	if w > maxWork {
		return tooLarge("the case needs about %.3g multiply-adds or comparisons, more than %.3g", w, maxWork)
	}
	return nil
}

func prepareLayer(id jsonValue, f map[string]any) (*plan, error) {
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
	res := &layerResult{ID: id, OutputShape: out.String(), Params: l.ParamCount(in)}
	p := &plan{res: res}
	if known(in) {
		shape, err := l.OutputShape(in)
		if err != nil {
			return nil, err
		}
		res.Shape = shape
	}
	if isNull(f["input"]) {
		return p, nil
	}
	x, err := readInput(f["input"], in, class)
	if err != nil {
		return nil, err
	}
	if err := checkSize("the output shape", res.Shape); err != nil {
		return nil, err
	}
	p.work = work(l, in, res.Shape)
	if err := checkWork(p.work); err != nil {
		return nil, err
	}
	p.forward = func() (*tensor.Tensor, error) { return l.Forward(x) }
	return p, nil
}

func prepareModel(id jsonValue, f map[string]any) (*plan, error) {
	if err := checkKeys("model case", f, "id", "kind", "input_shape", "batch", "input", "layers"); err != nil {
		return nil, err
	}
	if kind, ok := str(f["kind"]); !ok || kind != "sequential" {
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
	entries, ok := list(f["layers"])
	if !ok {
		return nil, badCase("layers must be an array of objects {\"layer\", \"config\", \"weights\"}")
	}
	m := model.NewSequential(in...)
	for i, ev := range entries {
		e, ok := object(ev)
		if !ok {
			return nil, badCase("layers must be an array of objects {\"layer\", \"config\", \"weights\"}")
		}
		if err := checkKeys(fmt.Sprintf("layers[%d]", i), e, "layer", "config", "weights"); err != nil {
			return nil, err
		}
		class, ok := str(e["layer"])
		if !ok {
			return nil, badCase("layers[%d].layer must be a Keras class name, got %s", i, compact(e["layer"]))
		}
		l, err := buildLayer(class, e["config"], e["weights"])
		if err != nil {
			return nil, &model.LayerError{Index: i, Class: clip(class, 60), Err: err}
		}
		if err := m.Add(l); err != nil {
			return nil, err
		}
	}
	res := &modelResult{ID: id, Layers: []modelLayer{}, TotalParams: m.TotalParams(), OutputShape: m.OutputShape()}
	shapes, params := m.OutputShapes(), m.ParamCounts()
	layers := m.Layers()
	for i, l := range layers {
		res.Layers = append(res.Layers, modelLayer{Class: l.Class(), OutputShape: shapes[i].String(), Params: params[i]})
	}
	if out := withBatch(m.Output(), batch); known(out) {
		res.Shape = out
	}
	p := &plan{res: res}
	if isNull(f["input"]) {
		return p, nil
	}
	prev := withBatch(append(tensor.Shape{0}, in...), batch)
	for i, s := range shapes {
		s = withBatch(s, batch)
		if err := checkSize(fmt.Sprintf("layer %d's output shape", i), s); err != nil {
			return nil, err
		}
		if known(prev) && known(s) {
			p.work += work(layers[i], prev, s)
		}
		prev = s
	}
	x, err := readInput(f["input"], withBatch(append(tensor.Shape{0}, in...), batch), "Sequential")
	if err != nil {
		return nil, err
	}
	if err := checkWork(p.work); err != nil {
		return nil, err
	}
	p.forward = func() (*tensor.Tensor, error) { return m.Forward(x) }
	return p, nil
}

func withBatch(s tensor.Shape, batch int) tensor.Shape {
	s = s.Clone()
	if len(s) > 0 {
		s[0] = batch
	}
	return s
}
