package grade

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/hidden"
	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/sandbox"
	"github.com/convlings/convlings/tools/checker/internal/submission"
	"github.com/convlings/convlings/tools/checker/internal/testlog"
)

// Options are the knobs of grading.
type Options struct {
	Timeout      time.Duration // per run of a lesson's test binary
	BuildTimeout time.Duration // per submission's compile
	MemMiB       int
	OutputCap    int64
	Jobs         int
	IsolateUser  bool // as root: run tests as a user id of their own, one per worker
	BaseUID      int
	Budget       time.Duration // wall-clock time for running one submission's tests, all lessons; 0: no limit
	MaxBinary    int64         // bytes a test binary may have; 0: DefaultMaxBinary
	Keep         bool          // keep the workspaces, for debugging
	// CheckPristine has GradeAll refuse a kit whose stubs or golden files
	// are not what its generators make (CheckPristine), before any
	// submission is graded.
	CheckPristine bool
	Harness       fs.FS // the files of internal/convlingsgrade
	// UseHarness grades with the in-binary harness (go test -c, signed
	// reports) instead of the worker path, where learner code only
	// answers calls. Kits other than the kit's own lessons always use it.
	UseHarness bool
	// Seed is the seed of the hidden cases; 0 draws one at random. The
	// seed is in every row (Row.Under), so that a grade can be reproduced.
	Seed uint64
	// Weighting is how public and hidden cases share an exercise's points.
	Weighting Weighting
}

// DefaultMaxBinary is the size a test binary may have unless
// Options.MaxBinary says otherwise: the kit's are a few MiB; lesson code
// with a huge initialised array makes one as big as the array.
const DefaultMaxBinary = 64 << 20

// Row is the grade of one submission.
type Row struct {
	ID       string           `json:"id"`
	Source   string           `json:"source"`
	Graded   bool             `json:"graded"`          // false: the submission could not be graded at all
	Error    string           `json:"error,omitempty"` // why not
	Results  []*result.Result `json:"-"`               // one per exercise, in kit order
	Notes    []result.Note    `json:"notes"`           // files not taken, broken rules, tampering
	Score    float64          `json:"score"`           // points earned
	MaxScore float64          `json:"max_score"`       // points possible
	Timing   Timing           `json:"timing"`
	Started  time.Time        `json:"started"`
	// Under is the isolation level the submission's code ran under and
	// the seed of its hidden cases.
	Under result.Provenance `json:"under"`
}

// Timing is where a submission's grading time went.
type Timing struct {
	Prepare time.Duration `json:"prepare_ns"` // reading the submission, copying the kit, overlaying
	Build   time.Duration `json:"build_ns"`   // go test -c
	Run     time.Duration `json:"run_ns"`     // running the test binaries
	Total   time.Duration `json:"total_ns"`
}

// Grader grades submissions against one pristine kit.
type Grader struct {
	kit   *Pristine
	tree  *buildTree // the shared tree every submission is compiled in
	opts  Options
	base  string        // the run's temporary folder
	slots chan struct{} // one per job
	uids  *sandbox.UIDs // nil: no sandbox users
	level result.Isolation
	build []string // environment of the go command
	// worker is set when submissions are graded on the worker path, with
	// the hidden cases drawn for the run.
	worker bool
	hidden *hidden.Cases
}

