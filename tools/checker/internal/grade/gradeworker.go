package grade

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/sandbox"
	"github.com/convlings/convlings/tools/checker/internal/submission"
	"github.com/convlings/convlings/tools/checker/internal/worker"
)

// The worker path (the default for the kit's own lessons): learner code
// is compiled into one worker binary per submission, which only answers
// calls; the suites, the comparison with the public and the hidden cases,
// and the score run here (see internal/worker and internal/hidden).

// workerKit reports whether the kit's lessons are the ones the worker's
// generated main knows (the kit's own: padding, filters, pooling,
// stacking). Other kits (the checker's tests use a small fake one) are
// graded with the harness.
func (p *Pristine) workerKit() bool {
	if len(p.kit.Manifest.Lessons) != len(worker.Lessons) {
		return false
	}
	for i, l := range p.kit.Manifest.Lessons {
		if l.Name != worker.Lessons[i] {
			return false
		}
	}
	return true
}

// Weighting is how an exercise's points depend on its public and hidden
// cases. The zero value (the default) needs both to pass every case; with
// Split, the exercise earns (1-Hidden) of its points when every public case
// passes and Hidden when every hidden one does.
type Weighting struct {
	Split  bool
	Hidden float64
}

// ParseWeighting reads the -hidden-weight flag: "both", or a number in
// [0, 1], the share of an exercise's points its hidden cases carry.
func ParseWeighting(s string) (Weighting, error) {
	if s == "both" || s == "" {
		return Weighting{}, nil
	}
	w, err := strconv.ParseFloat(s, 64)
	if err != nil || w < 0 || w > 1 {
		return Weighting{}, fmt.Errorf("-hidden-weight: %q is neither \"both\" nor a number from 0 to 1", s)
	}
	return Weighting{Split: true, Hidden: w}, nil
}

// pkgHeader is the go command's line before a package's compile errors.
var pkgHeader = regexp.MustCompile(`(?m)^# (\S+)`)

// mainLine finds errors in the generated main: "…/main.go:123:4: …".
var mainLine = regexp.MustCompile(`convlingsworker_main\.go:(\d+)(?::\d+)?: |` + regexp.QuoteMeta(worker.MainDir) + `/main\.go:(\d+)(?::\d+)?: `)

