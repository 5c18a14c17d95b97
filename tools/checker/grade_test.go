package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/checkertest"
	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/report"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/sandbox"
)

// corpusCase is one submission of the hostile corpus and the row grading
// must turn it into.
type corpusCase struct {
	name   string
	source string // filled in: the path graded
	// want is the status of alpha/add, alpha/mul, beta/total, beta/length,
	// one letter each: P passed, F failed, N not started, E error.
	want string
	// reasons holds, per exercise id, a piece of the reason or message.
	reasons map[string]string
	score   float64
	notes   map[string]int // note kind → at least this many
	// notGraded, when set, is a piece of the error of an ungradable row.
	notGraded string
}

var statusLetter = map[result.Status]string{result.Passed: "P", result.Failed: "F", result.NotStarted: "N", result.Errored: "E"}

// hostileCorpus lists the submissions in testdata/hostile, each a copy of
// the fake kit's lessons/ folder with something wrong in it.
func hostileCorpus() []corpusCase {
	return []corpusCase{
		{name: "good", want: "PPPP", score: 7},
		{name: "infinite_loop", want: "EPPP", score: 6, reasons: map[string]string{"alpha/add": "timed out after 3s, still running in alpha.Add: an endless loop?"}},
		{name: "deadlock", want: "EPPP", score: 6, reasons: map[string]string{"alpha/add": "waiting (sync.Mutex.Lock) in alpha.Add (lessons/alpha/alpha.go:10): a deadlock?"}},
		{name: "panic_in_init", want: "EEPP", score: 4, reasons: map[string]string{"alpha/add": "crashed before any test ran: panic: boom in init", "alpha/mul": "boom in init"}},
		{name: "exit_in_init", want: "EEPP", score: 4, reasons: map[string]string{"alpha/add": "exited with status 0"}},
		{name: "exit_in_stub", want: "FPPE", score: 3, notes: map[string]int{"tamper": 1},
			reasons: map[string]string{"alpha/add": "unexpected call to os.Exit(0)", "beta/length": "exited with status 1 during the test"}},
		{name: "fake_test_file", want: "NNNN", score: 0, notes: map[string]int{"rejected": 1}},
		{name: "edited_tests", want: "NNNN", score: 0, notes: map[string]int{"rejected": 1}},
		{name: "imports_kit", want: "EEEE", score: 0, notes: map[string]int{"policy": 3},
			reasons: map[string]string{"alpha/add": `imports "github.com/convlings/convlings/solutions/alpha"`, "beta/length": `imports "github.com/convlings/convlings/padding"`}},
		{name: "subprocess", want: "EEEE", score: 0, notes: map[string]int{"policy": 2},
			reasons: map[string]string{"alpha/add": `imports "os/exec"`, "beta/total": "os.StartProcess"}},
		{name: "gobuild_goroot", want: "EEEE", score: 0, notes: map[string]int{"policy": 4},
			reasons: map[string]string{"alpha/add": `imports "go/build"`, "beta/total": "uses runtime.GOMAXPROCS"}},
		{name: "huge_binary", want: "EENN", score: 0, reasons: map[string]string{"alpha/add": "more than the 24 MiB allowed"}},
		{name: "dev_shm", want: "PPNN", score: 3},
		{name: "unsafe_reflect", want: "EEEE", score: 0, notes: map[string]int{"policy": 5},
			reasons: map[string]string{"alpha/add": `imports "unsafe"`, "beta/total": "assigns to http.DefaultClient"}},
		{name: "rewrites_files", want: "PPNN", score: 3},
		{name: "huge_output", want: "EPPP", score: 6, reasons: map[string]string{"alpha/add": "printed more than 256 KiB"}},
		{name: "memory_blowup", want: "EPPP", score: 6, reasons: map[string]string{"alpha/add": "ran out of memory (limit 256 MiB)"}},
		{name: "broken_lesson", want: "EEPP", score: 4, reasons: map[string]string{"alpha/add": `cannot use "a + b"`}},
		{name: "forged_output", want: "FPPP", score: 6, notes: map[string]int{"tamper": 2}, reasons: map[string]string{"alpha/add": "Add(1, 2) = -1, want 3"}},
		{name: "panic_in_goroutine", want: "EPPP", score: 6, reasons: map[string]string{"alpha/add": "panic: unrecoverable in a goroutine"}},
		{name: "bad_names", want: "PPPP", score: 7, notes: map[string]int{"rejected": 3, "ignored": 2}},
		{name: "goexit", want: "FPNN", score: 2},
		{name: "skip_cases", want: "EEPP", score: 4, notes: map[string]int{"tamper": 1},
			reasons: map[string]string{"alpha/add": "lesson code changed os.Args"}},
	}
}

