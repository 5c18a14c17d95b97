package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestOptionKinds checks the error kind of every error case of
// testdata/options.json (the Keras options padding='causal', groups and
// data_format), and that the other cases give no error, independently of
// the golden file.
func TestOptionKinds(t *testing.T) {
	want := map[string]string{
		"error_causal_conv2d":                 "invalid_padding_mode",
		"error_causal_pooling":                "invalid_padding_mode",
		"error_groups_zero":                   "nonpositive_argument",
		"error_groups_negative":               "nonpositive_argument",
		"error_groups_filters_not_divisible":  "nonpositive_argument",
		"error_groups_channels_not_divisible": "invalid_argument_shape",
		"error_groups_not_int":                "bad_case",
		"error_data_format_conv":              "nonpositive_argument",
		"error_data_format_empty":             "nonpositive_argument",
		"error_data_format_not_string":        "nonpositive_argument",
		"error_data_format_global":            "nonpositive_argument",
		"error_channels_first_valid_output":   "nonpositive_output",
	}
	in, err := os.ReadFile("testdata/options.json")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, nil, in)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var results []struct {
		ID    string
		Error *struct{ Kind, Message string }
	}
	if err := json.Unmarshal([]byte(stdout), &results); err != nil {
		t.Fatalf("output is not a JSON array: %v", err)
	}
	for _, r := range results {
		w, isErr := want[r.ID]
		switch {
		case !isErr && strings.HasPrefix(r.ID, "error_"):
			t.Errorf("case %q: not in the table of this test", r.ID)
		case !isErr && r.Error != nil:
			t.Errorf("case %q: error %s %q, want a result", r.ID, r.Error.Kind, r.Error.Message)
		case isErr && r.Error == nil:
			t.Errorf("case %q: no error, want kind %s", r.ID, w)
		case isErr && r.Error.Kind != w:
			t.Errorf("case %q: kind %s, want %s (message %q)", r.ID, r.Error.Kind, w, r.Error.Message)
		}
	}
}
