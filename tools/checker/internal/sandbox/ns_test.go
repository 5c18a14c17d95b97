//go:build linux

package sandbox

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/proc"
)

// TestNamespacesContainARun runs a program that tries what lesson code
// must not do, in the namespaces, and checks every try failed and that
// nothing of the run is left: processes meant to outlive it, files in
// /dev/shm and /tmp, a forged file in the output folder, a connection, a
// killed sibling.
func TestNamespacesContainARun(t *testing.T) {
	if err := Namespaces(); err != nil {
		t.Skipf("no namespaces here: %v", err)
	}
	t.Parallel()
	dir, err := os.MkdirTemp("", "convlings-escape-")
	if err != nil {
		t.Fatal(err)
	}
	defer proc.RemoveAll(dir)
	os.Chmod(dir, 0o711)
	bin := filepath.Join(dir, "escape")
	build := exec.Command(proc.GoCommand(), "build", "-o", bin, "./testdata/escape")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := proc.Output(build); err != nil {
		t.Fatalf("building the escape probe: %v\n%s", err, out)
	}
	os.Chmod(bin, 0o711)
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o777) // even a folder anyone may write is read-only inside
	os.Chmod(out, 0o777)
	scratch := filepath.Join(dir, "scratch")
	os.Mkdir(scratch, 0o700)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan bool, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			c.Close()
			accepted <- true
		}
	}()
	const uid = 62950
	sibling := exec.Command("sleep", "60")
	sibling.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uid, Gid: uid}}
	if err := proc.Start(sibling); err != nil {
		t.Fatal(err)
	}
	defer func() { sibling.Process.Kill(); proc.Wait(sibling) }()

	tag := fmt.Sprintf("%d.%d", 900+rand.IntN(99), rand.IntN(1000000))
	h, _ := NewHarness(nil)
	lim := Limits{Wall: 20 * time.Second, Output: 1 << 20, UID: uid, Namespaces: true, Scratch: scratch}
	env := []string{"PATH=/usr/bin:/bin", "TMPDIR=" + scratch, "HOME=" + scratch}
	res := Run(context.Background(), bin, dir, []string{tag, out, ln.Addr().String(), fmt.Sprint(sibling.Process.Pid)}, env, lim, h)
	text := string(res.Output)
	if !strings.Contains(text, "escape: started") {
		t.Fatalf("the probe did not run to its end: %q (%v)", text, res.StartErr)
	}
	for _, try := range []string{"tmp", "out", "net", "kill"} {
		if !strings.Contains(text, try+": refused") {
			t.Errorf("%s was not refused:\n%s", try, text)
		}
	}
	if !strings.Contains(text, "scratch: done") || !strings.Contains(text, "shm: done") {
		t.Errorf("the run's own scratch folder and /dev/shm were not writable:\n%s", text)
	}
	for _, p := range []string{"/dev/shm/convlings-" + tag, "/tmp/convlings-" + tag, filepath.Join(out, "forged.json"), filepath.Join(scratch, "ok")} {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s outlived the run", p)
			os.Remove(p)
		}
	}
	select {
	case <-accepted:
		t.Errorf("the run reached a listener on the host's loopback")
	default:
	}
	if left := processesWith(tag); len(left) > 0 {
		t.Errorf("processes left behind: %v", left)
	}
	if err := sibling.Process.Signal(syscall.Signal(0)); err != nil {
		t.Errorf("the sibling process was killed: %v", err)
	}
}

// TestCgroupLimits: where cgroup v2 offers memory and pids, a run's cgroup
// has the limits, and is gone after the run.
func TestCgroupLimits(t *testing.T) {
	if cgroupBase() == "" {
		t.Skip("no cgroup v2 with the memory and pids controllers here; rlimits are the fallback")
	}
	fd, remove := runCgroup(100, 42)
	if fd < 0 {
		t.Fatal("no cgroup for a run")
	}
	dir, _ := os.Readlink(fmt.Sprintf("/proc/self/fd/%d", fd))
	for file, want := range map[string]string{"pids.max": "42", "memory.max": fmt.Sprint(356 << 20)} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil || strings.TrimSpace(string(data)) != want {
			t.Errorf("%s: %q, %v; want %s", file, data, err, want)
		}
	}
	remove()
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("the run's cgroup %s is still there", dir)
	}
}
