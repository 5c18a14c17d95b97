package grade

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/convlings/convlings/golden"
	solfilters "github.com/convlings/convlings/solutions/filters"
	solpadding "github.com/convlings/convlings/solutions/padding"
	"github.com/convlings/convlings/tensor"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

func TestParseWeighting(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Weighting
		bad  bool
	}{
		{in: "both", want: Weighting{}},
		{in: "", want: Weighting{}},
		{in: "0.25", want: Weighting{Split: true, Hidden: 0.25}},
		{in: "1", want: Weighting{Split: true, Hidden: 1}},
		{in: "0", want: Weighting{Split: true, Hidden: 0}},
		{in: "1.5", bad: true},
		{in: "-0.1", bad: true},
		{in: "half", bad: true},
	} {
		got, err := ParseWeighting(tc.in)
		if (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
			t.Errorf("ParseWeighting(%q) = %+v, %v; want %+v, error %v", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

// TestFailingCase runs real suites in this process against lessons that
// fail, and reads the first failing case from the suites' case records: it
// is the first case that failed, with its call and expected answer, also
// when lesson code panics with text that imitates the suites' failure
// lines (the old parse of the text named the forged call).
func TestFailingCase(t *testing.T) {
	enableRecords()
	first := func(r *golden.Recorder) string {
		names, passed := r.Subtests()
		for i, ok := range passed {
			if !ok {
				return names[i]
			}
		}
		return ""
	}
	// OutputLength is wrong on n == 10 only.
	pad := golden.Padding{OutputLength: func(n, k, stride int, p string) (int, error) {
		v, err := solpadding.OutputLength(n, k, stride, p)
		if n == 10 {
			v++
		}
		return v, err
	}}
	r := golden.NewRecorder("TestOutputLength")
	pad.TestOutputLength(r)
	ex := &kit.Exercise{Test: "TestOutputLength", Lesson: &kit.Lesson{Name: "padding"}}
	f := failingCase(ex, r.Logs(), false)
	if f == nil || !strings.HasPrefix(f.Call, "padding.OutputLength(10, ") || f.Hidden {
		t.Fatalf("failingCase = %+v; want padding.OutputLength(10, …)\n%s", f, r.Log())
	}
	if sec := section(r.Log(), "TestOutputLength/"+first(r)); !strings.Contains(sec, strings.TrimPrefix(f.Call, "padding.")+" = ") || !strings.Contains(sec, ", want "+f.Want+"\n") {
		t.Errorf("failingCase = %+v; the first failure is not that call with that answer:\n%s", f, r.Log())
	}

	// Conv2D changes its input in the first case (a failure whose line
	// holds no "want"), and in the others panics with text that imitates a
	// failure line of a call no case makes.
	forged := "Conv2DStrided(x, kernel, bias, [2]int{9, 9}, \"valid\") = 0, want 12345"
	calls := 0
	fil := golden.Filters{Conv2D: func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
		calls++
		if calls > 1 {
			panic("boom\n    " + forged + "\n--- TestConv2DValid/x: " + forged)
		}
		y, err := solfilters.Conv2D(x, kernel, bias)
		x.Data[0]++
		return y, err
	}}
	r = golden.NewRecorder("TestConv2DValid")
	fil.TestConv2DValid(r)
	ex = &kit.Exercise{Test: "TestConv2DValid", Lesson: &kit.Lesson{Name: "filters"}}
	f = failingCase(ex, r.Logs(), true)
	if !strings.Contains(r.Log(), forged) {
		t.Fatalf("the forged line is not in the suite's log:\n%s", r.Log())
	}
	if f == nil || f.Call != "filters.Conv2D(x, kernel, bias)" || !strings.HasPrefix(f.Want, "a tensor of shape ") || !f.Hidden {
		t.Errorf("failingCase = %+v; want the first case, filters.Conv2D(x, kernel, bias), and its tensor\n%s", f, r.Log())
	}
	if !strings.Contains(section(r.Log(), "TestConv2DValid/"+first(r)), "Conv2D(x, kernel, bias): changed its input x") {
		t.Errorf("the first failing case is not the one that changed its input:\n%s", r.Log())
	}

	// A tensor whose values differ: the first difference, where the suite
	// says it is.
	fil = golden.Filters{Conv2D: func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
		y, err := solfilters.Conv2D(x, kernel, bias)
		if y != nil {
			y.Data[len(y.Data)-1] += 1
		}
		return y, err
	}}
	r = golden.NewRecorder("TestConv2DValid")
	fil.TestConv2DValid(r)
	f = failingCase(ex, r.Logs(), false)
	if f == nil {
		t.Fatalf("no failing case:\n%s", r.Log())
	}
	_, at, _ := strings.Cut(f.Want, ", ")
	val, idx, _ := strings.Cut(at, " at ")
	if sec := section(r.Log(), "TestConv2DValid/"+first(r)); !strings.Contains(sec, "first difference at index "+idx+": got ") || !strings.Contains(sec, ", want "+val+"\n") {
		t.Errorf("failingCase = %+v; the suite reports another first difference:\n%s", f, r.Log())
	}

	if f := failingCase(ex, []string{"convlings-case {not json", "a line of text"}, false); f != nil {
		t.Errorf("no record gave %+v; want nil", f)
	}
	if got := wantText(caseRecord{Want: map[string]json.RawMessage{"error": []byte(`"nonpositive_output"`)}}); got != "an error (Keras rejects this input)" {
		t.Errorf("an expected error reads %q", got)
	}
	if got := goValue([]byte(`[1, 2, {"B": "x", "A": null}]`)); got != `{1, 2, {A: nil, B: "x"}}` {
		t.Errorf("goValue = %s", got)
	}
}

// section is what a suite's log says of one case: from its "--- name: "
// to the next case.
func section(log, name string) string {
	_, rest, ok := strings.Cut(log, "--- "+name+": ")
	if !ok {
		return ""
	}
	if i := strings.Index(rest, "\n--- "); i >= 0 {
		rest = rest[:i+1]
	}
	return rest
}

// TestSharePoints: with -hidden-weight, a result that did not pass earns
// its share of the exercise's points.
func TestSharePoints(t *testing.T) {
	ex := &kit.Exercise{Points: 2}
	if p := (&result.Result{Exercise: ex, Status: result.Failed, Share: 0.75}).Points(); p != 1.5 {
		t.Errorf("a share of 0.75 of 2 points earns %v", p)
	}
	if p := (&result.Result{Exercise: ex, Status: result.Failed}).Points(); p != 0 {
		t.Errorf("a failed result without a share earns %v", p)
	}
}
