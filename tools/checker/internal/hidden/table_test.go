package hidden

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"testing"

	"github.com/convlings/convlings/golden"
	solfilters "github.com/convlings/convlings/solutions/filters"
	solpadding "github.com/convlings/convlings/solutions/padding"
	solpooling "github.com/convlings/convlings/solutions/pooling"
	solstacking "github.com/convlings/convlings/solutions/stacking"
	"github.com/convlings/convlings/tensor"
)

// solutionSuites are the four suites over the solutions, on the golden
// files.
func solutionSuites() []any {
	return []any{
		golden.Padding{OutputLength: solpadding.OutputLength, SamePadding: solpadding.SamePadding, DilatedAxis: solpadding.DilatedAxis,
			PaddingPairs: solpadding.PaddingPairs, ZeroPadding: solpadding.ZeroPadding},
		golden.Filters{ConvOutputShape: solfilters.ConvOutputShape, ConvParams: solfilters.ConvParams, Conv2D: solfilters.Conv2D,
			Conv2DStrided: solfilters.Conv2DStrided, Conv2DDilated: solfilters.Conv2DDilated, Conv1D: solfilters.Conv1D},
		golden.Pooling{PoolOutputShape: solpooling.PoolOutputShape, MaxPooling2D: solpooling.MaxPooling2D, AveragePooling2D: solpooling.AveragePooling2D,
			GlobalMaxPooling2D: solpooling.GlobalMaxPooling2D, GlobalAveragePooling2D: solpooling.GlobalAveragePooling2D},
		golden.Stacking[solstacking.Layer, solstacking.Row]{OutputShape: solstacking.OutputShape, ParamCount: solstacking.ParamCount,
			Summary: solstacking.Summary, Flatten: solstacking.Flatten, Dense: solstacking.Dense, Forward: solstacking.Forward},
	}
}

// withFuncs returns a copy of suite (a golden suite struct) with every
// function replaced by wrap's, and Cases set to cases.
func withFuncs(suite any, cases fs.FS, wrap func(name string, fn reflect.Value) reflect.Value) []golden.Test {
	v := reflect.New(reflect.TypeOf(suite)).Elem()
	v.Set(reflect.ValueOf(suite))
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Func && !f.IsNil() {
			f.Set(wrap(v.Type().Field(i).Name, reflect.ValueOf(f.Interface()))) // a copy: f is about to change
		}
	}
	if cases != nil {
		v.FieldByName("Cases").Set(reflect.ValueOf(cases))
	}
	return v.Interface().(interface{ Tests() []golden.Test }).Tests()
}

// table is a lesson that answers from a table: the public golden cases'
// calls and the answers to them (recorded from the solutions), and a
// guess for any other call.
type table struct {
	answers map[string][]reflect.Value // by function and arguments
	first   map[string][]reflect.Value // each function's first answer that is no error
	guess   string                     // "first": that answer; "error": an error
}

func argsKey(name string, args []reflect.Value) string {
	vs := make([]any, len(args))
	for i, a := range args {
		vs[i] = a.Interface()
	}
	data, err := json.Marshal(vs)
	if err != nil {
		panic(fmt.Sprintf("table: %s: %v", name, err))
	}
	return name + string(data)
}

func cloneOut(out []reflect.Value) []reflect.Value {
	c := make([]reflect.Value, len(out))
	for i, o := range out {
		c[i] = o
		if t, ok := o.Interface().(*tensor.Tensor); ok && t != nil {
			c[i] = reflect.ValueOf(t.Clone())
		}
	}
	return c
}

func (tb *table) record(name string, fn reflect.Value) reflect.Value {
	return reflect.MakeFunc(fn.Type(), func(args []reflect.Value) []reflect.Value {
		key := argsKey(name, args)
		out := fn.Call(args)
		tb.answers[key] = cloneOut(out)
		if _, ok := tb.first[name]; !ok && out[len(out)-1].IsNil() {
			tb.first[name] = cloneOut(out)
		}
		return out
	})
}

func (tb *table) replay(name string, fn reflect.Value) reflect.Value {
	return reflect.MakeFunc(fn.Type(), func(args []reflect.Value) []reflect.Value {
		if out, ok := tb.answers[argsKey(name, args)]; ok {
			return cloneOut(out)
		}
		if out, ok := tb.first[name]; ok && tb.guess == "first" {
			return cloneOut(out)
		}
		out := make([]reflect.Value, fn.Type().NumOut())
		for i := range out {
			out[i] = reflect.Zero(fn.Type().Out(i))
		}
		out[len(out)-1] = reflect.ValueOf(errors.New("table: not in the table"))
		return out
	})
}

// TestTableOfPublicAnswersFailsHidden: a lesson that answers every
// exercise from a table of the public golden cases (the answers to their
// exact calls, and for any other call a guess: the first answer it knows,
// or an error) passes every public case and fails hidden cases in every
// exercise, in each of 2 seeds. The worker's tests prove the same through
// a real worker for lesson 1.
func TestTableOfPublicAnswersFailsHidden(t *testing.T) {
	t.Setenv("CONVLINGS_LANG", "en")
	tb := &table{answers: map[string][]reflect.Value{}, first: map[string][]reflect.Value{}}
	for _, s := range solutionSuites() {
		for _, tt := range withFuncs(s, nil, tb.record) {
			r := golden.NewRecorder(tt.Exercise.Test)
			if tt.Run(r); r.Failed() {
				t.Fatalf("the solutions fail public cases of %s:\n%s", tt.Exercise.ID(), r.Log())
			}
		}
	}
	for _, guess := range []string{"first", "error"} {
		tb.guess = guess
		for _, s := range solutionSuites() {
			for _, tt := range withFuncs(s, nil, tb.replay) {
				r := golden.NewRecorder(tt.Exercise.Test)
				if tt.Run(r); r.Failed() {
					t.Errorf("the table (guess %s) fails public cases of %s:\n%s", guess, tt.Exercise.ID(), r.Log())
				}
			}
		}
		for seed := uint64(1); seed <= 2; seed++ {
			cases, err := Generate(seed)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, s := range solutionSuites() {
				for _, tt := range withFuncs(s, cases, tb.replay) {
					n++
					r := golden.NewRecorder(tt.Exercise.Test)
					if tt.Run(r); !r.Failed() {
						t.Errorf("seed %d: the table (guess %s) passes every hidden case of %s", seed, guess, tt.Exercise.ID())
					}
				}
			}
			if n != len(golden.Exercises()) {
				t.Fatalf("ran %d exercises, want %d", n, len(golden.Exercises()))
			}
		}
	}
}
