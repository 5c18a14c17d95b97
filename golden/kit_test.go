package golden_test

import (
	"strings"
	"testing"

	"github.com/convlings/convlings/golden"
	lfilters "github.com/convlings/convlings/lessons/filters"
	lpadding "github.com/convlings/convlings/lessons/padding"
	lpooling "github.com/convlings/convlings/lessons/pooling"
	lstacking "github.com/convlings/convlings/lessons/stacking"
	sfilters "github.com/convlings/convlings/solutions/filters"
	spadding "github.com/convlings/convlings/solutions/padding"
	spooling "github.com/convlings/convlings/solutions/pooling"
	sstacking "github.com/convlings/convlings/solutions/stacking"
)

// kit is one implementation of every lesson, as the suites take it.
type kit struct {
	padding  golden.Padding
	filters  golden.Filters
	pooling  golden.Pooling
	stacking golden.Stacking[sstacking.Layer, sstacking.Row]
}

func (k kit) tests() []golden.Test {
	var all []golden.Test
	all = append(all, k.padding.Tests()...)
	all = append(all, k.filters.Tests()...)
	all = append(all, k.pooling.Tests()...)
	return append(all, k.stacking.Tests()...)
}

// solutions returns the solved lessons.
func solutions() kit {
	return kit{
		padding: golden.Padding{
			OutputLength: spadding.OutputLength,
			SamePadding:  spadding.SamePadding,
			DilatedAxis:  spadding.DilatedAxis,
			PaddingPairs: spadding.PaddingPairs,
			ZeroPadding:  spadding.ZeroPadding,
		},
		filters: golden.Filters{
			ConvOutputShape: sfilters.ConvOutputShape,
			ConvParams:      sfilters.ConvParams,
			Conv2D:          sfilters.Conv2D,
			Conv2DStrided:   sfilters.Conv2DStrided,
			Conv2DDilated:   sfilters.Conv2DDilated,
			Conv1D:          sfilters.Conv1D,
		},
		pooling: golden.Pooling{
			PoolOutputShape:        spooling.PoolOutputShape,
			MaxPooling2D:           spooling.MaxPooling2D,
			AveragePooling2D:       spooling.AveragePooling2D,
			GlobalMaxPooling2D:     spooling.GlobalMaxPooling2D,
			GlobalAveragePooling2D: spooling.GlobalAveragePooling2D,
		},
		stacking: golden.Stacking[sstacking.Layer, sstacking.Row]{
			OutputShape: sstacking.OutputShape,
			ParamCount:  sstacking.ParamCount,
			Summary:     sstacking.Summary,
			Flatten:     sstacking.Flatten,
			Dense:       sstacking.Dense,
			Forward:     sstacking.Forward,
		},
	}
}

// stubs returns the lesson stubs, as a learner gets them.
func stubs() []golden.Test {
	var all []golden.Test
	all = append(all, golden.Padding{
		OutputLength: lpadding.OutputLength,
		SamePadding:  lpadding.SamePadding,
		DilatedAxis:  lpadding.DilatedAxis,
		PaddingPairs: lpadding.PaddingPairs,
		ZeroPadding:  lpadding.ZeroPadding,
	}.Tests()...)
	all = append(all, golden.Filters{
		ConvOutputShape: lfilters.ConvOutputShape,
		ConvParams:      lfilters.ConvParams,
		Conv2D:          lfilters.Conv2D,
		Conv2DStrided:   lfilters.Conv2DStrided,
		Conv2DDilated:   lfilters.Conv2DDilated,
		Conv1D:          lfilters.Conv1D,
	}.Tests()...)
	all = append(all, golden.Pooling{
		PoolOutputShape:        lpooling.PoolOutputShape,
		MaxPooling2D:           lpooling.MaxPooling2D,
		AveragePooling2D:       lpooling.AveragePooling2D,
		GlobalMaxPooling2D:     lpooling.GlobalMaxPooling2D,
		GlobalAveragePooling2D: lpooling.GlobalAveragePooling2D,
	}.Tests()...)
	return append(all, golden.Stacking[lstacking.Layer, lstacking.Row]{
		OutputShape: lstacking.OutputShape,
		ParamCount:  lstacking.ParamCount,
		Summary:     lstacking.Summary,
		Flatten:     lstacking.Flatten,
		Dense:       lstacking.Dense,
		Forward:     lstacking.Forward,
	}.Tests()...)
}

// runAll runs every exercise against an implementation, each with its own
// Recorder.
func runAll(tests []golden.Test) map[string]*golden.Recorder {
	out := map[string]*golden.Recorder{}
	for _, tt := range tests {
		r := golden.NewRecorder(tt.Exercise.Test)
		tt.Run(r)
		out[tt.Exercise.ID()] = r
	}
	return out
}

// TestSolutionsPass runs every suite against solutions/: all must pass.
func TestSolutionsPass(t *testing.T) {
	t.Setenv("CONVLINGS_LANG", "en")
	for id, r := range runAll(solutions().tests()) {
		if r.Failed() {
			t.Errorf("solutions fail %s:\n%s", id, r.Log())
		}
	}
}

// TestEveryExerciseFailsOnTheStubs runs every suite against the pristine
// stubs in lessons/: every exercise must fail, and say it is not
// implemented yet, with a pointer to its README section.
//
// This guards the kit as shipped. On a learner's working copy, where
// lessons/ holds their answers, it fails for every exercise they solved
// (and TestLessonsAreCurrent in tools/stubgen says lessons/ was edited).
func TestEveryExerciseFailsOnTheStubs(t *testing.T) {
	t.Setenv("CONVLINGS_LANG", "en")
	tests := stubs()
	if len(tests) != len(golden.Exercises()) {
		t.Fatalf("the stub suites have %d exercises, the kit %d", len(tests), len(golden.Exercises()))
	}
	results := runAll(tests)
	for _, ex := range golden.Exercises() {
		r := results[ex.ID()]
		want := "not implemented yet: see " + ex.README()
		switch {
		case r == nil:
			t.Errorf("%s: not run against the stubs", ex.ID())
		case !r.Failed():
			t.Errorf("%s passes on the pristine stub; every exercise must start red (is lessons/ edited?)", ex.ID())
		case !strings.Contains(r.Log(), want):
			t.Errorf("%s fails on the stub, but not with %q:\n%s", ex.ID(), want, r.Log())
		}
	}
}
