package main

import (
	"os/exec"
	"sync"
)

// procs tracks every process the checker starts. While grading, the
// checker is the "child subreaper" of its descendants (on Linux), so a
// process that lesson code starts and detaches (setsid, double fork)
// becomes the checker's child when its parent dies; reapOrphans then kills
// every child of the checker that procs did not start. Every command the
// checker runs must therefore be started through procs.
var procs = &tracker{pids: map[int]bool{}}

type tracker struct {
	mu   sync.Mutex
	pids map[int]bool
}

// start starts cmd and records its pid.
func (t *tracker) start(cmd *exec.Cmd) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := cmd.Start(); err != nil {
		return err
	}
	t.pids[cmd.Process.Pid] = true
	return nil
}

// wait waits for cmd and forgets its pid.
func (t *tracker) wait(cmd *exec.Cmd) error {
	err := cmd.Wait()
	t.mu.Lock()
	delete(t.pids, cmd.Process.Pid)
	t.mu.Unlock()
	return err
}

// run starts cmd and waits for it.
func (t *tracker) run(cmd *exec.Cmd) error {
	if err := t.start(cmd); err != nil {
		return err
	}
	return t.wait(cmd)
}

// output runs cmd and returns its standard output, like cmd.Output.
func (t *tracker) output(cmd *exec.Cmd) ([]byte, error) {
	var out capBuffer
	out.limit = 64 << 20
	cmd.Stdout = &out
	err := t.run(cmd)
	return out.Bytes(), err
}

// tracked reports whether pid was started by the checker and is still
// running.
func (t *tracker) tracked(pid int) bool {
	return t.pids[pid]
}