// New makes a grader for the pristine kit: its temporary folder, its
// sandbox users (with -isolate as root on Linux) and the shared build tree.
// Close releases them.
func New(kit *Pristine, opts Options) (*Grader, error) {
	if opts.Jobs < 1 {
		opts.Jobs = 1
	}
	if opts.Harness == nil {
		return nil, errors.New("grading needs the harness's source")
	}
	base, err := os.MkdirTemp("", "convlings-grade-")
	if err != nil {
		return nil, err
	}
	g := &Grader{kit: kit, opts: opts, base: base, slots: make(chan struct{}, opts.Jobs)}
	isolate := opts.IsolateUser && os.Geteuid() == 0 && sandbox.Supported
	if isolate {
		// The sandbox users must reach the binaries and the lesson folders.
		if err := os.Chmod(base, 0o711); err != nil {
			proc.RemoveAll(base)
			return nil, err
		}
		if err := checkTraversable(base); err != nil {
			proc.RemoveAll(base)
			return nil, err
		}
	}
	g.level = result.IsolationNone
	if isolate {
		g.level = result.IsolationUser
		if sandbox.Namespaces() == nil {
			g.level = result.IsolationNamespaces
		}
	}
	if isolate {
		// Each submission gets a user id of its own that no other grading
		// run uses at the same time, since everything of that user is
		// killed after a run.
		if g.uids, err = sandbox.NewUIDs(opts.BaseUID); err != nil {
			proc.RemoveAll(base)
			return nil, err
		}
	}
	g.build = buildEnv(os.Environ())
	if !opts.UseHarness && kit.workerKit() {
		seed := opts.Seed
		for seed == 0 {
			var b [8]byte
			if _, err := rand.Read(b[:]); err != nil {
				proc.RemoveAll(base)
				return nil, err
			}
			seed = binary.LittleEndian.Uint64(b[:])
		}
		if g.hidden, err = hidden.Generate(seed); err != nil {
			proc.RemoveAll(base)
			return nil, err
		}
		g.worker = true
	}
	if g.tree, err = kit.newBuildTree(filepath.Join(base, "build"), opts.Harness); err != nil {
		proc.RemoveAll(base)
		return nil, err
	}
	return g, nil
}

// Seed is the seed of the run's hidden cases, 0 when the run has none
// (the harness path).
func (g *Grader) Seed() uint64 {
	if g.hidden == nil {
		return 0
	}
	return g.hidden.Seed
}

// Isolation is the isolation level every submission of the grader runs
// under.
func (g *Grader) Isolation() result.Isolation { return g.level }

// Course is what the reports need to know of the kit graded against,
// beyond the rows: the manifest and, per lesson, its exercise tests.
type Course struct {
	Manifest *kit.Manifest
	Lessons  map[string]*LessonTests // by lesson name
}

// LessonTests are a lesson's exercise tests as its test files hold them.
type LessonTests struct {
	TestOrder []string          // in the order of their test files (file name, then position)
	TestCode  map[string]string // test → its source
	TestLine  map[string]string // test → "lessons/padding/padding_test.go:12"
}

// Course returns what the reports need to know of the graded kit.
func (g *Grader) Course() *Course {
	c := &Course{Manifest: g.kit.kit.Manifest, Lessons: map[string]*LessonTests{}}
	for name, pl := range g.kit.lessons {
		c.Lessons[name] = &LessonTests{TestOrder: pl.testOrder, TestCode: pl.testCode, TestLine: pl.testLine}
	}
	return c
}

// checkTraversable makes sure every folder above dir lets other users
// through, since the tests run as another user.
func checkTraversable(dir string) error {
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return err
		}
		if fi.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("the sandbox user cannot enter %s (mode %v): set TMPDIR to a folder every user can enter, such as /tmp", d, fi.Mode().Perm())
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// Close removes the grader's temporary folder (unless Options.Keep).
func (g *Grader) Close() {
	if !g.opts.Keep {
		proc.RemoveAll(g.base)
	}
}