// buildWorker compiles the submission's worker with every lesson that
// compiles: it builds with all of them first, and when that fails, leaves
// out the lessons the compiler blames (their own package, or their entries
// in the generated main) and builds again. It returns the binary, the
// lessons in it, and the compiler's message for each lesson left out.
func (g *Grader) buildWorker(ctx context.Context, ws string, plans map[string]*lessonPlan, lessons []string) (string, []string, map[string]string, error) {
	errs := map[string]string{}
	src := filepath.Join(ws, "src")
	if err := os.MkdirAll(src, 0o700); err != nil {
		return "", nil, nil, err
	}
	replace := map[string]string{}
	for _, name := range worker.Lessons {
		lp := plans[name]
		lessonDir := filepath.Join(g.tree.dir, "lessons", name)
		// The harness's gate file is not part of a worker.
		replace[filepath.Join(lessonDir, gateFile)] = ""
		if lp == nil || lp.fromKit {
			continue
		}
		for _, stub := range lp.pl.stubs {
			replace[filepath.Join(lessonDir, stub)] = ""
		}
		dir := filepath.Join(src, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", nil, nil, err
		}
		for file, data := range lp.files {
			p := filepath.Join(dir, file)
			if err := os.WriteFile(p, data, 0o444); err != nil {
				return "", nil, nil, err
			}
			replace[filepath.Join(lessonDir, file)] = p
		}
	}
	bin := filepath.Join(ws, "bin", "worker")
	if err := os.MkdirAll(filepath.Dir(bin), 0o700); err != nil {
		return "", nil, nil, err
	}
	if g.level == result.IsolationNone {
		if err := g.checkTree(); err != nil {
			return "", nil, nil, err
		}
	}
	g.tree.mu.RLock()
	defer g.tree.mu.RUnlock()
	ctx, cancel := context.WithTimeout(ctx, g.opts.BuildTimeout)
	defer cancel()
	for attempt := 0; len(lessons) > 0 && attempt <= len(worker.Lessons); attempt++ {
		bdir, err := os.MkdirTemp(src, "build-")
		if err != nil {
			return "", nil, nil, err
		}
		cmd, owner, err := worker.BuildCommand(ctx, proc.GoCommand(), g.tree.dir, bdir, bin, lessons, replace)
		if err != nil {
			return "", nil, nil, err
		}
		cmd.Env = g.build
		proc.SetProcAttr(cmd, -1)
		cmd.Cancel = func() error { proc.KillGroup(cmd.Process.Pid); return nil }
		var out proc.CapBuffer
		out.Limit = 1 << 20
		cmd.Stdout, cmd.Stderr = &out, &out
		runErr := proc.Run(cmd)
		if ctx.Err() == context.DeadlineExceeded {
			for _, l := range lessons {
				errs[l] = fmt.Sprintf("compiling took longer than %s", g.opts.BuildTimeout)
			}
			return "", nil, errs, nil
		}
		if runErr == nil {
			return bin, lessons, errs, nil
		}
		blamed := blame(string(out.Bytes()), lessons, owner)
		if len(blamed) == 0 {
			// Nothing to put it down to: every lesson fails with the message.
			msg := strings.TrimSpace(string(out.Bytes()))
			if msg == "" {
				msg = runErr.Error()
			}
			for _, l := range lessons {
				errs[l] = msg
			}
			return "", nil, errs, nil
		}
		var keep []string
		for _, l := range lessons {
			if msg, bad := blamed[l]; bad {
				errs[l] = msg
			} else {
				keep = append(keep, l)
			}
		}
		lessons = keep
	}
	return "", nil, errs, nil
}

