package main

import (
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/convlings/convlings/tools/checker/internal/report"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/sandbox"
)

// runGrade is `go run ./tools/checker grade [flags] submission...`.
func runGrade(e *env, args []string) int {
	fs := newFlags(e, "grade", "Grade")
	out := fs.String("out", "grades", "folder for the reports and the gradebook")
	kitDir := fs.String("kit", "", "the pristine kit (default: the module holding the current folder)")
	jobs := fs.Int("j", runtime.GOMAXPROCS(0), "submissions graded at once")
	timeout := fs.Duration("timeout", 10*time.Second, "time limit of each call of a learner's function (with -harness: of each run of a lesson's tests)")
	buildTimeout := fs.Duration("build-timeout", 3*time.Minute, "time limit of compiling one submission")
	budget := fs.Duration("budget", time.Minute, "time limit of running all of one submission's tests (its lessons' runs together); 0 for none")
	maxBin := fs.Int("max-binary", grade.DefaultMaxBinary>>20, "MiB a lesson's test binary may have")
	mem := fs.Int("mem", 512, "MiB of memory (address space above the Go runtime's start) for each test process; 0 for no limit")
	outputCap := fs.Int64("output", 1<<20, "bytes of output each test process may print before it is stopped")
	isolate := fs.Bool("isolate", true, "when run as root on Linux, run the tests as user ids of their own (-uid, -uid+1, …)")
	uid := fs.Int("uid", 61000, "first user id for -isolate; ids in use, or held by another grading run, are skipped")
	lang := fs.String("lang", "en", "language of the feedback: en or ko")
	githubOutput := fs.String("github-output", "", `append "result" and "points" step outputs for GitHub Classroom to this file (normally "$GITHUB_OUTPUT"); one submission only`)
	keep := fs.Bool("keep", false, "keep the grading workspaces (in $TMPDIR/convlings-grade-*), for debugging")
	quiet := fs.Bool("q", false, "do not report progress on standard error")
	var ro report.Options
	fs.StringVar(&ro.Lesson, "lesson", "", "limit the Exercism results.json to this lesson's tests (Exercism grades one exercise slug)")
	fs.StringVar(&ro.Visibility, "visibility", "visible", "Gradescope visibility of the result: "+strings.Join(report.Visibilities, ", "))
	fs.StringVar(&ro.HiddenVisibility, "hidden-visibility", "", "Gradescope visibility of the hidden cases' tests (default: as -visibility)")
	fs.BoolVar(&ro.Leaderboard, "leaderboard", false, "add Gradescope leaderboard entries (points, exercises passed)")
	seed := fs.Uint64("seed", 0, "seed of the hidden cases, to reproduce a grade (the summary prints the run's); 0 draws one")
	hiddenWeight := fs.String("hidden-weight", "both", `how an exercise's points depend on its cases: "both" (every public and every hidden case must pass), or the share of the points, 0 to 1, that passing every hidden case earns (the rest for every public case)`)
	useHarness := fs.Bool("harness", false, "grade with the older in-binary harness (go test -c, signed reports) instead of the worker, where learner code only answers calls and the verdicts are made in the checker; no hidden cases")
	// Flags come only before the submissions: a submission named
	// "-isolate=false" (or one sorted first by a shell glob) is a
	// submission, never a flag, and "--" ends the flags.
	if code := fs.parseLeading(args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		return usage(e, "grade needs at least one submission (a folder, .zip or .tar.gz)")
	}
	if err := i18n.CheckLang(*lang); err != nil {
		return usage(e, "%v", err)
	}
	if *githubOutput != "" && fs.NArg() != 1 {
		return usage(e, "-github-output takes exactly one submission, got %d", fs.NArg())
	}
	if *jobs < 1 || *timeout <= 0 || *buildTimeout <= 0 || *mem < 0 || *outputCap < 1024 || *uid < 1000 || *budget < 0 || *maxBin < 1 {
		return usage(e, "-j, -timeout, -build-timeout and -max-binary must be positive, -budget and -mem ≥ 0, -output ≥ 1024 and -uid ≥ 1000")
	}
	weighting, err := grade.ParseWeighting(*hiddenWeight)
	if err != nil {
		return usage(e, "%v", err)
	}
	kit, err := findKit(e.ctx, *kitDir)
	if err != nil {
		return fail(e, err)
	}
	ro.Lang = *lang
	if err := ro.Check(kit.Manifest); err != nil {
		return usage(e, "%v", err)
	}
	// The output folder is made now, before any lesson code runs, by the
	// grader alone: a folder that is already there (made by lesson code
	// that read -out from the command line, say) is refused.
	if err := makeOutDir(*out); err != nil {
		return fail(e, err)
	}
	switch {
	case os.Geteuid() == 0 && (!*isolate || !sandbox.Supported):
		fmt.Fprintln(e.stderr, "checker: warning: NOT ISOLATED: lesson code will run as root, without a user of its own: it can change anything on this machine")
	case os.Geteuid() != 0:
		fmt.Fprintln(e.stderr, "checker: warning: NOT ISOLATED: not running as root, so lesson code runs as this user, with resource limits only: it can read and change what this user can (run grade as root, in a throwaway VM or container, for a class you do not trust)")
	default:
		if err := sandbox.Namespaces(); err != nil {
			fmt.Fprintf(e.stderr, "checker: warning: NOT ISOLATED by namespaces (%v): lesson code runs as a user id of its own with resource limits, but shares this machine's processes, network and files\n", err)
		}
	}
	opts := grade.Options{
		Timeout: *timeout, BuildTimeout: *buildTimeout, MemMiB: *mem, OutputCap: *outputCap,
		Jobs: *jobs, IsolateUser: *isolate, BaseUID: *uid, Keep: *keep, Harness: harnessSource(),
		Budget: *budget, MaxBinary: int64(*maxBin) << 20, CheckPristine: true,
		UseHarness: *useHarness, Seed: *seed, Weighting: weighting,
	}
	progress := e.stderr
	if *quiet {
		progress = nil
	}
	rows, g, err := grade.GradeAll(e.ctx, kit, opts, fs.Args(), progress)
	if err != nil {
		os.Remove(*out) // still empty: the next run may make it again
		return fail(e, err)
	}
	defer g.Close()
	if err := report.Write(g.Course(), *out, rows, ro); err != nil {
		return fail(e, err)
	}
	writeTable(e, rows)
	fmt.Fprintf(e.stdout, "Isolation: %s\n", g.Isolation())
	if seed := g.Seed(); seed != 0 {
		fmt.Fprintf(e.stdout, "Hidden cases: seed %d (grade again with -seed %d to reproduce)\n", seed, seed)
	}
	if len(rows) == 1 {
		fmt.Fprintf(e.stdout, "Points %s/%s\n", result.FormatPoints(rows[0].Score), result.FormatPoints(rows[0].MaxScore))
		if *githubOutput != "" {
			data, _ := report.ClassroomJSON(g.Course(), rows[0])
			line := fmt.Sprintf("result=%s\npoints=%s/%s\n", base64.StdEncoding.EncodeToString(data), result.FormatPoints(rows[0].Score), result.FormatPoints(rows[0].MaxScore))
			f, err := os.OpenFile(*githubOutput, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err == nil {
				_, err = f.WriteString(line)
				err = errors.Join(err, f.Close())
			}
			if err != nil {
				return fail(e, err)
			}
		}
	}
	for _, r := range rows {
		if !r.Graded {
			return 1
		}
	}
	return 0
}

// writeTable prints one line per submission: its score and what was
// noted about it.
func writeTable(e *env, rows []*grade.Row) {
	w := 0
	for _, r := range rows {
		w = max(w, len(r.ID))
	}
	for _, r := range rows {
		status := ""
		if !r.Graded {
			status = "not graded: " + r.Error
		} else {
			count := map[string]int{}
			for _, n := range r.Notes {
				count[n.Kind]++
			}
			var parts []string
			for _, k := range []string{"policy", "tamper", "rejected", "ignored"} {
				if count[k] > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", count[k], k))
				}
			}
			status = strings.Join(parts, ", ")
		}
		line := fmt.Sprintf("%s  %6s/%s", i18n.Pad(r.ID, w), result.FormatPoints(r.Score), result.FormatPoints(r.MaxScore))
		if status != "" {
			line += "  " + result.Terminal(status)
		}
		fmt.Fprintln(e.stdout, line)
	}
}

