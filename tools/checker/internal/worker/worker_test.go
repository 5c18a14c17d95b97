package worker

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/tools/checker/internal/sandbox"
)

// moduleRoot is the kit's root, three folders above this package's.
func moduleRoot(t testing.TB) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Clean(filepath.Join(wd, "../../../.."))
}

// solutionOverlay puts solutions/<lesson>'s files in place of
// lessons/<lesson>'s (the stubs deleted), as a solved submission would.
func solutionOverlay(t testing.TB, root string) map[string]string {
	r := map[string]string{}
	for _, l := range Lessons {
		stubs, _ := filepath.Glob(filepath.Join(root, "lessons", l, "*.go"))
		for _, s := range stubs {
			if !strings.HasSuffix(s, "_test.go") {
				r[s] = ""
			}
		}
		sols, _ := filepath.Glob(filepath.Join(root, "solutions", l, "*.go"))
		for _, s := range sols {
			if !strings.HasSuffix(s, "_test.go") {
				r[filepath.Join(root, "lessons", l, filepath.Base(s))] = s
			}
		}
	}
	return r
}

// buildWorker builds a worker of the solutions.
func buildWorker(t testing.TB) string {
	root := moduleRoot(t)
	return buildWorkerFrom(t, root, t.TempDir(), Lessons, solutionOverlay(t, root))
}

// buildWorkerFrom builds, in dir, a worker of the kit at root with lessons
// and the files replace puts in place, and returns its path.
func buildWorkerFrom(t testing.TB, root, dir string, lessons []string, replace map[string]string) string {
	t.Helper()
	out := filepath.Join(dir, "worker")
	cmd, _, err := BuildCommand(context.Background(), "go", root, dir, out, lessons, replace)
	if err != nil {
		t.Fatal(err)
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the worker: %v\n%s", err, msg)
	}
	return out
}

// overlayFile writes src into dir and puts it in replace in place of
// lessons/<lesson>/<name>, as a submission's file.
func overlayFile(t testing.TB, root, dir, lesson, name, src string, replace map[string]string) {
	t.Helper()
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	replace[filepath.Join(root, "lessons", lesson, name)] = file
}

func localStarter(bin string) Starter {
	return func(req, ans *os.File) (*sandbox.Proc, error) {
		return sandbox.Start(bin, os.TempDir(), nil, []string{"GOMAXPROCS=1"}, sandbox.Limits{UID: -1, Output: 1 << 20}, []*os.File{req, ans})
	}
}

// TestSolutionsPassThroughWorker runs every exercise's suite in this
// process against proxies of a worker built from the solutions: all pass.
func TestSolutionsPassThroughWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a worker")
	}
	bin := buildWorker(t)
	c := &Client{Start: localStarter(bin), Timeout: 10 * time.Second}
	defer c.Close()
	p, f, pool, s := Suites(c)
	var tests []golden.Test
	tests = append(tests, p.Tests()...)
	tests = append(tests, f.Tests()...)
	tests = append(tests, pool.Tests()...)
	tests = append(tests, s.Tests()...)
	for _, tt := range tests {
		r := golden.NewRecorder(tt.Exercise.Test)
		tt.Run(r)
		if r.Failed() {
			t.Errorf("%s failed through the worker:\n%s", tt.Exercise.ID(), r.Log())
		}
	}
	if c.Starts != 1 || c.Crashes != 0 {
		t.Errorf("%d workers started, %d crashes; want 1 and 0", c.Starts, c.Crashes)
	}
}

// TestWorkerLinksNoGoldenData checks that the worker's main depends on no
// golden file and no reference library: only the lessons, tensor and the
// standard library.
func TestWorkerLinksNoGoldenData(t *testing.T) {
	root := moduleRoot(t)
	dir := t.TempDir()
	cmd, _, err := BuildCommand(context.Background(), "go", root, dir, filepath.Join(dir, "w"), Lessons, nil)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"list", "-deps", "-overlay", cmd.Args[len(cmd.Args)-4], "./" + MainDir}
	list := exec.Command("go", args...)
	list.Dir = root
	out, err := list.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if !strings.Contains(pkg, ".") && !strings.HasPrefix(pkg, ModulePath) {
			continue // the standard library
		}
		ok := pkg == ModulePath+"/tensor" || pkg == ModulePath+"/"+MainDir || pkg == ModulePath+"/"+limitsDir || strings.HasPrefix(pkg, ModulePath+"/lessons/")
		if !ok {
			t.Errorf("the worker links %s; it may link only the lessons, tensor and the standard library", pkg)
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain\ttext\nlines":           "plain\ttext\nlines",
		"\x1b[2J\x1b]0;title\x07":      `\x1b[2J\x1b]0;title\x07`,
		"cr\roverwrite":                `cr\x0doverwrite`,
		"bad \xff utf-8, ok 한국어":       `bad \xff utf-8, ok 한국어`,
		"c1 \u009b31m and \u2028 fine": `c1 \x9b31m and ` + "\u2028 fine",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