// blame splits the go command's output by package and puts each part down
// to a lesson: a lesson's own package, or the lines of the generated main
// that call it. A lesson that imports a lesson that fails (stacking
// imports the learner's padding, filters and pooling) fails with it.
func blame(out string, lessons []string, owner func(line int) string) map[string]string {
	blamed := map[string]string{}
	idx := pkgHeader.FindAllStringSubmatchIndex(out, -1)
	for i, m := range idx {
		pkg := out[m[2]:m[3]]
		end := len(out)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		body := strings.TrimSpace(out[m[1]:end])
		if l, ok := strings.CutPrefix(pkg, kit.ModulePath+"/lessons/"); ok {
			blamed[l] += body + "\n"
			continue
		}
		if pkg == kit.ModulePath+"/"+worker.MainDir {
			for _, line := range strings.Split(body, "\n") {
				sm := mainLine.FindStringSubmatch(line)
				if sm == nil {
					continue
				}
				n, _ := strconv.Atoi(sm[1] + sm[2])
				if l := owner(n); l != "" {
					blamed[l] += "the lesson's functions do not have the kit's signatures: " + line[strings.Index(line, sm[0])+len(sm[0]):] + "\n"
				}
			}
		}
	}
	for l, msg := range blamed {
		blamed[l] = strings.TrimSpace(msg)
	}
	if _, ok := blamed["stacking"]; !ok {
		for _, dep := range []string{"padding", "filters", "pooling"} {
			if _, bad := blamed[dep]; bad && contains(lessons, "stacking") {
				blamed["stacking"] = fmt.Sprintf("lessons/stacking imports lessons/%s, which does not compile", dep)
			}
		}
	}
	return blamed
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// gradeWithWorker grades a planned submission on the worker path.
func (g *Grader) gradeWithWorker(ctx context.Context, s *submission.Submission, row *Row, uid int, plans map[string]*lessonPlan, ws string) *Row {
	var toBuild []string
	for _, l := range g.kit.kit.Manifest.Lessons {
		if !plans[l.Name].rejected() {
			toBuild = append(toBuild, l.Name)
		}
	}
	budgetCtx, cancelBudget := ctx, context.CancelFunc(func() {})
	if g.opts.Budget > 0 {
		budgetCtx, cancelBudget = context.WithTimeout(ctx, g.opts.Budget)
	}
	defer cancelBudget()
	var placed []string // the folders of each worker's binary and scratch, removed after the last call
	defer func() {
		for _, d := range placed {
			proc.RemoveAll(d)
		}
	}()
	buildErrs := map[string]string{}
	initErrs := map[string]*worker.InitError{}
	var built []string
	var client *worker.Client
	var runTime time.Duration
	// A lesson whose init never finishes (or crashes) fails the worker's
	// start, which every lesson shares: the lesson its stack names is left
	// out, with the lessons that import it, and the worker built again
	// without them, once per lesson at most.
	for attempt := 0; len(toBuild) > 0 && attempt < len(worker.Lessons); attempt++ {
		t0 := time.Now()
		bin, ok, errs, err := g.buildWorker(ctx, ws, plans, toBuild)
		row.Timing.Build += time.Since(t0)
		if err != nil {
			return g.ungradable(row, err)
		}
		for l, msg := range errs {
			buildErrs[l] = msg
		}
		var binData []byte
		if bin != "" {
			maxBin := g.opts.MaxBinary
			if maxBin <= 0 {
				maxBin = DefaultMaxBinary
			}
			if fi, err := os.Stat(bin); err == nil && fi.Size() > maxBin {
				for _, l := range ok {
					buildErrs[l] = fmt.Sprintf("the worker binary is %s, more than the %s allowed (a huge array or table in lesson code?)", result.ByteSize(fi.Size()), result.ByteSize(maxBin))
				}
				ok = nil
			} else if binData, err = os.ReadFile(bin); err != nil {
				return g.ungradable(row, fmt.Errorf("reading the worker binary: %w", err))
			}
		}
		for _, d := range []string{"src", "bin"} {
			if err := proc.RemoveAll(filepath.Join(ws, d)); err != nil {
				return g.ungradable(row, fmt.Errorf("cleaning the workspace: %w", err))
			}
		}
		built = ok
		if len(built) == 0 {
			break
		}
		t0 = time.Now()
		client = g.workerClient(budgetCtx, binData, uid, &placed)
		ierr := (*worker.InitError)(nil)
		err = client.Ready()
		runTime += time.Since(t0)
		if !errors.As(err, &ierr) {
			break // ready, or it could not start: then every call says so
		}
		client.Close()
		out := []string{ierr.Lesson}
		if ierr.Lesson == "" || !contains(built, ierr.Lesson) || len(built) == 1 {
			out = built // nothing to put it down to
		} else if ierr.Lesson != "stacking" && contains(built, "stacking") {
			out = append(out, "stacking") // it imports the learner's padding, filters and pooling
		}
		for _, l := range out {
			initErrs[l] = ierr
		}
		var next []string
		for _, l := range built {
			if initErrs[l] == nil {
				next = append(next, l)
			}
		}
		toBuild, built, client = next, nil, nil
	}
	if client == nil {
		client = g.workerClient(budgetCtx, nil, uid, &placed)
	}
	t0 := time.Now()
	pad, fil, pool, stack := worker.Suites(client)
	suites := map[string][]golden.Test{}
	hiddenSuites := map[string][]golden.Test{}
	suites["padding"], suites["filters"], suites["pooling"], suites["stacking"] = pad.Tests(), fil.Tests(), pool.Tests(), stack.Tests()
	pad.Cases, fil.Cases, pool.Cases, stack.Cases = g.hidden, g.hidden, g.hidden, g.hidden
	hiddenSuites["padding"], hiddenSuites["filters"], hiddenSuites["pooling"], hiddenSuites["stacking"] = pad.Tests(), fil.Tests(), pool.Tests(), stack.Tests()

	for _, l := range g.kit.kit.Manifest.Lessons {
		lp := plans[l.Name]
		switch {
		case lp.rejected():
			row.Results = append(row.Results, rejectedResults(lp)...)
			continue
		case initErrs[l.Name] != nil:
			ie := initErrs[l.Name]
			// What lesson code printed is Output, never Message: nothing
			// it printed can read as a failure line of the suites.
			reason, msg := ie.Reason, ie.Detail
			if ie.Lesson != "" && ie.Lesson != l.Name {
				reason, msg = fmt.Sprintf("imports lessons/%s, whose init did not finish", ie.Lesson), strings.TrimSpace(ie.Reason+"\n"+ie.Detail)
			}
			for _, ex := range l.Exercises {
				row.Results = append(row.Results, &result.Result{Exercise: ex, Status: result.Errored, Reason: reason, Message: msg, Output: ie.Output})
			}
			continue
		case !contains(built, l.Name):
			reason := "does not compile"
			if strings.Contains(buildErrs[l.Name], "allowed (a huge") {
				reason = "worker binary too big"
			}
			for _, ex := range l.Exercises {
				row.Results = append(row.Results, &result.Result{Exercise: ex, Status: result.Errored, Reason: reason, Message: buildErrs[l.Name]})
			}
			continue
		}
		for _, ex := range l.Exercises {
			row.Results = append(row.Results, g.runExercise(budgetCtx, ex, suites[l.Name], hiddenSuites[l.Name]))
		}
	}
	output := client.Close()
	if strings.TrimSpace(output) != "" {
		for _, r := range row.Results {
			if r.Status != result.Passed && r.Output == "" {
				r.Output = result.Clip(output, 4000)
			}
		}
	}
	if client.Crashes > 0 {
		row.Notes = append(row.Notes, result.Note{Kind: "info", Text: fmt.Sprintf("%d call(s) crashed, hung or answered garbage; the worker was restarted %d time(s)", client.Crashes, client.Starts-1)})
	}
	row.Timing.Run = runTime + time.Since(t0)
	row.Graded = true
	return row
}

// maxAnswer is the most bytes one answer of a worker may take: the kit's
// largest answers (tensors of hidden cases) take a few KiB; a bigger one
// would cost the grader memory and time to compare and record.
const maxAnswer = 4 << 20

// workerClient makes the client of a worker binary: each worker it starts
// runs a fresh copy of the binary, in a fresh scratch folder, in the
// sandbox, and has the per-call time limit for its init too.
func (g *Grader) workerClient(ctx context.Context, binData []byte, uid int, placed *[]string) *worker.Client {
	lim := sandbox.Limits{Output: g.opts.OutputCap, MemMiB: g.opts.MemMiB, CPU: 2*g.opts.Timeout + 5*time.Second, UID: uid,
		Namespaces: g.level == result.IsolationNamespaces}
	return &worker.Client{Timeout: g.opts.Timeout, InitTimeout: g.opts.Timeout, MaxAnswer: maxAnswer, Ctx: ctx, Start: func(req, ans *os.File) (*sandbox.Proc, error) {
		if binData == nil {
			return nil, errors.New("no worker was built")
		}
		scratch, err := g.scratch(uid)
		if err != nil {
			return nil, err
		}
		*placed = append(*placed, scratch)
		bin, err := g.placeBinary(binData, "worker", uid)
		if err != nil {
			return nil, err
		}
		*placed = append(*placed, filepath.Dir(bin))
		l := lim
		l.Scratch = scratch
		environ := []string{"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + scratch, "TMPDIR=" + scratch, "LANG=C.UTF-8", "GOMAXPROCS=1",
			worker.LimitsEnv + "=" + workerLimits(l)}
		return sandbox.Start(bin, scratch, nil, environ, l, []*os.File{req, ans})
	}}
}

// runExercise runs one exercise's suite on the public and on the hidden
// cases and makes its result.
func (g *Grader) runExercise(ctx context.Context, ex *kit.Exercise, public, hiddenTests []golden.Test) *result.Result {
	res := &result.Result{Exercise: ex}
	find := func(tests []golden.Test) *golden.Test {
		for i := range tests {
			if tests[i].Exercise.Test == ex.Test {
				return &tests[i]
			}
		}
		return nil
	}
	pt, ht := find(public), find(hiddenTests)
	if pt == nil || ht == nil {
		res.Status, res.Reason = result.Errored, "the checker has no suite for "+ex.Test
		return res
	}
	enableRecords()
	start := time.Now()
	run := func(t *golden.Test, total int) (*golden.Recorder, result.Cases, bool) {
		r := golden.NewRecorder(ex.Test)
		t.Run(r)
		_, passed := r.Subtests()
		c := result.Cases{Total: total}
		for _, ok := range passed {
			if ok {
				c.Passed++
			}
		}
		notImpl := len(passed) == 1 && total > 1 && strings.Contains(r.Log(), "not implemented yet")
		if notImpl {
			c.Passed = 0
		}
		return r, c, notImpl
	}
	pubRec, pub, notImpl := run(pt, countCases(ex))
	hidRec, hid, _ := run(ht, g.hidden.Count(golden.Exercise{Lesson: ex.Lesson.Name, Test: ex.Test}))
	res.Public, res.Hidden = pub, hid
	res.Duration = time.Since(start)
	pubOK, hidOK := pub.Passed == pub.Total && pub.Total > 0, hid.Passed == hid.Total && hid.Total > 0
	switch {
	case pubOK && hidOK:
		res.Status = result.Passed
		return res
	case notImpl:
		res.Status = result.NotStarted
		res.Message = strings.TrimSpace(pubRec.Log())
		return res
	}
	res.Status = result.Failed
	var msg []string
	if !pubOK {
		msg = append(msg, strings.TrimSpace(pubRec.Log()))
	}
	if !hidOK {
		msg = append(msg, fmt.Sprintf("Hidden cases (drawn fresh for this grading run, seed %d): %d of %d pass.\n%s", g.hidden.Seed, hid.Passed, hid.Total, strings.TrimSpace(hidRec.Log())))
	}
	res.Message = result.Clip(strings.Join(msg, "\n"), 16000)
	if !pubOK {
		res.Failing = failingCase(ex, pubRec.Logs(), false)
	} else {
		res.Failing = failingCase(ex, hidRec.Logs(), true)
	}
	if ctx.Err() != nil {
		res.Reason = g.budgetReason()
	}
	if wt := g.opts.Weighting; wt.Split {
		w := wt.Hidden
		share := 0.0
		if pubOK {
			share += 1 - w
		}
		if hidOK {
			share += w
		}
		res.Share = share
	}
	return res
}

// countCases counts an exercise's golden files.
func countCases(ex *kit.Exercise) int {
	entries, _ := fs.ReadDir(golden.Files(), ex.Lesson.Name+"/"+ex.Test)
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), golden.Suffix) {
			n++
		}
	}
	return n
}

