package hidden

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/convlings/convlings/golden"
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

// TestSolutionsPassHiddenCases draws the cases of several seeds and runs
// the solutions on them through the suites: every case loads and passes,
// every exercise has PerExercise cases, and the same seed gives the same
// cases.
func TestSolutionsPassHiddenCases(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
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
				t.Errorf("seed %d: the solution fails hidden cases of %s:\n%s", seed, tt.Exercise.ID(), r.Log())
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
