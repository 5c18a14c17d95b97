package sandbox

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

// Limits are the resource limits of one run of a lesson's test binary.
type Limits struct {
	Wall   time.Duration // wall-clock time before the process group is killed
	Output int64         // bytes of standard output and error kept; more kills the group
	MemMiB int           // MiB of address space allowed above the size at start; 0: no limit
	CPU    time.Duration // CPU time (RLIMIT_CPU); 0: no limit
	UID    int           // run as this user and group id; -1: as the checker's user

	// Namespaces runs the binary in new PID, network, mount, IPC and UTS
	// namespaces (see Namespaces), with the whole file system read-only
	// but Scratch, a private tmpfs, and /dev/shm, another.
	Namespaces bool
	Scratch    string
}

// Outcome is how one run of a test binary ended.
type Outcome struct {
	Output   []byte
	Overflow bool // the output limit was hit and the group killed
	TimedOut bool // the wall-clock limit was hit and the group killed
	ExitCode int  // -1 when killed by a signal
	Signal   string
	Duration time.Duration
	StartErr error // the binary could not be started
	NoHello  bool  // the harness never reached its init
}

// Run runs a test binary with the grading harness's pipes: it
// sends the key, the tests and the resource limits, and collects the
// output and the signed reports until the process exits or a limit kills
// its process group. Afterwards it kills whatever the run left behind.
func Run(ctx context.Context, bin, dir string, args, environ []string, lim Limits, h *Harness) *Outcome {
	res := &Outcome{ExitCode: -1}
	keyR, keyW, err := os.Pipe()
	if err != nil {
		res.StartErr = err
		return res
	}
	repR, repW, err := os.Pipe()
	if err != nil {
		keyR.Close()
		keyW.Close()
		res.StartErr = err
		return res
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		keyR.Close()
		keyW.Close()
		repR.Close()
		repW.Close()
		res.StartErr = err
		return res
	}
	var cmd *exec.Cmd
	if lim.Namespaces {
		cmd, err = nsCommand(nsConfig{Bin: bin, Args: append([]string{bin}, args...), Env: environ, Dir: dir,
			UID: lim.UID, Scratch: lim.Scratch, ScratchMiB: 64, ShmMiB: 16, NProc: 128})
		if err == nil {
			defer intoCgroup(cmd, lim.MemMiB, 128)()
		}
		if err != nil {
			for _, f := range []*os.File{keyR, keyW, repR, repW, outR, outW} {
				f.Close()
			}
			res.StartErr = err
			return res
		}
	} else {
		cmd = &exec.Cmd{Path: bin, Args: append([]string{bin}, args...), Dir: dir, Env: environ}
		proc.SetProcAttr(cmd, lim.UID)
	}
	cmd.Stdout, cmd.Stderr = outW, outW
	cmd.ExtraFiles = []*os.File{keyR, repW} // fds 3 and 4
	start := time.Now()
	err = proc.Start(cmd)
	keyR.Close()
	repW.Close()
	outW.Close()
	if err != nil {
		keyW.Close()
		repR.Close()
		outR.Close()
		res.StartErr = err
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

	out := &proc.CapBuffer{Limit: lim.Output, OnFull: func() { kill(&overflow) }}
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
	timer := time.AfterFunc(lim.Wall, func() { kill(&timedOut) })
	var waitErr error
	select {
	case waitErr = <-exited:
	case <-ctx.Done():
		kill(nil)
		waitErr = <-exited
	}
	timer.Stop()
	res.Duration = time.Since(start)

	// Whatever is left of the run goes: the process group, every process
	// of the sandbox user, and orphans that were reparented to the checker.
	// In a PID namespace the kernel has done it: its process 1 is reaped
	// only once every other process in the namespace is gone.
	proc.KillGroup(pid)
	if !lim.Namespaces {
		if lim.UID >= 0 {
			KillUser(lim.UID)
		}
		ReapOrphans()
	}

	// Detached processes may still hold the pipes open: stop reading soon.
	deadline := time.Now().Add(2 * time.Second)
	outR.SetReadDeadline(deadline)
	repR.SetReadDeadline(deadline)
	readers.Wait()
	outR.Close()
	repR.Close()
	res.NoHello = !h.Hello

	res.Output = out.Bytes()
	var exit *exec.ExitError
	switch {
	case waitErr == nil:
		res.ExitCode = 0
	case errors.As(waitErr, &exit):
		res.ExitCode = exit.ExitCode()
		if res.ExitCode < 0 {
			res.Signal = proc.ExitSignal(exit)
		}
	default:
		res.StartErr = waitErr
	}
	mu.Lock()
	res.Overflow, res.TimedOut = overflow, timedOut
	mu.Unlock()
	return res
}

// Describe says in one line how a run ended that did not finish its tests.
func (r *Outcome) Describe(lim Limits) string {
	switch {
	case r.StartErr != nil:
		return fmt.Sprintf("could not run the test binary: %v", r.StartErr)
	case r.Overflow:
		return fmt.Sprintf("printed more than %s, so the run was stopped", result.ByteSize(lim.Output))
	case r.TimedOut:
		return fmt.Sprintf("timed out after %s", lim.Wall)
	case r.Signal != "":
		return "the test process was killed by " + r.Signal
	default:
		return fmt.Sprintf("the test process exited with status %d", r.ExitCode)
	}
}
