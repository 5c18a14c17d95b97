package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/convlings/convlings/internal/kit"
)

// fakeKit is the two-lesson kit the engine's tests grade against.
const fakeKit = "testdata/fakekit"

// copyTree copies the folder src to dst, preserving symbolic links.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// treeHash hashes every path, mode and content under root, to prove a
// folder was not changed.
func treeHash(t testing.TB, root string) string {
	t.Helper()
	h := sha256.New()
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s %v\n", p, fi.Mode())
		if fi.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			h.Write(data)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// runCLI runs the checker's command line with args and the environment
// variables getenv, and returns its standard output, standard error and
// exit code. TEST_TERMINAL set makes standard output a terminal.
func runCLI(t testing.TB, getenv map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{
		ctx: context.Background(), stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv:        func(k string) string { return getenv[k] },
		terminal:      func() (bool, int) { return getenv["TEST_TERMINAL"] != "", 80 },
		stdinTerminal: -1,
	}
	code = run(e, args)
	return out.String(), errOut.String(), code
}

// writeFile writes a file, making its folder.
func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadFakeKit returns the fake kit, located through its manifest.
func loadFakeKit(t testing.TB, dir string) *kit.Kit {
	t.Helper()
	kit, err := findKit(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return kit
}
