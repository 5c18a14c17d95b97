package golden

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/convlings/convlings/golden/mistakes"
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
	Cases                  fs.FS // the cases to run instead of the golden files (see Padding.Cases)
}

func (s Pooling) caseFiles() fs.FS { return s.Cases }

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

// from builds the suite from the mistake catalogue's rules.
func (Pooling) from(r *mistakes.Rules) Pooling {
	return Pooling{r.PoolOutputShape, r.MaxPooling2D, r.AveragePooling2D, r.GlobalMaxPooling2D, r.GlobalAveragePooling2D, nil}
}

// poolConfig is a pooling's tools/eval config.
func poolConfig(ps [2]int, strides []int, padding string) map[string]any {
	cfg := map[string]any{"pool_size": ps, "padding": padding}
	if strides != nil {
		cfg["strides"] = strides
	}
	return cfg
}

// TestPoolOutputShape checks PoolOutputShape.
func (s Pooling) TestPoolOutputShape(t T) {
	t.Helper()
	call := func(c *Case[PoolShapeCall, [3]int]) string {
		a := c.Call
		return fmt.Sprintf("PoolOutputShape(%s, %s, %s, %q)", goArray(a.InputShape[:]), goArray(a.PoolSize[:]), goSlice(a.Strides), a.Padding)
	}
	want := func(c *Case[PoolShapeCall, [3]int]) string {
		return tr(fmt.Sprintf("%s (Keras prints %s)", tuple(c.Want[:]...), kerasShape(c.Want[:]...)),
			fmt.Sprintf("%s (Keras 출력: %s)", tuple(c.Want[:]...), kerasShape(c.Want[:]...)))
	}
	run(t, exercise[Pooling, PoolShapeCall, [3]int]{
		ex:   exPoolOutputShape,
		call: call,
		exec: func(s Pooling, c *Case[PoolShapeCall, [3]int]) outcome {
			a := c.Call
			v, err := s.PoolOutputShape(a.InputShape, a.PoolSize, cloneInts(a.Strides), a.Padding)
			return outcome{val: v, err: err}
		},
		judge: func(c *Case[PoolShapeCall, [3]int], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return want(c) }); done {
				return v
			}
			if g := got.val.([3]int); g != *c.Want {
				return judgeEqual(call(c), tuple(g[:]...), want(c))
			}
			return nil
		},
		layer: func(c *Case[PoolShapeCall, [3]int], _ *verdict) any {
			a := c.Call
			return &evalLayer{Layer: "MaxPooling2D", Config: poolConfig(a.PoolSize, a.Strides, a.Padding), InputShape: []int{1, a.InputShape[0], a.InputShape[1], a.InputShape[2]}}
		},
		from: s.from,
	}, s)
}

// TestMaxPooling checks MaxPooling2D.
func (s Pooling) TestMaxPooling(t T) {
	t.Helper()
	runPool(t, exMaxPooling, "MaxPooling2D", s, func(s Pooling) poolFunc { return s.MaxPooling2D })
}

// TestAveragePoolingValid checks AveragePooling2D under 'valid'.
func (s Pooling) TestAveragePoolingValid(t T) {
	t.Helper()
	runPool(t, exAvgPoolingValid, "AveragePooling2D", s, func(s Pooling) poolFunc { return s.AveragePooling2D })
}

// TestAveragePoolingSame checks AveragePooling2D under 'same'.
func (s Pooling) TestAveragePoolingSame(t T) {
	t.Helper()
	runPool(t, exAvgPoolingSame, "AveragePooling2D", s, func(s Pooling) poolFunc { return s.AveragePooling2D })
}

type poolFunc = func(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error)

// poolWindow is the window geometry of a pooling case.
func poolWindow(a PoolCall) func(idx []int) *window {
	return func(idx []int) *window {
		if len(a.X.Shape) != 4 || len(idx) != 4 {
			return nil
		}
		s := a.PoolSize
		if len(a.Strides) == 2 {
			s = [2]int{a.Strides[0], a.Strides[1]}
		}
		return newWindow([2]int{a.X.Shape[1], a.X.Shape[2]}, a.PoolSize, s, [2]int{1, 1}, a.Padding, [2]int{idx[1], idx[2]})
	}
}

func runPool(t T, ex Exercise, name string, impl Pooling, f func(s Pooling) poolFunc) {
	t.Helper()
	call := func(c *Case[PoolCall, Tensor]) string {
		a := c.Call
		return fmt.Sprintf("%s(x, %s, %s, %q)", name, goArray(a.PoolSize[:]), goSlice(a.Strides), a.Padding)
	}
	run(t, exercise[Pooling, PoolCall, Tensor]{
		ex:   ex,
		call: call,
		exec: func(s Pooling, c *Case[PoolCall, Tensor]) outcome {
			a := c.Call
			x := a.X.Tensor()
			y, err := f(s)(x, a.PoolSize, cloneInts(a.Strides), a.Padding)
			return outcome{val: y, err: err, mutated: inputMutated("x", x, a.X)}
		},
		judge: func(c *Case[PoolCall, Tensor], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }); done {
				return v
			}
			return judgeTensor(call(c), got.val.(*tensor.Tensor), c.Want, poolWindow(c.Call))
		},
		inputs: func(c *Case[PoolCall, Tensor]) []string { return []string{tensorInput("x", c.Call.X)} },
		layer: func(c *Case[PoolCall, Tensor], _ *verdict) any {
			a := c.Call
			return (&evalLayer{Layer: name, Config: poolConfig(a.PoolSize, a.Strides, a.Padding)}).input(a.X)
		},
		from: impl.from,
	}, impl)
}

// TestGlobalPooling checks GlobalMaxPooling2D and GlobalAveragePooling2D.
func (s Pooling) TestGlobalPooling(t T) {
	t.Helper()
	call := func(c *Case[GlobalCall, Tensor]) string {
		return fmt.Sprintf("%s(x, %t)", c.Call.Layer, c.Call.Keepdims)
	}
	run(t, exercise[Pooling, GlobalCall, Tensor]{
		ex:   exGlobalPooling,
		call: call,
		exec: func(s Pooling, c *Case[GlobalCall, Tensor]) outcome {
			a := c.Call
			x := a.X.Tensor()
			f := s.GlobalMaxPooling2D
			if a.Layer == "GlobalAveragePooling2D" {
				f = s.GlobalAveragePooling2D
			}
			y, err := f(x, a.Keepdims)
			return outcome{val: y, err: err, mutated: inputMutated("x", x, a.X)}
		},
		judge: func(c *Case[GlobalCall, Tensor], got outcome) *verdict {
			if v, done := judgeOutcome(call(c), c.Error, got, func() string { return "shape " + tensor.Shape(c.Want.Shape).Dims() }); done {
				return v
			}
			return judgeTensor(call(c), got.val.(*tensor.Tensor), c.Want, nil)
		},
		inputs: func(c *Case[GlobalCall, Tensor]) []string { return []string{tensorInput("x", c.Call.X)} },
		layer: func(c *Case[GlobalCall, Tensor], _ *verdict) any {
			return (&evalLayer{Layer: c.Call.Layer, Config: map[string]any{"keepdims": c.Call.Keepdims}}).input(c.Call.X)
		},
		from: s.from,
	}, s)
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
