package reference

import (
	"errors"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/padding"
)

// goldenCases returns the embedded golden files of every exercise, by
// test name.
func goldenCases(t *testing.T) map[string]map[string][]byte {
	t.Helper()
	out := map[string]map[string][]byte{}
	err := fs.WalkDir(golden.Files(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, golden.Suffix) {
			return err
		}
		parts := strings.Split(p, "/")
		if len(parts) != 3 {
			return nil
		}
		data, err := fs.ReadFile(golden.Files(), p)
		if out[parts[1]] == nil {
			out[parts[1]] = map[string][]byte{}
		}
		out[parts[1]][p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEveryExerciseHasAnAnswer: Library answers every exercise of the kit
// and Check knows every one, so nothing is left to another implementation.
func TestEveryExerciseHasAnAnswer(t *testing.T) {
	var tests []string
	for _, ex := range golden.Exercises() {
		tests = append(tests, ex.Test)
	}
	if got := Tests(); !slices.Equal(got, tests) {
		t.Errorf("Tests() = %v\nwant every exercise: %v", got, tests)
	}
	a := reflect.ValueOf(Library())
	for i := range a.NumField() {
		name := a.Type().Field(i).Name
		if a.Field(i).IsNil() {
			t.Errorf("Library().%s is nil", name)
		}
		if !slices.Contains(tests, "Test"+name) {
			t.Errorf("Answers.%s answers no exercise (no Test%s)", name, name)
		}
	}
	if a.NumField() != len(tests) {
		t.Errorf("Answers has %d functions for %d exercises", a.NumField(), len(tests))
	}
}

// TestGoldenFilesAreTheLibrarysAnswers decodes every golden file and
// answers its call again: the answer, or the error's kind and message, is
// exactly the file's. (goldengen's test compares the bytes it generates;
// this one goes through the call as the suites decode it.)
func TestGoldenFilesAreTheLibrarysAnswers(t *testing.T) {
	n := 0
	for test, files := range goldenCases(t) {
		for name, data := range files {
			n++
			if err := Check(Library(), test, data); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	if n < 200 {
		t.Errorf("checked %d golden files; the kit has more than 200", n)
	}
}

// wrong returns a with the answer of test replaced by one that is wrong:
// on a value it returns the zero value, on an error no error.
func wrong(a Answers, test string) Answers {
	v := reflect.ValueOf(&a).Elem()
	f := v.FieldByName(strings.TrimPrefix(test, "Test"))
	real := f.Interface()
	f.Set(reflect.MakeFunc(f.Type(), func(args []reflect.Value) []reflect.Value {
		out := reflect.ValueOf(real).Call(args)
		if !out[1].IsNil() {
			return []reflect.Value{reflect.Zero(out[0].Type()), reflect.Zero(out[1].Type())}
		}
		return []reflect.Value{reflect.Zero(out[0].Type()), out[1]}
	}))
	return a
}

// TestCheckCatchesAWrongAnswer: for every exercise, answers that are
// wrong in that exercise only disagree with some golden file of it, on a
// value and on an error, and with no file of another exercise.
func TestCheckCatchesAWrongAnswer(t *testing.T) {
	cases := goldenCases(t)
	for _, test := range Tests() {
		a := wrong(Library(), test)
		values, errs := 0, 0
		for other, files := range cases {
			for name, data := range files {
				err := Check(a, other, data)
				switch {
				case other != test && err != nil:
					t.Errorf("%s wrong: %s disagrees too: %v", test, name, err)
				case other == test && err != nil && strings.Contains(string(data), `"error":`):
					errs++
				case other == test && err != nil:
					values++
				}
			}
		}
		if values == 0 || errs == 0 {
			t.Errorf("%s wrong: Check caught %d value cases and %d error cases, want some of each", test, values, errs)
		}
	}
}

// TestCheckComparesErrorKinds: an error of another kind, or with another
// message, is a disagreement.
func TestCheckComparesErrorKinds(t *testing.T) {
	a := Library()
	a.OutputLength = func(c golden.AxisCall) (int, error) {
		v, err := OutputLength(c)
		if err != nil {
			err = &padding.Error{Pkg: "conv", Layer: "Conv1D", Arg: "padding", Value: "x", Kind: padding.ErrInputRank}
		}
		return v, err
	}
	caught := 0
	for name, data := range goldenCases(t)["TestOutputLength"] {
		if err := Check(a, "TestOutputLength", data); err != nil {
			if !strings.Contains(string(data), `"error":`) {
				t.Errorf("%s: a value case disagrees: %v", name, err)
			}
			caught++
		}
	}
	if caught == 0 {
		t.Error("errors of another kind pass Check")
	}
}

// TestNewCase records the library's kind and refuses an error of none.
func TestNewCase(t *testing.T) {
	_, err := OutputLength(golden.AxisCall{N: 3, Kernel: 5, Stride: 1, Padding: "valid"})
	c, cerr := NewCase("about", 1, golden.AxisCall{}, 0, err)
	if cerr != nil || c.Error == nil || c.Error.Kind != "nonpositive_output" || c.Want != nil {
		t.Errorf("NewCase of a library error: %+v, %v", c, cerr)
	}
	if _, cerr := NewCase("about", 1, golden.AxisCall{}, 0, errors.New("no kind")); cerr == nil {
		t.Error("NewCase accepts an error of no kind")
	}
	_, err = LayerOutputShape(golden.LayerCall{InputShape: []int{-1, 4, 4, 1}, Layer: golden.LayerSpec{Class: "Dropout"}})
	if Kind(err) != "unknown_layer" {
		t.Errorf("an unknown class: kind %q (%v), want unknown_layer", Kind(err), err)
	}
}

// TestLessonsContract: the lessons' functions take no "" padding and no
// 'causal', which the library would; everything else is the library's.
func TestLessonsContract(t *testing.T) {
	for _, mode := range []string{"", "causal", "Causal"} {
		if _, err := OutputLength(golden.AxisCall{N: 10, Kernel: 3, Stride: 1, Padding: mode}); Kind(err) != "invalid_padding_mode" {
			t.Errorf("OutputLength with padding %q: %v, want invalid_padding_mode", mode, err)
		}
		x := &golden.Tensor{Shape: []int{1, 4, 1}, Values: []float32{1, 2, 3, 4}}
		k := &golden.Tensor{Shape: []int{2, 1, 1}, Values: []float32{1, 1}}
		if _, err := Conv1D(golden.ConvCall{X: x, Kernel: k, Padding: mode}); Kind(err) != "invalid_padding_mode" {
			t.Errorf("Conv1D with padding %q: %v, want invalid_padding_mode", mode, err)
		}
		if _, err := PoolOutputShape(golden.PoolShapeCall{InputShape: [3]int{4, 4, 1}, PoolSize: [2]int{2, 2}, Padding: mode}); Kind(err) != "invalid_padding_mode" {
			t.Errorf("PoolOutputShape with padding %q: %v, want invalid_padding_mode", mode, err)
		}
	}
	// Lesson 4's Layer keeps Keras's default: no padding is 'valid'.
	if out, err := LayerOutputShape(golden.LayerCall{InputShape: []int{-1, 4, 4, 1}, Layer: golden.LayerSpec{Class: "MaxPooling2D"}}); err != nil || !slices.Equal(out, []int{-1, 2, 2, 1}) {
		t.Errorf("MaxPooling2D with no padding: %v, %v; want [-1 2 2 1]", out, err)
	}
}
