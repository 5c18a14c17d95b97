package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/convlings/convlings/internal/kit"
)

// findKit returns the kit at dir when dir is given, else the kit holding
// the current directory, found through the go command as `go env GOMOD`
// does (so it works from any folder inside the kit).
func findKit(ctx context.Context, dir string) (*kit.Kit, error) {
	if dir == "" {
		out, err := procs.output(exec.CommandContext(ctx, goCommand(), "env", "GOMOD"))
		if err != nil {
			return nil, fmt.Errorf("cannot run `go env GOMOD` to find the kit: %w; use -kit", err)
		}
		gomod := strings.TrimSpace(string(out))
		if gomod == "" || gomod == os.DevNull {
			return nil, errors.New("not inside a Go module: run the checker from inside the convlings kit, or use -kit")
		}
		dir = filepath.Dir(gomod)
	}
	return kit.Open(dir)
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