// workerLimits is the worker's LimitsEnv: what the harness sets in a test
// binary, for a process that lives for every call of a submission.
func workerLimits(l sandbox.Limits) string {
	s := fmt.Sprintf("cpu=%d,fsize=%d,nofile=256,core=0", int64(l.CPU/time.Second)+1, 16<<20)
	if l.MemMiB > 0 {
		s += fmt.Sprintf(",as=%d", uint64(l.MemMiB)<<20)
	}
	if l.UID >= 0 {
		s += ",nproc=128" // counted per user: only for a user of its own
	}
	return s
}

// RecordsEnv is the environment variable that has the golden suites log a
// structured record of every failing case (golden's case records); the
// grader sets it in its own process, where the suites run, and reads the
// first failing case from the records, never from the suites' text, which
// holds what lesson code panicked or returned.
const RecordsEnv = "CONVLINGS_CASE_RECORDS"

// recordPrefix starts a case record's log line.
const recordPrefix = "convlings-case "

var recordsOn sync.Once

// enableRecords turns the golden suites' case records on in this process.
func enableRecords() {
	recordsOn.Do(func() { os.Setenv(RecordsEnv, "1") })
}

// caseRecord is what the reports need of a golden case record.
type caseRecord struct {
	Case      string                     `json:"case"`
	Call      string                     `json:"call"`
	Want      map[string]json.RawMessage `json:"want"`
	FirstDiff []int                      `json:"first_diff"`
}

