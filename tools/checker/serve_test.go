package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/checkertest"
	"github.com/convlings/convlings/tools/checker/internal/serve"
)

func TestServeUsage(t *testing.T) {
	out, _, code := runCLI(t, nil, "serve", "-h")
	if code != 0 || !strings.Contains(out, "Usage: go run ./tools/checker serve") {
		t.Errorf("serve -h: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{"serve", "extra"}, {"serve", "-addr", "no port"}, {"serve", "-interval", "1ms"}} {
		if _, errOut, code := runCLI(t, nil, args...); code != 2 || !strings.Contains(errOut, "checker: ") {
			t.Errorf("%q: exit %d, stderr %q; want a usage error", args, code, errOut)
		}
	}
}

// lockedBuffer is a buffer the command writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeState runs serve on a copy of the fake kit and reads the state
// its page would show: both languages of the learner view, each exercise
// with its cases, and only for requests to localhost.
func TestServeState(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the fake kit's tests")
	}
	kit := filepath.Join(t.TempDir(), "kit")
	checkertest.CopyTree(t, fakeKit, kit)
	// alpha/add passes and alpha/mul fails: the first failing exercise,
	// which carries the hint, while beta's stubs are not started.
	alpha := "package alpha\n\nfunc Add(a, b int) int { return a + b }\n\nfunc Mul(a, b int) int { return a + b }\n"
	if err := os.WriteFile(filepath.Join(kit, "lessons/alpha/alpha.go"), []byte(alpha), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut lockedBuffer
	e := &env{
		ctx: ctx, stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(string) string { return "" }, terminal: func() (bool, int) { return false, 0 }, stdinTerminal: -1,
	}
	done := make(chan int, 1)
	go func() { done <- run(e, []string{"serve", "-kit", kit}) }()
	addr := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	var url string
	for deadline := time.Now().Add(30 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		url = addr.FindString(out.String())
	}
	if url == "" {
		t.Fatalf("serve printed no address: %q %q", out.String(), errOut.String())
	}
	var st struct {
		Status   string                     `json:"status"`
		Progress map[string]json.RawMessage `json:"progress"`
	}
	for deadline := time.Now().Add(60 * time.Second); st.Status != "done" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get(url + "state")
		if err != nil {
			t.Fatal(err)
		}
		json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
	}
	if st.Status != "done" {
		t.Fatalf("no run finished: status %q, stderr %q", st.Status, errOut.String())
	}
	wantHints := map[string][]string{"en": {"Use *.", "return a * b"}, "ko": {"*를 쓰세요.", "return a * b 한 줄이면 됩니다."}}
	for _, lang := range []string{"en", "ko"} {
		var v struct {
			Lessons []struct {
				Exercises []struct {
					ID     string            `json:"id"`
					Status string            `json:"status"`
					Cases  []json.RawMessage `json:"cases"`
					Hint   *serve.Hint       `json:"hint"`
				} `json:"exercises"`
			} `json:"lessons"`
		}
		if err := json.Unmarshal(st.Progress[lang], &v); err != nil || len(v.Lessons) < 2 || v.Lessons[0].Exercises[0].Cases == nil {
			t.Errorf("the %s view: %v, %.200s", lang, err, st.Progress[lang])
			continue
		}
		for _, l := range v.Lessons {
			for _, ex := range l.Exercises {
				switch {
				case ex.ID == "alpha/mul" && (ex.Status != "failed" || ex.Hint == nil || !slices.Equal(ex.Hint.Texts, wantHints[lang])):
					t.Errorf("the %s view: alpha/mul is %s with hint %+v; want failed with the hints %q", lang, ex.Status, ex.Hint, wantHints[lang])
				case ex.ID != "alpha/mul" && ex.Hint != nil:
					t.Errorf("the %s view: %s (%s) has a hint; only the first failing exercise should", lang, ex.ID, ex.Status)
				}
			}
		}
	}
	req, _ := http.NewRequest("GET", url+"state", nil)
	req.Host = "attacker.example"
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a request for another host: %v %v, want 403", resp.Status, err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit %d after its context ended: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop when its context ended")
	}
}
