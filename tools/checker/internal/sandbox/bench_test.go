//go:build linux

package sandbox

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/proc"
)

// BenchmarkRun runs a program that prints and exits, as the checker's
// user (plain), as a user id of its own (uid) and in namespaces, so the
// ratios say what each level of isolation costs per run (a submission
// has one run per lesson, more when an exercise crashes):
//
//	go test ./tools/checker/internal/sandbox -run '^$' -bench Run
func BenchmarkRun(b *testing.B) {
	dir, err := os.MkdirTemp("", "convlings-bench-")
	if err != nil {
		b.Fatal(err)
	}
	defer proc.RemoveAll(dir)
	os.Chmod(dir, 0o711)
	bin := filepath.Join(dir, "hello")
	build := exec.Command(proc.GoCommand(), "build", "-o", bin, "./testdata/hello")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := proc.Output(build); err != nil {
		b.Fatalf("building hello: %v\n%s", err, out)
	}
	os.Chmod(bin, 0o711)
	scratch := filepath.Join(dir, "scratch")
	os.Mkdir(scratch, 0o777)
	levels := []struct {
		name string
		lim  Limits
	}{{"plain", Limits{UID: -1}}}
	if os.Geteuid() == 0 {
		levels = append(levels, struct {
			name string
			lim  Limits
		}{"uid", Limits{UID: 62990}})
		if Namespaces() == nil {
			levels = append(levels, struct {
				name string
				lim  Limits
			}{"namespaces", Limits{UID: 62990, Namespaces: true, Scratch: scratch}})
		}
	}
	for _, l := range levels {
		b.Run(l.name, func(b *testing.B) {
			lim := l.lim
			lim.Wall, lim.Output = 20*time.Second, 1<<20
			for i := 0; i < b.N; i++ {
				h, _ := NewHarness(nil)
				res := Run(context.Background(), bin, dir, nil, []string{"PATH=/usr/bin:/bin"}, lim, h)
				if !strings.Contains(string(res.Output), "hello") {
					b.Fatalf("%s: %q %v", l.name, res.Output, res.StartErr)
				}
			}
		})
	}
}
