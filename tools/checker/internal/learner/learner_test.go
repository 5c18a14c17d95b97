package learner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/checkertest"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/testlog"
)

func TestStateRoundTrip(t *testing.T) {
	root := t.TempDir()
	if s := LoadState(root); s.Format != 1 || len(s.Hints) != 0 || s.Next != "" {
		t.Fatalf("a missing state file: %+v, want a fresh state", s)
	}
	if err := UpdateState(root, func(s *State) { s.Hints["alpha/add"] = 2; s.Next = "alpha/mul" }); err != nil {
		t.Fatal(err)
	}
	if s := LoadState(root); s.Hints["alpha/add"] != 2 || s.Next != "alpha/mul" {
		t.Errorf("read back %+v", s)
	}
	if err := os.WriteFile(filepath.Join(root, StateFile), []byte("{broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := LoadState(root); s.Format != 1 || len(s.Hints) != 0 {
		t.Errorf("a broken state file: %+v, want a fresh state", s)
	}
}

func TestResultFromLog(t *testing.T) {
	ex := &kit.Exercise{Name: "add", Test: "TestAdd", Points: 2, Lesson: &kit.Lesson{Name: "alpha"}}
	logs := testlog.PackageLogs(strings.NewReader(strings.Join([]string{
		`{"Action":"run","Package":"m/lessons/alpha","Test":"TestAdd"}`,
		`{"Action":"run","Package":"m/lessons/alpha","Test":"TestAdd/small"}`,
		`{"Action":"output","Package":"m/lessons/alpha","Test":"TestAdd/small","Output":"    alpha_test.go:9: small: not implemented yet\n"}`,
		`{"Action":"fail","Package":"m/lessons/alpha","Test":"TestAdd/small","Elapsed":0.01}`,
		`{"Action":"fail","Package":"m/lessons/alpha","Test":"TestAdd","Elapsed":0.01}`,
	}, "\n") + "\n"))
	r := resultFromLog(ex, logs["m/lessons/alpha"], "", "")
	if r.Status != result.NotStarted || r.Points() != 0 {
		t.Errorf("a stub's failure: %+v, want not started", r)
	}
	if r := resultFromLog(ex, nil, "", "go: cannot find module\n"); r.Status != result.Errored || !strings.Contains(r.Message, "cannot find module") {
		t.Errorf("no log: %+v, want an error with the go command's words", r)
	}
}

const fakeKit = "../../testdata/fakekit"

// loopKit copies the fake kit with alpha's Add stuck in an endless loop
// and Mul solved.
func loopKit(t *testing.T) *kit.Kit {
	t.Helper()
	dir := t.TempDir()
	checkertest.CopyTree(t, fakeKit, dir)
	checkertest.WriteFile(t, filepath.Join(dir, "lessons/alpha/alpha.go"), `package alpha

type todo string

func (todo) NotImplemented() {}

// Add loops for ever.
func Add(a, b int) int {
	for a > -1 {
		a = a*2 + 1
		if a < 0 {
			a = 0
		}
	}
	return a + b
}

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
`)
	k, err := kit.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestAnEndlessLoopCostsTheOthersNothing: the loop in Add is reported
// where it is, and Mul, which comes after it in the same lesson, still
// gets its own result, as in grading.
func TestAnEndlessLoopCostsTheOthersNothing(t *testing.T) {
	k := loopKit(t)
	lr := &Runner{Kit: k, Timeout: 2 * time.Second}
	p, err := lr.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	add, mul := p.Results[0], p.Results[1]
	if add.Status != result.Errored || !strings.Contains(add.Reason, "still running in alpha.Add: an endless loop?") {
		t.Errorf("alpha/add: %s (%s), want an error naming the loop in alpha.Add", add.Status, add.Reason)
	}
	if mul.Status != result.Passed {
		t.Errorf("alpha/mul after the loop: %s (%s), want passed", mul.Status, mul.Reason)
	}

	// The exercise alone, under its own limit.
	ex, _ := k.Manifest.Find("alpha/add")
	start := time.Now()
	r, err := lr.RunOne(context.Background(), ex, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != result.Errored || !strings.HasPrefix(r.Reason, "timed out") {
		t.Errorf("RunOne(alpha/add): %s (%s), want timed out", r.Status, r.Reason)
	}
	t.Logf("RunOne with a 1s limit took %v, compiling included", time.Since(start).Round(time.Millisecond))

	// A cancelled run returns at once, and leaves no test binary behind.
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(500*time.Millisecond, cancel)
	start = time.Now()
	if _, err := lr.RunOne(ctx, ex, time.Minute); err == nil {
		t.Error("a cancelled RunOne returned no error")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("a run cancelled after 0.5s returned after %v", d)
	}
}

func TestFocusAndMerge(t *testing.T) {
	k, err := kit.Open(fakeKit)
	if err != nil {
		t.Fatal(err)
	}
	find := func(id string) *kit.Exercise {
		ex, err := k.Manifest.Find(id)
		if err != nil {
			t.Fatal(err)
		}
		return ex
	}
	alpha := filepath.Join(k.Root, "lessons/alpha/alpha.go")
	beta := filepath.Join(k.Root, "lessons/beta/beta.go")
	add, mul, total, length := find("alpha/add"), find("alpha/mul"), find("beta/total"), find("beta/length")
	for _, tc := range []struct {
		name    string
		focus   *kit.Exercise
		changed map[string][]string
		want    *kit.Exercise
	}{
		{"nothing changed", mul, nil, mul},
		{"one function", add, map[string][]string{beta: {"Length"}}, length},
		{"two: the earlier wins", nil, map[string][]string{alpha: {"Mul"}, beta: {"Total"}}, mul},
		{"a helper in the same lesson", mul, map[string][]string{alpha: {"helper"}}, mul},
		{"a helper in another lesson", mul, map[string][]string{beta: {"helper"}}, total},
	} {
		if got := Focus(k, nil, tc.focus, tc.changed); got != tc.want {
			t.Errorf("%s: Focus = %v, want %v", tc.name, got, tc.want)
		}
	}

	last := &Progress{Kit: k}
	for _, ex := range k.Manifest.Exercises() {
		last.Results = append(last.Results, &result.Result{Exercise: ex, Status: result.Passed})
	}
	first := &result.Result{Exercise: add, Status: result.Failed}
	p := Merge(k, last, first, map[*kit.Exercise]*result.Result{
		mul:   {Exercise: mul, Status: result.Errored, Reason: "did not run"},
		total: {Exercise: total, Status: result.Failed},
	})
	for ex, want := range map[*kit.Exercise]result.Status{add: result.Failed, mul: result.Passed, total: result.Failed, length: result.Passed} {
		if got := p.Result(ex).Status; got != want {
			t.Errorf("Merge: %s is %s, want %s", ex.ID(), got, want)
		}
	}
	if _, err := FindExercise(k.Manifest, "nope", "ko"); err == nil || !strings.Contains(err.Error(), "연습 문제가 없습니다") {
		t.Errorf("FindExercise(nope, ko) = %v, want a Korean error", err)
	}
}
