package golden

import (
	"fmt"
	"strings"
	"testing"
)

// T is the part of *testing.T that the suites use. Std adapts a *testing.T;
// a Recorder stands in for one when a test wants to run a suite against an
// implementation and look at what failed (the suites' own tests do this to
// prove that stubs fail and that wrong implementations are caught).
//
// The suites never stop a test early: they report with Errorf and return,
// so a T needs no FailNow.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Logf(format string, args ...any)
	Run(name string, f func(t T)) bool
}

// Std returns t as a T, for the lesson and solution tests:
//
//	func TestOutputLength(t *testing.T) { suite.TestOutputLength(golden.Std(t)) }
func Std(t *testing.T) T { return std{t} }

type std struct{ *testing.T }

// Run runs f as a subtest. Run, its closure and every suite function
// call Helper, so a failure is reported at the line of the lesson's test
// function (or, for a stub's panic, at the stub).
func (s std) Run(name string, f func(t T)) bool {
	s.T.Helper()
	return s.T.Run(name, func(t *testing.T) {
		t.Helper()
		f(std{t})
	})
}

// Recorder is a T that records what a suite reports instead of failing a
// test. Its Run calls f at once, on the same goroutine.
type Recorder struct {
	name   string
	failed bool
	msgs   []string
	logs   []string
	subs   []*Recorder
}

// NewRecorder returns a Recorder for a test called name.
func NewRecorder(name string) *Recorder { return &Recorder{name: name} }

// Helper does nothing.
func (r *Recorder) Helper() {}

// Errorf records a failure with its message.
func (r *Recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// Logf records a log line; it does not fail the test.
func (r *Recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

// Logs returns every log line of the test and its subtests, in order.
func (r *Recorder) Logs() []string {
	out := append([]string(nil), r.logs...)
	for _, s := range r.subs {
		out = append(out, s.Logs()...)
	}
	return out
}

// Run records a subtest. It reports whether the subtest passed.
func (r *Recorder) Run(name string, f func(t T)) bool {
	sub := &Recorder{name: r.name + "/" + name}
	r.subs = append(r.subs, sub)
	f(sub)
	if sub.failed {
		r.failed = true
	}
	return !sub.failed
}

// Subtests returns, in order, the name of each subtest Run recorded
// directly under this test (the suites run one per case) and whether it
// passed.
func (r *Recorder) Subtests() (names []string, passed []bool) {
	for _, s := range r.subs {
		names = append(names, strings.TrimPrefix(s.name, r.name+"/"))
		passed = append(passed, !s.failed)
	}
	return names, passed
}

// Failed reports whether the test or any of its subtests failed.
func (r *Recorder) Failed() bool { return r.failed }

// Log returns every message recorded by the test and its subtests, each
// line prefixed by the test's name, in go test's order: a test's subtests
// before its own messages.
func (r *Recorder) Log() string {
	var b strings.Builder
	var walk func(r *Recorder)
	walk = func(r *Recorder) {
		for _, s := range r.subs {
			walk(s)
		}
		for _, m := range r.msgs {
			b.WriteString("--- " + r.name + ": " + m + "\n")
		}
	}
	walk(r)
	return b.String()
}
