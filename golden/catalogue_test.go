package golden_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/golden/mistakes"
	"github.com/convlings/convlings/tensor"
)

// rulesKit is every lesson implemented by the catalogue's rules.
func rulesKit(r *mistakes.Rules) []golden.Test {
	var all []golden.Test
	all = append(all, golden.Padding{
		OutputLength: r.OutputLength, SamePadding: r.SamePadding, DilatedAxis: r.DilatedAxis,
		PaddingPairs: r.PaddingPairs, ZeroPadding: r.ZeroPadding,
	}.Tests()...)
	all = append(all, golden.Filters{
		ConvOutputShape: r.ConvOutputShape, ConvParams: r.ConvParams, Conv2D: r.Conv2D,
		Conv2DStrided: r.Conv2DStrided, Conv2DDilated: r.Conv2DDilated, Conv1D: r.Conv1D,
	}.Tests()...)
	all = append(all, golden.Pooling{
		PoolOutputShape: r.PoolOutputShape, MaxPooling2D: r.MaxPooling2D, AveragePooling2D: r.AveragePooling2D,
		GlobalMaxPooling2D: r.GlobalMaxPooling2D, GlobalAveragePooling2D: r.GlobalAveragePooling2D,
	}.Tests()...)
	return append(all, golden.Stacking[mistakes.Layer, mistakes.Row]{
		OutputShape: r.OutputShape, ParamCount: r.ParamCount, Summary: r.Summary,
		Flatten: r.Flatten, Dense: r.Dense, Forward: r.Forward,
	}.Tests()...)
}

// TestCatalogueEntries checks the catalogue itself: at least 40 entries,
// unique lower_snake ids, an exercise of the kit each, and a diagnosis in
// English and in Korean.
func TestCatalogueEntries(t *testing.T) {
	all := mistakes.All()
	if len(all) < 40 {
		t.Errorf("the catalogue has %d mistakes, want at least 40", len(all))
	}
	known := map[string]bool{}
	for _, ex := range golden.Exercises() {
		known[ex.ID()] = true
	}
	id := regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, m := range all {
		switch {
		case !id.MatchString(m.ID) || seen[m.ID]:
			t.Errorf("mistake id %q: want lower_snake and unique", m.ID)
		case !known[m.Teaches]:
			t.Errorf("%s teaches %q, which is no exercise of the kit", m.ID, m.Teaches)
		case len(m.En) < 20 || strings.ContainsFunc(m.En, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }):
			t.Errorf("%s: the English diagnosis %q is missing or not English", m.ID, m.En)
		case !strings.ContainsFunc(m.Ko, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }):
			t.Errorf("%s: the Korean diagnosis %q is missing or not Korean", m.ID, m.Ko)
		case m.Rules == (mistakes.Rules{}):
			t.Errorf("%s changes no rule", m.ID)
		}
		seen[m.ID] = true
	}
}

// TestRulesPass holds the catalogue's base, Rules with no mistake, to
// every golden case: each mistake is then that correct implementation
// with one rule bent.
func TestRulesPass(t *testing.T) {
	t.Setenv("CONVLINGS_LANG", "en")
	for id, r := range runAll(rulesKit(&mistakes.Rules{})) {
		if r.Failed() {
			t.Errorf("the catalogue's correct rules fail %s:\n%s", id, r.Log())
		}
	}
}

// TestMistakesAreCaughtByTheirExercise proves each mistake of the
// catalogue fails at least one case of the exercise that teaches the rule
// it breaks (not only a later one), and that the failure names it, in
// English and in Korean.
func TestMistakesAreCaughtByTheirExercise(t *testing.T) {
	for _, m := range mistakes.All() {
		t.Run(m.ID, func(t *testing.T) {
			for _, lang := range []string{"en", "ko"} {
				t.Setenv("CONVLINGS_LANG", lang)
				for _, tt := range rulesKit(&m.Rules) {
					if tt.Exercise.ID() != m.Teaches {
						continue
					}
					r := golden.NewRecorder(tt.Exercise.Test)
					tt.Run(r)
					switch log := r.Log(); {
					case !r.Failed():
						t.Fatalf("%s passes every case of %s, the exercise that teaches its rule", m.ID, m.Teaches)
					case !strings.Contains(log, m.Text(lang == "ko")):
						t.Errorf("%s fails %s, but the failure (%s) does not name it:\n%s", m.ID, m.Teaches, lang, log)
					}
				}
			}
		})
	}
}

// TestCorrectVariantsPass runs correct implementations that compute in
// another order or precision, pad first or go through im2col: they must
// pass every case, so the tolerance and the cases accept any correct way.
func TestCorrectVariantsPass(t *testing.T) {
	t.Setenv("CONVLINGS_LANG", "en")
	for _, v := range mistakes.Variants() {
		for id, r := range runAll(rulesKit(&v.Rules)) {
			if r.Failed() {
				t.Errorf("a correct variant (%s) fails %s:\n%s", v.Name, id, r.Log())
			}
		}
	}
}

// flippedConv2D is a learner's Conv2D that flips the kernel.
func flippedConv2D(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
	r := mistakes.Rules{FlipKernel: true}
	return r.Conv2D(x, kernel, bias)
}

// goTestLines counts the lines go test prints for a failing test: a
// header line per failing test and subtest, then their messages, then
// three lines of FAIL.
func goTestLines(r *golden.Recorder) int {
	n := strings.Count(r.Log(), "\n") + 3
	n += strings.Count(r.Log(), "--- ") // the Recorder puts each message's first line on its header's
	return n
}

