package grade_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/checkertest"
	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/report"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/sandbox"
)

// kitRoot is the kit's root, four folders above this package's.
func kitRoot(t testing.TB) string {
	root, err := filepath.Abs("../../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// workerAttack is one submission of testdata/hostile/worker and what
// grading must make of it. Every exercise want does not name must pass:
// the attack costs the exercises whose calls run it only (lesson 4's
// call the learner's lessons 1 to 3).
type workerAttack struct {
	name string
	// want is the status of the exercises the attack touches: P passed,
	// F failed, E error.
	want map[string]string
	// reasons holds, per exercise id, a piece of its reason or message.
	reasons map[string]string
	// maxRun bounds the time the submission's calls may take.
	maxRun time.Duration
}

// lessonIDs lists the exercise ids of lessons, each with status s.
func lessonIDs(k *kit.Kit, s string, lessons ...string) map[string]string {
	m := map[string]string{}
	for _, l := range lessons {
		for _, ex := range k.Manifest.Lesson(l).Exercises {
			m[ex.ID()] = s
		}
	}
	return m
}

func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// makeAttack makes a submission of the solutions with the attack's files
// added to their lessons and its hooks inserted (see the corpus's README).
func makeAttack(t *testing.T, root, dst, attack string) {
	t.Helper()
	for _, l := range []string{"padding", "filters", "pooling", "stacking"} {
		files, _ := filepath.Glob(filepath.Join(root, "solutions", l, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			// The solutions of lesson 4 import the solutions of lessons
			// 1 to 3; a learner's import the learner's lessons.
			data = []byte(strings.ReplaceAll(string(data), `"`+kit.ModulePath+`/solutions/`, `"`+kit.ModulePath+`/lessons/`))
			checkertest.WriteFile(t, filepath.Join(dst, "lessons", l, filepath.Base(f)), string(data))
		}
	}
	if attack == "" {
		return
	}
	src := filepath.Join(root, "tools/checker/testdata/hostile/worker", attack)
	files, _ := filepath.Glob(filepath.Join(src, "*", "*.go"))
	if len(files) == 0 {
		t.Fatalf("%s: no attack files", src)
	}
	directive := regexp.MustCompile(`(?m)^//convlings:(hook|canary) (\w+)(?: (.*))?$`)
	for _, f := range files {
		lesson := filepath.Base(filepath.Dir(f))
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkertest.WriteFile(t, filepath.Join(dst, "lessons", lesson, filepath.Base(f)), string(data))
		for _, d := range directive.FindAllStringSubmatch(string(data), -1) {
			stmt := "attack()"
			if d[1] == "canary" {
				stmt = `if !attack() { panic("the attack did not get through") }`
			}
			if d[3] != "" {
				stmt = d[3]
			}
			hooked := false
			sols, _ := filepath.Glob(filepath.Join(dst, "lessons", lesson, "*.go"))
			for _, s := range sols {
				code, _ := os.ReadFile(s)
				fn := regexp.MustCompile(`(?m)^func ` + d[2] + `\(.*\{$`)
				if loc := fn.FindIndex(code); loc != nil {
					code = append(code[:loc[1]:loc[1]], append([]byte("\n\t"+stmt), code[loc[1]:]...)...)
					checkertest.WriteFile(t, s, string(code))
					hooked = true
				}
			}
			if !hooked {
				t.Fatalf("%s: lesson %s has no function %s", f, lesson, d[2])
			}
		}
	}
}

// TestHostileWorkerCorpus grades the worker path's hostile corpus against
// the kit's real lessons, in one run with the unmodified solutions, in
// namespaces as an instructor grading as root would: each attack costs the
// exercises it is in (the canaries: an exercise that would pass only if
// the attack worked fails), every other exercise of the submission and
// every other submission is graded as without it, nothing is planted
// outside a run's scratch folder, the process outside the runs lives on,
// each submission's calls take a bounded time, the first failing case is
// the real one, and no escape sequence reaches a report.
func TestHostileWorkerCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a worker per submission")
	}
	if os.Geteuid() != 0 || !sandbox.Supported || sandbox.Namespaces() != nil {
		t.Skip("the corpus's canaries hold in namespaces: run the test as root on Linux")
	}
	root := kitRoot(t)
	k, err := kit.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	const timeout = 5 * time.Second // room for a loaded CI machine: an init that has not begun by then names no lesson
	all := func(s string) map[string]string {
		return lessonIDs(k, s, "padding", "filters", "pooling", "stacking")
	}
	// Lesson 4 calls the learner's lessons 1 to 3: an attack in a function
	// it calls fails its exercises too. These call the shape functions.
	shapes := map[string]string{"stacking/layer_output_shape": "F", "stacking/layer_params": "F", "stacking/summary": "F", "stacking/forward": "F"}
	attacks := []workerAttack{
		{name: "init_loop", want: merge(lessonIDs(k, "E", "padding", "stacking")),
			reasons: map[string]string{"padding/zero_padding": "init (their init functions and package-level variables) did not finish within 5s",
				"padding/output_length": "Still running in padding.init.", "stacking/forward": "imports lessons/padding, whose init did not finish"}},
		{name: "init_sleep", want: lessonIDs(k, "E", "filters", "stacking"),
			reasons: map[string]string{"filters/conv1d": "Waiting (sleep) in filters.nap", "stacking/summary": "imports lessons/filters"}},
		{name: "init_exit", want: all("E"), reasons: map[string]string{"pooling/max_pooling": "exited with status 0 while the lessons' init ran"}},
		{name: "init_panic", want: lessonIDs(k, "E", "padding", "stacking"), reasons: map[string]string{"padding/same_padding": "panic: boom in init"}},
		// Stopped by the memory limit or the init limit, whichever comes first.
		{name: "init_alloc", want: lessonIDs(k, "E", "pooling", "stacking"), reasons: map[string]string{"pooling/global_pooling": "the lessons' init"}},
		{name: "init_print", want: all("E"), reasons: map[string]string{"filters/conv_params": "printed more output than the grader keeps"}},
		{name: "init_fork", want: lessonIDs(k, "E", "padding"), reasons: map[string]string{"padding/output_length": "os.StartProcess"}},
		{name: "forged_output", want: map[string]string{"padding/padding_pairs": "F"}, reasons: map[string]string{"padding/padding_pairs": "the attack did not get through"}},
		{name: "forged_answer", want: map[string]string{"padding/zero_padding": "F", "stacking/forward": "F"}, reasons: map[string]string{"padding/zero_padding": "could not be read"}},
		{name: "exit_success", want: map[string]string{"filters/conv_params": "F"}, reasons: map[string]string{"filters/conv_params": "exited with status 0 during the call"}},
		{name: "goexit", want: merge(map[string]string{"filters/conv_output_shape": "F"}, shapes), reasons: map[string]string{"filters/conv_output_shape": "Goexit"}},
		{name: "plant_files", want: merge(map[string]string{"pooling/pool_output_shape": "F"}, shapes), reasons: map[string]string{"pooling/pool_output_shape": "the attack did not get through"}},
		{name: "read_grader", want: map[string]string{"pooling/max_pooling": "F", "stacking/forward": "F"}, reasons: map[string]string{"pooling/max_pooling": "the attack did not get through"}},
		// The rules for lesson code refuse os.FindProcess: the canary never runs.
		{name: "kill_grader", want: merge(lessonIDs(k, "E", "pooling"), map[string]string{"stacking/forward": "F"}), reasons: map[string]string{"pooling/average_pooling_valid": "uses os.FindProcess"}},
		{name: "huge_output", want: map[string]string{"filters/conv2d_strided": "F", "stacking/forward": "F"}, reasons: map[string]string{"filters/conv2d_strided": "printed more output than the grader keeps"}},
		{name: "huge_answer", want: map[string]string{"filters/conv1d": "F"}, reasons: map[string]string{"filters/conv1d": "the answer was bigger than"}},
		{name: "sleepy", want: map[string]string{"pooling/global_pooling": "F", "stacking/forward": "F"}, reasons: map[string]string{"pooling/global_pooling": "did not return within 5s"}},
		{name: "forged_failure", want: shapes, reasons: map[string]string{"stacking/layer_output_shape": "boom"}},
	}
	dir := t.TempDir()
	sources := []string{filepath.Join(dir, "solved")}
	makeAttack(t, root, sources[0], "")
	for _, a := range attacks {
		src := filepath.Join(dir, a.name)
		makeAttack(t, root, src, a.name)
		sources = append(sources, src)
	}
	// The grader's stand-in, which kill_grader looks for.
	victim := exec.Command("sleep", "3141.59")
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		victim.Process.Kill()
		victim.Wait()
	}()
	kitBefore := checkertest.TreeHash(t, filepath.Join(root, "lessons")) + checkertest.TreeHash(t, filepath.Join(root, "golden", "testdata"))
	planted := []string{"/tmp/convlings-planted-*", "/var/tmp/convlings-planted-*", "/run/convlings-grade/convlings-planted*",
		filepath.Join(os.TempDir(), "convlings-grade-*", "convlings-planted*"), "/dev/shm/convlings-planted*"}

	opts := grade.Options{Harness: os.DirFS(filepath.Join(root, "tools/checker/internal/convlingsgrade")), Timeout: timeout,
		BuildTimeout: 5 * time.Minute, MemMiB: 512, OutputCap: 1 << 20, Jobs: max(2, runtime.GOMAXPROCS(0)), IsolateUser: true,
		BaseUID: 63100, Budget: 2 * time.Minute, Seed: 5}
	rows, g, err := grade.GradeAll(context.Background(), k, opts, sources, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Before Close removes the grader's run folder.
	for _, p := range planted {
		left, _ := filepath.Glob(p)
		for _, f := range left {
			t.Errorf("planted by lesson code: %s", f)
			os.Remove(f)
		}
	}
	out := t.TempDir()
	if err := report.WriteAll(g.Course(), out, rows, "en"); err != nil {
		t.Fatal(err)
	}
	g.Close()

	if rows[0].Score != rows[0].MaxScore {
		t.Errorf("the solutions, graded with the corpus, scored %v of %v:\n%s", rows[0].Score, rows[0].MaxScore, describe(rows[0]))
	}
	for i, a := range attacks {
		row := rows[i+1]
		if !row.Graded || row.Under.Isolation != result.IsolationNamespaces {
			t.Errorf("%s: graded %v under %q: %s", a.name, row.Graded, row.Under.Isolation, row.Error)
			continue
		}
		letter := map[result.Status]string{result.Passed: "P", result.Failed: "F", result.Errored: "E", result.NotStarted: "N"}
		for _, r := range row.Results {
			want := a.want[r.Exercise.ID()]
			if want == "" {
				want = "P"
			}
			if got := letter[r.Status]; got != want {
				t.Errorf("%s: %s is %s, want %s:\n%s", a.name, r.Exercise.ID(), r.Status, want, describe(row))
			}
		}
		for id, want := range a.reasons {
			found := false
			for _, r := range row.Results {
				if r.Exercise.ID() == id && strings.Contains(r.Reason+"\n"+r.Message+"\n"+r.Output, want) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %s does not say %q:\n%s", a.name, id, want, describe(row))
			}
		}
		max := a.maxRun
		if max == 0 {
			max = 40 * time.Second
		}
		if row.Timing.Run > max {
			t.Errorf("%s: its calls took %s, more than %s", a.name, row.Timing.Run, max)
		}
		if a.name == "forged_failure" {
			for _, r := range row.Results {
				if r.Exercise.ID() != "stacking/layer_output_shape" {
					continue
				}
				f := r.Failing
				if f == nil || strings.Contains(f.Call, "99") || strings.Contains(f.Call, "forged") || strings.Contains(f.Want, "12345") ||
					!strings.Contains(r.Message, strings.TrimPrefix(f.Call, "stacking.")) {
					t.Errorf("forged_failure: the first failing case is %+v:\n%s", f, result.Clip(r.Message, 2000))
				}
			}
		}
	}
	for _, row := range rows {
		for _, r := range row.Results {
			if f := r.Failing; f != nil && (strings.Contains(f.Call+f.Want, "forged") || strings.Contains(f.Call+f.Want, "12345")) {
				t.Errorf("%s: %s: the first failing case is forged: %+v", row.ID, r.Exercise.ID(), f)
			}
		}
	}
	if checkertest.TreeHash(t, filepath.Join(root, "lessons"))+checkertest.TreeHash(t, filepath.Join(root, "golden", "testdata")) != kitBefore {
		t.Errorf("grading changed the kit")
	}
	if victim.Process.Signal(syscall.Signal(0)) != nil {
		t.Errorf("the process outside the runs was killed")
	}
	// Reports: no escape sequence a learner printed reaches one.
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		if strings.ContainsAny(string(data), "\x1b\x07\x16") {
			t.Errorf("%s holds a control character lesson code printed", p)
		}
		// A line lesson code printed or panicked with is never a case.
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "The first failing case:") && (strings.Contains(line, "forged") || strings.Contains(line, "12345")) {
				t.Errorf("%s names a forged case: %s", p, line)
			}
		}
		return nil
	})
	if t.Failed() || testing.Verbose() {
		for i, row := range rows {
			name := "solved"
			if i > 0 {
				name = attacks[i-1].name
			}
			t.Logf("%s: %s", name, describe(row))
		}
	}
}

func describe(row *grade.Row) string {
	if !row.Graded {
		return "not graded: " + row.Error
	}
	var b strings.Builder
	b.WriteString(result.FormatPoints(row.Score) + "/" + result.FormatPoints(row.MaxScore) + ", calls " + row.Timing.Run.Round(time.Millisecond).String())
	for _, r := range row.Results {
		if r.Status == result.Passed {
			continue
		}
		b.WriteString("\n    " + r.Exercise.ID() + " " + string(r.Status))
		if r.Reason != "" {
			b.WriteString(": " + r.Reason)
		}
		if r.Message != "" {
			b.WriteString(" | " + strings.ReplaceAll(result.Clip(r.Message, 300), "\n", " ⏎ "))
		}
	}
	for _, n := range row.Notes {
		b.WriteString("\n    note " + n.String())
	}
	return b.String()
}
