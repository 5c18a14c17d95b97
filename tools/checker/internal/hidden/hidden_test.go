package hidden

import (
	"encoding/json"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/internal/reference"
	"github.com/convlings/convlings/padding"
	solfilters "github.com/convlings/convlings/solutions/filters"
	solpadding "github.com/convlings/convlings/solutions/padding"
	solpooling "github.com/convlings/convlings/solutions/pooling"
	solstacking "github.com/convlings/convlings/solutions/stacking"
)

// solutionTests are the suites of the solutions, run on cases.
func solutionTests(cases fs.FS) []golden.Test {
	var tests []golden.Test
	tests = append(tests, golden.Padding{OutputLength: solpadding.OutputLength, SamePadding: solpadding.SamePadding, DilatedAxis: solpadding.DilatedAxis,
		PaddingPairs: solpadding.PaddingPairs, ZeroPadding: solpadding.ZeroPadding, Cases: cases}.Tests()...)
	tests = append(tests, golden.Filters{ConvOutputShape: solfilters.ConvOutputShape, ConvParams: solfilters.ConvParams, Conv2D: solfilters.Conv2D,
		Conv2DStrided: solfilters.Conv2DStrided, Conv2DDilated: solfilters.Conv2DDilated, Conv1D: solfilters.Conv1D, Cases: cases}.Tests()...)
	tests = append(tests, golden.Pooling{PoolOutputShape: solpooling.PoolOutputShape, MaxPooling2D: solpooling.MaxPooling2D, AveragePooling2D: solpooling.AveragePooling2D,
		GlobalMaxPooling2D: solpooling.GlobalMaxPooling2D, GlobalAveragePooling2D: solpooling.GlobalAveragePooling2D, Cases: cases}.Tests()...)
	tests = append(tests, golden.Stacking[solstacking.Layer, solstacking.Row]{OutputShape: solstacking.OutputShape, ParamCount: solstacking.ParamCount,
		Summary: solstacking.Summary, Flatten: solstacking.Flatten, Dense: solstacking.Dense, Forward: solstacking.Forward, Cases: cases}.Tests()...)
	return tests
}

// TestSolutionsEqualTheLibraryOnHiddenCases draws the cases of 50 seeds
// and runs the solutions, an implementation written apart from the
// library, on them through the suites: on every case they give the
// library's answer (equal under golden.Tolerance, the kit's one definition
// of equal) or an error exactly where the library raises one. Every
// exercise has PerExercise cases, and the same seed gives the same cases.
func TestSolutionsEqualTheLibraryOnHiddenCases(t *testing.T) {
	for seed := uint64(1); seed <= 50; seed++ {
		c, err := Generate(seed)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, tt := range solutionTests(c) {
			if n := c.Count(tt.Exercise); n != PerExercise {
				t.Errorf("seed %d: %s has %d hidden cases, want %d", seed, tt.Exercise.ID(), n, PerExercise)
			}
			r := golden.NewRecorder(tt.Exercise.Test)
			tt.Run(r)
			if r.Failed() {
				t.Errorf("seed %d: the solution and the library disagree on hidden cases of %s:\n%s", seed, tt.Exercise.ID(), r.Log())
			}
		}
		again, _ := Generate(seed)
		for name, f := range c.MapFS {
			if string(again.MapFS[name].Data) != string(f.Data) {
				t.Fatalf("seed %d: %s differs when drawn again", seed, name)
			}
		}
	}
}

