package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/checkertest"
	"github.com/convlings/convlings/tools/checker/internal/learner"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/view"
	"github.com/sebdah/goldie/v2"
)

// The command line's output is checked against golden text in
// testdata/golden; GOLDIE_UPDATE=1 go test ./tools/checker rewrites it.

// learnerKit copies the fake kit and solves some of it as a learner
// would: alpha fully, beta's Total, and beta's Length wrongly.
func learnerKit(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	checkertest.CopyTree(t, fakeKit, dir)
	solved, err := os.ReadFile(filepath.Join(fakeKit, "solutions/alpha/alpha.go"))
	if err != nil {
		t.Fatal(err)
	}
	checkertest.WriteFile(t, filepath.Join(dir, "lessons/alpha/alpha.go"), string(solved))
	checkertest.WriteFile(t, filepath.Join(dir, "lessons/beta/beta.go"), `package beta

import "github.com/convlings/convlings/tensor"

// Total returns the sum of x's values.
func Total(x *tensor.Tensor) float32 {
	var s float32
	for _, v := range x.Data {
		s += v
	}
	return s
}

// Length forgets the + 1.
func Length(n, k int) (int, error) { return n - k, nil }
`)
	return dir
}

func TestProgressView(t *testing.T) {
	t.Parallel()
	g := goldie.New(t, goldie.WithFixtureDir("testdata/golden"))
	stubs := t.TempDir()
	checkertest.CopyTree(t, fakeKit, stubs)
	out, errOut, code := runCLI(t, nil, "-kit", stubs)
	if code != 0 || errOut != "" {
		t.Errorf("on the stubs: exit %d, stderr %q; want 0, nothing", code, errOut)
	}
	g.Assert(t, "progress_stubs", []byte(out))

	dir := learnerKit(t)
	out, _, code = runCLI(t, nil, "-kit", dir)
	if code != 0 {
		t.Errorf("half done: exit %d, want 0", code)
	}
	g.Assert(t, "progress_partial", []byte(out))
	out, _, _ = runCLI(t, map[string]string{"LANG": "ko_KR.UTF-8"}, "progress", "-kit", dir)
	g.Assert(t, "progress_partial_ko", []byte(out))
	out, _, _ = runCLI(t, map[string]string{"TEST_TERMINAL": "1"}, "-kit", dir)
	g.Assert(t, "progress_partial_terminal", []byte(out))
	out, _, _ = runCLI(t, map[string]string{"TEST_TERMINAL": "1", "NO_COLOR": "1"}, "-kit", dir)
	if strings.Contains(out, "\x1b[") {
		t.Errorf("NO_COLOR: colours in the output:\n%s", out)
	}

	// -json
	out, _, _ = runCLI(t, nil, "-json", "-kit", dir)
	var v view.ProgressDoc
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("-json: %v\n%s", err, out)
	}
	if v.Passed != 3 || v.Points != 4 || v.MaxPoints != 7 || v.Next == nil || v.Next.ID != "beta/length" || v.Next.Status != "failed" ||
		!strings.Contains(v.Next.Message, "Length(10, 3) = 7, want 8") || len(v.Lessons) != 2 || len(v.Lessons[1].Exercises) != 2 {
		t.Errorf("-json: %+v", v)
	}

	// All done: exit 0.
	checkertest.WriteFile(t, filepath.Join(dir, "lessons/beta/beta.go"), mustRead(t, filepath.Join(fakeKit, "solutions/beta/beta.go")))
	out, _, code = runCLI(t, nil, "-kit", dir)
	if code != 0 || !strings.Contains(out, "Every exercise passes") {
		t.Errorf("all done: exit %d\n%s", code, out)
	}
}

func TestProgressErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	checkertest.CopyTree(t, fakeKit, dir)
	checkertest.WriteFile(t, filepath.Join(dir, "lessons/alpha/alpha.go"), "package alpha\n\nfunc Add(a, b int) int { return \"x\" }\n\nfunc Mul(a, b int) int { for {} }\n")
	out, _, code := runCLI(t, nil, "-kit", dir, "-timeout", "2s")
	if code != 0 || !strings.Contains(out, "alpha/add    1 pt  (does not compile)") ||
		!strings.Contains(out, `cannot use "x"`) || !strings.Contains(out, "not started  beta/total") {
		t.Errorf("a lesson that does not compile:\n%s", out)
	}
	checkertest.WriteFile(t, filepath.Join(dir, "lessons/alpha/alpha.go"), "package alpha\n\nfunc Add(a, b int) int { return a + b }\n\nfunc Mul(a, b int) int { for {} }\n")
	out, _, _ = runCLI(t, nil, "-kit", dir, "-timeout", "2s")
	if !strings.Contains(out, "passed       alpha/add") || !strings.Contains(out, "error        alpha/mul    2 pt  (timed out") {
		t.Errorf("an endless loop:\n%s", out)
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestHint(t *testing.T) {
	t.Parallel()
	g := goldie.New(t, goldie.WithFixtureDir("testdata/golden"))
	dir := t.TempDir()
	checkertest.CopyTree(t, fakeKit, dir)
	var all strings.Builder
	for i := 0; i < 3; i++ {
		out, errOut, code := runCLI(t, nil, "hint", "-kit", dir, "beta/length")
		if code != 0 || errOut != "" {
			t.Fatalf("hint: exit %d, %s", code, errOut)
		}
		all.WriteString("$ checker hint beta/length\n" + out)
	}
	out, _, _ := runCLI(t, nil, "hint", "-kit", dir, "-lang", "ko", "length")
	all.WriteString("$ checker hint -lang ko length\n" + out)
	out, _, _ = runCLI(t, nil, "hint", "-kit", dir, "-reset", "beta/length")
	all.WriteString("$ checker hint -reset beta/length\n" + out)
	out, _, _ = runCLI(t, nil, "hint", "-kit", dir, "TestLength")
	all.WriteString("$ checker hint TestLength\n" + out)
	out, _, _ = runCLI(t, nil, "hint", "-kit", dir, "-all", "alpha/add")
	all.WriteString("$ checker hint -all alpha/add\n" + out)
	g.Assert(t, "hints", []byte(all.String()))

	var state learner.State
	if err := json.Unmarshal([]byte(mustRead(t, filepath.Join(dir, learner.StateFile))), &state); err != nil {
		t.Fatal(err)
	}
	if state.Hints["beta/length"] != 1 || state.Hints["alpha/add"] != 2 {
		t.Errorf("state file: %+v", state)
	}

	// Without an exercise: the next one, from a fresh run.
	out, _, code := runCLI(t, nil, "hint", "-kit", dir)
	if code != 0 || !strings.HasPrefix(out, "Hint 1 of 2 for alpha/add") {
		t.Errorf("hint without an exercise: exit %d\n%s", code, out)
	}
	_, errOut, code := runCLI(t, nil, "hint", "-kit", dir, "nope")
	if code != 2 || !strings.Contains(errOut, `checker: no exercise "nope"`) {
		t.Errorf("unknown exercise: exit %d, %q", code, errOut)
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	for _, c := range commands {
		out, _, code := runCLI(t, nil, c.name, "-h")
		if code != 0 || !strings.HasPrefix(out, "Usage: go run ./tools/checker "+map[bool]string{true: "[progress]", false: c.name}[c.name == "progress"]) || !strings.Contains(out, "\nFlags:\n") {
			t.Errorf("%s -h: exit %d\n%s", c.name, code, out)
		}
		help, _, _ := runCLI(t, nil, "help", c.name)
		if help != out {
			t.Errorf("help %s differs from %s -h", c.name, c.name)
		}
	}
	out, _, code := runCLI(t, nil, "-h")
	if code != 0 || !strings.HasPrefix(out, "Checker shows a learner") || strings.Contains(out, "package main") {
		t.Errorf("-h: exit %d\n%s", code, result.Clip(out, 300))
	}
	_, errOut, code := runCLI(t, nil, "frobnicate")
	if code != 2 || !strings.HasPrefix(errOut, "checker: unknown command \"frobnicate\"; the commands are:\n  progress  show every lesson") {
		t.Errorf("unknown command: exit %d, %q", code, errOut)
	}
	out, errOut, code = runCLI(t, nil, "grade", "-timeout", "zero", "x")
	if code != 2 || !strings.HasPrefix(errOut, "checker: invalid value") {
		t.Errorf("bad flag: exit %d, %q", code, errOut)
	}
	// A usage error: what is wrong and one usage line on stderr, nothing on
	// stdout (which scripts read), the manual only for -h.
	for _, args := range [][]string{{"grade", "-bogus"}, {"-bogus"}, {"hint", "-lang"}, {"verify", "x"}} {
		out, errOut, code := runCLI(t, nil, args...)
		lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
		if code != 2 || out != "" || len(lines) != 2 || !strings.HasPrefix(lines[0], "checker: ") || !strings.HasPrefix(lines[1], "usage: go run ./tools/checker ") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2, nothing, \"checker: …\" and one usage line", args, code, out, errOut)
		}
	}
	_, errOut, code = runCLI(t, nil, "grade")
	if code != 2 || !strings.Contains(errOut, "checker: grade needs at least one submission") {
		t.Errorf("grade without submissions: exit %d, %q", code, errOut)
	}
	_, errOut, code = runCLI(t, nil, "-lang", "fr", "-kit", fakeKit)
	if code != 2 || !strings.Contains(errOut, `-lang "fr": want en or ko`) {
		t.Errorf("-lang fr: exit %d, %q", code, errOut)
	}
	_, errOut, code = runCLI(t, nil, "verify", "-kit", t.TempDir())
	if code != 1 || !strings.HasPrefix(errOut, "checker: ") || !strings.Contains(errOut, "not the convlings kit") {
		t.Errorf("verify elsewhere: exit %d, %q", code, errOut)
	}
}

