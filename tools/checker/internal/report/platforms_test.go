package report

import (
	"encoding/base64"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/convlings/convlings/tools/checker/internal/checkertest"
	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// hostileNames are file names and texts a submission can carry into the
// reports.
var hostileNames = []string{
	"lessons/alpha/<img src=x onerror=alert(1)>.go",
	"lessons/alpha/back`tick``.go",
	"lessons/alpha/new\nline.go",
	"lessons/alpha/*bold* [link](http://x) | cell.go",
}

func hostileRow(c *grade.Course) *grade.Row {
	exs := c.Manifest.Exercises()
	row := &grade.Row{ID: "=HYPERLINK(\"http://x\")", Graded: true, MaxScore: 5, Results: []*result.Result{
		{Exercise: exs[0], Status: result.Failed, Reason: "found no lessons/<lesson>/ folder", Message: "``` fence\n<script>x</script>"},
		{Exercise: exs[1], Status: result.Errored, Reason: "timed out after 10s, still running in alpha.Mul: an endless loop?", Output: "+cmd|' /C calc'!A0"},
	}}
	for _, n := range hostileNames {
		row.Notes = append(row.Notes, result.Note{Kind: "ignored", Path: n, Text: "only .go files are graded"})
	}
	return row
}

// TestEscaping: nothing a submission names becomes a tag, a link, a new
// line of a list, or a spreadsheet formula.
func TestEscaping(t *testing.T) {
	c, _, _ := course(t)
	row := hostileRow(c)
	out := t.TempDir()
	if err := Write(c, out, []*grade.Row{row}, Options{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	gs, err := GradescopeJSON(c, row, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, output, _, err := checkertest.ValidateGradescope(gs)
	if err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(out, row.ID, "feedback.md"))
	if err != nil {
		// The id is a folder name chosen by grading; here it is the raw text.
		t.Fatal(err)
	}
	for name, text := range map[string]string{"feedback.md": string(md), "Gradescope output": output} {
		outside := stripCode(text)
		for _, bad := range []string{"<img", "<lesson>", "<script", "](http"} {
			if strings.Contains(outside, bad) {
				t.Errorf("%s has %q outside code:\n%s", name, bad, text)
			}
		}
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(line, "line.go") {
				t.Errorf("%s: a file name's newline started a line:\n%s", name, text)
			}
		}
	}
	if !strings.Contains(string(md), "lessons/&lt;lesson&gt;/") || !strings.Contains(string(md), "````text\n``` fence") {
		t.Errorf("feedback.md does not escape the reason or fence the message:\n%s", md)
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
	for _, rec := range recs[1:] {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("gradebook cell %q would run as a formula", cell)
			}
		}
	}
}

// stripCode removes fenced code blocks and code spans, which a renderer
// shows as literal text, as CommonMark delimits them: a span closes at
// the next run of exactly as many backticks as opened it.
func stripCode(s string) string {
	var lines []string
	fence := ""
	for _, line := range strings.Split(s, "\n") {
		if fence != "" {
			if strings.TrimSpace(line) == fence {
				fence = ""
			}
			continue
		}
		if t := strings.TrimLeft(line, "`"); len(line)-len(t) >= 3 {
			fence = line[:len(line)-len(t)]
			continue
		}
		lines = append(lines, line)
	}
	s = strings.Join(lines, "\n")
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '`' {
			b.WriteByte(s[i])
			i++
			continue
		}
		n := 0
		for i+n < len(s) && s[i+n] == '`' {
			n++
		}
		closed := false
		for j := i + n; j < len(s); {
			if s[j] != '`' {
				j++
				continue
			}
			m := 0
			for j+m < len(s) && s[j+m] == '`' {
				m++
			}
			if m == n {
				i, closed = j+m, true
				break
			}
			j += m
		}
		if !closed {
			b.WriteString(s[i : i+n])
			i += n
		}
	}
	return b.String()
}

// TestKoreanFeedback: with -lang ko, every sentence is Korean; English is
// left only in code (file names, calls, the compiler's words).
func TestKoreanFeedback(t *testing.T) {
	c, add, mul := course(t)
	row := &grade.Row{ID: "kim", Graded: true, Score: 0, MaxScore: 5, Results: []*result.Result{
		{Exercise: add, Status: result.Failed, Message: "Add(1, 2) = 4, want 3", Failing: &result.Failing{Call: "Add(1, 2)", Want: "3"}},
		{Exercise: mul, Status: result.Errored, Reason: "timed out after 10s, still running in alpha.Mul: an endless loop?", Output: "hello"},
	}, Notes: []result.Note{
		{Kind: "info", Path: "alpha.go", Text: "placed at lessons/alpha/alpha.go (by its package clause, package alpha)"},
		{Kind: "rejected", Path: "lessons/alpha/alpha_test.go", Text: "changed test file; the kit's copy is used"},
		{Kind: "tamper", Path: "lessons/alpha", Text: "a text the table does not know"},
	}}
	md := Feedback(c, row, "ko")
	prose := stripCode(md)
	allowed := map[string]bool{"convlings": true, "README": true, "package": true, "alpha": true, "lessons": true, "kim": true, "mul": true, "add": true, "Mul": true}
	for _, w := range regexp.MustCompile(`[A-Za-z]{3,}`).FindAllString(prose, -1) {
		if !allowed[w] {
			t.Errorf("English word %q outside code in the Korean feedback:\n%s", w, md)
			break
		}
	}
	for _, bad := range []string{"?.", "Score", "What went wrong", "A first hint"} {
		if strings.Contains(md, bad) {
			t.Errorf("Korean feedback has %q:\n%s", bad, md)
		}
	}
	for _, want := range []string{"점수: 5점 만점에 0점", "## 틀린 곳", "처음 틀린 경우: `Add(1, 2)`, 기대한 값은 `3`입니다.", "alpha.Mul에서 아직 실행 중", "무한 루프", "첫 번째 힌트: 더하세요.", "lessons/alpha/alpha.go에 두었습니다"} {
		if !strings.Contains(md, want) {
			t.Errorf("Korean feedback lacks %q:\n%s", want, md)
		}
	}
}

