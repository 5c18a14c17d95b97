package learner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convlings/convlings/internal/kit"
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
