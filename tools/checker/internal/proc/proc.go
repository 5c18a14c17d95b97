package proc

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"
)

// procs tracks every process the checker starts.
var procs = &tracker{pids: map[int]bool{}}

// tracker is a set of running processes. Its lock is held while a command
// starts, while it is forgotten, and while Locked's function runs.
type tracker struct {
	mu   sync.Mutex
	pids map[int]bool
}

// Start starts cmd and records its pid.
func Start(cmd *exec.Cmd) error {
	procs.mu.Lock()
	defer procs.mu.Unlock()
	if err := cmd.Start(); err != nil {
		return err
	}
	procs.pids[cmd.Process.Pid] = true
	return nil
}

// Wait waits for cmd, which Start started, and forgets its pid.
func Wait(cmd *exec.Cmd) error {
	err := cmd.Wait()
	procs.mu.Lock()
	delete(procs.pids, cmd.Process.Pid)
	procs.mu.Unlock()
	return err
}

// Run starts cmd and waits for it.
func Run(cmd *exec.Cmd) error {
	if err := Start(cmd); err != nil {
		return err
	}
	return Wait(cmd)
}

// Output runs cmd and returns its standard output, like cmd.Output, keeping
// at most 64 MiB of it.
func Output(cmd *exec.Cmd) ([]byte, error) {
	out := CapBuffer{Limit: 64 << 20}
	cmd.Stdout = &out
	err := Run(cmd)
	return out.Bytes(), err
}

// Locked calls f while no command can start or be forgotten, with a
// function that reports whether a pid was started through this package
// and is still running. Reaping uses it: a child of the checker that is
// not tracked was started by someone else and may be killed.
func Locked(f func(tracked func(pid int) bool)) {
	procs.mu.Lock()
	defer procs.mu.Unlock()
	f(func(pid int) bool { return procs.pids[pid] })
}

// CapBuffer keeps the first Limit bytes written to it and counts the rest.
// It is safe for concurrent writes.
type CapBuffer struct {
	Limit  int64
	OnFull func() // called once, when the limit is first exceeded

	mu      sync.Mutex
	buf     bytes.Buffer
	dropped int64
}

// Write keeps what fits under the limit and drops the rest; it never fails.
func (b *CapBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	room := max(b.Limit-int64(b.buf.Len()), 0)
	if int64(len(p)) > room {
		b.buf.Write(p[:room])
		if b.dropped == 0 && b.OnFull != nil {
			b.OnFull()
		}
		b.dropped += int64(len(p)) - room
		return len(p), nil
	}
	return b.buf.Write(p)
}

// Bytes returns a copy of what was kept.
func (b *CapBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

// RemoveTimeout bounds RemoveAll: a process that keeps making folders in
// a tree cannot keep the checker removing it for ever.
var RemoveTimeout = 30 * time.Second

// RemoveAll removes a tree even where lesson code took away permissions,
// never following a symbolic link (a folder swapped for a link to another
// tree is removed as a link, and nothing is done through it) and giving
// up after RemoveTimeout.
func RemoveAll(p string) error {
	return removeAll(p, time.Now().Add(RemoveTimeout))
}

// GoCommand returns the go command to run: $GOROOT/bin/go of the toolchain
// that runs the checker when it exists (so `go run ./tools/checker` and its
// children agree on the version), else "go" from PATH.
func GoCommand() string {
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