// TestExercismLimits: byte limits, unique task ids across lessons, and
// status error with the compiler's words when nothing compiles.
func TestExercismLimits(t *testing.T) {
	c, add, mul := course(t)
	huge := strings.Repeat("가", 400_000) // 1.2 MB of three-byte runes
	row := &grade.Row{ID: "x", Graded: true, MaxScore: 5, Results: []*result.Result{
		{Exercise: add, Status: result.Failed, Message: huge, Output: huge},
		{Exercise: mul, Status: result.Failed, Message: huge},
	}}
	data, err := ExercismJSON(c, row, Options{})
	if err != nil {
		t.Fatal(err)
	}
	status, _, tests, err := checkertest.ValidateExercism(data)
	if err != nil || status != "fail" || len(tests) != 2 {
		t.Fatalf("huge messages: %v, status %s, %d tests", err, status, len(tests))
	}
	if !strings.Contains(string(data), "Output was truncated. Please limit to 500 chars") {
		t.Error("a cut output does not say so")
	}

	nothing := &grade.Row{ID: "y", Graded: true, MaxScore: 5, Results: []*result.Result{
		{Exercise: add, Status: result.Errored, Reason: "does not compile", Message: "lessons/alpha/alpha.go:3:1: syntax error: unexpected }"},
		{Exercise: mul, Status: result.Errored, Reason: "does not compile", Message: "lessons/alpha/alpha.go:3:1: syntax error: unexpected }"},
	}}
	data, _ = ExercismJSON(c, nothing, Options{})
	status, msg, _, err := checkertest.ValidateExercism(data)
	if err != nil || status != "error" || msg != "lessons/alpha/alpha.go:3:1: syntax error: unexpected }" {
		t.Errorf("nothing compiles: %v, status %s, message %q; want error with the compiler's words once", err, status, msg)
	}
}

// TestClassroomLimit: a panic with a long message still fits the
// reporter's environment variable, and the scores are all there.
func TestClassroomLimit(t *testing.T) {
	c, add, mul := course(t)
	long := "panic: " + strings.Repeat("x", 300_000)
	row := &grade.Row{ID: "x", Graded: true, Score: 3, MaxScore: 5, Results: []*result.Result{
		{Exercise: add, Status: result.Errored, Reason: long, Message: long},
		{Exercise: mul, Status: result.Passed},
	}}
	data, err := ClassroomJSON(c, row)
	if err != nil {
		t.Fatal(err)
	}
	total, maxScore, err := checkertest.ReporterPoints(base64.StdEncoding.EncodeToString(data))
	if err != nil || total != 3 || maxScore != 5 {
		t.Errorf("the reporter would read %v/%v (%v); want 3/5 within %d bytes", total, maxScore, err, ClassroomMax)
	}
}

// TestGradescopeOptions: visibility of the result and of the hidden
// cases, and the leaderboard.
func TestGradescopeOptions(t *testing.T) {
	c, add, mul := course(t)
	row := &grade.Row{ID: "x", Graded: true, Score: 2, MaxScore: 5, Results: []*result.Result{
		{Exercise: add, Status: result.Passed, Public: result.Cases{Passed: 4, Total: 4}, Hidden: result.Cases{Passed: 3, Total: 3}},
		{Exercise: mul, Status: result.Failed, Public: result.Cases{Passed: 4, Total: 4}, Hidden: result.Cases{Passed: 1, Total: 3},
			Failing: &result.Failing{Call: "Mul(7, 0)", Want: "0", Hidden: true}},
	}}
	data, err := GradescopeJSON(c, row, Options{Visibility: "after_due_date", HiddenVisibility: "hidden", Leaderboard: true})
	if err != nil {
		t.Fatal(err)
	}
	score, vis, _, tests, err := checkertest.ValidateGradescope(data)
	if err != nil {
		t.Fatal(err)
	}
	hidden := 0
	for _, gt := range tests {
		if strings.HasSuffix(gt.Name, "(hidden cases)") {
			hidden++
			if gt.Visibility != "hidden" || gt.MaxScore != 0 {
				t.Errorf("%s: visibility %s, max %v; want hidden, 0", gt.Name, gt.Visibility, gt.MaxScore)
			}
		} else if gt.Visibility != "after_due_date" {
			t.Errorf("%s: visibility %s, want after_due_date", gt.Name, gt.Visibility)
		}
	}
	if score != 2 || vis != "after_due_date" || hidden != 2 || !strings.Contains(string(data), "Mul(7, 0)") || !strings.Contains(string(data), `"leaderboard"`) {
		t.Errorf("Gradescope results:\n%s", data)
	}
	if err := (Options{Visibility: "public"}).Check(c.Manifest); err == nil || !strings.Contains(err.Error(), `-visibility "public"`) {
		t.Errorf("a bad visibility: %v", err)
	}
}
