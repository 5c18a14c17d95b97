package grade

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/testlog"
)

// CheckPristine makes sure the kit graded against is what its generators
// make: the lesson stubs are what tools/stubgen makes of the solutions,
// and the golden files what tools/goldengen makes with the reference
// library. An instructor who tried the exercises in their own clone would
// otherwise grade every submission against their solved lessons. A kit
// without a generator, or without what it reads (a bundle's kit has no
// solutions/), is not checked by that generator.
func CheckPristine(ctx context.Context, k *kit.Kit) error {
	tools := []struct{ name, dir, needs string }{
		{"stubgen", "tools/stubgen", "solutions"}, // a bundle ships the kit without its solutions
		{"goldengen", "tools/goldengen", "golden"},
	}
	errs := make([]string, len(tools))
	var wg sync.WaitGroup
	env := buildEnv(os.Environ())
	for i, t := range tools {
		if _, err := os.Stat(filepath.Join(k.Root, filepath.FromSlash(t.dir))); err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(k.Root, t.needs)); err != nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, proc.GoCommand(), "run", "./"+t.dir, "-check")
			cmd.Dir, cmd.Env = k.Root, env
			var out proc.CapBuffer
			out.Limit = 1 << 20
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := proc.Run(cmd); err != nil {
				errs[i] = fmt.Sprintf("go run ./%s -check: %v\n%s", t.dir, err, strings.TrimSpace(testlog.Tail(string(out.Bytes()), 15)))
			}
		}()
	}
	wg.Wait()
	var bad []string
	for _, e := range errs {
		if e != "" {
			bad = append(bad, e)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return fmt.Errorf("the kit at %s is not pristine, so grading against it would be wrong (solved or edited lessons, changed golden files):\n%s\ngrade against a fresh clone of the kit (git clone the course repository into a new folder and pass it as -kit), or restore this one with `git checkout -- lessons golden`",
		k.Root, strings.Join(bad, "\n"))
}
