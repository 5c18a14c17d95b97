package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/convlings/convlings/tensor"
)

// Case is one golden file: what the call is about, its arguments, and either
// the value Keras computes or the error Keras raises. C holds the call's
// arguments and W the expected result; exactly one of Want and Error is set.
//
// On disk it reads, for example:
//
//	{
//	  "about": "the post's Conv2D: 3×3 kernel over 10 cells, 'valid' → 8",
//	  "order": 1,
//	  "call": {"n": 10, "kernel": 3, "stride": 1, "padding": "valid"},
//	  "want": 8
//	}
type Case[C, W any] struct {
	Name  string `json:"-"` // the file name without .golden.json
	File  string `json:"-"` // the path from the module root, for messages
	About string `json:"about"`
	Order int    `json:"order"` // the suites run an exercise's cases in this order, easy ones first
	Call  C      `json:"call"`
	Want  *W     `json:"want,omitempty"`
	Error *Error `json:"error,omitempty"`
}

// Error is what a golden file records where Keras raises: the stable kind
// (padding.Kind) and the reference library's message. The suites only
// require some non-nil error; the kind and message tell the learner why.
type Error struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// Tensor is a tensor as a golden file stores it: its shape, and its values
// nested the way the shape says, as numpy's tolist prints them. An N×H×W×C
// tensor is a list of N images, each a list of H rows, each a list of W
// pixels, each a list of C channel values:
//
//	{"shape": [1, 2, 2, 1], "values": [[[[1], [2]], [[3], [4]]]]}
type Tensor struct {
	Shape  []int
	Values []float32 // flat, row-major
}

// NewTensor returns the golden form of t. It copies the data.
func NewTensor(t *tensor.Tensor) *Tensor {
	return &Tensor{Shape: append([]int(nil), t.Shape...), Values: append([]float32(nil), t.Data...)}
}

// Tensor returns a new *tensor.Tensor holding a copy of t's values, so code
// under test can do anything to it without changing the golden data.
func (t *Tensor) Tensor() *tensor.Tensor {
	return &tensor.Tensor{Shape: append(tensor.Shape(nil), t.Shape...), Data: append([]float32(nil), t.Values...)}
}

