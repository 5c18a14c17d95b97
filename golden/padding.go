package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

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
}

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

// TestOutputLength checks OutputLength.
func (s Padding) TestOutputLength(t T) {
	t.Helper()
	runCases(t, exOutputLength, func(r *report, c *Case[AxisCall, int]) {
		r.t.Helper()
		a := c.Call
		r.call = fmt.Sprintf("OutputLength(%d, %d, %d, %q)", a.N, a.Kernel, a.Stride, a.Padding)
		got, err := s.OutputLength(a.N, a.Kernel, a.Stride, a.Padding)
		if r.checkErr(err, c.Error, func() string { return strconv.Itoa(*c.Want) }) {
			return
		}
		if got != *c.Want {
			r.fail("%s = %d, want %d", r.call, got, *c.Want)
		}
	})
}

// TestSamePadding checks SamePadding.
func (s Padding) TestSamePadding(t T) {
	t.Helper()
	runCases(t, exSamePadding, func(r *report, c *Case[AxisCall, AxisWant]) {
		r.t.Helper()
		a := c.Call
		r.call = fmt.Sprintf("SamePadding(%d, %d, %d)", a.N, a.Kernel, a.Stride)
		before, after, err := s.SamePadding(a.N, a.Kernel, a.Stride)
		want := func() string { return fmt.Sprintf("(%d, %d)", c.Want.Before, c.Want.After) }
		if r.checkErr(err, c.Error, want) {
			return
		}
		if before != c.Want.Before || after != c.Want.After {
			r.fail("%s = (%d, %d), want %s", r.call, before, after, want())
		}
	})
}

// TestDilatedAxis checks DilatedAxis.
func (s Padding) TestDilatedAxis(t T) {
	t.Helper()
	runCases(t, exDilatedAxis, func(r *report, c *Case[AxisCall, AxisWant]) {
		r.t.Helper()
		a := c.Call
		r.call = fmt.Sprintf("DilatedAxis(%d, %d, %d, %d, %q)", a.N, a.Kernel, a.Stride, a.Dilation, a.Padding)
		out, before, after, err := s.DilatedAxis(a.N, a.Kernel, a.Stride, a.Dilation, a.Padding)
		want := func() string {
			return fmt.Sprintf("(out %d, before %d, after %d)", c.Want.Out, c.Want.Before, c.Want.After)
		}
		if r.checkErr(err, c.Error, want) {
			return
		}
		if out != c.Want.Out || before != c.Want.Before || after != c.Want.After {
			r.fail("%s = (out %d, before %d, after %d), want %s", r.call, out, before, after, want())
		}
	})
}

// TestPaddingPairs checks PaddingPairs.
func (s Padding) TestPaddingPairs(t T) {
	t.Helper()
	runCases(t, exPaddingPairs, func(r *report, c *Case[PairsCall, [][2]int]) {
		r.t.Helper()
		arg, err := KerasArg(c.Call.Padding)
		if err != nil {
			t.Errorf("golden: %s: %v", c.File, err)
			return
		}
		r.call = fmt.Sprintf("PaddingPairs(%s, %d)", GoSyntax(arg), c.Call.Rank)
		got, err := s.PaddingPairs(arg, c.Call.Rank)
		if r.checkErr(err, c.Error, func() string { return formatPairs(*c.Want) }) {
			return
		}
		if formatPairs(got) != formatPairs(*c.Want) {
			r.fail("%s = %s, want %s", r.call, formatPairs(got), formatPairs(*c.Want))
		}
	})
}

// TestZeroPadding checks ZeroPadding.
func (s Padding) TestZeroPadding(t T) {
	t.Helper()
	runCases(t, exZeroPadding, func(r *report, c *Case[ZeroPaddingCall, Tensor]) {
		r.t.Helper()
		x := c.Call.X.Tensor()
		r.call = fmt.Sprintf("ZeroPadding(x, %s)", formatPairs(c.Call.Pads))
		r.input("x", x)
		got, err := s.ZeroPadding(x, append([][2]int(nil), c.Call.Pads...))
		if r.checkErr(err, c.Error, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }) {
			return
		}
		r.checkTensor(got, c.Want)
		r.checkInput("x", x, c.Call.X)
	})
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
