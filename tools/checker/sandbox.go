package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// limits are the resource limits of one run of a lesson's test binary.
type limits struct {
	wall   time.Duration // wall-clock time before the process group is killed
	output int64         // bytes of standard output and error kept; more kills the group
	memMiB int           // MiB of address space allowed above the size at start; 0: no limit
	cpu    time.Duration // CPU time (RLIMIT_CPU); 0: no limit
	uid    int           // run as this user and group id; -1: as the checker's user
}

// procResult is how one run of a test binary ended.
type procResult struct {
	output   []byte
	overflow bool // the output limit was hit and the group killed
	timedOut bool // the wall-clock limit was hit and the group killed
	exitCode int  // -1 when killed by a signal
	signal   string
	duration time.Duration
	startErr error // the binary could not be started
	noHello  bool  // the harness never reached its init
}

// runSandboxed runs a test binary with the grading harness's pipes: it
// sends the key, the tests and the resource limits, and collects the
// output and the signed reports until the process exits or a limit kills
// its process group. Afterwards it kills whatever the run left behind.
func runSandboxed(ctx context.Context, bin, dir string, args, environ []string, lim limits, h *harnessSession) *procResult {
	res := &procResult{exitCode: -1}
	keyR, keyW, err := os.Pipe()
	if err != nil {
		res.startErr = err
		return res
	}
	repR, repW, err := os.Pipe()
	if err != nil {
		keyR.Close()
		keyW.Close()
		res.startErr = err
		return res
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		keyR.Close()
		keyW.Close()
		repR.Close()
		repW.Close()
		res.startErr = err
		return res
	}
	cmd := &exec.Cmd{
		Path:       bin,
		Args:       append([]string{bin}, args...),
		Dir:        dir,
		Env:        environ,
		Stdout:     outW,
		Stderr:     outW,
		ExtraFiles: []*os.File{keyR, repW}, // fds 3 and 4
	}
	proc.SetProcAttr(cmd, lim.uid)
	start := time.Now()
	err = proc.Start(cmd)
	keyR.Close()
	repW.Close()
	outW.Close()
	if err != nil {
		keyW.Close()
		repR.Close()
		outR.Close()
		res.startErr = err
		return res
	}
	pid := cmd.Process.Pid

	// kill stops the run for a reason; flags are copied into res at the end.
	var killOnce sync.Once
	var mu sync.Mutex
	var overflow, timedOut bool
	kill := func(why *bool) {
		mu.Lock()
		if why != nil {
			*why = true
		}
		mu.Unlock()
		killOnce.Do(func() { proc.KillGroup(pid) })
	}

	out := &proc.CapBuffer{Limit: lim.output, OnFull: func() { kill(&overflow) }}
	var readers sync.WaitGroup
	readers.Add(2)
	go func() {
		defer readers.Done()
		io.Copy(out, outR)
	}()
	go func() {
		defer readers.Done()
		h.readReports(repR, 1<<20)
	}()
	exited := make(chan error, 1)
	go func() { exited <- proc.Wait(cmd) }()

	// The harness waits in its init for the key, the tests and the limits:
	// no lesson code runs before it has them.
	keyW.Write(h.params(lim))
	keyW.Close()
	timer := time.AfterFunc(lim.wall, func() { kill(&timedOut) })
	var waitErr error
	select {
	case waitErr = <-exited:
	case <-ctx.Done():
		kill(nil)
		waitErr = <-exited
	}
	timer.Stop()
	res.duration = time.Since(start)

	// Whatever is left of the run goes: the process group, every process
	// of the sandbox user, and orphans that were reparented to the checker.
	proc.KillGroup(pid)
	if lim.uid >= 0 {
		killUser(lim.uid)
	}
	reapOrphans()

	// Detached processes may still hold the pipes open: stop reading soon.
	deadline := time.Now().Add(2 * time.Second)
	outR.SetReadDeadline(deadline)
	repR.SetReadDeadline(deadline)
	readers.Wait()
	outR.Close()
	repR.Close()
	res.noHello = !h.hello

	res.output = out.Bytes()
	var exit *exec.ExitError
	switch {
	case waitErr == nil:
		res.exitCode = 0
	case errors.As(waitErr, &exit):
		res.exitCode = exit.ExitCode()
		if res.exitCode < 0 {
			res.signal = proc.ExitSignal(exit)
		}
	default:
		res.startErr = waitErr
	}
	mu.Lock()
	res.overflow, res.timedOut = overflow, timedOut
	mu.Unlock()
	return res
}

// describe says in one line how a run ended that did not finish its tests.
func (r *procResult) describe(lim limits) string {
	switch {
	case r.startErr != nil:
		return fmt.Sprintf("could not run the test binary: %v", r.startErr)
	case r.overflow:
		return fmt.Sprintf("printed more than %s, so the run was stopped", result.ByteSize(lim.output))
	case r.timedOut:
		return fmt.Sprintf("timed out after %s", lim.wall)
	case r.signal != "":
		return "the test process was killed by " + r.signal
	default:
		return fmt.Sprintf("the test process exited with status %d", r.exitCode)
	}
}
