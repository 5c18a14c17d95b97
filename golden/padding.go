package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/convlings/convlings/golden/mistakes"
	"github.com/convlings/convlings/tensor"
)

// Padding is the suite of lesson 1, padding: a field per function the
// lesson asks for, and a method per exercise, named after the lesson's test
// function. lessons/padding and solutions/padding fill it with their
// functions:
//
//	var suite = golden.Padding{OutputLength: padding.OutputLength, …}
//	func TestOutputLength(t *testing.T) { suite.TestOutputLength(golden.Std(t)) }
type Padding struct {
	OutputLength func(n, k, stride int, padding string) (int, error)
	SamePadding  func(n, k, stride int) (before, after int, err error)
	DilatedAxis  func(n, k, stride, dilation int, padding string) (out, before, after int, err error)
	PaddingPairs func(padding any, rank int) ([][2]int, error)
	ZeroPadding  func(x *tensor.Tensor, pads [][2]int) (*tensor.Tensor, error)
	// Cases, when set, holds the cases to run instead of the embedded
	// golden files, laid out as Files is: the grader's hidden cases.
	Cases fs.FS
}

func (s Padding) caseFiles() fs.FS { return s.Cases }

// Tests returns the suite's exercises in order.
func (s Padding) Tests() []Test {
	return []Test{
		{exOutputLength, s.TestOutputLength},
		{exSamePadding, s.TestSamePadding},
		{exDilatedAxis, s.TestDilatedAxis},
		{exPaddingPairs, s.TestPaddingPairs},
		{exZeroPadding, s.TestZeroPadding},
	}
}

// AxisCall is the call of OutputLength, SamePadding and DilatedAxis (which
// ignore the fields they do not take).
type AxisCall struct {
	N        int    `json:"n"`
	Kernel   int    `json:"kernel"`
	Stride   int    `json:"stride"`
	Dilation int    `json:"dilation,omitempty"`
	Padding  string `json:"padding,omitempty"`
}

// AxisWant is what SamePadding and DilatedAxis return.
type AxisWant struct {
	Out    int `json:"out,omitempty"`
	Before int `json:"before"`
	After  int `json:"after"`
}

// PairsCall is the call of PaddingPairs. Padding is the Keras argument as
// JSON: a number, a list of numbers, or a list mixing numbers and pairs.
type PairsCall struct {
	Padding json.RawMessage `json:"padding"`
	Rank    int             `json:"rank"`
}

// ZeroPaddingCall is the call of ZeroPadding.
type ZeroPaddingCall struct {
	X    *Tensor  `json:"x"`
	Pads [][2]int `json:"pads"`
}

// from builds the suite from the mistake catalogue's rules.
func (Padding) from(r *mistakes.Rules) Padding {
	return Padding{r.OutputLength, r.SamePadding, r.DilatedAxis, r.PaddingPairs, r.ZeroPadding, nil}
}

// conv1DLayer is an axis call as a tools/eval layer case: a Conv1D of one
// filter over n cells.
func conv1DLayer(a AxisCall, padding string) any {
	cfg := map[string]any{"filters": 1, "kernel_size": a.Kernel, "strides": a.Stride, "padding": padding}
	if a.Dilation > 0 {
		cfg["dilation_rate"] = a.Dilation
	}
	return &evalLayer{Layer: "Conv1D", Config: cfg, InputShape: []int{1, a.N, 1}}
}

// TestOutputLength checks OutputLength.
func (s Padding) TestOutputLength(t T) {
	t.Helper()
	call := func(c *Case[AxisCall, int]) string {
		a := c.Call
		return fmt.Sprintf("OutputLength(%d, %d, %d, %q)", a.N, a.Kernel, a.Stride, a.Padding)
	}
	run(t, exercise[Padding, AxisCall, int]{
		ex:   exOutputLength,
		call: call,
		exec: func(s Padding, c *Case[AxisCall, int]) outcome {
			a := c.Call
			v, err := s.OutputLength(a.N, a.Kernel, a.Stride, a.Padding)
			return outcome{val: v, err: err}
		},
		judge: func(c *Case[AxisCall, int], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return strconv.Itoa(*c.Want) }); done {
				return v
			}
			if g := got.val.(int); g != *c.Want {
				return judgeEqual(call(c), strconv.Itoa(g), strconv.Itoa(*c.Want))
			}
			return nil
		},
		layer: func(c *Case[AxisCall, int], _ *verdict) any { return conv1DLayer(c.Call, c.Call.Padding) },
		from:  s.from,
	}, s)
}

