package worker

import (
	"encoding/gob"

	"github.com/convlings/convlings/tensor"
)

// Request is one call: the function, "padding.OutputLength", and its
// arguments. Every argument and result of the lessons' functions is plain
// data: ints, strings, bools, [2]int, [3]int, []int, [][2]int, the forms
// of PaddingPairs's any (int, []int, []any, nil), *tensor.Tensor,
// []float32, and stacking's Layer and Row (as Layer and Row here, which
// have the same fields).
type Request struct {
	Fn   string
	Args []any
}

// Response is one answer: the function's results but its error, the
// error's text when it returned one, or the panic it raised.
type Response struct {
	Vals    []any
	HasErr  bool
	Err     string
	Panic   string // the recovered panic value, printed
	NotImpl bool   // the panic value was a stub's todo (it has a NotImplemented method)
	// Site is where the learner's function panicked, from the worker's
	// stack: "lessons/padding/padding.go:32 (padding.OutputLength)", the
	// innermost frame under the panic in a lesson package (else outside
	// the runtime). It is lesson code's text like the panic value.
	Site string
}

// Hello is the worker's first message on its answer pipe, sent from main,
// so once every package's init and package-level variable (the lessons'
// too) has run: the worker is ready for calls. A worker that does not say
// hello within the client's InitTimeout is stopped, and no call is made.
type Hello struct {
	Ready bool
}

// Layer has the fields of lesson 4's Layer: gob carries it by name, and
// the worker converts it to the lesson's own type.
type Layer struct {
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

// Row has the fields of lesson 4's Row.
type Row struct {
	Layer       string
	OutputShape string
	Params      int
}

// wireNames are the gob names of the types that travel inside an any; the
// generated main registers the same names for its own copies.
var wireNames = []struct {
	name string
	v    any
}{
	{"c.a2", [2]int{}}, {"c.a3", [3]int{}}, {"c.pairs", [][2]int{}}, {"c.anys", []any{}},
	{"c.tensor", &tensor.Tensor{}}, {"c.layer", Layer{}}, {"c.layers", []Layer{}}, {"c.rows", []Row{}},
}

func init() {
	for _, w := range wireNames {
		gob.RegisterName(w.name, w.v)
	}
}

// box turns a typed nil (a nil tensor, a nil slice) into a nil any, which
// gob carries (it refuses a nil pointer inside an interface).
func box(v any) any {
	switch x := v.(type) {
	case *tensor.Tensor:
		if x == nil {
			return nil
		}
	case []float32:
		if x == nil {
			return nil
		}
	case []int:
		if x == nil {
			return nil
		}
	case [][2]int:
		if x == nil {
			return nil
		}
	case []any:
		if x == nil {
			return nil
		}
	case []Layer:
		if x == nil {
			return nil
		}
	}
	return v
}