// MarshalJSON writes {"shape": […], "values": nested lists}.
func (t Tensor) MarshalJSON() ([]byte, error) {
	size := 1
	for _, d := range t.Shape {
		size *= d
	}
	if size != len(t.Values) || len(t.Shape) == 0 {
		return nil, fmt.Errorf("golden: tensor of shape %v with %d values", t.Shape, len(t.Values))
	}
	var b bytes.Buffer
	b.WriteString(`{"shape":[`)
	for i, d := range t.Shape {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(d))
	}
	b.WriteString(`],"values":`)
	vals := t.Values
	var nest func(axis int)
	nest = func(axis int) {
		b.WriteByte('[')
		for i := 0; i < t.Shape[axis]; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			if axis == len(t.Shape)-1 {
				b.WriteString(FormatFloat(vals[0]))
				vals = vals[1:]
			} else {
				nest(axis + 1)
			}
		}
		b.WriteByte(']')
	}
	nest(0)
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads the form MarshalJSON writes and checks that the
// nesting matches the shape.
func (t *Tensor) UnmarshalJSON(data []byte) error {
	var raw struct {
		Shape  []int           `json:"shape"`
		Values json.RawMessage `json:"values"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	if len(raw.Shape) == 0 {
		return fmt.Errorf("golden: tensor without a shape")
	}
	// Numbers are parsed straight to float32 (json.Number, not float64), so
	// no value can be rounded twice on the way in.
	vdec := json.NewDecoder(bytes.NewReader(raw.Values))
	vdec.UseNumber()
	var nested any
	if err := vdec.Decode(&nested); err != nil {
		return err
	}
	var flat []float32
	var walk func(v any, axis int) error
	walk = func(v any, axis int) error {
		if axis == len(raw.Shape) {
			num, ok := v.(json.Number)
			if !ok {
				return fmt.Errorf("golden: tensor value %v is not a number", v)
			}
			f, err := strconv.ParseFloat(string(num), 32)
			if err != nil {
				return fmt.Errorf("golden: tensor value %v: %w", v, err)
			}
			flat = append(flat, float32(f))
			return nil
		}
		list, ok := v.([]any)
		if !ok || len(list) != raw.Shape[axis] {
			return fmt.Errorf("golden: tensor values do not match shape %v on axis %d", raw.Shape, axis)
		}
		for _, it := range list {
			if err := walk(it, axis+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(nested, 0); err != nil {
		return err
	}
	t.Shape, t.Values = raw.Shape, flat
	return nil
}

// FormatFloat writes v as the shortest decimal that reads back as the same
// float32, in plain notation where that is short: 0.25, -1.5, 3, 0.33333334.
func FormatFloat(v float32) string {
	f := float64(v)
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.FormatFloat(f, 'e', -1, 32)
	}
	return strconv.FormatFloat(f, 'f', -1, 32)
}

// Encode returns the bytes of a golden file for v: JSON with two-space
// indentation, one key per line, and lists kept on one line while they are
// short and hold no objects, so a row of pixels reads as one line. The
// output depends only on v: encoding twice gives the same bytes.
func Encode(v any) ([]byte, error) {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(&compact)
	dec.UseNumber()
	root, err := parseNode(dec)
	if err != nil {
		return nil, err
	}
	var out strings.Builder
	root.write(&out, 0)
	out.WriteByte('\n')
	return []byte(out.String()), nil
}

// node is a parsed JSON value: an object (keys in their order), an array, or
// a scalar kept as its JSON text.
type node struct {
	kind byte // '{', '[' or 0 for a scalar
	raw  string
	keys []string
	kids []*node
}

func parseNode(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		n := &node{kind: byte(v)}
		for dec.More() {
			if n.kind == '{' {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
			}
			kid, err := parseNode(dec)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, kid)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	case string:
		return &node{raw: quote(v)}, nil
	case json.Number:
		return &node{raw: v.String()}, nil
	case bool:
		return &node{raw: strconv.FormatBool(v)}, nil
	case nil:
		return &node{raw: "null"}, nil
	}
	return nil, fmt.Errorf("golden: unexpected JSON token %v", tok)
}

func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// depth is 0 for a scalar, 1 for a list of scalars, and so on; objects
// count as infinitely deep, so they never go inline.
func (n *node) depth() int {
	switch n.kind {
	case '{':
		return 1 << 20
	case '[':
		d := 0
		for _, k := range n.kids {
			d = max(d, k.depth())
		}
		return d + 1
	}
	return 0
}

func (n *node) inline() string {
	if n.kind == 0 {
		return n.raw
	}
	parts := make([]string, len(n.kids))
	for i, k := range n.kids {
		parts[i] = k.inline()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// maxInline is the longest list of lists written on one line.
const maxInline = 200

func (n *node) write(w io.StringWriter, indent int) {
	pad := strings.Repeat("  ", indent+1)
	switch n.kind {
	case 0:
		w.WriteString(n.raw)
	case '{':
		if len(n.kids) == 0 {
			w.WriteString("{}")
			return
		}
		w.WriteString("{\n")
		for i, k := range n.kids {
			w.WriteString(pad + quote(n.keys[i]) + ": ")
			k.write(w, indent+1)
			if i < len(n.kids)-1 {
				w.WriteString(",")
			}
			w.WriteString("\n")
		}
		w.WriteString(strings.Repeat("  ", indent) + "}")
	case '[':
		d := n.depth()
		if len(n.kids) == 0 || d == 1 || (d == 2 && len(n.inline()) <= maxInline) {
			w.WriteString(n.inline())
			return
		}
		w.WriteString("[\n")
		for i, k := range n.kids {
			w.WriteString(pad)
			k.write(w, indent+1)
			if i < len(n.kids)-1 {
				w.WriteString(",")
			}
			w.WriteString("\n")
		}
		w.WriteString(strings.Repeat("  ", indent) + "]")
	}
}
