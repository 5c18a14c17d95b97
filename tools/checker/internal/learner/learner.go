package learner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
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
	Lang    string        // the language of the tests' messages (CONVLINGS_LANG); "" leaves the environment alone
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

// With returns a copy of p in which the results rs replace those of their
// exercises.
func (p *Progress) With(rs ...*result.Result) *Progress {
	q := &Progress{Kit: p.Kit, Ran: time.Now(), Results: slices.Clone(p.Results)}
	for _, r := range rs {
		for i, old := range q.Results {
			if old.Exercise == r.Exercise {
				q.Results[i] = r
			}
		}
	}
	return q
}

// Run runs every lesson's tests and reads the results.
func (lr *Runner) Run(ctx context.Context) (*Progress, error) {
	results, err := lr.RunLessons(ctx, lr.Kit.Manifest.Lessons, nil)
	if err != nil {
		return nil, err
	}
	p := &Progress{Kit: lr.Kit, Ran: time.Now()}
	for _, ex := range lr.Kit.Manifest.Exercises() {
		p.Results = append(p.Results, results[ex])
	}
	return p, nil
}

// RunLessons runs the tests of lessons except the exercises in skip, and
// returns a result for every other exercise of those lessons. An endless
// loop costs the other exercises nothing, as in grading: when a lesson's
// test binary times out in one exercise, that exercise is reported as
// timed out and the lesson runs again without it, so the exercises after
// it still get their own results.
func (lr *Runner) RunLessons(ctx context.Context, lessons []*kit.Lesson, skip []*kit.Exercise) (map[*kit.Exercise]*result.Result, error) {
	results := map[*kit.Exercise]*result.Result{}
	skipped := map[*kit.Exercise]bool{}
	for _, ex := range skip {
		skipped[ex] = true
	}
	todo := lessons
	for round := 0; len(todo) > 0; round++ {
		var tests []string
		for ex := range skipped {
			tests = append(tests, ex.Test)
		}
		logs, extra, err := lr.goTest(ctx, todo, "", anchored(tests), lr.Timeout)
		if err != nil {
			return nil, err
		}
		var again []*kit.Lesson
		for _, l := range todo {
			log := logs[kit.ModulePath+"/lessons/"+l.Name]
			loop := false
			for _, ex := range l.Exercises {
				if skipped[ex] {
					continue
				}
				r := resultFromLog(ex, log, "", extra)
				results[ex] = r
				if r.Status == result.Errored && strings.HasPrefix(r.Reason, "timed out") {
					skipped[ex], loop = true, true
				}
			}
			// Give the exercises the loop kept from running another
			// chance; every round takes one exercise out, so this ends.
			if loop && round < len(l.Exercises) {
				again = append(again, l)
			}
		}
		todo = again
	}
	return results, nil
}

// RunOne runs the test of one exercise alone, under its own time limit,
// and returns its result.
func (lr *Runner) RunOne(ctx context.Context, ex *kit.Exercise, timeout time.Duration) (*result.Result, error) {
	logs, extra, err := lr.goTest(ctx, []*kit.Lesson{ex.Lesson}, anchored([]string{ex.Test}), "", timeout)
	if err != nil {
		return nil, err
	}
	return resultFromLog(ex, logs[kit.ModulePath+"/lessons/"+ex.Lesson.Name], "", extra), nil
}

// env returns what go test's environment gets besides the checker's own.
func (lr *Runner) env() []string {
	env := slices.Clone(lr.Env)
	if lr.Lang != "" {
		env = append(env, "CONVLINGS_LANG="+lr.Lang)
	}
	return env
}

// anchored returns a -run or -skip pattern that matches exactly the given
// top-level test names, or "" for none.
func anchored(tests []string) string {
	if len(tests) == 0 {
		return ""
	}
	slices.Sort(tests)
	return "^(" + strings.Join(tests, "|") + ")$"
}

// goTest runs go test -json over the lessons, with -run and -skip when
// they are not empty, and returns the log of each test package and the
// output no package claims (the go command's own errors). Cancelling ctx
// kills the go command and the test binaries it started.
func (lr *Runner) goTest(ctx context.Context, lessons []*kit.Lesson, run, skip string, timeout time.Duration) (map[string]*testlog.Log, string, error) {
	// -cpu=1: a goroutine stuck in a loop on another thread has no stack in
	// the timeout's dump, and the report could not say where the loop is.
	args := []string{"test", "-json", "-cpu=1", "-timeout=" + timeout.String()}
	if run != "" {
		args = append(args, "-run="+run)
	}
	if skip != "" {
		args = append(args, "-skip="+skip)
	}
	for _, l := range lessons {
		args = append(args, "./lessons/"+l.Name)
	}
	cmd := exec.CommandContext(ctx, proc.GoCommand(), args...)
	cmd.Dir = lr.Kit.Root
	if env := lr.env(); len(env) > 0 {
		cmd.Env = append(os.Environ(), env...)
	}
	proc.SetProcAttr(cmd, -1)
	cmd.Cancel = func() error {
		proc.KillGroup(cmd.Process.Pid)
		return nil
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := proc.Run(cmd)
	if ctx.Err() != nil {
		return nil, "", ctx.Err()
	}
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return nil, "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, testlog.Tail(stderr.String(), 20))
	}
	logs := testlog.PackageLogs(&stdout)
	return logs, strings.Join(logs[""].Lines(), "") + stderr.String(), nil
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
