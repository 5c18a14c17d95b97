package worker

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/tools/checker/internal/sandbox"
)

// hostileInit is added to the solution of lesson 1: its init and a
// package-level variable misbehave as CONVLINGS_TEST_INIT says, so that one
// worker binary tries every way an init can fail.
const hostileInit = `
var hoard [][]byte

var _ = initVar()

func initVar() int {
	if os.Getenv("CONVLINGS_TEST_INIT") == "var_loop" {
		for n := 0; ; n++ {
		}
	}
	return 0
}

func init() {
	switch os.Getenv("CONVLINGS_TEST_INIT") {
	case "loop":
		for {
		}
	case "sleep":
		time.Sleep(time.Hour)
	case "exit":
		fmt.Println("--- PASS: TestOutputLength (0.00s)")
		os.Exit(0)
	case "panic":
		panic("boom in init")
	case "print":
		for {
			fmt.Println(strings.Repeat("spam ", 200))
		}
	case "alloc":
		for {
			b := make([]byte, 64<<20)
			for i := range b {
				b[i] = 1
			}
			hoard = append(hoard, b)
		}
	case "forge":
		// A hello of its own on the answer pipe, then garbage.
		os.NewFile(4, "answers").Write([]byte("\x07not a gob stream at all"))
	}
}
`

// TestHostileInit builds one worker whose lesson 1 misbehaves in its init
// (or a package-level variable's initialiser) in every way the environment
// picks, and checks each: the worker is started once, never again; every
// call fails at once with a message that says the init did not finish and
// why; the whole suite costs about the init limit, not a call limit per
// case; and, without misbehaviour, the same binary passes.
func TestHostileInit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a worker")
	}
	root := moduleRoot(t)
	dir := t.TempDir()
	replace := solutionOverlay(t, root)
	sol, err := os.ReadFile(filepath.Join(root, "solutions", "padding", "padding.go"))
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(sol), "import (", "import (\n\t\"os\"\n\t\"strings\"\n\t\"time\"", 1) + hostileInit
	if !strings.Contains(src, "\"fmt\"") {
		src = strings.Replace(src, "import (", "import (\n\t\"fmt\"", 1)
	}
	overlayFile(t, root, dir, "padding", "padding.go", src, replace)
	bin := buildWorkerFrom(t, root, dir, Lessons, replace)
	const initLimit = time.Second
	for _, tc := range []struct {
		mode         string
		reason       string // in every failing case's message
		detail       string // in the InitError's detail or output
		lesson       string
		maxExercises time.Duration // what running lesson 1's suites may take
	}{
		{mode: "", maxExercises: time.Minute},
		{mode: "loop", reason: "did not finish within 1s", detail: "Still running in padding.init.", lesson: "padding"},
		{mode: "var_loop", reason: "did not finish within 1s", detail: "in padding.initVar", lesson: "padding"},
		{mode: "sleep", reason: "did not finish within 1s", detail: "Waiting (sleep) in padding.init.", lesson: "padding"},
		{mode: "exit", reason: "exited with status 0 while the lessons' init ran"},
		{mode: "panic", reason: "crashed while the lessons' init ran", detail: "panic: boom in init", lesson: "padding"},
		{mode: "print", reason: "printed more output than the grader keeps"},
		// The memory limit or the init limit, whichever comes first.
		{mode: "alloc", reason: "the lessons' init", lesson: "padding"},
		{mode: "forge", reason: "not its hello"},
	} {
		t.Run("mode="+tc.mode, func(t *testing.T) {
			start := func(req, ans *os.File) (*sandbox.Proc, error) {
				env := []string{"GOMAXPROCS=1", "CONVLINGS_TEST_INIT=" + tc.mode, LimitsEnv + "=as=268435456"}
				return sandbox.Start(bin, os.TempDir(), nil, env, sandbox.Limits{UID: -1, Output: 1 << 20}, []*os.File{req, ans})
			}
			limit := initLimit
			if tc.mode == "" {
				limit = time.Minute // a sound worker is never cut short, however loaded the machine
			}
			c := &Client{Start: start, Timeout: 5 * time.Second, InitTimeout: limit}
			defer c.Close()
			p, _, _, _ := Suites(c)
			t0 := time.Now()
			for _, tt := range p.Tests() {
				r := golden.NewRecorder(tt.Exercise.Test)
				tt.Run(r)
				_, passed := r.Subtests()
				for i, ok := range passed {
					if ok != (tc.mode == "") {
						t.Errorf("%s case %d: passed %v", tt.Exercise.Test, i, ok)
					}
				}
				if tc.mode != "" && !strings.Contains(r.Log(), tc.reason) {
					t.Errorf("%s: the failures do not say %q:\n%s", tt.Exercise.Test, tc.reason, r.Log())
				}
			}
			took := time.Since(t0)
			max := tc.maxExercises
			if max == 0 {
				max = initLimit + 10*time.Second // far below one limit per call, with room for a loaded machine
			}
			if took > max {
				t.Errorf("lesson 1's suites took %s; want at most %s", took, max)
			}
			if c.Starts != 1 {
				t.Errorf("%d workers started; want 1 (a worker that never gets ready is not started again)", c.Starts)
			}
			if tc.mode == "" {
				return
			}
			var ie *InitError
			if err := c.Ready(); !errors.As(err, &ie) {
				t.Fatalf("Ready() = %v; want an *InitError", err)
			}
			t.Logf("%s", ie)
			if !strings.Contains(ie.Detail+ie.Output, tc.detail) || ie.Lesson != tc.lesson {
				t.Errorf("InitError detail %q, output %q, lesson %q; want %q and %q", ie.Detail, ie.Output, ie.Lesson, tc.detail, tc.lesson)
			}
		})
	}
}