// failingCase is the first failing case of a suite's run, from the case
// records the suite logged (a Recorder's Logs: lines only the suite
// writes, each one JSON object), as a Go call and its expected answer for
// the reports; nil when the run logged no record.
func failingCase(ex *kit.Exercise, logs []string, hidden bool) *result.Failing {
	for _, line := range logs {
		body, ok := strings.CutPrefix(line, recordPrefix)
		if !ok {
			continue
		}
		var rec caseRecord
		if err := json.Unmarshal([]byte(body), &rec); err != nil || rec.Call == "" {
			continue
		}
		return &result.Failing{Call: ex.Lesson.Name + "." + rec.Call, Want: wantText(rec), Hidden: hidden}
	}
	return nil
}

// wantText is a record's expected answer as the reports show it: "8",
// "an error (Keras rejects this input)", "a tensor of shape 1×3×3×1,
// 6.75 at [n=0 h=0 w=0 c=0]".
func wantText(rec caseRecord) string {
	if _, ok := rec.Want["error"]; ok {
		return "an error (Keras rejects this input)"
	}
	if raw, ok := rec.Want["shape"]; ok {
		var shape []int
		var values []json.Number
		json.Unmarshal(raw, &shape)
		dec := json.NewDecoder(strings.NewReader(string(rec.Want["values"])))
		dec.UseNumber()
		dec.Decode(&values)
		dims := make([]string, len(shape))
		for i, d := range shape {
			dims[i] = strconv.Itoa(d)
		}
		text := "a tensor of shape " + strings.Join(dims, "×")
		if len(rec.FirstDiff) == len(shape) && len(shape) > 0 {
			flat := 0
			for i, d := range shape {
				flat = flat*d + rec.FirstDiff[i]
			}
			if flat >= 0 && flat < len(values) {
				text += ", " + values[flat].String() + " at " + indexText(rec.FirstDiff)
			}
		}
		return text
	}
	return goValue(rec.Want["value"])
}

