package eval

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestGeometry checks the windows Geometry reports against the Keras rules
// written out by hand for small cases.
func TestGeometry(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     string // fmt of each axis: out before after windows
	}{
		{"conv_same_stride2_odd_after",
			`{"layer": "Conv2D", "config": {"filters": 1, "kernel_size": [2, 3], "strides": 2, "padding": "same"}, "input_shape": [1, 4, 5, 1]}`,
			"[{2 0 0 [[0 1] [2 3]]} {3 1 1 [[-1 0 1] [1 2 3] [3 4 5]]}]"},
		{"conv1d_dilated_valid",
			`{"layer": "Conv1D", "config": {"filters": 1, "kernel_size": 2, "dilation_rate": 2}, "input_shape": [null, 5, 1]}`,
			"[{3 0 0 [[0 2] [1 3] [2 4]]}]"},
		{"pool_same_even",
			`{"layer": "MaxPooling1D", "config": {"pool_size": 2, "padding": "same", "strides": 1}, "input_shape": [1, 3, 2]}`,
			"[{3 0 1 [[0 1] [1 2] [2 3]]}]"},
		{"zero_padding",
			`{"layer": "ZeroPadding1D", "config": {"padding": [1, 2]}, "input_shape": [1, 2, 1]}`,
			"[{5 1 2 [[-1] [0] [1] [2] [3]]}]"},
		{"global",
			`{"layer": "GlobalAveragePooling1D", "input_shape": [1, 3, 1]}`,
			"[{1 0 0 [[0 1 2]]}]"},
		{"conv1d_causal_dilated",
			`{"layer": "Conv1D", "config": {"filters": 1, "kernel_size": 2, "dilation_rate": 2, "padding": "causal"}, "input_shape": [1, 3, 1]}`,
			"[{3 2 0 [[-2 0] [-1 1] [0 2]]}]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := Geometry(json.RawMessage(tc.in))
			var g Geom
			if err := json.Unmarshal(out, &g); err != nil {
				t.Fatalf("Geometry(%s) = %s: %v", tc.in, out, err)
			}
			var got []string
			for _, a := range g.Axes {
				got = append(got, fmt.Sprint("{", a.Out, " ", a.Before, " ", a.After, " ", a.Windows, "}"))
			}
			if s := fmt.Sprint(got); s != tc.want {
				t.Errorf("Geometry(%s) axes = %s, want %s", tc.in, s, tc.want)
			}
		})
	}
}

// TestGeometryErrors checks that Geometry reports the library's errors.
func TestGeometryErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, kind string }{
		{"valid_too_small", `{"layer": "Conv2D", "config": {"filters": 1, "kernel_size": 5}, "input_shape": [1, 3, 3, 1]}`, "nonpositive_output"},
		{"stride_and_dilation", `{"layer": "Conv1D", "config": {"filters": 1, "kernel_size": 2, "strides": 2, "dilation_rate": 2}, "input_shape": [1, 9, 1]}`, "stride_dilation_conflict"},
		{"unknown_spatial", `{"layer": "Conv1D", "config": {"filters": 1, "kernel_size": 2}, "input_shape": [1, null, 1]}`, "bad_case"},
		// Just above what Geometry draws, and far below padding.MaxArg on
		// every platform, so that the layer accepts it and Geometry refuses.
		{"too_large", fmt.Sprintf(`{"layer": "MaxPooling1D", "config": {"pool_size": 2}, "input_shape": [1, %d, 1]}`, maxGeometry+1), "bad_case"},
		{"no_windows", `{"layer": "Flatten", "input_shape": [1, 3, 1]}`, "bad_case"},
		{"not_an_object", `7`, "bad_case"},
		{"channels_first", `{"layer": "MaxPooling1D", "config": {"pool_size": 2, "data_format": "channels_first"}, "input_shape": [1, 1, 4]}`, "bad_case"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := Geometry(json.RawMessage(tc.in))
			var e errorResult
			if err := json.Unmarshal(out, &e); err != nil || e.Error.Kind != tc.kind || e.Error.Message == "" {
				t.Errorf("Geometry(%s) = %s, want an error of kind %s", tc.in, out, tc.kind)
			}
			if tc.name == "too_large" && !strings.Contains(e.Error.Message, "too large to draw") {
				t.Errorf("Geometry(%s) = %s, want Geometry's own refusal (too large to draw), not the layer's", tc.in, out)
			}
		})
	}
}
