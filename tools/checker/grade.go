package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/sandbox"
)

// runGrade is `go run ./tools/checker grade [flags] submission...`.
func runGrade(e *env, args []string) int {
	fs := newFlags(e, "grade", "Grade")
	out := fs.String("out", "grades", "folder for the reports and the gradebook")
	kitDir := fs.String("kit", "", "the pristine kit (default: the module holding the current folder)")
	jobs := fs.Int("j", runtime.GOMAXPROCS(0), "submissions graded at once")
	timeout := fs.Duration("timeout", 10*time.Second, "time limit of each run of a lesson's tests")
	buildTimeout := fs.Duration("build-timeout", 3*time.Minute, "time limit of compiling one submission")
	mem := fs.Int("mem", 512, "MiB of memory (address space above the Go runtime's start) for each test process; 0 for no limit")
	outputCap := fs.Int64("output", 1<<20, "bytes of output each test process may print before it is stopped")
	isolate := fs.Bool("isolate", true, "when run as root on Linux, run the tests as user ids of their own (-uid, -uid+1, …)")
	uid := fs.Int("uid", 61000, "first user id for -isolate; ids in use, or held by another grading run, are skipped")
	lang := fs.String("lang", "en", "language of the feedback: en or ko")
	githubOutput := fs.String("github-output", "", `append "result" and "points" step outputs for GitHub Classroom to this file (normally "$GITHUB_OUTPUT"); one submission only`)
	keep := fs.Bool("keep", false, "keep the grading workspaces (in $TMPDIR/convlings-grade-*), for debugging")
	quiet := fs.Bool("q", false, "do not report progress on standard error")
	if code := parseFlags(fs, args); code >= 0 {
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
	if *jobs < 1 || *timeout <= 0 || *buildTimeout <= 0 || *mem < 0 || *outputCap < 1024 || *uid < 1000 {
		return usage(e, "-j, -timeout and -build-timeout must be positive, -mem ≥ 0, -output ≥ 1024 and -uid ≥ 1000")
	}
	kit, err := findKit(e.ctx, *kitDir)
	if err != nil {
		return fail(e, err)
	}
	if os.Geteuid() == 0 && (!*isolate || !sandbox.Supported) {
		fmt.Fprintln(e.stderr, "checker: warning: lesson code will run as root, without a user of its own: it can change anything on this machine")
	}
	opts := gradeOptions{
		timeout: *timeout, buildTimeout: *buildTimeout, memMiB: *mem, outputCap: *outputCap,
		jobs: *jobs, isolateUser: *isolate, baseUID: *uid, keep: *keep,
	}
	progress := e.stderr
	if *quiet {
		progress = nil
	}
	rows, g, err := gradeAll(e.ctx, kit, opts, fs.Args(), progress)
	if err != nil {
		return fail(e, err)
	}
	defer g.close()
	if err := g.writeAll(*out, rows, *lang); err != nil {
		return fail(e, err)
	}
	writeTable(e, rows)
	if len(rows) == 1 {
		fmt.Fprintf(e.stdout, "Points %s/%s\n", fmtPoints(rows[0].Score), fmtPoints(rows[0].MaxScore))
		if *githubOutput != "" {
			data, _ := json.Marshal(g.classroom(rows[0]))
			line := fmt.Sprintf("result=%s\npoints=%s/%s\n", base64.StdEncoding.EncodeToString(data), fmtPoints(rows[0].Score), fmtPoints(rows[0].MaxScore))
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

// gradeAll grades the submissions with opts.jobs workers and returns the
// rows in the order of the submissions.
func gradeAll(ctx context.Context, kit *kit.Kit, opts gradeOptions, sources []string, progress interface{ Write([]byte) (int, error) }) ([]*Row, *grader, error) {
	p, err := loadPristine(kit)
	if err != nil {
		return nil, nil, err
	}
	if err := sandbox.BecomeSubreaper(); err != nil && sandbox.Supported {
		return nil, nil, err
	}
	g, err := newGrader(p, opts)
	if err != nil {
		return nil, nil, err
	}
	if err := g.preflight(ctx); err != nil {
		g.close()
		return nil, nil, err
	}
	ids := submissionIDs(sources)
	rows := make([]*Row, len(sources))
	var wg sync.WaitGroup
	var mu sync.Mutex
	next, done := 0, 0
	start := time.Now()
	for w := 0; w < opts.jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(sources) || ctx.Err() != nil {
					return
				}
				row := g.grade(ctx, sources[i], ids[i])
				mu.Lock()
				rows[i] = row
				done++
				if progress != nil {
					status := fmt.Sprintf("%s/%s", fmtPoints(row.Score), fmtPoints(row.MaxScore))
					if !row.Graded {
						status = "not graded: " + row.Error
					}
					fmt.Fprintf(progress, "[%d/%d] %s: %s (%.1fs: build %.1fs, run %.1fs)\n", done, len(sources), row.ID, status,
						row.Timing.Total.Seconds(), row.Timing.Build.Seconds(), row.Timing.Run.Seconds())
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		g.close()
		return nil, nil, ctx.Err()
	}
	if progress != nil && len(sources) > 1 {
		el := time.Since(start)
		fmt.Fprintf(progress, "graded %d submissions in %.1fs (%.1f per minute, %d workers)\n", len(sources), el.Seconds(), float64(len(sources))/el.Minutes(), opts.jobs)
	}
	return rows, g, nil
}

// preflight compiles the pristine kit once: it fails early, with the go
// command's own words, when the kit cannot be built here (missing module
// cache, wrong toolchain), rather than failing every submission; and it
// warms the build cache.
func (g *grader) preflight(ctx context.Context) error {
	ws, err := os.MkdirTemp(g.base, "preflight-")
	if err != nil {
		return err
	}
	defer proc.RemoveAll(ws)
	var names []string
	for _, l := range g.kit.kit.Manifest.Lessons {
		names = append(names, l.Name)
	}
	bins, errs, err := g.compile(ctx, ws, nil, names)
	if err != nil {
		return err
	}
	for _, n := range names {
		if bins[n] == "" {
			return fmt.Errorf("the pristine kit's lesson %s does not compile for grading (offline, GOFLAGS=-mod=readonly); run `go mod download` in the kit and try again:\n%s", n, errs[n])
		}
	}
	return nil
}

var idUnsafe = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// submissionIDs names each submission after its file or folder, without
// the archive extension, made safe as a folder name and unique.
func submissionIDs(sources []string) []string {
	seen := map[string]int{}
	ids := make([]string, len(sources))
	for i, s := range sources {
		if abs, err := filepath.Abs(s); err == nil {
			s = abs
		}
		base := filepath.Base(s)
		lower := strings.ToLower(base)
		for _, ext := range []string{".tar.gz", ".tgz", ".zip"} {
			if strings.HasSuffix(lower, ext) {
				base = base[:len(base)-len(ext)]
				break
			}
		}
		id := strings.Trim(idUnsafe.ReplaceAllString(base, "_"), "._")
		if id == "" {
			id = "submission"
		}
		seen[id]++
		if n := seen[id]; n > 1 {
			id = fmt.Sprintf("%s-%d", id, n)
		}
		ids[i] = id
	}
	return ids
}

// writeAll writes every report and the gradebook.
func (g *grader) writeAll(out string, rows []*Row, lang string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, r := range rows {
		if err := g.writeRow(out, r, lang); err != nil {
			return err
		}
	}
	if err := g.writeGradebook(out, rows); err != nil {
		return err
	}
	return g.writeSummary(out, rows, lang)
}

// writeTable prints one line per submission: its score and what was
// noted about it.
func writeTable(e *env, rows []*Row) {
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
		line := fmt.Sprintf("%s  %6s/%s", i18n.Pad(r.ID, w), fmtPoints(r.Score), fmtPoints(r.MaxScore))
		if status != "" {
			line += "  " + status
		}
		fmt.Fprintln(e.stdout, line)
	}
}