// parseLeading parses the flags before the first argument that is not a
// flag, or up to "--", and leaves the rest in f.Args: unlike parse, a flag
// after an argument is an argument.
func (f *flags) parseLeading(args []string) int {
	if err := f.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			f.help()
			return 0
		}
		return usage(f.e, "%v", err)
	}
	// A shell glob puts a submission named "-isolate=false" among the
	// flags when it sorts first: a flag that is also the name of a file
	// here is refused rather than obeyed.
	for _, a := range args[:len(args)-f.NArg()] {
		if strings.HasPrefix(a, "-") && a != "--" {
			if _, err := os.Lstat(a); err == nil {
				return usage(f.e, "%q is both a flag and a file or folder here: put -- before the submissions (grade -out dir -- *)", a)
			}
		}
	}
	return -1
}

// makeOutDir creates the output folder, exclusively, mode 0755, owned by
// the grader; its parents may exist.
func makeOutDir(out string) error {
	if parent := filepath.Dir(out); parent != "." {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return fmt.Errorf("-out %s: %w", out, err)
		}
	}
	if err := os.Mkdir(out, 0o755); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("-out %s already exists: grade into a new folder (the grader writes only into a folder it has just made, so nothing in it can come from lesson code)", out)
		}
		return fmt.Errorf("-out %s: %w", out, err)
	}
	return os.Chmod(out, 0o755) // whatever the umask
}
