package golden

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/convlings/convlings/tensor"
)

// Pooling is the suite of lesson 3, pooling (see Padding for how lessons
// use a suite).
type Pooling struct {
	PoolOutputShape        func(in [3]int, poolSize [2]int, strides []int, padding string) ([3]int, error)
	MaxPooling2D           func(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error)
	AveragePooling2D       func(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error)
	GlobalMaxPooling2D     func(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error)
	GlobalAveragePooling2D func(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error)
}

// Tests returns the suite's exercises in order.
func (s Pooling) Tests() []Test {
	return []Test{
		{exPoolOutputShape, s.TestPoolOutputShape},
		{exMaxPooling, s.TestMaxPooling},
		{exAvgPoolingValid, s.TestAveragePoolingValid},
		{exAvgPoolingSame, s.TestAveragePoolingSame},
		{exGlobalPooling, s.TestGlobalPooling},
	}
}

// PoolShapeCall is the call of PoolOutputShape. Strides null means "not
// given": they default to the pool size.
type PoolShapeCall struct {
	InputShape [3]int `json:"input_shape"`
	PoolSize   [2]int `json:"pool_size"`
	Strides    []int  `json:"strides"`
	Padding    string `json:"padding"`
}

// PoolCall is the call of MaxPooling2D and AveragePooling2D.
type PoolCall struct {
	X        *Tensor `json:"x"`
	PoolSize [2]int  `json:"pool_size"`
	Strides  []int   `json:"strides"`
	Padding  string  `json:"padding"`
}

// GlobalCall is the call of GlobalMaxPooling2D or GlobalAveragePooling2D,
// as Layer says.
type GlobalCall struct {
	Layer    string  `json:"layer"`
	X        *Tensor `json:"x"`
	Keepdims bool    `json:"keepdims"`
}

// TestPoolOutputShape checks PoolOutputShape.
func (s Pooling) TestPoolOutputShape(t T) {
	t.Helper()
	runCases(t, exPoolOutputShape, func(r *report, c *Case[PoolShapeCall, [3]int]) {
		r.t.Helper()
		a := c.Call
		r.call = fmt.Sprintf("PoolOutputShape(%s, %s, %s, %q)", goArray(a.InputShape[:]), goArray(a.PoolSize[:]), goSlice(a.Strides), a.Padding)
		got, err := s.PoolOutputShape(a.InputShape, a.PoolSize, cloneInts(a.Strides), a.Padding)
		want := func() string {
			return fmt.Sprintf("%s (Keras prints %s)", tuple(c.Want[:]...), kerasShape(c.Want[:]...))
		}
		if r.checkErr(err, c.Error, want) {
			return
		}
		if got != *c.Want {
			r.fail("%s = %s, want %s", r.call, tuple(got[:]...), want())
		}
	})
}

// TestMaxPooling checks MaxPooling2D.
func (s Pooling) TestMaxPooling(t T) {
	t.Helper()
	runPool(t, exMaxPooling, "MaxPooling2D", s.MaxPooling2D)
}

// TestAveragePoolingValid checks AveragePooling2D under 'valid'.
func (s Pooling) TestAveragePoolingValid(t T) {
	t.Helper()
	runPool(t, exAvgPoolingValid, "AveragePooling2D", s.AveragePooling2D)
}

// TestAveragePoolingSame checks AveragePooling2D under 'same'.
func (s Pooling) TestAveragePoolingSame(t T) {
	t.Helper()
	runPool(t, exAvgPoolingSame, "AveragePooling2D", s.AveragePooling2D)
}

func runPool(t T, ex Exercise, name string, f func(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error)) {
	t.Helper()
	runCases(t, ex, func(r *report, c *Case[PoolCall, Tensor]) {
		r.t.Helper()
		a := c.Call
		x := a.X.Tensor()
		r.call = fmt.Sprintf("%s(x, %s, %s, %q)", name, goArray(a.PoolSize[:]), goSlice(a.Strides), a.Padding)
		r.input("x", x)
		got, err := f(x, a.PoolSize, cloneInts(a.Strides), a.Padding)
		if r.checkErr(err, c.Error, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }) {
			return
		}
		r.checkTensor(got, c.Want)
		r.checkInput("x", x, a.X)
	})
}

// TestGlobalPooling checks GlobalMaxPooling2D and GlobalAveragePooling2D.
func (s Pooling) TestGlobalPooling(t T) {
	t.Helper()
	runCases(t, exGlobalPooling, func(r *report, c *Case[GlobalCall, Tensor]) {
		r.t.Helper()
		a := c.Call
		x := a.X.Tensor()
		f := s.GlobalMaxPooling2D
		if a.Layer == "GlobalAveragePooling2D" {
			f = s.GlobalAveragePooling2D
		}
		r.call = fmt.Sprintf("%s(x, %t)", a.Layer, a.Keepdims)
		r.input("x", x)
		got, err := f(x, a.Keepdims)
		if r.checkErr(err, c.Error, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }) {
			return
		}
		r.checkTensor(got, c.Want)
		r.checkInput("x", x, a.X)
	})
}

// goSlice writes ints as a Go slice literal, nil for nil: []int{1, 1}.
func goSlice(v []int) string {
	if v == nil {
		return "nil"
	}
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = strconv.Itoa(n)
	}
	return "[]int{" + strings.Join(parts, ", ") + "}"
}

func cloneInts(v []int) []int {
	if v == nil {
		return nil
	}
	return append([]int(nil), v...)
}