// TestHiddenAnswersAreTheLibrarys reads every hidden case of 100 seeds as
// the suites do and answers its call with the reference library again:
// each answer, and each expected error's kind and message, is exactly the
// library's.
func TestHiddenAnswersAreTheLibrarys(t *testing.T) {
	kinds := map[string]bool{}
	for seed := uint64(1000); seed < 1100; seed++ {
		c, err := Generate(seed)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if d := disagreements(c, reference.Library()); len(d) > 0 {
			t.Fatalf("seed %d: %d hidden cases are not the library's answer:\n%s", seed, len(d), strings.Join(d, "\n"))
		}
		if len(c.MapFS) != PerExercise*len(golden.Exercises()) {
			t.Fatalf("seed %d: %d cases, want %d", seed, len(c.MapFS), PerExercise*len(golden.Exercises()))
		}
		for _, f := range c.MapFS {
			var e struct{ Error *golden.Error }
			if err := json.Unmarshal(f.Data, &e); err != nil {
				t.Fatal(err)
			}
			if e.Error != nil {
				kinds[e.Error.Kind] = true
			}
		}
	}
	// The errors expected are the library's kinds, never a catch-all.
	for _, k := range []string{"nonpositive_output", "nonpositive_argument", "invalid_padding_mode", "invalid_argument_shape", "stride_dilation_conflict", "unknown_layer"} {
		if !kinds[k] {
			t.Errorf("no hidden case of 100 seeds expects an error of kind %s", k)
		}
	}
	for k := range kinds {
		if k == "" || k == "error" {
			t.Errorf("a hidden case expects an error of kind %q", k)
		}
	}
}

// TestAWrongLibraryCallIsCaught puts a double in the library's place that
// is wrong in three exercises: a value off by a quarter in one cell of
// Conv2D, an output length off by one, and an error of another kind in
// PaddingPairs. The cases drawn with it disagree with the library exactly
// in those exercises, and Generate's own check, run against the double's
// answers, still holds (the cases hold the double's answers to their own
// calls): so the test above fails if the hidden answers ever stop being
// the library's.
func TestAWrongLibraryCallIsCaught(t *testing.T) {
	double := reference.Library()
	double.Conv2DValid = func(c golden.ConvCall) (golden.Tensor, error) {
		w, err := reference.Conv2DValid(c)
		if err == nil {
			w.Values[0] += 0.25
		}
		return w, err
	}
	double.OutputLength = func(c golden.AxisCall) (int, error) {
		v, err := reference.OutputLength(c)
		if err == nil {
			v++
		}
		return v, err
	}
	double.PaddingPairs = func(c golden.PairsCall) ([][2]int, error) {
		v, err := reference.PaddingPairs(c)
		if err != nil {
			err = &padding.Error{Pkg: "padding", Layer: "ZeroPadding2D", Arg: "padding", Value: "?", Kind: padding.ErrInputRank}
		}
		return v, err
	}
	wrong := map[string]bool{}
	for seed := uint64(1); seed <= 10; seed++ {
		c, err := generate(seed, double)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, d := range disagreements(c, reference.Library()) {
			wrong[strings.Split(d, "/")[1]] = true
		}
	}
	want := map[string]bool{"TestConv2DValid": true, "TestOutputLength": true, "TestPaddingPairs": true}
	if !maps.Equal(wrong, want) {
		t.Errorf("with a wrong library, disagreements in %v; want exactly %v", slices.Sorted(maps.Keys(wrong)), slices.Sorted(maps.Keys(want)))
	}
}

// TestHiddenCasesCoverTheGround checks that over a few seeds the drawn
// cases include both paddings, strides and dilations above 1, and cases
// where Keras raises, for the exercises that take them.
func TestHiddenCasesCoverTheGround(t *testing.T) {
	all := map[string]string{}
	for seed := uint64(1); seed <= 10; seed++ {
		c, err := Generate(seed)
		if err != nil {
			t.Fatal(err)
		}
		for name, f := range c.MapFS {
			test := strings.Split(name, "/")[1]
			all[test] += string(f.Data)
		}
	}
	for test, want := range map[string][]string{
		"TestOutputLength":  {`"padding":"same"`, `"padding":"valid"`, `"error"`},
		"TestDilatedAxis":   {`"dilation":2`, `"error"`},
		"TestPaddingPairs":  {`"error"`, `"rank":1`},
		"TestConv2DStrided": {`"strides":[2,`, `"padding":"same"`, `"error"`},
		"TestConv2DDilated": {`"dilation":[2,`, `"padding":"same"`},
		"TestConv1D":        {`"dilation":[2]`, `"padding":"same"`},
		"TestMaxPooling":    {`"padding":"same"`, `"strides":null`},
		"TestForward":       {`"Conv2D"`, `"Dense"`},
		"TestSummary":       {`"error"`},
	} {
		for _, w := range want {
			if !strings.Contains(all[test], w) {
				t.Errorf("%s: no hidden case over 10 seeds has %s", test, w)
			}
		}
	}
}