// TestSamePadding checks SamePadding.
func (s Padding) TestSamePadding(t T) {
	t.Helper()
	call := func(c *Case[AxisCall, AxisWant]) string {
		a := c.Call
		return fmt.Sprintf("SamePadding(%d, %d, %d)", a.N, a.Kernel, a.Stride)
	}
	run(t, exercise[Padding, AxisCall, AxisWant]{
		ex:   exSamePadding,
		call: call,
		exec: func(s Padding, c *Case[AxisCall, AxisWant]) outcome {
			a := c.Call
			b, af, err := s.SamePadding(a.N, a.Kernel, a.Stride)
			return outcome{val: AxisWant{Before: b, After: af}, err: err}
		},
		judge: func(c *Case[AxisCall, AxisWant], got outcome) *verdict {
			want := func() string { return fmt.Sprintf("(%d, %d)", c.Want.Before, c.Want.After) }
			if v, done := judgeOutcome(call(c), c.Error, got, want); done {
				return v
			}
			if g := got.val.(AxisWant); g != *c.Want {
				return judgeEqual(call(c), fmt.Sprintf("(%d, %d)", g.Before, g.After), want())
			}
			return nil
		},
		layer: func(c *Case[AxisCall, AxisWant], _ *verdict) any { return conv1DLayer(c.Call, "same") },
		from:  s.from,
	}, s)
}

// TestDilatedAxis checks DilatedAxis.
func (s Padding) TestDilatedAxis(t T) {
	t.Helper()
	call := func(c *Case[AxisCall, AxisWant]) string {
		a := c.Call
		return fmt.Sprintf("DilatedAxis(%d, %d, %d, %d, %q)", a.N, a.Kernel, a.Stride, a.Dilation, a.Padding)
	}
	text := func(w AxisWant) string {
		return fmt.Sprintf("(out %d, before %d, after %d)", w.Out, w.Before, w.After)
	}
	run(t, exercise[Padding, AxisCall, AxisWant]{
		ex:   exDilatedAxis,
		call: call,
		exec: func(s Padding, c *Case[AxisCall, AxisWant]) outcome {
			a := c.Call
			o, b, af, err := s.DilatedAxis(a.N, a.Kernel, a.Stride, a.Dilation, a.Padding)
			return outcome{val: AxisWant{Out: o, Before: b, After: af}, err: err}
		},
		judge: func(c *Case[AxisCall, AxisWant], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return text(*c.Want) }); done {
				return v
			}
			if g := got.val.(AxisWant); g != *c.Want {
				return judgeEqual(call(c), text(g), text(*c.Want))
			}
			return nil
		},
		layer: func(c *Case[AxisCall, AxisWant], _ *verdict) any { return conv1DLayer(c.Call, c.Call.Padding) },
		from:  s.from,
	}, s)
}

// TestPaddingPairs checks PaddingPairs.
func (s Padding) TestPaddingPairs(t T) {
	t.Helper()
	arg := func(c *Case[PairsCall, [][2]int]) any {
		v, err := KerasArg(c.Call.Padding)
		if err != nil {
			panic(fmt.Sprintf("golden: %s: %v", c.File, err)) // goldengen writes only valid arguments
		}
		return v
	}
	call := func(c *Case[PairsCall, [][2]int]) string {
		return fmt.Sprintf("PaddingPairs(%s, %d)", GoSyntax(arg(c)), c.Call.Rank)
	}
	run(t, exercise[Padding, PairsCall, [][2]int]{
		ex:   exPaddingPairs,
		call: call,
		exec: func(s Padding, c *Case[PairsCall, [][2]int]) outcome {
			v, err := s.PaddingPairs(arg(c), c.Call.Rank)
			return outcome{val: v, err: err}
		},
		judge: func(c *Case[PairsCall, [][2]int], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return formatPairs(*c.Want) }); done {
				return v
			}
			if g := formatPairs(got.val.([][2]int)); g != formatPairs(*c.Want) {
				return judgeEqual(call(c), g, formatPairs(*c.Want))
			}
			return nil
		},
		layer: func(c *Case[PairsCall, [][2]int], _ *verdict) any {
			var p any
			_ = json.Unmarshal(c.Call.Padding, &p)
			l := &evalLayer{Layer: "ZeroPadding2D", Config: map[string]any{"padding": p}, InputShape: []int{1, 4, 4, 1}}
			if c.Call.Rank == 1 {
				l.Layer, l.InputShape = "ZeroPadding1D", []int{1, 4, 1}
			}
			return l
		},
		from: s.from,
	}, s)
}

