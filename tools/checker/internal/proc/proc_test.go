package proc

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

func TestCapBufferKeepsTheLimit(t *testing.T) {
	full := 0
	b := &CapBuffer{Limit: 5, OnFull: func() { full++ }}
	for _, s := range []string{"abc", "defg", "hij"} {
		if n, err := b.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v; want %d, nil", s, n, err, len(s))
		}
	}
	if got := b.Bytes(); !bytes.Equal(got, []byte("abcde")) {
		t.Errorf("kept %q, want %q", got, "abcde")
	}
	if full != 1 {
		t.Errorf("OnFull called %d times, want once", full)
	}
}

func TestRunTracksOnlyWhileRunning(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs a Unix shell")
	}
	cmd := exec.Command("sh", "-c", "sleep 0.2")
	if err := Start(cmd); err != nil {
		t.Fatal(err)
	}
	var during bool
	Locked(func(tracked func(int) bool) { during = tracked(cmd.Process.Pid) })
	if err := Wait(cmd); err != nil {
		t.Fatal(err)
	}
	var after bool
	Locked(func(tracked func(int) bool) { after = tracked(cmd.Process.Pid) })
	if !during || after {
		t.Errorf("tracked while running %v (want true), after Wait %v (want false)", during, after)
	}
	out, err := Output(exec.Command("sh", "-c", "echo hi"))
	if err != nil || string(out) != "hi\n" {
		t.Errorf("Output = %q, %v", out, err)
	}
}

func TestRemoveAllWithoutPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permissions differ")
	}
	dir := filepath.Join(t.TempDir(), "tree")
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "f"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(dir, "a"), 0o500) // lesson code took away write permission
	if err := RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s still exists: %v", dir, err)
	}
}
