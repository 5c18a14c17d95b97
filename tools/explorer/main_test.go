package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	if code, out, _ := runCLI("-h"); code != 0 || !strings.Contains(out, "go run ./tools/explorer") {
		t.Errorf("-h: exit %d, manual %q", code, out)
	}
	for _, args := range [][]string{{"-x"}, {"dir"}} {
		if code, _, errOut := runCLI(args...); code != 2 || !strings.HasPrefix(errOut, "explorer: ") {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and an explorer: error", args, code, errOut)
		}
	}
}

// TestCheckFindsStaleFolder builds the folder, and checks that -check
// passes on it and fails, naming the file, once a file is stale, missing
// or extra.
func TestCheckFindsStaleFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the WebAssembly module")
	}
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := runCLI("-o", dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	if code, out, errOut := runCLI("-check", dir); code != 0 {
		t.Fatalf("-check on a fresh build: exit %d: %s%s", code, out, errOut)
	}
	for _, tc := range []struct {
		name   string
		change func() error
		want   string
	}{
		{"edited", func() error { return os.WriteFile(filepath.Join(dir, "explorer.js"), []byte("// old"), 0o644) }, "explorer.js: differs"},
		{"missing", func() error { return os.Remove(filepath.Join(dir, "style.css")) }, "style.css: missing"},
		{"extra", func() error { return os.WriteFile(filepath.Join(dir, "old.js"), nil, 0o644) }, "old.js: not part of the build"},
	} {
		if err := tc.change(); err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := runCLI("-check", dir); code != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: -check exit %d, stderr %q; want exit 1 naming %q", tc.name, code, errOut, tc.want)
		}
	}
}
