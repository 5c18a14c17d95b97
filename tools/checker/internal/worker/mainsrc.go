package worker

import (
	"fmt"
	"sort"
	"strings"
)

// ModulePath is the kit's module.
const ModulePath = "github.com/convlings/convlings"

// MainDir is where, in the grader's build tree, the worker's generated
// main goes (by the go command's -overlay: nothing is written in the tree).
const MainDir = "internal/convlingsworker"

// Lessons are the lessons a worker can hold, in the kit's order.
var Lessons = []string{"padding", "filters", "pooling", "stacking"}

// dispatch holds, per lesson, the generated main's table entries: a call
// of each of the lesson's functions with its arguments taken from the
// request. They follow the lessons' signatures; a learner who changed one
// gets the compiler's message for that lesson.
var dispatch = map[string]string{
	"padding": `
	"padding.OutputLength": func(a []any) ([]any, error) {
		v, err := padding.OutputLength(arg[int](a, 0), arg[int](a, 1), arg[int](a, 2), arg[string](a, 3))
		return []any{v}, err
	},
	"padding.SamePadding": func(a []any) ([]any, error) {
		b, af, err := padding.SamePadding(arg[int](a, 0), arg[int](a, 1), arg[int](a, 2))
		return []any{b, af}, err
	},
	"padding.DilatedAxis": func(a []any) ([]any, error) {
		o, b, af, err := padding.DilatedAxis(arg[int](a, 0), arg[int](a, 1), arg[int](a, 2), arg[int](a, 3), arg[string](a, 4))
		return []any{o, b, af}, err
	},
	"padding.PaddingPairs": func(a []any) ([]any, error) {
		v, err := padding.PaddingPairs(arg[any](a, 0), arg[int](a, 1))
		return []any{v}, err
	},
	"padding.ZeroPadding": func(a []any) ([]any, error) {
		v, err := padding.ZeroPadding(arg[*tensor.Tensor](a, 0), arg[[][2]int](a, 1))
		return []any{v}, err
	},
`,
	"filters": `
	"filters.ConvOutputShape": func(a []any) ([]any, error) {
		v, err := filters.ConvOutputShape(arg[[3]int](a, 0), arg[int](a, 1), arg[[2]int](a, 2), arg[[2]int](a, 3), arg[string](a, 4))
		return []any{v}, err
	},
	"filters.ConvParams": func(a []any) ([]any, error) {
		v, err := filters.ConvParams(arg[[2]int](a, 0), arg[int](a, 1), arg[int](a, 2), arg[bool](a, 3))
		return []any{v}, err
	},
	"filters.Conv2D": func(a []any) ([]any, error) {
		v, err := filters.Conv2D(arg[*tensor.Tensor](a, 0), arg[*tensor.Tensor](a, 1), arg[[]float32](a, 2))
		return []any{v}, err
	},
	"filters.Conv2DStrided": func(a []any) ([]any, error) {
		v, err := filters.Conv2DStrided(arg[*tensor.Tensor](a, 0), arg[*tensor.Tensor](a, 1), arg[[]float32](a, 2), arg[[2]int](a, 3), arg[string](a, 4))
		return []any{v}, err
	},
	"filters.Conv2DDilated": func(a []any) ([]any, error) {
		v, err := filters.Conv2DDilated(arg[*tensor.Tensor](a, 0), arg[*tensor.Tensor](a, 1), arg[[]float32](a, 2), arg[[2]int](a, 3), arg[[2]int](a, 4), arg[string](a, 5))
		return []any{v}, err
	},
	"filters.Conv1D": func(a []any) ([]any, error) {
		v, err := filters.Conv1D(arg[*tensor.Tensor](a, 0), arg[*tensor.Tensor](a, 1), arg[[]float32](a, 2), arg[int](a, 3), arg[int](a, 4), arg[string](a, 5))
		return []any{v}, err
	},
`,
	"pooling": `
	"pooling.PoolOutputShape": func(a []any) ([]any, error) {
		v, err := pooling.PoolOutputShape(arg[[3]int](a, 0), arg[[2]int](a, 1), arg[[]int](a, 2), arg[string](a, 3))
		return []any{v}, err
	},
	"pooling.MaxPooling2D": func(a []any) ([]any, error) {
		v, err := pooling.MaxPooling2D(arg[*tensor.Tensor](a, 0), arg[[2]int](a, 1), arg[[]int](a, 2), arg[string](a, 3))
		return []any{v}, err
	},
	"pooling.AveragePooling2D": func(a []any) ([]any, error) {
		v, err := pooling.AveragePooling2D(arg[*tensor.Tensor](a, 0), arg[[2]int](a, 1), arg[[]int](a, 2), arg[string](a, 3))
		return []any{v}, err
	},
	"pooling.GlobalMaxPooling2D": func(a []any) ([]any, error) {
		v, err := pooling.GlobalMaxPooling2D(arg[*tensor.Tensor](a, 0), arg[bool](a, 1))
		return []any{v}, err
	},
	"pooling.GlobalAveragePooling2D": func(a []any) ([]any, error) {
		v, err := pooling.GlobalAveragePooling2D(arg[*tensor.Tensor](a, 0), arg[bool](a, 1))
		return []any{v}, err
	},
`,
	"stacking": `
	"stacking.OutputShape": func(a []any) ([]any, error) {
		v, err := stacking.OutputShape(arg[[]int](a, 0), stacking.Layer(arg[wireLayer](a, 1)))
		return []any{v}, err
	},
	"stacking.ParamCount": func(a []any) ([]any, error) {
		v, err := stacking.ParamCount(arg[[]int](a, 0), stacking.Layer(arg[wireLayer](a, 1)))
		return []any{v}, err
	},
	"stacking.Summary": func(a []any) ([]any, error) {
		rows, total, err := stacking.Summary(arg[[]int](a, 0), layers(arg[[]wireLayer](a, 1)))
		out := make([]wireRow, len(rows))
		for i, r := range rows {
			out[i] = wireRow(r)
		}
		return []any{out, total}, err
	},
	"stacking.Flatten": func(a []any) ([]any, error) {
		v, err := stacking.Flatten(arg[*tensor.Tensor](a, 0))
		return []any{v}, err
	},
	"stacking.Dense": func(a []any) ([]any, error) {
		v, err := stacking.Dense(arg[*tensor.Tensor](a, 0), arg[*tensor.Tensor](a, 1), arg[[]float32](a, 2))
		return []any{v}, err
	},
	"stacking.Forward": func(a []any) ([]any, error) {
		v, err := stacking.Forward(arg[*tensor.Tensor](a, 0), layers(arg[[]wireLayer](a, 1)))
		return []any{v}, err
	},
`,
}

