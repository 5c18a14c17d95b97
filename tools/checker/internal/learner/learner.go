package learner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/testlog"
)

// Runner runs the lesson tests of the learner's own copy of the kit, as
// `go test -json`, and turns them into one Result per exercise. Nothing is
// sandboxed: it is the learner's code on the learner's machine.
type Runner struct {
	Kit     *kit.Kit
	Timeout time.Duration // passed to go test -timeout, per lesson package
	Env     []string      // added to the environment of go test
}

// Progress is the state of every exercise after one run.
type Progress struct {
	Kit     *kit.Kit
	Results []*result.Result // in course order
	Ran     time.Time
}

// Result returns the result of ex, or nil when the run has none.
func (p *Progress) Result(ex *kit.Exercise) *result.Result {
	for _, r := range p.Results {
		if r.Exercise == ex {
			return r
		}
	}
	return nil
}

// Next returns the first exercise, in course order, that does not pass.
func (p *Progress) Next() *result.Result {
	for _, r := range p.Results {
		if r.Status != result.Passed {
			return r
		}
	}
	return nil
}

// Totals counts the exercises that pass and all of them, and their points.
func (p *Progress) Totals() (passed, count int, points, maxPoints float64) {
	for _, r := range p.Results {
		count++
		maxPoints += r.Exercise.Points
		if r.Status == result.Passed {
			passed++
			points += r.Exercise.Points
		}
	}
	return
}

// Run runs every lesson's tests once and reads the results.
func (lr *Runner) Run(ctx context.Context) (*Progress, error) {
	m := lr.Kit.Manifest
	args := []string{"test", "-json", "-timeout=" + lr.Timeout.String()}
	for _, l := range m.Lessons {
		args = append(args, "./lessons/"+l.Name)
	}
	cmd := exec.CommandContext(ctx, proc.GoCommand(), args...)
	cmd.Dir = lr.Kit.Root
	if len(lr.Env) > 0 {
		cmd.Env = append(os.Environ(), lr.Env...)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := proc.Run(cmd)
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, testlog.Tail(stderr.String(), 20))
	}
	logs := testlog.PackageLogs(&stdout)
	p := &Progress{Kit: lr.Kit, Ran: time.Now()}
	for _, l := range m.Lessons {
		pkg := kit.ModulePath + "/lessons/" + l.Name
		log := logs[pkg]
		for _, ex := range l.Exercises {
			p.Results = append(p.Results, resultFromLog(ex, log, "", strings.Join(logs[""].Lines(), "")+stderr.String()))
		}
	}
	return p, nil
}

// resultFromLog reads the result of ex from the log of its lesson's test
// binary. prefix is the name of the test that ran the exercise's test as a
// subtest ("" in learner mode). extra is output not tied to the package
// (the go command's own errors).
func resultFromLog(ex *kit.Exercise, log *testlog.Log, prefix, extra string) *result.Result {
	r := &result.Result{Exercise: ex}
	if log == nil {
		r.Status, r.Reason = result.Errored, "did not run"
		r.Message = strings.TrimSpace(testlog.Tail(extra, 20))
		return r
	}
	rep := log.Report(prefix, ex.Test)
	global := strings.TrimSpace(strings.Join(log.Global, ""))
	r.Output, r.Duration = rep.Output, rep.Elapsed
	switch {
	case rep.Action == "pass":
		r.Status = result.Passed
	case rep.Action == "fail" && rep.NotStarted:
		r.Status, r.Message = result.NotStarted, testlog.TrimStubCase(rep.Message)
	case rep.Action == "fail":
		r.Status, r.Message = result.Failed, rep.Message
		if r.Message == "" {
			r.Message = rep.Output
		}
	case rep.Action == "skip":
		r.Status, r.Reason, r.Message = result.Failed, "skipped", rep.Message
	case !rep.Seen && log.Count() == 0 && global != "":
		r.Status, r.Reason = result.Errored, "does not compile"
		r.Message = testlog.CompileMessage(global)
	default:
		r.Status = result.Errored
		r.Reason, r.Message = testlog.CrashReason(global, rep)
	}
	return r
}

// NextExercise returns the next unfinished exercise: the one the last
// learner view named, or, when there was none, the result of a fresh run.
func NextExercise(ctx context.Context, kit *kit.Kit) (*kit.Exercise, error) {
	if id := LoadState(kit.Root).Next; id != "" {
		if ex, err := kit.Manifest.Find(id); err == nil {
			return ex, nil
		}
	}
	p, err := (&Runner{Kit: kit, Timeout: 60 * time.Second}).Run(ctx)
	if err != nil {
		return nil, err
	}
	SaveNext(kit, p)
	if r := p.Next(); r != nil {
		return r.Exercise, nil
	}
	return nil, nil
}

// SaveNext remembers the next exercise, so that `hint` without an argument
// knows which one it is without running the tests again. Failing to write
// the state file is not worth failing the view for.
func SaveNext(kit *kit.Kit, p *Progress) {
	next := ""
	if r := p.Next(); r != nil {
		next = r.Exercise.ID()
	}
	_ = UpdateState(kit.Root, func(s *State) { s.Next = next })
}
