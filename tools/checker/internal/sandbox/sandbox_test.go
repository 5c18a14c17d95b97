package sandbox

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/proc"
)

// TestSandboxLeavesNothingBehind runs a program that starts detached
// processes (one in a session of its own, so the process group kill misses
// it) and checks that none survives the run, with and without a sandbox
// user of its own.
func TestSandboxLeavesNothingBehind(t *testing.T) {
	if !Supported {
		t.Skip("process isolation is Linux only")
	}
	if _, err := exec.LookPath("setsid"); err != nil {
		t.Skip("no setsid here")
	}
	t.Parallel()
	if err := BecomeSubreaper(); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "convlings-probe-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o711)
	bin := filepath.Join(dir, "probe")
	build := exec.Command(proc.GoCommand(), "build", "-o", bin, "./testdata/probe")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := proc.Output(build); err != nil {
		t.Fatalf("building the probe: %v\n%s", err, out)
	}
	os.Chmod(bin, 0o711)
	uids := []int{-1}
	if os.Geteuid() == 0 {
		uids = append(uids, 61300)
	}
	for _, uid := range uids {
		t.Run(fmt.Sprintf("uid%d", uid), func(t *testing.T) {
			tag := fmt.Sprintf("%d.%d", 900+rand.IntN(99), rand.IntN(1000000))
			h, _ := NewHarness(nil)
			lim := Limits{Wall: 2 * time.Second, Output: 1 << 20, UID: uid}
			res := Run(context.Background(), bin, dir, []string{tag}, []string{"PATH=/usr/bin:/bin"}, lim, h)
			if !strings.Contains(string(res.Output), "probe: started") {
				t.Fatalf("the probe did not start its children: %q (%v)", res.Output, res.StartErr)
			}
			if !res.TimedOut {
				t.Errorf("the probe was not killed by the wall-clock limit: %+v", res)
			}
			if left := processesWith(tag); len(left) > 0 {
				t.Errorf("processes left behind: %v", left)
			}
		})
	}
}

// processesWith lists the command lines that contain s.
func processesWith(s string) []string {
	var out []string
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		data, err := os.ReadFile(d + "/cmdline")
		if err != nil || len(data) == 0 {
			continue
		}
		cmd := strings.ReplaceAll(string(data), "\x00", " ")
		if strings.Contains(cmd, s) {
			out = append(out, filepath.Base(d)+": "+cmd)
		}
	}
	return out
}