const stackingHelpers = `
func layers(ls []wireLayer) []stacking.Layer {
	out := make([]stacking.Layer, len(ls))
	for i, l := range ls {
		out[i] = stacking.Layer(l)
	}
	return out
}
`

// MainSource returns the worker's main for the given lessons, and owner,
// which says which lesson a line of it belongs to (its table entries and
// helpers), so that a compile error there is put down to that lesson; ""
// for the lines all lessons share.
func MainSource(lessons []string) (src []byte, owner func(line int) string) {
	lessons = append([]string(nil), lessons...)
	order := map[string]int{}
	for i, l := range Lessons {
		order[l] = i
	}
	sort.Slice(lessons, func(i, j int) bool { return order[lessons[i]] < order[lessons[j]] })
	var b strings.Builder
	type span struct {
		lesson      string
		first, last int
	}
	var spans []span
	add := func(lesson, text string) {
		first := strings.Count(b.String(), "\n") + 1
		b.WriteString(text)
		spans = append(spans, span{lesson, first, strings.Count(b.String(), "\n")})
	}
	b.WriteString(mainHead)
	for _, l := range lessons {
		add(l, fmt.Sprintf("\t%q\n", ModulePath+"/lessons/"+l))
	}
	b.WriteString(mainBody)
	b.WriteString("var table = map[string]func([]any) ([]any, error){")
	for _, l := range lessons {
		add(l, dispatch[l])
	}
	b.WriteString("}\n")
	for _, l := range lessons {
		if l == "stacking" {
			add(l, stackingHelpers)
		}
	}
	return []byte(b.String()), func(line int) string {
		for _, s := range spans {
			if line >= s.first && line <= s.last {
				return s.lesson
			}
		}
		return ""
	}
}

