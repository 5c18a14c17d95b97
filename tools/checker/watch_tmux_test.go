package main

import (
	"context"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/checkertest"
	"github.com/convlings/convlings/tools/checker/internal/view"
)

// TestWatchTmuxChild is not a test: TestWatchUnderTmux runs the test binary
// again, inside tmux, with CHECKER_TMUX_CHILD set to the checker's
// arguments, and this runs the checker there as `go run ./tools/checker`
// would, on a real terminal.
func TestWatchTmuxChild(t *testing.T) {
	args := os.Getenv("CHECKER_TMUX_CHILD")
	if args == "" {
		t.Skip("only runs inside TestWatchUnderTmux")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{
		ctx: ctx, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		terminal: func() (bool, int) { return view.TerminalSize(os.Stdout) }, stdinTerminal: view.StdinTerminal(),
	}
	os.Exit(run(e, strings.Fields(args)))
}

// TestWatchUnderTmux uses watch as a learner does, in a terminal: it edits
// one exercise, then another; saves an endless loop and then its fix. Watch
// must follow the exercise being edited, report the loop within its limit
// while the other exercises keep their status, and show the fixed result
// within 5 seconds of the fixing save, whether the fix arrives while the
// loop still runs or after it was reported.
func TestWatchUnderTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a terminal for about half a minute")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("no tmux")
	}
	kit := t.TempDir()
	checkertest.CopyTree(t, fakeKit, kit)
	sock := filepath.Join(t.TempDir(), "tmux.sock")
	tm := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(tmux, append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := "cd " + kit + " && CHECKER_TMUX_CHILD='watch -limit 2s -kit " + kit + "' " + self + " -test.run='^TestWatchTmuxChild$'; sleep 600"
	tm("new-session", "-d", "-s", "learner", "-x", "100", "-y", "45", child)
	t.Cleanup(func() { exec.Command(tmux, "-S", sock, "kill-server").Run() })
	screen := func() string { return tm("capture-pane", "-p", "-t", "learner") }
	// waitFor waits until the terminal shows want and no line of a run
	// still going on, but for those starting with one of allowed.
	waitFor := func(want string, limit time.Duration, allowed ...string) time.Duration {
		t.Helper()
		start := time.Now()
		for {
			s := screen()
			busy := false
			for _, line := range strings.Split(s, "\n") {
				if strings.HasPrefix(line, "Running ") && !slices.ContainsFunc(allowed, func(a string) bool { return strings.HasPrefix(line, a) }) {
					busy = true
				}
			}
			if strings.Contains(s, want) && !busy {
				return time.Since(start)
			}
			if time.Since(start) > limit {
				t.Fatalf("after %v the terminal does not show %q:\n%s", limit, want, screen())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	alpha := filepath.Join(kit, "lessons/alpha/alpha.go")
	stub, err := os.ReadFile(alpha)
	if err != nil {
		t.Fatal(err)
	}
	const stubAdd = "func Add(a, b int) int {\n\tpanic(todo(\"Add\"))\n}"
	if !strings.Contains(string(stub), stubAdd) {
		t.Fatalf("the fake kit's Add is not the stub this test edits:\n%s", stub)
	}
	saveAdd := func(body string) {
		t.Helper()
		src := strings.Replace(string(stub), stubAdd, "func Add(a, b int) int {\n"+body+"\n}", 1)
		checkertest.WriteFile(t, alpha, src)
	}
	const loop = "\tfor a > -1 {\n\t\ta = a*2 + 1\n\t\tif a < 0 {\n\t\t\ta = 0\n\t\t}\n\t}\n\treturn a + b"

	waitFor("Watching lessons/", 2*time.Minute)

	// Editing beta's Length moves the view there.
	beta := filepath.Join(kit, "lessons/beta/beta.go")
	src, err := os.ReadFile(beta)
	if err != nil {
		t.Fatal(err)
	}
	checkertest.WriteFile(t, beta, strings.Replace(string(src), "panic(todo(\"Length\"))", "return n - k, nil", 1))
	waitFor("Now: beta/length (failed)", 30*time.Second, "Running the other")

	// An endless loop in Add: the view follows, and reports the loop
	// within the limit; Mul and beta keep their status.
	saveAdd(loop)
	d := waitFor("still running in alpha.Add", 30*time.Second, "Running the other")
	t.Logf("endless loop saved → reported: %.1fs (limit 2s)", d.Seconds())
	s := screen()
	for _, want := range []string{"Now: alpha/add (error", "not started  alpha/mul", "Beta  0/4 points"} {
		if !strings.Contains(s, want) {
			t.Errorf("after the loop the terminal does not show %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "did not run") {
		t.Errorf("the loop cost another exercise its status:\n%s", s)
	}

	// The fix, after the loop was reported.
	saveAdd("\treturn a + b")
	d = waitFor("✓ alpha/add passes.", 30*time.Second, "Running the other")
	t.Logf("fix saved after the loop was reported → feedback: %.2fs", d.Seconds())
	if d > 5*time.Second {
		t.Errorf("feedback came %.1fs after the fixing save, want under 5s", d.Seconds())
	}

	// The loop again, and its fix while the loop still runs: the save
	// cancels the run.
	saveAdd(loop)
	waitFor("Running alpha/add", 30*time.Second, "Running alpha/add", "Running the other")
	time.Sleep(time.Second)
	saveAdd("\treturn b + a")
	d = waitFor("✓ alpha/add passes.", 30*time.Second, "Running the other")
	t.Logf("fix saved while the loop ran → feedback: %.2fs", d.Seconds())
	if d > 5*time.Second {
		t.Errorf("feedback came %.1fs after the fixing save, want under 5s", d.Seconds())
	}

	// h gives the hints of the exercise being edited, not of the next one.
	waitFor("Watching lessons/", 30*time.Second)
	tm("send-keys", "-t", "learner", "h")
	waitFor("Hint 1 of 2 for alpha/add", 10*time.Second)
	tm("send-keys", "-t", "learner", "q")
}
