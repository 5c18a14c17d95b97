package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// TestGradeWorkerPath grades the real kit's lessons on the worker path:
// the solutions score full marks with every public and hidden case; a
// submission whose OutputLength loops forever on one input and whose
// filters do not compile loses those exercises only (and stacking, which
// imports the learner's filters); grading again with the same -seed gives
// the same hidden cases.
func TestGradeWorkerPath(t *testing.T) {
	if testing.Short() {
		t.Skip("builds workers of the real kit")
	}
	kit, err := findKit(context.Background(), "../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sources := mutatedSolutions(t, kit, 2, dir, false)
	bad := sources[1]
	edit := func(rel, old, new string) {
		p := filepath.Join(bad, "lessons", filepath.FromSlash(rel))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s has no %q", rel, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("padding/padding.go", "func OutputLength(n, k, stride int, padding string) (int, error) {",
		"func OutputLength(n, k, stride int, padding string) (int, error) {\n\tfor n == 7 {\n\t}")
	edit("filters/filters.go", "func ConvParams(kernel [2]int, inChannels, filters int, useBias bool) (int, error) {",
		"func ConvParams(kernel [2]int, inChannels, filters int, useBias bool) (int, error) {\n\treturn \"not an int\", nil")
	opts := grade.Options{Harness: harnessSource(), Timeout: 2 * time.Second, BuildTimeout: 3 * time.Minute, MemMiB: 512, OutputCap: 1 << 20,
		Jobs: runtime.GOMAXPROCS(0), IsolateUser: true, BaseUID: 61700, Seed: 42}
	rows, g, err := grade.GradeAll(context.Background(), kit, opts, sources, nil)
	if err != nil {
		t.Fatal(err)
	}
	g.Close()
	if g.Seed() != 42 {
		t.Errorf("seed %d, want -seed's 42", g.Seed())
	}
	good, broken := rows[0], rows[1]
	if good.Score != good.MaxScore || good.Under.Seed != 42 {
		t.Errorf("the solutions scored %v of %v under seed %d", good.Score, good.MaxScore, good.Under.Seed)
	}
	for _, r := range good.Results {
		if r.Public.Passed != r.Public.Total || r.Public.Total == 0 || r.Hidden.Passed != r.Hidden.Total || r.Hidden.Total == 0 {
			t.Errorf("solutions: %s passed %d of %d public and %d of %d hidden cases", r.Exercise.ID(), r.Public.Passed, r.Public.Total, r.Hidden.Passed, r.Hidden.Total)
		}
	}
	for _, r := range broken.Results {
		id := r.Exercise.ID()
		switch {
		case id == "padding/output_length":
			if r.Status == result.Passed || !strings.Contains(r.Message, "did not return within 2s") {
				t.Errorf("%s: %s, %q; want failed by the per-call limit", id, r.Status, result.Clip(r.Message, 400))
			}
		case r.Exercise.Lesson.Name == "filters" || r.Exercise.Lesson.Name == "stacking":
			if r.Status != result.Errored || r.Reason != "does not compile" {
				t.Errorf("%s: %s (%s); want it not compiled", id, r.Status, r.Reason)
			}
		case id == "padding/dilated_axis":
			// The solution's DilatedAxis calls OutputLength: it may hang too.
		default:
			if r.Status != result.Passed {
				t.Errorf("%s: %s (%s) %s; the loop and the compile error must cost it nothing", id, r.Status, r.Reason, result.Clip(r.Message, 600))
			}
		}
	}
}

// TestGradeHiddenWeightFlag: a -hidden-weight that is neither "both" nor a
// number from 0 to 1 is a usage error naming the flag and the value.
func TestGradeHiddenWeightFlag(t *testing.T) {
	for _, v := range []string{"2", "-1", "most"} {
		_, stderr, code := runCLI(t, nil, "grade", "-out", filepath.Join(t.TempDir(), "out"), "-hidden-weight", v, "--", "submission")
		if code != 2 || !strings.Contains(stderr, "-hidden-weight") || !strings.Contains(stderr, v) {
			t.Errorf("grade -hidden-weight %s: exit %d, %q; want 2 and a message naming the flag and the value", v, code, stderr)
		}
	}
}