const mainHead = `// Code generated by the convlings checker for grading. DO NOT EDIT.

// Command convlingsworker answers the grader's calls of the lessons'
// functions: a request on descriptor 3, an answer on descriptor 4.
package main

import (
	"encoding/gob"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"

	_ "github.com/convlings/convlings/internal/convlingsworker/limits"
	"github.com/convlings/convlings/tensor"
`

const mainBody = `)

type request struct {
	Fn   string
	Args []any
}

type response struct {
	Vals    []any
	HasErr  bool
	Err     string
	Panic   string
	NotImpl bool
	Site    string
}

type hello struct {
	Ready bool
}

type wireLayer struct {
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

type wireRow struct {
	Layer       string
	OutputShape string
	Params      int
}

var _ = reflect.TypeOf

func init() {
	gob.RegisterName("c.a2", [2]int{})
	gob.RegisterName("c.a3", [3]int{})
	gob.RegisterName("c.pairs", [][2]int{})
	gob.RegisterName("c.anys", []any{})
	gob.RegisterName("c.tensor", &tensor.Tensor{})
	gob.RegisterName("c.layer", wireLayer{})
	gob.RegisterName("c.layers", []wireLayer{})
	gob.RegisterName("c.rows", []wireRow{})
}

// arg returns argument i as a T, its zero value when it is nil.
func arg[T any](a []any, i int) T {
	var zero T
	if i < len(a) {
		if v, ok := a[i].(T); ok {
			return v
		}
	}
	return zero
}

// box turns a typed nil (a nil tensor, a nil slice) into a nil any, which
// gob carries.
func box(v any) any {
	if v == nil {
		return nil
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		if rv.IsNil() {
			return nil
		}
	}
	return v
}

// text prints a panic value or an error, surviving a String method that
// panics itself.
func text(v any) (s string) {
	defer func() {
		if recover() != nil {
			s = fmt.Sprintf("(a value of type %T that panics when printed)", v)
		}
	}()
	return fmt.Sprint(v)
}

func call(req request) (resp response) {
	f := table[req.Fn]
	if f == nil {
		return response{Panic: "the worker has no function " + req.Fn}
	}
	defer func() {
		if v := recover(); v != nil {
			_, ni := v.(interface{ NotImplemented() })
			resp = response{Panic: text(v), NotImpl: ni, Site: panicSite()}
		}
	}()
	vals, err := f(req.Args)
	for i := range vals {
		vals[i] = box(vals[i])
	}
	resp.Vals = vals
	if err != nil {
		resp.HasErr, resp.Err = true, text(err)
	}
	return resp
}

// panicSite is where the function panicked, from a deferred recover: the
// innermost frame under runtime.gopanic in a lesson package, else the
// innermost outside the runtime; its file from the kit's folder on.
func panicSite() string {
	pc := make([]uintptr, 64)
	frames := runtime.CallersFrames(pc[:runtime.Callers(2, pc)])
	seenPanic, first := false, ""
	for {
		f, more := frames.Next()
		if f.Function == "runtime.gopanic" {
			seenPanic = true
		} else if seenPanic && !strings.HasPrefix(f.Function, "runtime.") {
			file := f.File
			if i := strings.LastIndex(file, "/lessons/"); i >= 0 {
				file = file[i+1:]
			}
			site := fmt.Sprintf("%s:%d (%s)", file, f.Line, f.Function[strings.LastIndex(f.Function, "/")+1:])
			if strings.Contains(f.Function, "/lessons/") {
				return site
			}
			if first == "" {
				first = site
			}
		}
		if !more {
			return first
		}
	}
}

func main() {
	in, out := os.NewFile(3, "requests"), os.NewFile(4, "answers")
	dec, enc := gob.NewDecoder(in), gob.NewEncoder(out)
	// Every init has run (the lessons' too): ready for calls.
	if err := enc.Encode(hello{Ready: true}); err != nil {
		os.Exit(3)
	}
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			os.Exit(0)
		}
		if err := enc.Encode(call(req)); err != nil {
			os.Exit(3)
		}
	}
}

`