// TestGradeCommand runs grade as an instructor would for one learner in a
// GitHub Classroom workflow.
func TestGradeCommand(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "grades")
	ghOut := filepath.Join(t.TempDir(), "github_output")
	stdout, stderr, code := runCLI(t, nil, "grade", "-kit", fakeKit, "-q", "-out", out, "-github-output", ghOut, "testdata/hostile/exit_in_stub")
	if code != 0 || (stderr != "" && !strings.HasPrefix(stderr, "checker: warning: NOT ISOLATED")) {
		t.Fatalf("grade: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "Isolation: ") {
		t.Errorf("grade output does not say the isolation level:\n%s", stdout)
	}
	if !strings.HasSuffix(stdout, "Points 3/7\n") || !strings.Contains(stdout, "exit_in_stub       3/7  1 tamper") {
		t.Errorf("grade output:\n%s", stdout)
	}
	gh := mustRead(t, ghOut)
	if !strings.HasPrefix(gh, "result=ey") || !strings.HasSuffix(gh, "\npoints=3/7\n") {
		t.Errorf("GitHub output: %q", gh)
	}
	md := mustRead(t, filepath.Join(out, "exit_in_stub/feedback.md"))
	for _, want := range []string{"**Score: 3 of 7 points**", "| Beta | `beta/length` | 0/3 | ⚠️ error: the test process exited with status 1", "## What went wrong", "A first hint:", "## Signs of tampering"} {
		if !strings.Contains(md, want) {
			t.Errorf("feedback.md lacks %q:\n%s", want, md)
		}
	}
	_, _, code = runCLI(t, nil, "grade", "-kit", fakeKit, "-q", "-out", filepath.Join(t.TempDir(), "grades"), filepath.Join(t.TempDir(), "missing.zip"))
	if code != 1 {
		t.Errorf("an ungradable submission: exit %d, want 1", code)
	}
}

// TestFlagsAfterArguments: learners type flags after the exercise, and
// "--" still ends the flags for an argument that starts with a dash.
func TestFlagsAfterArguments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	checkertest.CopyTree(t, fakeKit, dir)
	before, _, code := runCLI(t, nil, "hint", "-kit", dir, "-lang", "ko", "-all", "beta/length")
	if code != 0 {
		t.Fatalf("hint -kit dir -lang ko -all beta/length: exit %d", code)
	}
	after, errOut, code := runCLI(t, nil, "hint", "beta/length", "-kit", dir, "-lang", "ko", "-all")
	if code != 0 {
		t.Fatalf("hint beta/length -kit dir -lang ko -all: exit %d, %s", code, errOut)
	}
	if after != before {
		t.Errorf("flags after the exercise gave\n%s\nwant the same as before it:\n%s", after, before)
	}
	_, errOut, code = runCLI(t, nil, "hint", "-kit", dir, "--", "-lang")
	if code != 2 || !strings.Contains(errOut, `"-lang"`) {
		t.Errorf(`hint -- -lang: exit %d, stderr %q; want exit 2 naming "-lang" as an unknown exercise`, code, errOut)
	}
}