// indexText names an index by its axes, as the suites do: [n=0 h=1 w=2 c=0].
func indexText(idx []int) string {
	names := map[int][]string{2: {"n", "i"}, 3: {"n", "w", "c"}, 4: {"n", "h", "w", "c"}, 5: {"n", "d", "h", "w", "c"}}[len(idx)]
	parts := make([]string, len(idx))
	for i, v := range idx {
		parts[i] = strconv.Itoa(v)
		if names != nil {
			parts[i] = names[i] + "=" + parts[i]
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// goValue writes a JSON value the way Go source would: numbers and bools
// as they are, strings quoted, arrays as {a, b}, objects as {Name: v}.
func goValue(raw json.RawMessage) string {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return strings.TrimSpace(string(raw))
	}
	var write func(v any) string
	write = func(v any) string {
		switch x := v.(type) {
		case nil:
			return "nil"
		case string:
			return strconv.Quote(x)
		case []any:
			parts := make([]string, len(x))
			for i, e := range x {
				parts[i] = write(e)
			}
			return "{" + strings.Join(parts, ", ") + "}"
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			parts := make([]string, len(keys))
			for i, k := range keys {
				parts[i] = k + ": " + write(x[k])
			}
			return "{" + strings.Join(parts, ", ") + "}"
		}
		return fmt.Sprint(v)
	}
	return write(v)
}
