package padding_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// windows counts, the slow way, the windows of k cells with dilation d and
// stride s that fit in n cells.
func windows(n, k, s, d int) int {
	count := 0
	for start := 0; start+(k-1)*d < n; start += s {
		count++
	}
	return count
}

func TestOutputLength(t *testing.T) {
	for _, c := range []struct {
		n, k, s, d int
		mode       padding.Mode
		want       int
	}{
		{10, 3, 1, 1, padding.Valid, 8}, // the blog's Conv2D 'valid'
		{10, 3, 1, 1, padding.Same, 10}, // the blog's Conv2D 'same'
		{10, 2, 2, 1, padding.Valid, 5}, // MaxPooling2D((2, 2))
		{10, 2, 1, 1, padding.Valid, 9}, // MaxPooling2D((2, 2), strides=(1, 1))
		{7, 3, 2, 1, padding.Same, 4},
		{6, 3, 2, 1, padding.Same, 3},
		{5, 3, 1, 2, padding.Valid, 1},
		{2, 3, 1, 1, padding.Valid, 0},
		{1, 5, 1, 1, padding.Valid, -3}, // floor((1−5)/1)+1
		{1, 5, 2, 1, padding.Valid, -1}, // floor(−4/2)+1, not truncation
		{2, 5, 3, 1, padding.Valid, -0}, // floor(−3/3)+1
		{1, 9, 1, 1, padding.Same, 1},
	} {
		if got := padding.OutputLength(c.n, c.k, c.s, c.d, c.mode); got != c.want {
			t.Errorf("OutputLength(%d, %d, %d, %d, %s) = %d, want %d", c.n, c.k, c.s, c.d, c.mode, got, c.want)
		}
	}
}

// TestOutputLengthCountsWindows compares OutputLength with a count of the
// windows that fit (valid) and with ceil(n/s) (same) over a grid.
func TestOutputLengthCountsWindows(t *testing.T) {
	for n := 1; n <= 20; n++ {
		for k := 1; k <= 6; k++ {
			for s := 1; s <= 4; s++ {
				for d := 1; d <= 3; d++ {
					valid := padding.OutputLength(n, k, s, d, padding.Valid)
					if w := windows(n, k, s, d); (w > 0 || valid > 0) && valid != w {
						t.Errorf("OutputLength(%d, %d, %d, %d, valid) = %d, but %d windows fit", n, k, s, d, valid, w)
					}
					if same, want := padding.OutputLength(n, k, s, d, padding.Same), (n+s-1)/s; same != want {
						t.Errorf("OutputLength(%d, %d, %d, %d, same) = %d, want ceil(n/s) = %d", n, k, s, d, same, want)
					}
				}
			}
		}
	}
}

func TestSameSplit(t *testing.T) {
	// The examples of keras-semantics.md §2 and the padding package doc.
	for _, c := range []struct{ n, k, s, d, before, after int }{
		{5, 2, 1, 1, 0, 1},
		{6, 3, 2, 1, 0, 1},
		{7, 3, 2, 1, 1, 1},
		{5, 3, 1, 2, 2, 2},
		{10, 3, 1, 1, 1, 1},
		{3, 3, 1, 1, 1, 1},
		{3, 2, 1, 1, 0, 1},
		{5, 1, 3, 1, 0, 0}, // k_eff < s: total clamped at 0, not −1
		{2, 5, 1, 1, 2, 2},
		{2, 4, 1, 1, 1, 2},
	} {
		b, a := padding.SameSplit(c.n, c.k, c.s, c.d)
		if b != c.before || a != c.after {
			t.Errorf("SameSplit(%d, %d, %d, %d) = (%d, %d), want (%d, %d)", c.n, c.k, c.s, c.d, b, a, c.before, c.after)
		}
	}
}

