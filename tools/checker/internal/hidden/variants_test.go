package hidden

import (
	"io/fs"
	"testing"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/golden/mistakes"
	"github.com/convlings/convlings/tensor"
)

type (
	ruleLayer golden.LayerFields
	ruleRow   golden.RowFields
)

// ruleTests are the suites of the mistake catalogue's rules r, on cases.
func ruleTests(r *mistakes.Rules, cases fs.FS) []golden.Test {
	var tests []golden.Test
	tests = append(tests, golden.Padding{OutputLength: r.OutputLength, SamePadding: r.SamePadding, DilatedAxis: r.DilatedAxis,
		PaddingPairs: r.PaddingPairs, ZeroPadding: r.ZeroPadding, Cases: cases}.Tests()...)
	tests = append(tests, golden.Filters{ConvOutputShape: r.ConvOutputShape, ConvParams: r.ConvParams, Conv2D: r.Conv2D,
		Conv2DStrided: r.Conv2DStrided, Conv2DDilated: r.Conv2DDilated, Conv1D: r.Conv1D, Cases: cases}.Tests()...)
	tests = append(tests, golden.Pooling{PoolOutputShape: r.PoolOutputShape, MaxPooling2D: r.MaxPooling2D, AveragePooling2D: r.AveragePooling2D,
		GlobalMaxPooling2D: r.GlobalMaxPooling2D, GlobalAveragePooling2D: r.GlobalAveragePooling2D, Cases: cases}.Tests()...)
	fields := func(ls []ruleLayer) []golden.LayerFields {
		out := make([]golden.LayerFields, len(ls))
		for i, l := range ls {
			out[i] = golden.LayerFields(l)
		}
		return out
	}
	tests = append(tests, golden.Stacking[ruleLayer, ruleRow]{
		OutputShape: func(in []int, l ruleLayer) ([]int, error) { return r.OutputShape(in, golden.LayerFields(l)) },
		ParamCount:  func(in []int, l ruleLayer) (int, error) { return r.ParamCount(in, golden.LayerFields(l)) },
		Summary: func(in []int, ls []ruleLayer) ([]ruleRow, int, error) {
			rows, total, err := r.Summary(in, fields(ls))
			out := make([]ruleRow, len(rows))
			for i, row := range rows {
				out[i] = ruleRow(row)
			}
			return out, total, err
		},
		Flatten: r.Flatten,
		Dense:   r.Dense,
		Forward: func(x *tensor.Tensor, ls []ruleLayer) (*tensor.Tensor, error) { return r.Forward(x, fields(ls)) },
		Cases:   cases,
	}.Tests()...)
	return tests
}

// TestCorrectVariantsPassHiddenCases: the catalogue's correct variants
// (float64 sums, reversed loops, padding first, im2col, reciprocal
// averages) pass every hidden case of several seeds, as they pass every
// golden one.
func TestCorrectVariantsPassHiddenCases(t *testing.T) {
	t.Setenv("CONVLINGS_LANG", "en")
	for seed := uint64(100); seed < 110; seed++ {
		cases, err := Generate(seed)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range mistakes.Variants() {
			for _, tt := range ruleTests(&v.Rules, cases) {
				r := golden.NewRecorder(tt.Exercise.Test)
				tt.Run(r)
				if r.Failed() {
					t.Errorf("seed %d: a correct variant (%s) fails hidden cases of %s:\n%s", seed, v.Name, tt.Exercise.ID(), r.Log())
				}
			}
		}
	}
}

// TestHiddenCasesCatchMistakes: every mistake of the catalogue fails some
// hidden case of the exercise that teaches its rule, over 10 seeds.
func TestHiddenCasesCatchMistakes(t *testing.T) {
	t.Setenv("CONVLINGS_LANG", "en")
	caught := map[string]bool{}
	for seed := uint64(1); seed <= 10; seed++ {
		cases, err := Generate(seed)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mistakes.All() {
			if caught[m.ID] {
				continue
			}
			for _, tt := range ruleTests(&m.Rules, cases) {
				if tt.Exercise.ID() != m.Teaches {
					continue
				}
				r := golden.NewRecorder(tt.Exercise.Test)
				tt.Run(r)
				if r.Failed() {
					caught[m.ID] = true
				}
			}
		}
	}
	for _, m := range mistakes.All() {
		if !caught[m.ID] {
			t.Errorf("no hidden case of %s over 10 seeds catches the mistake %s", m.Teaches, m.ID)
		}
	}
}