// buildEnv is the environment of `go test -c`: the user's, with the module
// system kept off the network and cgo off.
func buildEnv(environ []string) []string {
	override := map[string]string{
		"GOFLAGS":     "-mod=readonly",
		"GOPROXY":     "off",
		"GOSUMDB":     "off",
		"GOTOOLCHAIN": "local",
		"GOWORK":      "off",
		"CGO_ENABLED": "0",
	}
	var out []string
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := override[k]; !ok {
			out = append(out, kv)
		}
	}
	for k, v := range override {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// Grade grades one submission. It never returns an error: what goes wrong
// is the row's.
func (g *Grader) Grade(ctx context.Context, source, id string) *Row {
	return g.GradeWith(ctx, source, id, func() (*submission.Submission, error) { return submission.Open(source) })
}

// GradeWith grades the submission open returns.
func (g *Grader) GradeWith(ctx context.Context, source, id string, open func() (*submission.Submission, error)) *Row {
	start := time.Now()
	row := &Row{ID: id, Source: source, Started: start, Notes: []result.Note{}, MaxScore: g.kit.kit.Manifest.MaxPoints()}
	row.Under.Isolation = g.level
	row.Under.Seed = g.Seed()
	defer func() {
		row.Timing.Total = time.Since(start)
		row.Score = 0
		for _, r := range row.Results {
			row.Score += r.Points()
		}
	}()
	g.slots <- struct{}{}
	defer func() { <-g.slots }()
	uid := -1
	if g.uids != nil {
		u, release, err := g.uids.Take()
		if err != nil {
			return g.ungradable(row, err)
		}
		defer release()
		uid = u
	}
	defer func() {
		// A bug in the checker costs this row, not the class.
		if v := recover(); v != nil {
			g.ungradable(row, fmt.Errorf("checker bug: %v\n%s", v, debug.Stack()))
		}
	}()

	s, err := open()
	if s != nil {
		row.Notes = append(row.Notes, s.Notes...)
	}
	if err != nil {
		return g.ungradable(row, err)
	}
	return g.gradeSubmission(ctx, s, row, uid)
}

// gradeSubmission grades a submission that has been read.
func (g *Grader) gradeSubmission(ctx context.Context, s *submission.Submission, row *Row, uid int) *Row {
	start := row.Started
	before := len(s.Notes)
	lay, err := s.Locate(g.kit.kit.Manifest)
	row.Notes = append(row.Notes, s.Notes[before:]...) // where loose files were placed
	if err != nil {
		return g.ungradable(row, err)
	}
	plans, notes, err := g.kit.plan(s, lay)
	row.Notes = append(row.Notes, notes...)
	if err != nil {
		return g.ungradable(row, fmt.Errorf("planning the lessons: %w", err))
	}
	for _, l := range g.kit.kit.Manifest.Lessons {
		for _, v := range plans[l.Name].violation {
			row.Notes = append(row.Notes, result.Note{Kind: "policy", Path: v.File, Text: fmt.Sprintf("line %d: %s", v.Line, v.Rule)})
		}
	}
	ws, err := os.MkdirTemp(g.base, "ws-")
	if err != nil {
		return g.ungradable(row, fmt.Errorf("preparing the workspace: %w", err))
	}
	if !g.opts.Keep {
		defer proc.RemoveAll(ws)
	}
	if uid >= 0 {
		// The sandbox user must reach the lesson folders inside.
		if err := os.Chmod(ws, 0o711); err != nil {
			return g.ungradable(row, fmt.Errorf("preparing the workspace: %w", err))
		}
	}
	row.Timing.Prepare = time.Since(start)
	if g.worker {
		return g.gradeWithWorker(ctx, s, row, uid, plans, ws)
	}

	// Compile every lesson that keeps the rules, before any lesson code runs.
	t0 := time.Now()
	var toBuild []string
	for _, l := range g.kit.kit.Manifest.Lessons {
		if !plans[l.Name].rejected() {
			toBuild = append(toBuild, l.Name)
		}
	}
	bins, buildErrs, err := g.compile(ctx, ws, plans, toBuild)
	row.Timing.Build = time.Since(t0)
	if err != nil {
		return g.ungradable(row, err)
	}
	// Keep the binaries in memory: each run gets a fresh copy, so lesson
	// code that rewrites or deletes files cannot touch a later run's binary.
	binData := map[string][]byte{}
	maxBin := g.opts.MaxBinary
	if maxBin <= 0 {
		maxBin = DefaultMaxBinary
	}
	for l, b := range bins {
		if fi, err := os.Stat(b); err == nil && fi.Size() > maxBin {
			delete(bins, l)
			buildErrs[l] = fmt.Sprintf("the lesson's test binary is %s, more than the %s allowed (a huge array or table in lesson code?)", result.ByteSize(fi.Size()), result.ByteSize(maxBin))
			continue
		}
		data, err := os.ReadFile(b)
		if err != nil {
			return g.ungradable(row, fmt.Errorf("reading a test binary: %w", err))
		}
		binData[l] = data
	}
	for _, d := range []string{"src", "bin"} {
		if err := proc.RemoveAll(filepath.Join(ws, d)); err != nil {
			return g.ungradable(row, fmt.Errorf("cleaning the workspace: %w", err))
		}
	}

	// Run each lesson, within the submission's budget.
	t0 = time.Now()
	budgetCtx, cancelBudget := ctx, context.CancelFunc(func() {})
	if g.opts.Budget > 0 {
		budgetCtx, cancelBudget = context.WithTimeout(ctx, g.opts.Budget)
	}
	defer cancelBudget()
	for _, l := range g.kit.kit.Manifest.Lessons {
		lp := plans[l.Name]
		switch {
		case lp.rejected():
			row.Results = append(row.Results, rejectedResults(lp)...)
		case bins[l.Name] == "":
			reason := "does not compile"
			if strings.Contains(buildErrs[l.Name], "allowed (a huge") {
				reason = "test binary too big"
			}
			for _, ex := range l.Exercises {
				row.Results = append(row.Results, &result.Result{Exercise: ex, Status: result.Errored, Reason: reason, Message: buildErrs[l.Name]})
			}
		case budgetCtx.Err() != nil:
			for _, ex := range l.Exercises {
				row.Results = append(row.Results, &result.Result{Exercise: ex, Status: result.Errored, Reason: g.budgetReason()})
			}
		default:
			dir := filepath.Join(ws, "lessons", l.Name)
			if err := g.kit.runDir(dir, lp); err != nil {
				return g.ungradable(row, fmt.Errorf("preparing the lesson folder: %w", err))
			}
			results, notes := g.runLesson(budgetCtx, dir, binData[l.Name], lp.pl, uid)
			if budgetCtx.Err() != nil && ctx.Err() == nil {
				for _, r := range results {
					if r.Status == result.Errored {
						r.Reason = g.budgetReason()
					}
				}
			}
			row.Results = append(row.Results, results...)
			row.Notes = append(row.Notes, notes...)
		}
	}
	row.Timing.Run = time.Since(t0)
	row.Graded = true
	return row
}

func (g *Grader) budgetReason() string {
	return fmt.Sprintf("the submission's time budget (%s for all its tests) ran out", g.opts.Budget)
}

func (g *Grader) ungradable(row *Row, err error) *Row {
	row.Graded = false
	row.Error = err.Error()
	row.Results = nil
	for _, ex := range g.kit.kit.Manifest.Exercises() {
		row.Results = append(row.Results, &result.Result{Exercise: ex, Status: result.Errored, Reason: "not graded", Message: err.Error()})
	}
	return row
}

// rejectedResults fails every exercise of a lesson that broke the rules or
// does not parse.
func rejectedResults(lp *lessonPlan) []*result.Result {
	var msg []string
	reason := "breaks the rules for lesson code"
	if len(lp.parseErr) > 0 {
		reason = "does not compile"
		msg = append(msg, lp.parseErr...)
	}
	for _, v := range lp.violation {
		msg = append(msg, v.Error())
	}
	var out []*result.Result
	for _, ex := range lp.pl.lesson.Exercises {
		out = append(out, &result.Result{Exercise: ex, Status: result.Errored, Reason: reason, Message: strings.Join(msg, "\n")})
	}
	return out
}

// compile builds the test binaries of the given lessons into ws/bin with
// one go command, in the shared build tree with the learner's files put
// in by -overlay, and returns the binary of each lesson that compiled and
// the compiler's messages for each that did not. plans nil builds the
// pristine kit.
func (g *Grader) compile(ctx context.Context, ws string, plans map[string]*lessonPlan, lessons []string) (map[string]string, map[string]string, error) {
	bins, errs := map[string]string{}, map[string]string{}
	if len(lessons) == 0 {
		return bins, errs, nil
	}
	binDir := filepath.Join(ws, "bin")
	if err := os.MkdirAll(binDir, 0o700); err != nil {
		return nil, nil, err
	}
	args := []string{"test", "-c", "-json", "-vet=off", "-trimpath", "-ldflags=-s -w", "-o", binDir + string(filepath.Separator)}
	if plans != nil {
		overlay, err := g.tree.overlayFor(filepath.Join(ws, "src"), plans, lessons)
		if err != nil {
			return nil, nil, err
		}
		args = append(args, "-overlay", overlay)
	}
	for _, l := range lessons {
		args = append(args, "./lessons/"+l)
	}
	// Isolated lesson code cannot write the tree (it is read-only to its
	// user, and to everyone inside the namespaces): only code that runs as
	// the checker's own user could have changed it.
	if g.level == result.IsolationNone {
		if err := g.checkTree(); err != nil {
			return nil, nil, err
		}
	}
	g.tree.mu.RLock()
	defer g.tree.mu.RUnlock()
	ctx, cancel := context.WithTimeout(ctx, g.opts.BuildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, proc.GoCommand(), args...)
	cmd.Dir = g.tree.dir
	cmd.Env = g.build
	proc.SetProcAttr(cmd, -1)
	cmd.Cancel = func() error { proc.KillGroup(cmd.Process.Pid); return nil }
	var stdout, stderr proc.CapBuffer
	stdout.Limit, stderr.Limit = 4<<20, 1<<20
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := proc.Run(cmd)
	if ctx.Err() == context.DeadlineExceeded {
		for _, l := range lessons {
			errs[l] = fmt.Sprintf("compiling took longer than %s", g.opts.BuildTimeout)
		}
		return bins, errs, nil
	}
	logs := testlog.PackageLogs(bytes.NewReader(stdout.Bytes()))
	for _, l := range lessons {
		bin := filepath.Join(binDir, l+".test")
		if fi, statErr := os.Stat(bin); statErr == nil && fi.Mode().IsRegular() {
			bins[l] = bin
			continue
		}
		msg := ""
		if log := logs[kit.ModulePath+"/lessons/"+l]; log != nil {
			msg = testlog.CompileMessage(strings.Join(log.Global, ""))
		}
		if msg == "" {
			msg = strings.TrimSpace(testlog.Tail(string(stderr.Bytes())+strings.Join(logs[""].Lines(), ""), 30))
		}
		if msg == "" && err != nil {
			msg = err.Error()
		}
		// The learner's files are overlaid from ws/src/<lesson>/: name them
		// as the learner knows them.
		msg = strings.ReplaceAll(msg, "../"+filepath.Base(ws)+"/src/", "lessons/")
		errs[l] = msg
	}
	return bins, errs, nil
}

// checkTree makes sure the build tree is as it was made: lesson code that
// runs as the checker's own user could change it for the submissions
// compiled after it. A changed tree is made again.
func (g *Grader) checkTree() error {
	if g.tree.intact() {
		return nil
	}
	g.tree.mu.Lock()
	defer g.tree.mu.Unlock()
	if g.tree.intact() {
		return nil
	}
	fmt.Fprintln(os.Stderr, "checker: warning: the shared build tree was changed while grading (by lesson code running as the checker's user?); making it again")
	return g.kit.fillBuildTree(g.tree)
}

// runLesson runs a lesson's exercise tests through the harness. When a run
// ends before every test reported (a loop, a crash, an exit), the test that
// was running fails with the reason, and the tests after it run again in a
// fresh process.
func (g *Grader) runLesson(ctx context.Context, dir string, binary []byte, pl *pristineLesson, uid int) ([]*result.Result, []result.Note) {
	var notes []result.Note
	results := map[string]*result.Result{}
	byTest := map[string]*kit.Exercise{}
	for _, ex := range pl.lesson.Exercises {
		byTest[ex.Test] = ex
	}
	lim := sandbox.Limits{Wall: g.opts.Timeout + 5*time.Second, Output: g.opts.OutputCap, MemMiB: g.opts.MemMiB, CPU: 2*g.opts.Timeout + 5*time.Second, UID: uid,
		Namespaces: g.level == result.IsolationNamespaces}
	remaining := append([]string(nil), pl.testOrder...)
	forged, claimed := 0, map[string]bool{}
	for attempt := 0; len(remaining) > 0 && attempt <= len(pl.testOrder); attempt++ {
		if ctx.Err() != nil {
			for _, t := range remaining {
				results[t] = &result.Result{Exercise: byTest[t], Status: result.Errored, Reason: "stopped: " + ctx.Err().Error()}
			}
			break
		}
		args := []string{
			"-test.run=^" + harnessTest + "$",
			"-test.v=test2json",
			"-test.count=1",
			"-test.timeout=" + g.opts.Timeout.String(),
			"-test.paniconexit0",
		}
		h, err := sandbox.NewHarness(remaining)
		if err != nil {
			return lessonError(pl, "checker error", err.Error()), notes
		}
		h.Args = args
		scratch, err := g.scratch(uid)
		if err != nil {
			return lessonError(pl, "checker error", err.Error()), notes
		}
		// One P: lesson code cannot keep a second core busy, the workers do
		// not fight over cores, and when a test times out the goroutine
		// stuck in lesson code has been preempted, so its stack (where it
		// is stuck) is in the dump.
		environ := []string{"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + scratch, "TMPDIR=" + scratch, "LANG=C.UTF-8", "GOMAXPROCS=1"}
		bin, err := g.placeBinary(binary, pl.lesson.Name, uid)
		if err != nil {
			return lessonError(pl, "checker error", err.Error()), notes
		}
		lim.Scratch = scratch
		res := sandbox.Run(ctx, bin, dir, args, environ, lim, h)
		proc.RemoveAll(scratch)
		proc.RemoveAll(filepath.Dir(bin))
		log := testlog.ParseFraming(res.Output)
		final, _, running := h.Outcome()
		forged += h.Forged
		if h.Tampered != "" {
			for _, t := range remaining {
				results[t] = &result.Result{Exercise: byTest[t], Status: result.Errored, Reason: "the test run was tampered with",
					Message: fmt.Sprintf("lesson code changed %s, the test binary's own arguments (to skip golden cases?)", h.Tampered)}
			}
			notes = append(notes, result.Note{Kind: "tamper", Path: "lessons/" + pl.lesson.Name, Text: fmt.Sprintf("lesson code changed %s of the test run", h.Tampered)})
			break
		}
		prefix := harnessTest + "/"
		progressed := false
		var failedHere []*result.Result // failures of this run without a message
		for _, t := range remaining {
			st, ok := final[t]
			if !ok {
				continue
			}
			progressed = true
			rep := log.Report(prefix, t)
			r := &result.Result{Exercise: byTest[t], Output: result.Clip(rep.Output, 4000), Duration: rep.Elapsed}
			switch st {
			case "pass":
				r.Status = result.Passed
			case "fail":
				r.Status, r.Message = result.Failed, rep.Message
				if rep.NotStarted {
					r.Status, r.Message = result.NotStarted, testlog.TrimStubCase(rep.Message)
				}
				if rep.ClaimsPass {
					claimed[t] = true
				}
			case "skip":
				r.Status, r.Reason, r.Message = result.Failed, "skipped", rep.Message
			default:
				r.Status, r.Reason = result.Errored, "test not found in the binary"
			}
			if r.Status == result.Failed && r.Message == "" {
				r.Message = testlog.BeforeCrash(rep.Output)
				failedHere = append(failedHere, r)
			}
			results[t] = r
		}
		if !h.Done && len(failedHere) > 0 {
			// The run crashed after a failure with no message of its own
			// (a runtime.Goexit in lesson code, say): the crash explains it.
			reason, detail := classifyEnd(res, log, lim, g.opts)
			if strings.HasPrefix(detail, reason) {
				reason = ""
			}
			for _, r := range failedHere {
				r.Message = strings.TrimSpace(strings.Join([]string{r.Message, reason, detail}, "\n"))
			}
		}
		var next []string
		for _, t := range remaining {
			if results[t] == nil {
				next = append(next, t)
			}
		}
		remaining = next
		if len(remaining) == 0 {
			break
		}
		if h.Done {
			for _, t := range remaining {
				results[t] = &result.Result{Exercise: byTest[t], Status: result.Errored, Reason: "did not run"}
			}
			break
		}
		reason, detail := classifyEnd(res, log, lim, g.opts)
		if running != "" {
			rep := log.Report(prefix, running)
			msg := strings.TrimSpace(rep.Message + "\n" + detail)
			results[running] = &result.Result{Exercise: byTest[running], Status: result.Errored, Reason: reason, Message: msg, Output: result.Clip(testlog.BeforeCrash(rep.Output), 4000)}
			next = next[:0]
			for _, t := range remaining {
				if t != running {
					next = append(next, t)
				}
			}
			remaining = next
			continue
		}
		if !progressed {
			// The process ended before the first test started: in init,
			// or at start. Running it again would end the same way.
			if h.Reported() == 0 {
				reason = "crashed before any test ran: " + reason
			}
			for _, t := range remaining {
				results[t] = &result.Result{Exercise: byTest[t], Status: result.Errored, Reason: reason, Message: detail}
			}
			break
		}
	}
	if forged > 0 {
		notes = append(notes, result.Note{Kind: "tamper", Path: "lessons/" + pl.lesson.Name, Text: fmt.Sprintf("%d unsigned line(s) were written to the grading harness's report pipe and ignored", forged)})
	}
	for _, t := range pl.testOrder {
		if claimed[t] {
			notes = append(notes, result.Note{Kind: "tamper", Path: "lessons/" + pl.lesson.Name, Text: fmt.Sprintf("the output claims %s passed, but the harness saw it fail: the output was forged", t)})
		}
	}
	var out []*result.Result
	for _, ex := range pl.lesson.Exercises {
		r := results[ex.Test]
		if r == nil {
			r = &result.Result{Exercise: ex, Status: result.Errored, Reason: "did not run"}
		}
		out = append(out, r)
	}
	return out, notes
}

func lessonError(pl *pristineLesson, reason, msg string) []*result.Result {
	var out []*result.Result
	for _, ex := range pl.lesson.Exercises {
		out = append(out, &result.Result{Exercise: ex, Status: result.Errored, Reason: reason, Message: msg})
	}
	return out
}

// classifyEnd explains why a run ended before the harness reported done:
// a short reason and the tail of what the process printed outside tests.
func classifyEnd(res *sandbox.Outcome, log *testlog.Log, lim sandbox.Limits, opts Options) (reason, detail string) {
	global := strings.Join(log.Global, "")
	all := string(res.Output)
	detail = strings.TrimSpace(testlog.Tail(global, 20))
	switch {
	case res.StartErr != nil:
		reason = res.Describe(lim)
	case res.NoHello && !res.TimedOut && !res.Overflow:
		reason = "the test binary stopped before the grading harness started: " + res.Describe(lim)
	case res.Overflow:
		reason = res.Describe(lim)
		detail = ""
	case strings.Contains(all, "panic: test timed out after"):
		reason = "timed out after " + opts.Timeout.String()
		dump := all[strings.Index(all, "panic: test timed out"):]
		detail = testlog.TimeoutSummary(dump)
		if where := testlog.StuckAt(dump); where != "" {
			reason += ", " + where
		}
	case res.TimedOut:
		reason = res.Describe(lim)
		detail = ""
	case strings.Contains(all, "all goroutines are asleep - deadlock"):
		reason = "deadlock: all goroutines are asleep"
	case strings.Contains(all, "out of memory") || strings.Contains(all, "cannot allocate memory"):
		reason = fmt.Sprintf("ran out of memory (limit %d MiB)", opts.MemMiB)
		detail = ""
	case testlog.PanicLine.MatchString(all):
		reason = testlog.PanicLine.FindString(all)
		if len(reason) > 200 {
			reason = reason[:200] + "…"
		}
		detail = strings.TrimSpace(testlog.Head(all[testlog.PanicLine.FindStringIndex(all)[0]:], 12))
	case res.ExitCode == 0:
		reason = "the test process exited with status 0 before its tests finished (does lesson code call os.Exit?)"
	case res.ExitCode > 0:
		reason = fmt.Sprintf("the test process exited with status %d during the test (os.Exit or log.Fatal in lesson code?)", res.ExitCode)
	default:
		reason = res.Describe(lim)
	}
	return reason, detail
}

// placeBinary writes a fresh copy of a test binary for one run, in a
// folder of its own: executable, not readable, by the sandbox user.
func (g *Grader) placeBinary(data []byte, lesson string, uid int) (string, error) {
	dir, err := os.MkdirTemp(g.base, "run-")
	if err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o711); err != nil {
		proc.RemoveAll(dir)
		return "", err
	}
	bin := filepath.Join(dir, lesson+".test")
	if err := os.WriteFile(bin, data, 0o511); err != nil {
		proc.RemoveAll(dir)
		return "", err
	}
	return bin, nil
}

// scratch makes a fresh home and temporary folder for one run, owned by
// the sandbox user.
func (g *Grader) scratch(uid int) (string, error) {
	d, err := os.MkdirTemp(g.base, "scratch-")
	if err != nil {
		return "", err
	}
	if uid >= 0 {
		if err := os.Chown(d, uid, uid); err != nil {
			return "", err
		}
	}
	return d, nil
}
