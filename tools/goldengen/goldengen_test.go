package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convlings/convlings/golden"
)

// TestGoldenFilesAreCurrent regenerates every golden file in memory and
// compares it with the files compiled into package golden (the ones the
// suites read) and with those on disk. It fails on a stale, missing or
// left-over file, with a diff.
func TestGoldenFilesAreCurrent(t *testing.T) {
	files, err := Generate()
	if err != nil {
		t.Fatalf("generating the golden files: %v", err)
	}
	embedded, err := readTree(golden.Files())
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := readTree(os.DirFS(filepath.Join("..", "..", "golden", "testdata")))
	if err != nil {
		t.Fatal(err)
	}
	for what, existing := range map[string]map[string][]byte{"compiled into package golden": embedded, "on disk": onDisk} {
		if diffs := Compare(files, existing); len(diffs) > 0 {
			t.Errorf("%d golden files %s are not what the reference library gives; regenerate with: go run ./tools/goldengen\n%s",
				len(diffs), what, strings.Join(diffs, "\n"))
		}
	}
}

// TestGenerateIsDeterministic regenerates twice: the bytes must not change.
func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	if diffs := Compare(a, b); len(diffs) > 0 {
		t.Errorf("two runs differ:\n%s", strings.Join(diffs, "\n"))
	}
}

// TestEveryExerciseHasCases checks that each exercise has golden cases,
// and at least one where Keras raises an error.
func TestEveryExerciseHasCases(t *testing.T) {
	files, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range golden.Exercises() {
		ok, errs := 0, 0
		for name := range files {
			if strings.HasPrefix(name, ex.Lesson+"/"+ex.Test+"/") {
				if strings.Contains(name, "/error_") {
					errs++
				} else {
					ok++
				}
			}
		}
		if ok < 3 || errs < 1 {
			t.Errorf("%s has %d cases with a value and %d error cases; want at least 3 and 1", ex.ID(), ok, errs)
		}
	}
}

// TestCheckFlag runs the command with -check on a copy of the golden files
// with one file changed, one missing and one extra, and expects exit 1.
func TestCheckFlag(t *testing.T) {
	files, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module github.com/convlings/convlings\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "golden", "testdata")
	for name, data := range files {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), data); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	var out, errOut bytes.Buffer
	if code := run([]string{"-check"}, &out, &errOut); code != 0 {
		t.Fatalf("-check on fresh files: exit %d, want 0\n%s", code, errOut.String())
	}
	stale := filepath.Join(dir, "padding", "TestOutputLength", "post_valid.golden.json")
	if err := os.WriteFile(stale, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "padding", "TestOutputLength", "post_same.golden.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "padding", "TestOutputLength", "extra.golden.json"), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"-check"}, &out, &errOut); code != 1 {
		t.Fatalf("-check on changed files: exit %d, want 1", code)
	}
	for _, want := range []string{"stale: golden/testdata/padding/TestOutputLength/post_valid.golden.json", "missing: golden/testdata/padding/TestOutputLength/post_same.golden.json", "left over (no case generates it): golden/testdata/padding/TestOutputLength/extra.golden.json"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("-check output lacks %q:\n%s", want, errOut.String())
		}
	}
	// Regenerating repairs all three.
	if code := run(nil, &out, &errOut); code != 0 {
		t.Fatalf("regenerating: exit %d\n%s", code, errOut.String())
	}
	if code := run([]string{"-check"}, &out, &errOut); code != 0 {
		t.Fatalf("-check after regenerating: exit %d, want 0", code)
	}
	if code := run([]string{"-bogus"}, &out, &errOut); code != 2 {
		t.Errorf("an unknown flag: exit %d, want 2", code)
	}
}