// TestZeroPadding checks ZeroPadding.
func (s Padding) TestZeroPadding(t T) {
	t.Helper()
	call := func(c *Case[ZeroPaddingCall, Tensor]) string {
		return fmt.Sprintf("ZeroPadding(x, %s)", formatPairs(c.Call.Pads))
	}
	run(t, exercise[Padding, ZeroPaddingCall, Tensor]{
		ex:   exZeroPadding,
		call: call,
		exec: func(s Padding, c *Case[ZeroPaddingCall, Tensor]) outcome {
			x := c.Call.X.Tensor()
			y, err := s.ZeroPadding(x, append([][2]int(nil), c.Call.Pads...))
			return outcome{val: y, err: err, mutated: inputMutated("x", x, c.Call.X)}
		},
		judge: func(c *Case[ZeroPaddingCall, Tensor], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }); done {
				return v
			}
			return judgeTensor(call(c), got.val.(*tensor.Tensor), c.Want, nil)
		},
		inputs: func(c *Case[ZeroPaddingCall, Tensor]) []string { return []string{tensorInput("x", c.Call.X)} },
		layer: func(c *Case[ZeroPaddingCall, Tensor], _ *verdict) any {
			l := &evalLayer{Layer: "ZeroPadding2D", Config: map[string]any{"padding": c.Call.Pads}}
			if len(c.Call.Pads) == 1 {
				l.Layer, l.Config["padding"] = "ZeroPadding1D", c.Call.Pads[0]
			}
			return l.input(c.Call.X)
		},
		from: s.from,
	}, s)
}

// KerasArg turns a Keras argument stored as JSON into the Go form the
// lessons take: a number becomes an int, a list of numbers a []int, and any
// other list a []any of such values; null is nil.
func KerasArg(raw json.RawMessage) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return goForm(v)
}

func goForm(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case json.Number:
		n, err := strconv.Atoi(string(x))
		if err != nil {
			return nil, fmt.Errorf("%v is not an int", x)
		}
		return n, nil
	case []any:
		ints := make([]int, 0, len(x))
		all := make([]any, len(x))
		allInts := true
		for i, e := range x {
			g, err := goForm(e)
			if err != nil {
				return nil, err
			}
			all[i] = g
			if n, ok := g.(int); ok {
				ints = append(ints, n)
			} else {
				allInts = false
			}
		}
		if allInts {
			return ints, nil
		}
		return all, nil
	}
	return nil, fmt.Errorf("unexpected value %v", v)
}

// GoSyntax writes a Keras argument in its Go form as Go source:
// 1, []int{1, 2}, []any{1, []int{2, 3}}, nil.
func GoSyntax(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case []int:
		parts := make([]string, len(x))
		for i, n := range x {
			parts[i] = strconv.Itoa(n)
		}
		return "[]int{" + strings.Join(parts, ", ") + "}"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = GoSyntax(e)
		}
		return "[]any{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

func formatPairs(p [][2]int) string {
	if p == nil {
		return "nil"
	}
	parts := make([]string, len(p))
	for i, pr := range p {
		parts[i] = fmt.Sprintf("(%d, %d)", pr[0], pr[1])
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// tuple writes ints as a Python tuple: (8, 8, 10).
func tuple(v ...int) string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = strconv.Itoa(n)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
