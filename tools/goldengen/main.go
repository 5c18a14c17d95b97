package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
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
	fl := flag.NewFlagSet("goldengen", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	check := fl.Bool("check", false, "change nothing; exit 1 if a golden file is stale")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage())
			return 0
		}
		fmt.Fprintf(stderr, "goldengen: %v\n%s\n", err, usageLine)
		return 2
	}
	if fl.NArg() != 0 {
		fmt.Fprintf(stderr, "goldengen: unexpected argument %q\n%s\n", fl.Arg(0), usageLine)
		return 2
	}
	root, err := kit.Root("")
	if err != nil {
		fmt.Fprintf(stderr, "goldengen: %v\n", err)
		return 1
	}
	files, err := Generate()
	if err != nil {
		fmt.Fprintf(stderr, "goldengen: %v\n", err)
		return 1
	}
	dir := filepath.Join(root, "golden", "testdata")
	onDisk, err := readTree(os.DirFS(dir))
	if err != nil {
		fmt.Fprintf(stderr, "goldengen: %v\n", err)
		return 1
	}
	diffs := Compare(files, onDisk)
	if *check {
		if len(diffs) == 0 {
			fmt.Fprintf(stdout, "goldengen: %d golden files are current\n", len(files))
			return 0
		}
		for _, d := range diffs {
			fmt.Fprintln(stderr, d)
		}
		fmt.Fprintf(stderr, "goldengen: %d of %d golden files are stale; regenerate with: go run ./tools/goldengen\n", len(diffs), len(files))
		return 1
	}
	written, removed := 0, 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if old, ok := onDisk[name]; ok && string(old) == string(files[name]) {
			continue
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), files[name]); err != nil {
			fmt.Fprintf(stderr, "goldengen: %v\n", err)
			return 1
		}
		written++
	}
	for _, name := range slices.Sorted(maps.Keys(onDisk)) {
		if _, ok := files[name]; !ok {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
				fmt.Fprintf(stderr, "goldengen: %v\n", err)
				return 1
			}
			removed++
		}
	}
	removeEmptyDirs(dir)
	fmt.Fprintf(stdout, "goldengen: %d golden files, %d written, %d removed\n", len(files), written, removed)
	return 0
}

// usageLine is what a usage error prints after the error, on stderr; -h
// prints the whole manual on stdout.
const usageLine = "usage: goldengen [-check] (goldengen -h for the manual)"

// usage returns the manual: the doc comment of doc.go.
func usage() string {
	var b strings.Builder
	for _, line := range strings.Split(manual, "\n") {
		if strings.HasPrefix(line, "package ") {
			break
		}
		line = strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		b.WriteString(line + "\n")
	}
	return b.String()
}

// Compare lists, as readable text, every difference between the generated
// files and the existing ones: a unified diff for a changed file, and a
// line for a missing or a left-over one. Both maps are keyed by the path
// under golden/testdata.
func Compare(generated, existing map[string][]byte) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(generated)) {
		old, ok := existing[name]
		switch {
		case !ok:
			out = append(out, "missing: golden/testdata/"+name)
		case string(old) != string(generated[name]):
			// goldie's diff of the old text ("Expected") to the new ("Actual").
			diff := goldie.Diff(goldie.ClassicDiff, string(generated[name]), string(old))
			diff = strings.Replace(diff, "--- Expected\n+++ Actual\n", "--- existing\n+++ generated from the library\n", 1)
			out = append(out, "stale: golden/testdata/"+name+"\n"+diff)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(existing)) {
		if _, ok := generated[name]; !ok {
			out = append(out, "left over (no case generates it): golden/testdata/"+name)
		}
	}
	return out
}

// readTree reads every golden file under fsys.
func readTree(fsys fs.FS) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "." {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".golden.json") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		files[p] = data
		return err
	})
	return files, err
}

// removeEmptyDirs removes the directories under dir that hold nothing.
func removeEmptyDirs(dir string) {
	var dirs []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != dir {
			dirs = append(dirs, p)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		os.Remove(dirs[i]) // fails, harmlessly, unless empty
	}
}

// writeFile writes data to name atomically, creating name's folder.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return kit.WriteFileAtomic(name, data)
}