// TestFailureMessage checks a value failure as a learner who flips the
// kernel sees it: the mistake named first, one representative case in
// full (the call, the shape, the first differing index with got and want,
// the grid, the window's picture, the inputs and the case file), the
// other cases one line each, then the count, the hint and the command
// that reruns one case, once, in under 60 lines.
func TestFailureMessage(t *testing.T) {
	t.Setenv("CONVLINGS_LANG", "en")
	k := solutions()
	k.filters.Conv2D = flippedConv2D
	r := golden.NewRecorder("TestConv2DValid")
	k.filters.TestConv2DValid(r)
	log := r.Log()
	for _, want := range []string{
		"--- TestConv2DValid/asymmetric_kernel: This is what you get when the kernel is flipped: Keras does not flip it",
		"See lessons/filters/README.md#3-conv2d-valid",
		"Conv2D(x, kernel, bias): shape 1×3×3×1 is right, but 9 of 9 values differ",
		"first difference at index [n=0 h=0 w=0 c=0]: got",
		"* marks a difference",
		"The window of output [h=0 w=0] (want 6.75) reads input rows 0–2, columns 0–2",
		"# read by this window",
		"x:      tensor 1×5×5×1",
		"case: golden/testdata/filters/TestConv2DValid/asymmetric_kernel.golden.json",
		"--- TestConv2DValid/three_channels: Conv2D(x, kernel, bias): 8 of 8 values differ; first at [n=0 h=0 w=0 c=0]",
		"cases fail.\n    hint: go run ./tools/checker hint filters/conv2d_valid\n    rerun one case: go test ./lessons/filters -run 'TestConv2DValid/asymmetric_kernel'",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the failure message lacks %q:\n%s", want, log)
		}
	}
	if n := strings.Count(log, "hint: "); n != 1 {
		t.Errorf("the hint appears %d times, want once per test:\n%s", n, log)
	}
	if n := goTestLines(r); n >= 60 {
		t.Errorf("go test would print %d lines for a flipped kernel, want under 60:\n%s", n, log)
	}
	t.Logf("a failure as a learner sees it (%d lines under go test):\n%s", goTestLines(r), log)
}

// TestFailureMessageKorean checks the same failure under a Korean LANG:
// the diagnosis and the text in Korean, the README link to README.ko.md,
// code, commands and file names as they are.
func TestFailureMessageKorean(t *testing.T) {
	t.Setenv("CONVLINGS_LANG", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LANG", "ko_KR.UTF-8")
	k := solutions()
	k.filters.Conv2D = flippedConv2D
	r := golden.NewRecorder("TestConv2DValid")
	k.filters.TestConv2DValid(r)
	log := r.Log()
	for _, want := range []string{
		"이 답은 커널을 뒤집었을 때 나오는 값입니다",
		"참고: lessons/filters/README.ko.md#3-conv2d-valid-합성곱",
		"Conv2D(x, kernel, bias): 모양 1×3×3×1 는 맞지만 값 9개 중 9개가 다릅니다",
		"케이스: golden/testdata/filters/TestConv2DValid/asymmetric_kernel.golden.json",
		"힌트: go run ./tools/checker hint filters/conv2d_valid",
		"# 이 윈도우가 읽는 칸",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the Korean failure message lacks %q:\n%s", want, log)
		}
	}
	for _, english := range []string{"This is what", " is right, but", "first difference", "want ", "cases fail", "The window"} {
		if strings.Contains(log, english) {
			t.Errorf("the Korean failure message has English %q:\n%s", english, log)
		}
	}
}

// TestCaseRecords checks the case records: none without
// CONVLINGS_CASE_RECORDS=1; with it, one line per failing case, holding
// the fields the package doc lists.
func TestCaseRecords(t *testing.T) {
	t.Setenv("CONVLINGS_LANG", "en")
	k := solutions()
	k.filters.Conv2D = flippedConv2D
	t.Setenv("CONVLINGS_CASE_RECORDS", "")
	r := golden.NewRecorder("TestConv2DValid")
	k.filters.TestConv2DValid(r)
	if logs := r.Logs(); len(logs) != 0 {
		t.Errorf("case records without CONVLINGS_CASE_RECORDS=1: %q", logs)
	}
	t.Setenv("CONVLINGS_CASE_RECORDS", "1")
	r = golden.NewRecorder("TestConv2DValid")
	k.filters.TestConv2DValid(r)
	logs := r.Logs()
	if len(logs) != 7 {
		t.Fatalf("%d case records for 7 failing cases: %q", len(logs), logs)
	}
	rec := decodeRecord(t, logs[0])
	for key, want := range map[string]string{
		"exercise": `"filters/conv2d_valid"`, "test": `"TestConv2DValid"`, "case": `"asymmetric_kernel"`,
		"file": `"golden/testdata/filters/TestConv2DValid/asymmetric_kernel.golden.json"`, "call": `"Conv2D(x, kernel, bias)"`,
		"first_diff": `[0,0,0,0]`,
	} {
		if got := string(rec[key]); got != want {
			t.Errorf("record %s = %s, want %s", key, got, want)
		}
	}
	for _, key := range []string{"layer", "want", "got", "mistake", "window"} {
		if len(rec[key]) == 0 || string(rec[key]) == "null" {
			t.Errorf("record lacks %s: %s", key, logs[0])
		}
	}
	for _, part := range []string{`"layer":"Conv2D"`, `"input_shape":[1,5,5,1]`, `"kernel":[`, `"id":"flipped_kernel"`, `"rows":[0,2]`, `"pad":[[0,0],[0,0]]`, `"want":{"shape":[1,3,3,1],"values":[`} {
		if !strings.Contains(logs[0], part) {
			t.Errorf("record lacks %s: %s", part, logs[0])
		}
	}
}
