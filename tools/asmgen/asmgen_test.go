package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedFilesCurrent regenerates every file in memory and compares
// it with the checked-in one, so that a change to the generator or a hand
// edit of its output fails `go test ./...` until `go run ./tools/asmgen`
// is rerun.
func TestGeneratedFilesCurrent(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("generate() returned no files")
	}
	for _, f := range files {
		path := filepath.Join("..", "..", f.path)
		have, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v; run `go run ./tools/asmgen` from the module root", err)
			continue
		}
		if !bytes.Equal(have, f.data) {
			t.Errorf("%s is stale (%d bytes, generator gives %d): run `go run ./tools/asmgen` from the module root",
				f.path, len(have), len(f.data))
		}
	}
}

// TestGenerateDeterministic checks that two runs give identical bytes, so
// that the check above cannot flake.
func TestGenerateDeterministic(t *testing.T) {
	a, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if a[i].path != b[i].path || !bytes.Equal(a[i].data, b[i].data) {
			t.Errorf("%s differs between two runs of the generator", a[i].path)
		}
	}
}
