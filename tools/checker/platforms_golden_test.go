package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/convlings/convlings/tools/checker/internal/checkertest"
)

// volatile are the fields of the platform outputs that change from run to
// run, with what the golden files hold in their place.
var volatile = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`"(execution_time|duration)": ?[0-9.e+-]+`), `"$1": 0`},
	{regexp.MustCompile(`"isolation": ?"[a-z]*"`), `"isolation": "…"`},
	{regexp.MustCompile(`"hidden_seed": ?[0-9]+`), `"hidden_seed": 0`},
	{regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`), `2006-01-02T15:04:05Z`},
}

func normalise(data []byte) []byte {
	for _, v := range volatile {
		data = v.re.ReplaceAll(data, []byte(v.with))
	}
	return data
}

// TestPlatformGolden holds the platform outputs of a passing and of a
// failing submission to golden files (code-review.md item 7): they are
// external contracts, so every change to them shows as a diff to review.
// GOLDIE_UPDATE=1 go test ./tools/checker -run TestPlatformGolden
// rewrites them. Each file is also checked against its platform's spec.
func TestPlatformGolden(t *testing.T) {
	t.Parallel()
	g := goldie.New(t, goldie.WithFixtureDir("testdata/golden/platforms"), goldie.WithNameSuffix(""))
	for _, lang := range []string{"en", "ko"} {
		out := filepath.Join(t.TempDir(), "grades") // grade makes -out itself
		_, stderr, code := runCLI(t, nil, "grade", "-kit", fakeKit, "-q", "-lang", lang, "-out", out,
			"-visibility", "after_due_date", "-leaderboard", "testdata/hostile/good", "testdata/hostile/broken_lesson")
		if code != 0 {
			t.Fatalf("grade: exit %d\n%s", code, stderr)
		}
		for _, id := range []string{"good", "broken_lesson"} {
			read := func(name string) []byte {
				data, err := os.ReadFile(filepath.Join(out, id, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				return data
			}
			if lang == "ko" {
				g.Assert(t, id+"/feedback.ko.md", read("feedback.md"))
				continue
			}
			ex, gs, cr, b64 := read("results.json"), read("gradescope/results.json"), read("classroom.json"), read("classroom.b64")
			if _, _, _, err := checkertest.ValidateExercism(ex); err != nil {
				t.Error(err)
			}
			if _, _, _, _, err := checkertest.ValidateGradescope(gs); err != nil {
				t.Error(err)
			}
			if _, _, err := checkertest.ReporterPoints(string(b64)); err != nil {
				t.Error(err)
			}
			g.Assert(t, id+"/results.json", normalise(ex))
			g.Assert(t, id+"/gradescope.json", normalise(gs))
			g.Assert(t, id+"/classroom.json", normalise(cr))
			g.Assert(t, id+"/feedback.md", read("feedback.md"))
		}
		if lang == "en" {
			data, err := os.ReadFile(filepath.Join(out, "gradebook.csv"))
			if err != nil {
				t.Fatal(err)
			}
			g.Assert(t, "gradebook.csv", normalise(data))
		}
	}
}