// generatedCorpus makes the submissions that are archives, whole kits or
// hold symbolic links, in dir.
func generatedCorpus(t *testing.T, dir string) []corpusCase {
	solvedAlpha, err := os.ReadFile(filepath.Join(fakeKit, "solutions/alpha/alpha.go"))
	if err != nil {
		t.Fatal(err)
	}
	solvedBeta, err := os.ReadFile(filepath.Join(fakeKit, "solutions/beta/beta.go"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []corpusCase

	// A whole kit whose golden file was edited to match a wrong Add.
	kit := filepath.Join(dir, "edited_golden")
	checkertest.CopyTree(t, fakeKit, kit)
	checkertest.WriteFile(t, filepath.Join(kit, "golden/testdata/alpha/add.json"), `[{"name": "small", "A": 5, "B": 2, "want": 3}]`)
	checkertest.WriteFile(t, filepath.Join(kit, "lessons/alpha/alpha.go"), "package alpha\n\nfunc Add(a, b int) int { return a - b }\n\nfunc Mul(a, b int) int { return a * b }\n")
	cases = append(cases, corpusCase{name: "edited_golden", source: kit, want: "FPNN", score: 2, notes: map[string]int{"rejected": 1},
		reasons: map[string]string{"alpha/add": "Add(1, 2) = -1, want 3"}})

	// The whole kit, solved, zipped under one top folder as GitHub's
	// "Download ZIP" does, with the learner's clutter.
	files := map[string][]byte{}
	filepath.WalkDir(fakeKit, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(fakeKit, p)
			data, _ := os.ReadFile(p)
			files["convlings-main/"+filepath.ToSlash(rel)] = data
		}
		return nil
	})
	files["convlings-main/lessons/alpha/alpha.go"] = solvedAlpha
	files["convlings-main/lessons/beta/beta.go"] = solvedBeta
	files["__MACOSX/convlings-main/._alpha.go"] = []byte("junk")
	files["convlings-main/.DS_Store"] = []byte("junk")
	cases = append(cases, corpusCase{name: "wrapped_kit.zip", source: writeZip(t, dir, "wrapped_kit.zip", files, nil), want: "PPPP", score: 7})

	// A lessons folder as .tar.gz whose beta is a symbolic link.
	cases = append(cases, corpusCase{name: "symlink.tar.gz", want: "PPNN", score: 3, notes: map[string]int{"ignored": 1},
		source: writeTarGz(t, dir, "symlink.tar.gz", []tarEntry{
			{name: "lessons/alpha/alpha.go", data: solvedAlpha},
			{name: "lessons/beta/beta.go", link: "/etc/passwd", typ: tar.TypeSymlink},
			{name: "lessons/beta/beta_test.go", link: "../../../../etc/shadow", typ: tar.TypeLink},
		})})

	// A folder with a symbolic link in it.
	linked := filepath.Join(dir, "symlink_dir")
	checkertest.WriteFile(t, filepath.Join(linked, "lessons/alpha/alpha.go"), string(solvedAlpha))
	if err := os.MkdirAll(filepath.Join(linked, "lessons/beta"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(linked, "lessons/beta/beta.go")); err != nil {
		t.Fatal(err)
	}
	cases = append(cases, corpusCase{name: "symlink_dir", source: linked, want: "PPNN", score: 3, notes: map[string]int{"ignored": 1}})

	// Archives that must be rejected whole.
	cases = append(cases,
		corpusCase{name: "not_kit.zip", notGraded: "not a convlings kit",
			source: writeZip(t, dir, "not_kit.zip", map[string][]byte{"README.txt": []byte("my homework"), "main.go": []byte("package main\n")}, nil)},
		corpusCase{name: "zip_slip.zip", notGraded: `entry "../../evil.go" escapes`,
			source: writeZip(t, dir, "zip_slip.zip", map[string][]byte{"lessons/alpha/alpha.go": solvedAlpha, "../../evil.go": []byte("package evil\n")}, nil)},
		corpusCase{name: "zip_symlink.zip", want: "PPNN", score: 3, notes: map[string]int{"ignored": 1},
			source: writeZip(t, dir, "zip_symlink.zip", map[string][]byte{"lessons/alpha/alpha.go": solvedAlpha}, map[string]string{"lessons/beta/beta.go": "/etc/passwd"})},
		corpusCase{name: "absolute.tar.gz", notGraded: "has an absolute path",
			source: writeTarGz(t, dir, "absolute.tar.gz", []tarEntry{{name: "lessons/alpha/alpha.go", data: solvedAlpha}, {name: "/tmp/convlings-evil.go", data: []byte("package evil\n")}})},
		corpusCase{name: "dotdot.tar.gz", notGraded: "escapes",
			source: writeTarGz(t, dir, "dotdot.tar.gz", []tarEntry{{name: "lessons/alpha/../../../evil.go", data: []byte("package evil\n")}})},
		corpusCase{name: "bomb.zip", notGraded: "unpacks to more than 20 MiB",
			source: writeZip(t, dir, "bomb.zip", map[string][]byte{"lessons/alpha/alpha.go": make([]byte, 21<<20)}, nil)},
		corpusCase{name: "corrupt.zip", notGraded: "unsafe or broken archive",
			source: writeRaw(t, dir, "corrupt.zip", []byte("PK\x03\x04 this is not really a zip"))},
	)
	return cases
}

func writeRaw(t *testing.T, dir, name string, data []byte) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeZip writes a zip with the given files and symbolic links, entry
// names taken as they are (even "../x").
func writeZip(t *testing.T, dir, name string, files map[string][]byte, links map[string]string) string {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for n, data := range files {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	for n, target := range links {
		h := &zip.FileHeader{Name: n, Method: zip.Store}
		h.SetMode(fs.ModeSymlink | 0o777)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(target))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return writeRaw(t, dir, name, buf.Bytes())
}

type tarEntry struct {
	name string
	data []byte
	link string
	typ  byte
}

func writeTarGz(t *testing.T, dir, name string, entries []tarEntry) string {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.data)), Typeflag: tar.TypeReg, ModTime: time.Unix(0, 0)}
		if e.typ != 0 {
			h.Typeflag, h.Linkname, h.Size = e.typ, e.link, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			tw.Write(e.data)
		}
	}
	if err := errors2(tw.Close(), gz.Close()); err != nil {
		t.Fatal(err)
	}
	return writeRaw(t, dir, name, buf.Bytes())
}