// TestSameSplitProperties checks the rule on a grid: the total is the
// least that lets ceil(n/s) windows fit, the odd cell goes after, and Axis
// agrees.
func TestSameSplitProperties(t *testing.T) {
	for n := 1; n <= 16; n++ {
		for k := 1; k <= 7; k++ {
			for s := 1; s <= 4; s++ {
				for d := 1; d <= 3; d++ {
					b, a := padding.SameSplit(n, k, s, d)
					out := (n + s - 1) / s
					need := max(0, (out-1)*s+(k-1)*d+1-n)
					if b+a != need || a-b < 0 || a-b > 1 {
						t.Errorf("SameSplit(%d, %d, %d, %d) = (%d, %d), want a total of %d with the odd cell after", n, k, s, d, b, a, need)
					}
					if windows(n+b+a, k, s, d) < out {
						t.Errorf("SameSplit(%d, %d, %d, %d) = (%d, %d): only %d windows fit, want %d", n, k, s, d, b, a, windows(n+b+a, k, s, d), out)
					}
					o, ab, aa := padding.Axis(n, k, s, d, padding.Same)
					if o != out || ab != b || aa != a {
						t.Errorf("Axis(%d, %d, %d, %d, same) = (%d, %d, %d), want (%d, %d, %d)", n, k, s, d, o, ab, aa, out, b, a)
					}
					o, ab, aa = padding.Axis(n, k, s, d, padding.Valid)
					if o != padding.OutputLength(n, k, s, d, padding.Valid) || ab != 0 || aa != 0 {
						t.Errorf("Axis(%d, %d, %d, %d, valid) = (%d, %d, %d), want no padding", n, k, s, d, o, ab, aa)
					}
				}
			}
		}
	}
}

func TestEffectiveKernel(t *testing.T) {
	for _, c := range []struct{ k, d, want int }{{3, 1, 3}, {3, 2, 5}, {1, 7, 1}, {2, 3, 4}} {
		if got := padding.EffectiveKernel(c.k, c.d); got != c.want {
			t.Errorf("EffectiveKernel(%d, %d) = %d, want %d", c.k, c.d, got, c.want)
		}
	}
}

func TestParseMode(t *testing.T) {
	for _, c := range []struct {
		s        string
		fold     bool
		want     padding.Mode
		wantKind error
	}{
		{"valid", false, padding.Valid, nil},
		{"same", false, padding.Same, nil},
		{"", false, padding.Valid, nil},
		{"SAME", true, padding.Same, nil},
		{"Valid", true, padding.Valid, nil},
		{"SAME", false, 0, padding.ErrInvalidPaddingMode},
		{"full", true, 0, padding.ErrInvalidPaddingMode},
		{"causal", true, 0, padding.ErrInvalidPaddingMode},
		{" same", true, 0, padding.ErrInvalidPaddingMode},
	} {
		got, err := padding.ParseMode("conv", "Conv2D", c.s, c.fold)
		if c.wantKind != nil {
			if !errors.Is(err, c.wantKind) || !strings.Contains(fmt.Sprint(err), fmt.Sprintf("%q", c.s)) {
				t.Errorf("ParseMode(%q, fold=%v): err = %v, want %v naming the value", c.s, c.fold, err, c.wantKind)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseMode(%q, fold=%v) = %v, %v; want %v", c.s, c.fold, got, err, c.want)
		}
	}
}

func TestTuple(t *testing.T) {
	for _, c := range []struct {
		name      string
		v         []int
		rank, def int
		allowZero bool
		want      string
		kind      error
	}{
		{"one_int_repeats", []int{3}, 2, 1, false, "[3 3]", nil},
		{"one_per_axis", []int{3, 2, 1}, 3, 1, false, "[3 2 1]", nil},
		{"nil_is_default", nil, 2, 1, false, "[1 1]", nil},
		{"empty_is_default", []int{}, 3, 2, false, "[2 2 2]", nil},
		{"required", nil, 2, 0, false, "", padding.ErrMissingArgument},
		{"zero", []int{0, 1}, 2, 1, false, "", padding.ErrNonPositiveArgument},
		{"zero_allowed", []int{0, 1}, 2, 1, true, "[0 1]", nil},
		{"negative_allowed_zero", []int{-1}, 2, 1, true, "", padding.ErrNonPositiveArgument},
		{"too_many", []int{1, 2, 3}, 2, 1, false, "", padding.ErrInvalidArgumentShape},
		{"too_few", []int{1, 2}, 3, 1, false, "", padding.ErrInvalidArgumentShape},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := padding.Tuple("conv", "Conv2D", "strides", c.v, c.rank, c.def, c.allowZero)
			if c.kind != nil {
				if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), "strides") || !strings.Contains(err.Error(), "Conv2D") {
					t.Fatalf("Tuple(%v, rank %d) err = %v, want %v naming Conv2D strides", c.v, c.rank, err, c.kind)
				}
				return
			}
			if err != nil || fmt.Sprint(got) != c.want {
				t.Fatalf("Tuple(%v, rank %d, def %d) = %v, %v; want %s", c.v, c.rank, c.def, got, err, c.want)
			}
		})
	}
}

