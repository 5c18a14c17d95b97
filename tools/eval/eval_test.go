package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"
)

// runCLI runs the program as the shell would and returns its exit status,
// stdout and stderr.
func runCLI(t *testing.T, args []string, stdin []byte) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func transcript(code int, stdout, stderr string) []byte {
	return []byte(fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, stdout, stderr))
}

// TestGolden runs eval on every testdata/*.json file and compares the exit
// status, stdout and stderr with testdata/<name>.golden. Regenerate with
// GOLDIE_UPDATE=1 go test ./tools/eval, and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.json: %v", err)
	}
	g := goldie.New(t, goldie.WithFixtureDir("testdata"), goldie.WithNameSuffix(".golden"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			g.Assert(t, name, transcript(runCLI(t, nil, in)))
		})
	}
}

func TestUsage(t *testing.T) {
	g := goldie.New(t, goldie.WithFixtureDir("testdata"), goldie.WithNameSuffix(".golden"))
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"usage_unknown_flag", []string{"-x"}},
		{"usage_argument", []string{"cases.json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g.Assert(t, tc.name, transcript(runCLI(t, tc.args, []byte("[]"))))
		})
	}
}

func TestHelp(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		code, stdout, stderr := runCLI(t, []string{arg}, nil)
		if code != 0 || stderr != "" {
			t.Errorf("eval %s: exit %d, stderr %q; want 0 and nothing", arg, code, stderr)
		}
		if !strings.HasPrefix(stdout, "Eval runs the convlings reference library") || strings.Contains(stdout, "*/") ||
			!strings.Contains(stdout, "# Exit status") {
			t.Errorf("eval %s printed %q…, want the manual from doc.go", arg, stdout[:min(len(stdout), 80)])
		}
	}
}

// TestErrorKinds checks the kind of every case in testdata/errors.json
// against what the case is about, independently of the golden file.
func TestErrorKinds(t *testing.T) {
	want := map[string]string{
		"nonpositive_output_conv":                "nonpositive_output",
		"nonpositive_output_pool":                "nonpositive_output",
		"stride_dilation_conflict_across_axes":   "stride_dilation_conflict",
		"invalid_padding_full":                   "invalid_padding_mode",
		"invalid_padding_pool_uppercase":         "invalid_padding_mode",
		"invalid_padding_causal":                 "invalid_padding_mode",
		"invalid_padding_empty":                  "invalid_padding_mode",
		"invalid_padding_not_string":             "invalid_padding_mode",
		"nonpositive_filters":                    "nonpositive_argument",
		"nonpositive_kernel_size":                "nonpositive_argument",
		"nonpositive_dilation":                   "nonpositive_argument",
		"nonpositive_pool_strides_zero":          "nonpositive_argument",
		"nonpositive_zero_padding":               "nonpositive_argument",
		"nonpositive_units":                      "nonpositive_argument",
		"invalid_shape_tuple_length":             "invalid_argument_shape",
		"invalid_shape_tuple_empty":              "invalid_argument_shape",
		"invalid_shape_tuple_float":              "invalid_argument_shape",
		"invalid_shape_tuple_list_of_one":        "invalid_argument_shape",
		"invalid_shape_pool_strides_list_of_one": "invalid_argument_shape",
		"invalid_shape_kernel_length":            "invalid_argument_shape",
		"invalid_shape_bias_length":              "invalid_argument_shape",
		"invalid_shape_channels":                 "invalid_argument_shape",
		"invalid_shape_input_length":             "invalid_argument_shape",
		"invalid_shape_weights_on_pool":          "invalid_argument_shape",
		"invalid_shape_zero_padding_form":        "invalid_argument_shape",
		"input_rank_conv":                        "input_rank",
		"input_rank_global":                      "input_rank",
		"missing_kernel_size":                    "missing_argument",
		"missing_filters":                        "missing_argument",
		"missing_average_pool_size":              "missing_argument",
		"missing_weights":                        "missing_argument",
		"missing_bias":                           "missing_argument",
		"unknown_layer":                          "unknown_layer",
		"bad_case_unknown_config_key":            "bad_case",
		"bad_case_unknown_case_key":              "bad_case",
		"bad_case_no_input_shape":                "bad_case",
		"bad_case_input_shape_zero":              "bad_case",
		"bad_case_input_unknown_batch":           "bad_case",
		"bad_case_input_not_numbers":             "bad_case",
		"bad_case_channels_first":                "bad_case",
		"too_large_output":                       "too_large",
		"bad_case_filters_string":                "bad_case",
		"bad_case_kind":                          "bad_case",
		"bad_case_neither":                       "bad_case",
		"":                                       "bad_case", // "not an object": no id
		"model_error_names_index":                "nonpositive_output",
		"model_constructor_error_names_index":    "nonpositive_argument",
		"model_unknown_layer":                    "unknown_layer",
		"model_input_length":                     "invalid_argument_shape",
	}
	in, err := os.ReadFile("testdata/errors.json")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, nil, in)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var results []struct {
		ID    *string
		Error *struct{ Kind, Message string }
	}
	if err := json.Unmarshal([]byte(stdout), &results); err != nil {
		t.Fatalf("output is not a JSON array: %v", err)
	}
	var cases []json.RawMessage
	if err := json.Unmarshal(in, &cases); err != nil || len(cases) != len(results) {
		t.Fatalf("%d results for %d cases (%v)", len(results), len(cases), err)
	}
	seen := map[string]bool{}
	for _, r := range results {
		id := ""
		if r.ID != nil {
			id = *r.ID
		}
		w, ok := want[id]
		if !ok {
			t.Errorf("case %q: not in the table of this test", id)
			continue
		}
		if r.Error == nil {
			t.Errorf("case %q: no error, want kind %s", id, w)
			continue
		}
		seen[r.Error.Kind] = true
		if r.Error.Kind != w {
			t.Errorf("case %q: kind %s, want %s (message %q)", id, r.Error.Kind, w, r.Error.Message)
		}
		if strings.HasPrefix(id, "model_") && !strings.Contains(r.Error.Message, "layer ") && id != "model_input_length" {
			t.Errorf("case %q: message %q does not name the layer index", id, r.Error.Message)
		}
	}
	for _, k := range []string{"nonpositive_output", "stride_dilation_conflict", "invalid_padding_mode", "nonpositive_argument",
		"invalid_argument_shape", "input_rank", "missing_argument", "unknown_layer", "bad_case", "too_large"} {
		if !seen[k] {
			t.Errorf("no case of kind %s", k)
		}
	}
}

// TestCasesIndependent checks that a malformed case does not stop the
// others and that results keep the order of the cases.
func TestCasesIndependent(t *testing.T) {
	in := `[{"id": "a", "layer": "Flatten", "input_shape": [null, 2, 3]}, 7, {"id": "c", "layer": "Nope", "input_shape": [1]}, {"id": "d", "layer": "Flatten", "input_shape": [null, 4]}]`
	code, stdout, _ := runCLI(t, nil, []byte(in))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var res []map[string]any
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, r := range res {
		got = append(got, fmt.Sprint(r["id"], " ", r["output_shape"] != nil))
	}
	want := []string{"a true", "<nil> false", "c false", "d true"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("results %v, want %v", got, want)
	}
}