func errors2(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// TestHostileCorpus grades every submission of the hostile corpus in one
// run, as an instructor would, and checks each row: the status of every
// exercise, the reason, the score and the notes; that the pristine kit and
// the submissions are unchanged; and that every report is written.
func TestHostileCorpus(t *testing.T) {
	t.Parallel()
	isolations := []bool{true}
	if os.Geteuid() == 0 && sandbox.Supported {
		// Also as the checker's own user, as a non-root instructor runs it.
		isolations = append(isolations, false)
	}
	for _, isolate := range isolations {
		name := "same_user"
		if isolate && os.Geteuid() == 0 && sandbox.Supported {
			name = "own_user"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			gradeCorpus(t, isolate)
		})
	}
}

func gradeCorpus(t *testing.T, isolate bool) {
	gen := t.TempDir()
	cases := hostileCorpus()
	for i := range cases {
		cases[i].source = filepath.Join("testdata/hostile", cases[i].name)
	}
	cases = append(cases, generatedCorpus(t, gen)...)
	var sources []string
	before := map[string]string{}
	for _, c := range cases {
		sources = append(sources, c.source)
		before[c.source] = checkertest.TreeHash(t, c.source)
	}
	kitBefore := checkertest.TreeHash(t, fakeKit)

	kit := checkertest.LoadKit(t, fakeKit)
	opts := grade.Options{Harness: harnessSource(), Timeout: 3 * time.Second, BuildTimeout: 2 * time.Minute, MemMiB: 256, OutputCap: 256 << 10,
		Jobs: max(2, runtime.GOMAXPROCS(0)), IsolateUser: isolate, BaseUID: 61100, MaxBinary: 24 << 20}
	if !isolate {
		opts.BaseUID = 0
	}
	rows, g, err := grade.GradeAll(context.Background(), kit, opts, sources, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	out := t.TempDir()
	if err := report.WriteAll(g.Course(), out, rows, "en"); err != nil {
		t.Fatal(err)
	}

	wantLevel := result.IsolationNone
	if isolate && os.Geteuid() == 0 && sandbox.Supported {
		wantLevel = result.IsolationUser
		if sandbox.Namespaces() == nil {
			wantLevel = result.IsolationNamespaces
		}
	}
	for i, c := range cases {
		row := rows[i]
		if row.Under.Isolation != wantLevel {
			t.Errorf("%s: graded under isolation %q, want %q", c.name, row.Under.Isolation, wantLevel)
		}
		var got strings.Builder
		for _, r := range row.Results {
			got.WriteString(statusLetter[r.Status])
		}
		if c.notGraded != "" {
			if row.Graded || !strings.Contains(row.Error, c.notGraded) {
				t.Errorf("%s: graded=%v error %q, want ungradable with %q", c.name, row.Graded, row.Error, c.notGraded)
			}
			continue
		}
		if !row.Graded {
			t.Errorf("%s: not graded: %s", c.name, row.Error)
			continue
		}
		if got.String() != c.want || row.Score != c.score {
			t.Errorf("%s: statuses %s, score %v; want %s, %v\n%s", c.name, got.String(), row.Score, c.want, c.score, describeRow(row))
		}
		for id, want := range c.reasons {
			found := false
			for _, r := range row.Results {
				if r.Exercise.ID() == id && strings.Contains(r.Reason+"\n"+r.Message, want) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %s: reason does not mention %q\n%s", c.name, id, want, describeRow(row))
			}
		}
		count := map[string]int{}
		for _, n := range row.Notes {
			count[n.Kind]++
		}
		for kind, n := range c.notes {
			if count[kind] < n {
				t.Errorf("%s: %d %s notes, want at least %d: %v", c.name, count[kind], kind, n, row.Notes)
			}
		}
		if c.notes["tamper"] == 0 && count["tamper"] > 0 {
			t.Errorf("%s: unexpected tamper notes: %v", c.name, row.Notes)
		}
	}
	for _, c := range cases {
		if checkertest.TreeHash(t, c.source) != before[c.source] {
			t.Errorf("%s: grading changed the submission", c.name)
		}
	}
	if checkertest.TreeHash(t, fakeKit) != kitBefore {
		t.Errorf("grading changed the pristine kit")
	}
	if wantLevel == result.IsolationNamespaces {
		// Nothing a run writes outlives it: /dev/shm and /tmp are the
		// run's own (dev_shm writes there as its sandbox user).
		for _, pattern := range []string{"/dev/shm/convlings-hostile-6*", "/tmp/convlings-hostile-6*"} {
			left, _ := filepath.Glob(pattern)
			for _, f := range left {
				t.Errorf("left behind by a run: %s", f)
				os.Remove(f)
			}
		}
	}
	checkReports(t, out, rows, kit)
	if t.Failed() || testing.Verbose() {
		var table strings.Builder
		for i, row := range rows {
			table.WriteString(cases[i].name + ": " + describeRow(row) + "\n")
		}
		t.Logf("rows:\n%s", table.String())
	}
}

func describeRow(row *grade.Row) string {
	var b strings.Builder
	if !row.Graded {
		return "not graded: " + row.Error
	}
	b.WriteString(result.FormatPoints(row.Score) + "/" + result.FormatPoints(row.MaxScore))
	for _, r := range row.Results {
		b.WriteString("\n    " + r.Exercise.ID() + " " + string(r.Status))
		if r.Reason != "" {
			b.WriteString(": " + r.Reason)
		}
		if r.Status != result.Passed && r.Message != "" {
			b.WriteString(" | " + strings.ReplaceAll(result.Clip(r.Message, 160), "\n", " ⏎ "))
		}
	}
	for _, n := range row.Notes {
		b.WriteString("\n    note " + n.String())
	}
	return b.String()
}

// checkReports checks that every report has the fields its published
// schema requires, and that the gradebook has a row per submission.
func checkReports(t *testing.T, out string, rows []*grade.Row, kit *kit.Kit) {
	t.Helper()
	read := func(p string) []byte {
		data, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	// Every output against its platform's spec (checkertest.Validate*).
	n := len(kit.Manifest.Exercises())
	for _, row := range rows {
		status, _, tests, err := checkertest.ValidateExercism(read(row.ID + "/results.json"))
		if err != nil {
			t.Errorf("%s: %v", row.ID, err)
		}
		if row.Graded && status != "error" && len(tests) != n || !row.Graded && status != "error" {
			t.Errorf("%s/results.json: status %v, %d tests", row.ID, status, len(tests))
		}
		if score, _, _, _, err := checkertest.ValidateGradescope(read(row.ID + "/gradescope/results.json")); err != nil || score != row.Score {
			t.Errorf("%s: Gradescope score %v (%v), want %v", row.ID, score, err, row.Score)
		}
		total, _, err := checkertest.ReporterPoints(string(read(row.ID + "/classroom.b64")))
		if err != nil || total != row.Score {
			t.Errorf("%s: the Classroom reporter would post %v (%v), want %v", row.ID, total, err, row.Score)
		}
		md := read(row.ID + "/feedback.md")
		if !bytes.HasPrefix(md, []byte("# convlings: feedback for ")) {
			t.Errorf("%s: feedback.md: %q", row.ID, result.Clip(string(md), 80))
		}
	}
	f, err := os.Open(filepath.Join(out, "gradebook.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	lessons := len(kit.Manifest.Lessons)
	if len(recs) != len(rows)+1 || len(recs[0]) != 6+lessons+3 {
		t.Errorf("gradebook.csv: %d rows of %d columns, want %d of %d", len(recs), len(recs[0]), len(rows)+1, 6+lessons+3)
	}
	for i, row := range rows {
		if recs[i+1][0] != row.ID || recs[i+1][6+lessons] != result.FormatPoints(row.Score) {
			t.Errorf("gradebook row %d: %v, want %s with total %v", i+1, recs[i+1], row.ID, row.Score)
		}
	}
}

// TestSubmissionBudget: lesson code that sleeps in every exercise costs
// the grader the submission's budget, not a timeout per exercise.
func TestSubmissionBudget(t *testing.T) {
	t.Parallel()
	kit := checkertest.LoadKit(t, fakeKit)
	opts := grade.Options{Harness: harnessSource(), Timeout: 3 * time.Second, BuildTimeout: 2 * time.Minute, MemMiB: 256, OutputCap: 256 << 10,
		Jobs: 1, IsolateUser: true, BaseUID: 61700, Budget: 4 * time.Second}
	rows, g, err := grade.GradeAll(context.Background(), kit, opts, []string{"testdata/hostile/sleepy"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	row := rows[0]
	budget := 0
	for _, r := range row.Results {
		if r.Status != result.Errored {
			t.Errorf("%s: %s, want an error", r.Exercise.ID(), r.Status)
		}
		if strings.Contains(r.Reason, "time budget") {
			budget++
		}
	}
	// The first lesson's run times out on its own (3s); the budget (4s)
	// stops the rest, where per-run timeouts alone would take 12s.
	if budget == 0 || row.Results[len(row.Results)-1].Reason == "" || !strings.Contains(row.Results[len(row.Results)-1].Reason, "time budget") {
		t.Errorf("no exercise was stopped by the budget:\n%s", describeRow(row))
	}
}