func TestPairs(t *testing.T) {
	for _, c := range []struct {
		name string
		arg  any
		rank int
		want string
		kind error
	}{
		// ZeroPadding1D
		{"1d_default", nil, 1, "[[1 1]]", nil},
		{"1d_int", 2, 1, "[[2 2]]", nil},
		{"1d_pair", []int{1, 3}, 1, "[[1 3]]", nil},
		{"1d_array_pair", [2]int{0, 2}, 1, "[[0 2]]", nil},
		{"1d_json_pair", []any{float64(1), float64(0)}, 1, "[[1 0]]", nil},
		{"1d_zero", 0, 1, "[[0 0]]", nil},
		{"1d_negative_int", -1, 1, "", padding.ErrNonPositiveArgument},
		{"1d_negative_in_pair", []int{1, -2}, 1, "", padding.ErrNonPositiveArgument},
		{"1d_three", []int{1, 2, 3}, 1, "", padding.ErrInvalidArgumentShape},
		{"1d_nested", []any{[]int{1, 2}, 3}, 1, "", padding.ErrInvalidArgumentShape},
		// ZeroPadding2D
		{"2d_default", nil, 2, "[[1 1] [1 1]]", nil},
		{"2d_int", 3, 2, "[[3 3] [3 3]]", nil},
		{"2d_int64", int64(2), 2, "[[2 2] [2 2]]", nil},
		{"2d_json_int", float64(2), 2, "[[2 2] [2 2]]", nil},
		{"2d_symmetric", []int{1, 2}, 2, "[[1 1] [2 2]]", nil},
		{"2d_blog", []int{1, 1}, 2, "[[1 1] [1 1]]", nil},
		{"2d_nested", [][2]int{{0, 1}, {2, 3}}, 2, "[[0 1] [2 3]]", nil},
		{"2d_nested_slices", [][]int{{4, 0}, {0, 5}}, 2, "[[4 0] [0 5]]", nil},
		{"2d_mixed_int_first", []any{1, []int{2, 3}}, 2, "[[1 1] [2 3]]", nil},
		{"2d_mixed_pair_first", []any{[2]int{2, 3}, 1}, 2, "[[2 3] [1 1]]", nil},
		{"2d_mixed_json", []any{float64(1), []any{float64(0), float64(2)}}, 2, "[[1 1] [0 2]]", nil},
		{"2d_negative_int", -1, 2, "", padding.ErrNonPositiveArgument}, // Keras leaves this unchecked; convlings rejects it
		{"2d_negative_symmetric", []int{1, -1}, 2, "", padding.ErrNonPositiveArgument},
		{"2d_negative_nested", []any{1, []int{-2, 3}}, 2, "", padding.ErrNonPositiveArgument},
		{"2d_one_entry", []int{1}, 2, "", padding.ErrInvalidArgumentShape},
		{"2d_three_entries", []int{1, 2, 3}, 2, "", padding.ErrInvalidArgumentShape},
		{"2d_pair_of_three", []any{1, []int{1, 2, 3}}, 2, "", padding.ErrInvalidArgumentShape},
		{"2d_fraction", 1.5, 2, "", padding.ErrInvalidArgumentShape},
		{"2d_string", "same", 2, "", padding.ErrInvalidArgumentShape},
		{"2d_too_deep", []any{[]any{[]int{1, 2}, 1}, 1}, 2, "", padding.ErrInvalidArgumentShape},
		// ZeroPadding3D
		{"3d_default", nil, 3, "[[1 1] [1 1] [1 1]]", nil},
		{"3d_int", 2, 3, "[[2 2] [2 2] [2 2]]", nil},
		{"3d_symmetric", []int{1, 2, 3}, 3, "[[1 1] [2 2] [3 3]]", nil},
		{"3d_nested", [][2]int{{1, 0}, {0, 1}, {2, 2}}, 3, "[[1 0] [0 1] [2 2]]", nil},
		{"3d_mixed", []any{0, [2]int{1, 2}, 3}, 3, "[[0 0] [1 2] [3 3]]", nil},
		{"3d_two_entries", []int{1, 2}, 3, "", padding.ErrInvalidArgumentShape},
		{"3d_negative", [][2]int{{1, 0}, {0, -1}, {2, 2}}, 3, "", padding.ErrNonPositiveArgument},
	} {
		t.Run(c.name, func(t *testing.T) {
			layer := fmt.Sprintf("ZeroPadding%dD", c.rank)
			got, err := padding.Pairs(layer, c.arg, c.rank)
			if c.kind != nil {
				if !errors.Is(err, c.kind) {
					t.Fatalf("Pairs(%v, rank %d) err = %v, want %v", c.arg, c.rank, err, c.kind)
				}
				if !strings.Contains(err.Error(), layer) || !strings.Contains(err.Error(), "padding=") {
					t.Errorf("message %q does not name %s and padding", err, layer)
				}
				return
			}
			if err != nil || fmt.Sprint(got) != c.want {
				t.Fatalf("Pairs(%v, rank %d) = %v, %v; want %s", c.arg, c.rank, got, err, c.want)
			}
		})
	}
}

