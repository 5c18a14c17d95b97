package sandbox

import (
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/proc"
)

// Proc is a long-lived process started under a run's limits and
// isolation: a grading worker, which answers one call after another on
// the pipes it was given until the grader kills it. Unlike Run, Start
// sets no wall-clock limit: the caller times each call and kills the
// process when one takes too long.
type Proc struct {
	cmd     *exec.Cmd
	lim     Limits
	out     *proc.CapBuffer
	done    chan struct{}
	waitErr error
	once    sync.Once
	cleanup func()
	full    atomic.Bool // the output limit was hit
}

// Start starts bin with args in dir under lim, with files as its file
// descriptors 3, 4, … (the parent's copies stay open: the caller closes
// them). The process sets its own resource limits (the worker's generated
// code does, before lesson code runs: see internal/worker); in namespaces
// the init also limits its processes. Its standard output and error are kept, up to lim.Output bytes;
// more kills it. In namespaces (lim.Namespaces), it is process 1 of a PID
// namespace of its own, so killing it kills everything it started.
func Start(bin, dir string, args, environ []string, lim Limits, files []*os.File) (*Proc, error) {
	p := &Proc{lim: lim, done: make(chan struct{}), cleanup: func() {}}
	var cmd *exec.Cmd
	if lim.Namespaces {
		var err error
		cmd, err = nsCommand(nsConfig{Bin: bin, Args: append([]string{bin}, args...), Env: environ, Dir: dir,
			UID: lim.UID, Scratch: lim.Scratch, ScratchMiB: 64, ShmMiB: 16, NProc: 128})
		if err != nil {
			return nil, err
		}
		p.cleanup = intoCgroup(cmd, lim.MemMiB, 128)
	} else {
		cmd = &exec.Cmd{Path: bin, Args: append([]string{bin}, args...), Dir: dir, Env: environ}
		proc.SetProcAttr(cmd, lim.UID)
	}
	p.out = &proc.CapBuffer{Limit: lim.Output, OnFull: func() { p.full.Store(true); go p.Kill() }}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	cmd.ExtraFiles = files
	cmd.WaitDelay = 2 * time.Second // children that detached may hold the output pipe
	if err := proc.Start(cmd); err != nil {
		p.cleanup()
		return nil, err
	}
	p.cmd = cmd
	go func() {
		p.waitErr = proc.Wait(cmd)
		close(p.done)
	}()
	return p, nil
}

// Done is closed when the process has exited.
func (p *Proc) Done() <-chan struct{} { return p.done }

// Kill kills the process and everything it started, waits for it and
// releases its cgroup. It may be called more than once.
func (p *Proc) Kill() {
	if p.cmd == nil {
		return
	}
	p.once.Do(func() {
		proc.KillGroup(p.cmd.Process.Pid)
		<-p.done
		if !p.lim.Namespaces {
			if p.lim.UID >= 0 {
				KillUser(p.lim.UID)
			}
			ReapOrphans()
		}
		p.cleanup()
	})
}

// Quit asks the process for a goroutine dump and its end: SIGQUIT, which
// a Go program answers by printing every goroutine's stack (to its output)
// and exiting. Where there is no such signal it kills the process. The
// caller still calls Kill.
func (p *Proc) Quit() {
	if p.cmd == nil {
		return
	}
	p.cmd.Process.Signal(quitSignal)
}

// Overflowed reports whether the process printed more than Limits.Output
// bytes and was killed for it.
func (p *Proc) Overflowed() bool { return p.full.Load() }

// Output is what the process printed so far (at most Limits.Output bytes).
func (p *Proc) Output() []byte { return p.out.Bytes() }

// ExitError is how the process ended, once Done is closed: nil for
// status 0.
func (p *Proc) ExitError() error {
	select {
	case <-p.done:
		return p.waitErr
	default:
		return nil
	}
}
