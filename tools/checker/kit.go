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
	"github.com/convlings/convlings/tools/checker/internal/proc"
)

// findKit returns the kit at dir when dir is given, else the kit holding
// the current directory, found through the go command as `go env GOMOD`
// does (so it works from any folder inside the kit).
func findKit(ctx context.Context, dir string) (*kit.Kit, error) {
	if dir == "" {
		out, err := proc.Output(exec.CommandContext(ctx, proc.GoCommand(), "env", "GOMOD"))
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