func TestCheckRank(t *testing.T) {
	if err := padding.CheckRank("pool", "MaxPooling2D", tensor.Shape{tensor.None, 4, 4, 1}, 4, false); err != nil {
		t.Errorf("CheckRank(rank 4 of 4) = %v", err)
	}
	if err := padding.CheckRank("model", "Dense", tensor.Shape{1, 2, 3}, 2, true); err != nil {
		t.Errorf("CheckRank(rank 3, at least 2) = %v", err)
	}
	err := padding.CheckRank("pool", "MaxPooling2D", tensor.Shape{tensor.None, 4, 1}, 4, false)
	if !errors.Is(err, padding.ErrInputRank) || padding.Kind(err) != "input_rank" ||
		!strings.Contains(err.Error(), "MaxPooling2D") || !strings.Contains(err.Error(), "(None, 4, 1)") || !strings.Contains(err.Error(), "ndim=4") {
		t.Errorf("CheckRank(rank 3 of 4) = %v, want an input_rank error naming the layer, the shape and ndim=4", err)
	}
	err = padding.CheckRank("model", "Dense", tensor.Shape{1}, 2, true)
	if !errors.Is(err, padding.ErrInputRank) || !strings.Contains(err.Error(), "min_ndim=2") {
		t.Errorf("CheckRank(rank 1, at least 2) = %v, want min_ndim=2", err)
	}
}

func TestKindAndMessage(t *testing.T) {
	kinds := map[error]string{
		padding.ErrNonPositiveOutput:      "nonpositive_output",
		padding.ErrStrideDilationConflict: "stride_dilation_conflict",
		padding.ErrInvalidPaddingMode:     "invalid_padding_mode",
		padding.ErrNonPositiveArgument:    "nonpositive_argument",
		padding.ErrInvalidArgumentShape:   "invalid_argument_shape",
		padding.ErrInputRank:              "input_rank",
		padding.ErrMissingArgument:        "missing_argument",
	}
	for kind, name := range kinds {
		err := fmt.Errorf("wrapped: %w", &padding.Error{Pkg: "conv", Layer: "Conv2D", Arg: "kernel_size", Value: "(0, 3)", Kind: kind, Detail: "why"})
		if got := padding.Kind(err); got != name {
			t.Errorf("Kind(%v) = %q, want %q", err, got, name)
		}
		if want := "wrapped: conv: Conv2D kernel_size=(0, 3): " + kind.Error() + ": why"; err.Error() != want {
			t.Errorf("message %q, want %q", err, want)
		}
	}
	if k := padding.Kind(errors.New("other")); k != "" {
		t.Errorf("Kind(other error) = %q, want \"\"", k)
	}
	if k := padding.Kind(nil); k != "" {
		t.Errorf("Kind(nil) = %q, want \"\"", k)
	}
	for _, c := range []struct {
		v    []int
		want string
	}{{[]int{3, 3}, "(3, 3)"}, {[]int{2}, "(2,)"}, {nil, "()"}} {
		if got := padding.FormatInts(c.v); got != c.want {
			t.Errorf("FormatInts(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}
