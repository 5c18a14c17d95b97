package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ModulePath is the kit's module path. Lesson code may import the tensor
// package below it and nothing else from the module.
const ModulePath = "github.com/convlings/convlings"

// Kit is a copy of the kit on disk: the learner's working copy in learner
// mode, the instructor's pristine copy when grading.
type Kit struct {
	Root     string // absolute
	Manifest *Manifest
}

// findKit returns the kit at dir when dir is given, else the kit holding
// the current directory, found through the go command as `go env GOMOD`
// does (so it works from any folder inside the kit).
func findKit(ctx context.Context, dir string) (*Kit, error) {
	if dir == "" {
		out, err := procs.output(exec.CommandContext(ctx, goCommand(), "env", "GOMOD"))
		if err != nil {
			return nil, fmt.Errorf("cannot run `go env GOMOD` to find the kit: %v; use -kit", err)
		}
		gomod := strings.TrimSpace(string(out))
		if gomod == "" || gomod == os.DevNull {
			return nil, errors.New("not inside a Go module: run the checker from inside the convlings kit, or use -kit")
		}
		dir = filepath.Dir(gomod)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if mod := modulePath(filepath.Join(abs, "go.mod")); mod != ModulePath {
		if mod == "" {
			return nil, fmt.Errorf("%s has no readable go.mod: not the convlings kit", abs)
		}
		return nil, fmt.Errorf("%s holds module %s, not %s: not the convlings kit", abs, mod, ModulePath)
	}
	m, err := LoadManifest(abs)
	if err != nil {
		return nil, fmt.Errorf("kit at %s: %v", abs, err)
	}
	return &Kit{Root: abs, Manifest: m}, nil
}

// modulePath returns the module path declared in a go.mod file, or "".
func modulePath(gomod string) string {
	data, err := os.ReadFile(gomod)
	if err != nil {
		return ""
	}
	return modulePathOf(data)
}

func modulePathOf(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

// goCommand returns the go command to run: $GOROOT/bin/go of the toolchain
// that runs the checker when it exists (so `go run ./tools/checker` and its
// children agree on the version), else "go" from PATH.
func goCommand() string {
	if root := os.Getenv("GOROOT"); root != "" {
		if p := filepath.Join(root, "bin", "go"); isExecutable(p) {
			return p
		}
	}
	return "go"
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}
