package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// learnerRun runs the lesson tests of the learner's own copy of the kit, as
// `go test -json`, and turns them into one Result per exercise. Nothing is
// sandboxed: it is the learner's code on the learner's machine.
type learnerRun struct {
	kit     *kit.Kit
	timeout time.Duration // passed to go test -timeout, per lesson package
}

// progress is the state of every exercise after one run.
type progress struct {
	Kit     *kit.Kit
	Results []*result.Result // in course order
	Ran     time.Time
}

func (p *progress) result(ex *kit.Exercise) *result.Result {
	for _, r := range p.Results {
		if r.Exercise == ex {
			return r
		}
	}
	return nil
}

// next returns the first exercise, in course order, that does not pass.
func (p *progress) next() *result.Result {
	for _, r := range p.Results {
		if r.Status != result.Passed {
			return r
		}
	}
	return nil
}

func (p *progress) totals() (passed, count int, points, maxPoints float64) {
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

func (lr *learnerRun) run(ctx context.Context) (*progress, error) {
	m := lr.kit.Manifest
	args := []string{"test", "-json", "-timeout=" + lr.timeout.String()}
	for _, l := range m.Lessons {
		args = append(args, "./lessons/"+l.Name)
	}
	cmd := exec.CommandContext(ctx, proc.GoCommand(), args...)
	cmd.Dir = lr.kit.Root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := proc.Run(cmd)
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, tail(stderr.String(), 20))
	}
	logs := packageLogs(&stdout)
	p := &progress{Kit: lr.kit, Ran: time.Now()}
	for _, l := range m.Lessons {
		pkg := kit.ModulePath + "/lessons/" + l.Name
		log := logs[pkg]
		for _, ex := range l.Exercises {
			p.Results = append(p.Results, resultFromLog(ex, log, "", strings.Join(logs[""].lines(), "")+stderr.String()))
		}
	}
	return p, nil
}

func (l *testLog) lines() []string {
	if l == nil {
		return nil
	}
	return l.global
}

// resultFromLog reads the result of ex from the log of its lesson's test
// binary. prefix is the name of the test that ran the exercise's test as a
// subtest ("" in learner mode). extra is output not tied to the package
// (the go command's own errors).
func resultFromLog(ex *kit.Exercise, log *testLog, prefix, extra string) *result.Result {
	r := &result.Result{Exercise: ex}
	if log == nil {
		r.Status, r.Reason = result.Errored, "did not run"
		r.Message = strings.TrimSpace(tail(extra, 20))
		return r
	}
	rep := log.report(prefix, ex.Test)
	global := strings.TrimSpace(strings.Join(log.global, ""))
	r.Output, r.Duration = rep.output, rep.elapsed
	switch {
	case rep.action == "pass":
		r.Status = result.Passed
	case rep.action == "fail" && rep.notStarted:
		r.Status, r.Message = result.NotStarted, todoCase.ReplaceAllString(rep.message, "$1")
	case rep.action == "fail":
		r.Status, r.Message = result.Failed, rep.message
		if r.Message == "" {
			r.Message = rep.output
		}
	case rep.action == "skip":
		r.Status, r.Reason, r.Message = result.Failed, "skipped", rep.message
	case !rep.seen && len(log.tests) == 0 && global != "":
		r.Status, r.Reason = result.Errored, "does not compile"
		r.Message = compileMessage(global)
	default:
		r.Status = result.Errored
		r.Reason, r.Message = crashReason(global, rep)
	}
	return r
}

// todoCase matches the case name in front of a stub's message: a stub
// fails the same way whatever the case.
var todoCase = regexp.MustCompile(`(?m)^[^\s:]+: (not implemented yet)`)

// compileMessage trims the go command's "# package" header lines from build
// output.
func compileMessage(out string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(out, "\n") {
		if strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "FAIL\t") {
			continue
		}
		b.WriteString(line)
	}
	return strings.TrimSpace(tail(b.String(), 30))
}

// crashReason explains a test that never reported a result, from what
// the binary printed: go test files a crash under the test that was
// running, or outside any test.
func crashReason(global string, rep testReport) (reason, message string) {
	all := global + "\n" + rep.output
	switch {
	case strings.Contains(all, "panic: test timed out"):
		reason = "timed out"
		if where := stuckAt(all[strings.Index(all, "panic: test timed out"):]); where != "" {
			reason += ", " + where
		}
		return reason, timeoutSummary(all[strings.Index(all, "panic: test timed out"):])
	case strings.Contains(all, "all goroutines are asleep - deadlock"):
		reason = "deadlock"
	case strings.Contains(all, "out of memory"):
		reason = "ran out of memory"
	case !rep.seen:
		reason = "did not run"
	default:
		reason = "crashed"
	}
	msg := strings.TrimSpace(tail(global, 25))
	if loc := crashLine.FindStringIndex(rep.output); loc != nil {
		msg = strings.TrimSpace(head(rep.output[loc[0]:], 25))
	}
	if rep.message != "" {
		msg = rep.message + "\n" + msg
	}
	return reason, msg
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("… (%d lines cut)\n", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "")
}

// head returns the first n lines of s.
func head(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > n {
		return strings.Join(lines[:n], "") + fmt.Sprintf("… (%d more lines)", len(lines)-n)
	}
	return s
}