// TestWatchView checks the view watch draws: the lesson being edited in
// full, the others on one line, the focused exercise's failure with the
// key that expands it, in both languages.
func TestWatchView(t *testing.T) {
	t.Parallel()
	g := goldie.New(t, goldie.WithFixtureDir("testdata/golden"))
	k, err := kit.Open(learnerKit(t))
	if err != nil {
		t.Fatal(err)
	}
	p, err := (&learner.Runner{Kit: k, Timeout: time.Minute}).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	focus, err := k.Manifest.Find("beta/length")
	if err != nil {
		t.Fatal(err)
	}
	// A long failure, cut and then expanded.
	r := *p.Result(focus)
	r.Message += strings.Repeat("\nanother line", view.DetailLines)
	p = p.With(&r)
	var out strings.Builder
	for _, lang := range []string{"en", "ko"} {
		for _, expand := range []bool{false, true} {
			fmt.Fprintf(&out, "==== lang %s, expand %v\n", lang, expand)
			view.Draw(&out, p, view.Style{Lang: lang}, view.Opts{Focus: focus, Expand: expand, Watch: true, Interactive: true})
		}
	}
	passed, err := k.Manifest.Find("alpha/add")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&out, "==== lang ko, the focused exercise passes\n")
	view.Draw(&out, p, view.Style{Lang: "ko"}, view.Opts{Focus: passed, Watch: true, Interactive: true})
	g.Assert(t, "watch_view", []byte(out.String()))
}

// TestGradeFlagsAndOut: a submission folder named like a flag is a
// submission (or, where a glob put it among the flags, stops the run),
// and -out must be a folder the grader makes itself.
func TestGradeFlagsAndOut(t *testing.T) {
	abs, err := filepath.Abs(fakeKit)
	if err != nil {
		t.Fatal(err)
	}
	class := t.TempDir()
	checkertest.CopyTree(t, "testdata/hostile/good", filepath.Join(class, "-isolate=false"))
	checkertest.CopyTree(t, "testdata/hostile/good", filepath.Join(class, "bob"))
	t.Chdir(class)
	out := filepath.Join(t.TempDir(), "grades")

	// As a shell glob gives it: the flag-named folder sorts first.
	_, stderr, code := runCLI(t, nil, "grade", "-kit", abs, "-q", "-out", out, "-isolate=false", "bob")
	if code != 2 || !strings.Contains(stderr, `"-isolate=false" is both a flag and a file`) {
		t.Errorf("grade -isolate=false bob with a folder -isolate=false here: exit %d, stderr %q; want a usage error", code, stderr)
	}
	if _, err := os.Lstat(out); err == nil {
		t.Errorf("a refused run made -out")
	}
	// After "--", or after a submission, it is a submission.
	stdout, stderr, code := runCLI(t, nil, "grade", "-kit", abs, "-q", "-out", out, "--", "bob", "-isolate=false")
	if code != 0 {
		t.Fatalf("grade -- bob -isolate=false: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "isolate_false") || !strings.Contains(stdout, "bob") {
		t.Errorf("grade -- bob -isolate=false graded:\n%s", stdout)
	}
	if strings.Contains(stderr, "warning: lesson code will run as root") {
		t.Errorf("a submission's name changed the isolation: %s", stderr)
	}
	// -out that exists already (made by lesson code, say) is refused.
	pre := t.TempDir()
	_, stderr, code = runCLI(t, nil, "grade", "-kit", abs, "-q", "-out", pre, "bob")
	if code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("grade -out <existing folder>: exit %d, stderr %q; want a refusal", code, stderr)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("-out: %v, %v; want a folder of mode 0755", fi, err)
	}
}
