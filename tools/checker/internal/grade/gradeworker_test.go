package grade

import (
	"testing"

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

func TestFailingCase(t *testing.T) {
	ex := &kit.Exercise{Test: "TestOutputLength", Lesson: &kit.Lesson{Name: "padding"}}
	for _, tc := range []struct {
		log        string
		call, want string
	}{
		{"--- TestOutputLength/post_valid: OutputLength(10, 3, 1, \"valid\") = 7, want 8\n", `padding.OutputLength(10, 3, 1, "valid")`, "8"},
		{"--- TestOutputLength/post_valid: This is what you get when the + 1 is left out. See …\n    OutputLength(10, 3, 1, \"valid\") = 7, want 8\n", `padding.OutputLength(10, 3, 1, "valid")`, "8"},
		{"--- TestOutputLength/zero: OutputLength(10, 3, 0, \"valid\") returned no error; want one, because Keras rejects this input\n", `padding.OutputLength(10, 3, 0, "valid")`, "an error (Keras rejects this input)"},
		{"--- TestOutputLength/x: OutputLength(1, 1, 1, \"same\") returned the error \"no\"; want 1\n", `padding.OutputLength(1, 1, 1, "same")`, "1"},
		{"--- TestOutputLength/x: OutputLength(1, 1, 1, \"same\") panicked: the call did not return within 2s\n", `padding.OutputLength(1, 1, 1, "same")`, "an answer, not a panic"},
		// A tensor's values differ: the first case is the one reported, not a
		// later case that panicked (a flipped kernel, as a learner wrote it).
		{"--- TestConv2DValid/asymmetric_kernel: This is what you get when the kernel is flipped: Keras does not flip it. See …\n" +
			"    Conv2D(x, kernel, bias): shape 1×3×3×1 is right, but 9 of 9 values differ\n" +
			"    first difference at index [n=0 h=0 w=0 c=0]: got 0.5625, want 6.75\n" +
			"--- TestConv2DValid/error_input_rank3: Conv2D(x, kernel, bias) panicked: runtime error: index out of range [3] with length 3\n",
			`padding.Conv2D(x, kernel, bias)`, "a tensor of shape 1×3×3×1, 6.75 at [n=0 h=0 w=0 c=0]"},
		{"--- TestConv2DValid/b: Conv2D(x, kernel, bias): 48 of 48 values differ; first at [n=0 h=0 w=0 c=0]: got 6.3125, want 5.875 (the same mistake)\n",
			`padding.Conv2D(x, kernel, bias)`, "5.875 at [n=0 h=0 w=0 c=0]"},
		{"--- TestConv2DStrided/s: Conv2DStrided(x, kernel, bias, [2]int{2, 2}, \"same\"): got shape 1×2×2×1, want 1×3×3×1\n",
			`padding.Conv2DStrided(x, kernel, bias, [2]int{2, 2}, "same")`, "a tensor of shape 1×3×3×1"},
		{"--- TestConv2DValid/e: Conv2D(x, kernel, bias) returned no error; want nonpositive_output\n",
			`padding.Conv2D(x, kernel, bias)`, "an error (Keras rejects this input)"},
	} {
		f := failingCase(ex, tc.log, true)
		if f == nil || f.Call != tc.call || f.Want != tc.want || !f.Hidden {
			t.Errorf("failingCase(%q) = %+v; want %s, %s, hidden", tc.log, f, tc.call, tc.want)
		}
	}
	if f := failingCase(ex, "--- TestForward/m: Forward(x, []Layer{\n", false); f != nil {
		t.Errorf("a call over several lines gave %+v; want nil", f)
	}
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
