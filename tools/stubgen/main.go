package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/convlings/convlings/internal/kit"
	"github.com/sebdah/goldie/v2"
)

//go:embed doc.go
var manual string

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("stubgen", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	check := fl.Bool("check", false, "change nothing; exit 1 if lessons/ differs from the generated stubs")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage())
			return 0
		}
		fmt.Fprintf(stderr, "stubgen: %v\n%s\n", err, usageLine)
		return 2
	}
	if fl.NArg() != 0 {
		fmt.Fprintf(stderr, "stubgen: unexpected argument %q\n%s\n", fl.Arg(0), usageLine)
		return 2
	}
	root, err := kit.Root("")
	if err != nil {
		fmt.Fprintf(stderr, "stubgen: %v\n", err)
		return 1
	}
	kit, err := Generate(root)
	if err != nil {
		fmt.Fprintf(stderr, "stubgen: %v\n", err)
		return 1
	}
	if *check {
		problems, err := Check(root, kit)
		if err != nil {
			fmt.Fprintf(stderr, "stubgen: %v\n", err)
			return 1
		}
		if len(problems) == 0 {
			fmt.Fprintf(stdout, "stubgen: the %d stubs in lessons/ are current\n", len(kit.Stubs))
			return 0
		}
		for _, p := range problems {
			fmt.Fprintln(stderr, p.Text)
		}
		fmt.Fprintf(stderr, "stubgen: lessons/ is not what solutions/ generates (%d problems)\n", len(problems))
		return 1
	}
	files := map[string][]byte{}
	for name, data := range kit.Stubs {
		files[name] = data
	}
	for name, data := range kit.Tests {
		files[name] = data
	}
	written := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		file := filepath.Join(root, filepath.FromSlash(name))
		if old, err := os.ReadFile(file); err == nil && string(old) == string(files[name]) {
			continue
		}
		if err := writeFile(file, files[name]); err != nil {
			fmt.Fprintf(stderr, "stubgen: %v\n", err)
			return 1
		}
		written++
	}
	fmt.Fprintf(stdout, "stubgen: %d stubs and %d tests, %d written\n", len(kit.Stubs), len(kit.Tests), written)
	// What writing cannot repair: strays.
	problems, err := Check(root, kit)
	if err != nil {
		fmt.Fprintf(stderr, "stubgen: %v\n", err)
		return 1
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, p.Text)
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "stubgen: %d problems need a hand\n", len(problems))
		return 1
	}
	return 0
}

// usageLine is what a usage error prints after the error, on stderr; -h
// prints the whole manual on stdout.
const usageLine = "usage: stubgen [-check] (stubgen -h for the manual)"

// usage returns the manual: the doc comment of doc.go.
func usage() string {
	var b strings.Builder
	for _, line := range strings.Split(manual, "\n") {
		if strings.HasPrefix(line, "package ") {
			break
		}
		b.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ") + "\n")
	}
	return b.String()
}

// Kit is what stubgen makes of the solutions: the stub files (by path from
// the module root, lessons/<lesson>/<file>.go) and the test files each
// lesson must hold (the solutions' tests with their import paths changed).
type Kit struct {
	Stubs map[string][]byte
	Tests map[string][]byte
}

// Generate makes the stubs and the expected test files of every lesson in
// lessons/manifest.json from solutions/ under root.
func Generate(root string) (*Kit, error) {
	m, err := kit.LoadManifest(root)
	if err != nil {
		return nil, err
	}
	kit := &Kit{Stubs: map[string][]byte{}, Tests: map[string][]byte{}}
	for _, l := range m.Lessons {
		tests := map[string]string{} // func → test
		for _, ex := range l.Exercises {
			for _, f := range ex.Funcs {
				if _, dup := tests[f]; !dup {
					tests[f] = ex.Test
				}
			}
		}
		todo := func(fn string) (string, error) {
			test, ok := tests[fn]
			if !ok {
				return "", fmt.Errorf("func %s has a solution region but no exercise in lessons/manifest.json lists it", fn)
			}
			return fmt.Sprintf("TODO: write %[1]s as its comment says. / 주석에 적힌 대로 %[1]s 함수를 작성하세요.\nRun / 실행: go test ./lessons/%[2]s -run '^%[3]s$'", fn, l.Name, test), nil
		}
		dir := filepath.Join(root, "solutions", l.Name)
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") {
				continue
			}
			src, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				return nil, err
			}
			rel := "solutions/" + l.Name + "/" + name
			out := "lessons/" + l.Name + "/" + name
			// A lesson that builds on earlier ones imports the learner's
			// packages, as its solution imports the solutions.
			src = lessonImports(src)
			if strings.HasSuffix(name, "_test.go") {
				kit.Tests[out] = src
				continue
			}
			stub, err := Stub(rel, src, todo)
			if err != nil {
				return nil, err
			}
			kit.Stubs[out] = stub
		}
	}
	return kit, nil
}

// lessonImports rewrites the import paths of solutions/ to lessons/.
func lessonImports(src []byte) []byte {
	return []byte(strings.ReplaceAll(string(src), `"github.com/convlings/convlings/solutions/`, `"github.com/convlings/convlings/lessons/`))
}

// Problem is one way lessons/ differs from what the solutions generate.
// Fixed problems are those that writing the stubs repairs.
type Problem struct {
	Text  string
	Fixed bool
}

// Check compares lessons/ under root with kit.
func Check(root string, kit *Kit) ([]Problem, error) {
	var out []Problem
	compare := func(name string, want []byte, fixed bool, how string) {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		switch {
		case errors.Is(err, os.ErrNotExist):
			out = append(out, Problem{"missing: " + name + " (" + how + ")", fixed})
		case err != nil:
			out = append(out, Problem{err.Error(), false})
		case string(got) != string(want):
			diff := goldie.Diff(goldie.ClassicDiff, string(want), string(got))
			diff = strings.Replace(diff, "--- Expected\n+++ Actual\n", "--- "+name+"\n+++ generated\n", 1)
			out = append(out, Problem{"differs: " + name + " (" + how + ")\n" + diff, fixed})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(kit.Stubs)) {
		compare(name, kit.Stubs[name], true, "the stub generated from its solution; go run ./tools/stubgen rewrites it")
	}
	for _, name := range slices.Sorted(maps.Keys(kit.Tests)) {
		compare(name, kit.Tests[name], true, "its solution twin with the import paths changed from solutions/ to lessons/; go run ./tools/stubgen rewrites it")
	}
	dirs := map[string]bool{}
	for name := range kit.Stubs {
		dirs[filepath.Dir(name)] = true
	}
	for _, dir := range slices.Sorted(maps.Keys(dirs)) {
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
		if errors.Is(err, os.ErrNotExist) {
			continue // the stubs are reported missing
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := dir + "/" + e.Name()
			if !strings.HasSuffix(name, ".go") {
				continue
			}
			if _, ok := kit.Stubs[name]; ok {
				continue
			}
			if _, ok := kit.Tests[name]; ok {
				continue
			}
			out = append(out, Problem{"extra: " + name + " has no twin in solutions/; remove it or add one", false})
		}
	}
	return out, nil
}

// writeFile writes data to name atomically, creating name's folder.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return kit.WriteFileAtomic(name, data)
}
