package report

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/testlog"
)

// The per-submission reports and the class gradebook. Every file is
// written to a temporary name and renamed, so a crash never leaves half a
// report.

// exercismResults is the Exercism test runner interface, version 3
// (exercism/docs: building/tooling/test-runners/interface.md), with score
// and max_score added per test and overall, as the GitHub Classroom Python
// grader does.
type exercismResults struct {
	Version  int            `json:"version"`
	Status   string         `json:"status"`            // pass, fail, error
	Message  string         `json:"message,omitempty"` // only when status is error
	Tests    []exercismTest `json:"tests"`
	Score    float64        `json:"score"`
	MaxScore float64        `json:"max_score"`
}

type exercismTest struct {
	Name     string  `json:"name"`
	Status   string  `json:"status"` // pass, fail, error
	TestCode string  `json:"test_code"`
	Message  string  `json:"message,omitempty"`
	Output   string  `json:"output,omitempty"` // what the lesson code printed, at most 500 characters
	TaskID   int     `json:"task_id"`
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
}

func exercismStatus(st result.Status) string {
	switch st {
	case result.Passed:
		return "pass"
	case result.Errored:
		return "error"
	}
	return "fail"
}

// failureText is the message of a result that did not pass: the reason,
// then the details.
func failureText(r *result.Result) string {
	if r.Status == result.Passed {
		return ""
	}
	parts := []string{}
	if r.Reason != "" {
		parts = append(parts, r.Reason)
	}
	if r.Message != "" {
		parts = append(parts, r.Message)
	}
	if len(parts) == 0 {
		parts = append(parts, string(r.Status))
	}
	return strings.Join(parts, "\n")
}

func exercism(c *grade.Course, row *grade.Row) exercismResults {
	out := exercismResults{Version: 3, Tests: []exercismTest{}, Score: row.Score, MaxScore: row.MaxScore}
	if !row.Graded {
		out.Status, out.Message = "error", row.Error
		return out
	}
	out.Status = "pass"
	for _, r := range ordered(c, row) {
		ex := r.Exercise
		pl := c.Lessons[ex.Lesson.Name]
		t := exercismTest{
			Name:     ex.ID() + " (" + ex.Test + ")",
			Status:   exercismStatus(r.Status),
			TestCode: pl.TestCode[ex.Test],
			Message:  result.Clip(failureText(r), 8000),
			Output:   result.Clip(r.Output, 500),
			TaskID:   ex.Task,
			Score:    r.Points(),
			MaxScore: ex.Points,
		}
		if t.Status != "pass" {
			out.Status = "fail"
		}
		out.Tests = append(out.Tests, t)
	}
	return out
}

// ordered returns a row's results in test file order: lesson by lesson in
// course order, and within a lesson in the order of the test functions in
// their files.
func ordered(c *grade.Course, row *grade.Row) []*result.Result {
	byTest := map[string]*result.Result{}
	for _, r := range row.Results {
		byTest[r.Exercise.ID()] = r
	}
	var out []*result.Result
	for _, l := range c.Manifest.Lessons {
		pl := c.Lessons[l.Name]
		for _, t := range pl.TestOrder {
			for _, ex := range l.Exercises {
				if ex.Test == t && byTest[ex.ID()] != nil {
					out = append(out, byTest[ex.ID()])
				}
			}
		}
	}
	return out
}

// gradescopeResults is Gradescope's results.json
// (gradescope-autograders.readthedocs.io/en/latest/specs/).
type gradescopeResults struct {
	Score            float64          `json:"score"`
	ExecutionTime    float64          `json:"execution_time"`
	Output           string           `json:"output"`
	OutputFormat     string           `json:"output_format"`
	TestOutputFormat string           `json:"test_output_format"`
	Visibility       string           `json:"visibility"`
	StdoutVisibility string           `json:"stdout_visibility"`
	Tests            []gradescopeTest `json:"tests"`
}

type gradescopeTest struct {
	Score         float64  `json:"score"`
	MaxScore      float64  `json:"max_score"`
	Status        string   `json:"status"` // passed, failed
	Name          string   `json:"name"`
	Number        string   `json:"number"`
	Output        string   `json:"output"`
	Visibility    string   `json:"visibility"`
	Tags          []string `json:"tags"`
	ExecutionTime float64  `json:"execution_time"`
}

func gradescope(c *grade.Course, row *grade.Row) gradescopeResults {
	out := gradescopeResults{
		Score: row.Score, ExecutionTime: row.Timing.Total.Seconds(),
		OutputFormat: "md", TestOutputFormat: "text", Visibility: "visible", StdoutVisibility: "hidden",
		Tests: []gradescopeTest{},
	}
	var summary strings.Builder
	if !row.Graded {
		fmt.Fprintf(&summary, "**The submission could not be graded:** %s\n", row.Error)
	}
	fmt.Fprintf(&summary, "%s of %s points.\n", result.FormatPoints(row.Score), result.FormatPoints(row.MaxScore))
	writeNotesMD(&summary, row.Notes)
	out.Output = summary.String()
	lessonIndex := map[string]int{}
	for i, l := range c.Manifest.Lessons {
		lessonIndex[l.Name] = i + 1
	}
	for _, r := range ordered(c, row) {
		ex := r.Exercise
		st := "failed"
		if r.Status == result.Passed {
			st = "passed"
		}
		text := failureText(r)
		if r.Output != "" {
			text += "\n\nOutput of your code:\n" + result.Clip(r.Output, 2000)
		}
		out.Tests = append(out.Tests, gradescopeTest{
			Score: r.Points(), MaxScore: ex.Points, Status: st,
			Name:   fmt.Sprintf("%s (%s)", ex.ID(), ex.Test),
			Number: fmt.Sprintf("%d.%d", lessonIndex[ex.Lesson.Name], ex.Task),
			Output: strings.TrimSpace(result.Clip(text, 8000)), Visibility: "visible",
			Tags: []string{ex.Lesson.Name}, ExecutionTime: r.Duration.Seconds(),
		})
	}
	return out
}

// ClassroomResult is the result of a GitHub Classroom autograding runner,
// version 1 (classroom-resources/autograding-command-grader), which the
// autograding-grading-reporter reads from the step output "result" as
// base64: it sums tests[].score into the "Points x/y" it reports.
type ClassroomResult struct {
	Version  int             `json:"version"`
	Status   string          `json:"status"` // pass, fail, error
	MaxScore float64         `json:"max_score"`
	Tests    []ClassroomTest `json:"tests"`
}

// ClassroomTest is one test of a ClassroomResult.
type ClassroomTest struct {
	Name     string  `json:"name"`
	Status   string  `json:"status"` // pass, fail, error
	Score    float64 `json:"score"`
	Message  string  `json:"message"`
	TestCode string  `json:"test_code"`
	Filename string  `json:"filename"`
	LineNo   int     `json:"line_no"`
	Duration int64   `json:"duration"` // milliseconds
}

func Classroom(c *grade.Course, row *grade.Row) ClassroomResult {
	out := ClassroomResult{Version: 1, Status: "pass", MaxScore: row.MaxScore, Tests: []ClassroomTest{}}
	if !row.Graded {
		out.Status = "error"
	}
	for _, r := range ordered(c, row) {
		ex := r.Exercise
		pl := c.Lessons[ex.Lesson.Name]
		file, line := pl.TestLine[ex.Test], 0
		if i := strings.LastIndexByte(file, ':'); i >= 0 {
			fmt.Sscan(file[i+1:], &line)
			file = file[:i]
		}
		st := exercismStatus(r.Status)
		if st != "pass" && out.Status == "pass" {
			out.Status = "fail"
		}
		out.Tests = append(out.Tests, ClassroomTest{
			Name: ex.ID(), Status: st, Score: r.Points(), Message: result.Clip(failureText(r), 2000),
			TestCode: fmt.Sprintf("go test ./lessons/%s -run '^%s$'", ex.Lesson.Name, ex.Test),
			Filename: file, LineNo: line, Duration: r.Duration.Milliseconds(),
		})
	}
	return out
}

// feedback is the Markdown a learner reads.
func feedback(c *grade.Course, row *grade.Row, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# convlings: feedback for %s\n\n", row.ID)
	if !row.Graded {
		fmt.Fprintf(&b, "**Your submission could not be graded:** %s\n\n", row.Error)
		fmt.Fprintf(&b, "Submit a folder, .zip or .tar.gz holding your copy of the kit, or of its `lessons/` folder.\n")
		writeNotesMD(&b, row.Notes)
		return b.String()
	}
	passed := 0
	for _, r := range row.Results {
		if r.Status == result.Passed {
			passed++
		}
	}
	fmt.Fprintf(&b, "**Score: %s of %s points** (%d of %d exercises pass)\n\n", result.FormatPoints(row.Score), result.FormatPoints(row.MaxScore), passed, len(row.Results))
	b.WriteString("| Lesson | Exercise | Points | Status |\n|---|---|---:|---|\n")
	marks := map[result.Status]string{result.Passed: "✅", result.Failed: "❌", result.NotStarted: "⬜", result.Errored: "⚠️"}
	for _, r := range ordered(c, row) {
		ex := r.Exercise
		st := i18n.Tr(lang, string(r.Status))
		if r.Reason != "" && r.Status != result.Passed {
			st += ": " + mdEscape(r.Reason)
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s/%s | %s %s |\n", mdEscape(ex.Lesson.Title.In(lang)), ex.ID(), result.FormatPoints(r.Points()), result.FormatPoints(ex.Points), marks[r.Status], st)
	}
	first := true
	for _, r := range ordered(c, row) {
		if r.Status == result.Passed || r.Status == result.NotStarted {
			continue
		}
		if first {
			b.WriteString("\n## What went wrong\n")
			first = false
		}
		ex := r.Exercise
		fmt.Fprintf(&b, "\n### %s (%s/%s)\n\n", ex.ID(), result.FormatPoints(r.Points()), result.FormatPoints(ex.Points))
		if r.Reason != "" {
			fmt.Fprintf(&b, "%s.\n\n", mdEscape(upperFirst(r.Reason)))
		}
		if r.Message != "" {
			fmt.Fprintf(&b, "```text\n%s\n```\n\n", strings.ReplaceAll(testlog.Head(result.Clip(r.Message, 6000), 40), "```", "'''"))
		}
		if r.Output != "" {
			fmt.Fprintf(&b, "Your code printed:\n\n```text\n%s\n```\n\n", strings.ReplaceAll(testlog.Head(result.Clip(r.Output, 1500), 15), "```", "'''"))
		}
		if link := ex.ReadmeLink(lang); link != "" {
			fmt.Fprintf(&b, "Read [%s](%s)", link, link)
		}
		if len(ex.Hints) > 0 {
			fmt.Fprintf(&b, ". A first hint: %s", mdEscape(ex.Hints[0].In(lang)))
		}
		b.WriteString("\n")
	}
	var todo []string
	for _, r := range ordered(c, row) {
		if r.Status == result.NotStarted {
			todo = append(todo, "`"+r.Exercise.ID()+"`")
		}
	}
	if len(todo) > 0 {
		fmt.Fprintf(&b, "\n## Not started yet\n\n%s\n", strings.Join(todo, ", "))
	}
	writeNotesMD(&b, row.Notes)
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// mdEscape keeps text from breaking a Markdown table.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// writeNotesMD lists the notes that matter to a learner: rejected files,
// broken rules, tampering, ignored files.
func writeNotesMD(b *strings.Builder, notes []result.Note) {
	if len(notes) == 0 {
		return
	}
	titles := map[string]string{
		"policy":   "Rules for lesson code that were broken",
		"rejected": "Files the grader did not use",
		"tamper":   "Signs of tampering",
		"ignored":  "Files that are not graded",
		"info":     "Notes",
	}
	for _, kind := range []string{"policy", "tamper", "rejected", "ignored", "info"} {
		var lines []string
		for _, n := range notes {
			if n.Kind != kind {
				continue
			}
			if n.Path != "" {
				lines = append(lines, fmt.Sprintf("- `%s`: %s", n.Path, n.Text))
			} else {
				lines = append(lines, "- "+n.Text)
			}
		}
		if len(lines) > 0 {
			if len(lines) > 30 {
				lines = append(lines[:30], fmt.Sprintf("- … and %d more", len(lines)-30))
			}
			fmt.Fprintf(b, "\n## %s\n\n%s\n", titles[kind], strings.Join(lines, "\n"))
		}
	}
}

// writeRow writes the reports of one submission under out/<id>/.
func writeRow(c *grade.Course, out string, row *grade.Row, lang string) error {
	dir := filepath.Join(out, row.ID)
	if err := os.MkdirAll(filepath.Join(dir, "gradescope"), 0o755); err != nil {
		return err
	}
	cr := Classroom(c, row)
	crJSON, err := json.Marshal(cr)
	if err != nil {
		return err
	}
	files := []struct {
		name string
		v    any
		raw  []byte
	}{
		{name: "results.json", v: exercism(c, row)},
		{name: "gradescope/results.json", v: gradescope(c, row)},
		{name: "classroom.json", v: cr},
		{name: "classroom.b64", raw: []byte(base64.StdEncoding.EncodeToString(crJSON) + "\n")},
		{name: "feedback.md", raw: []byte(feedback(c, row, lang))},
	}
	for _, f := range files {
		data := f.raw
		if f.v != nil {
			data, err = marshalIndent(f.v)
			if err != nil {
				return err
			}
		}
		if err := kit.WriteFileAtomic(filepath.Join(dir, filepath.FromSlash(f.name)), data); err != nil {
			return err
		}
	}
	return nil
}

func marshalIndent(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeGradebook writes gradebook.csv: one row per submission, one column
// per exercise with the points earned, then the total, the maximum, and
// whether the submission could be graded.
func writeGradebook(c *grade.Course, out string, rows []*grade.Row) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := []string{"submission"}
	exs := c.Manifest.Exercises()
	for _, ex := range exs {
		header = append(header, fmt.Sprintf("%s (%s)", ex.ID(), result.FormatPoints(ex.Points)))
	}
	header = append(header, "total", "max", "graded", "notes")
	w.Write(header)
	for _, row := range rows {
		rec := []string{row.ID}
		byID := map[string]*result.Result{}
		for _, r := range row.Results {
			byID[r.Exercise.ID()] = r
		}
		for _, ex := range exs {
			if r := byID[ex.ID()]; r != nil {
				rec = append(rec, result.FormatPoints(r.Points()))
			} else {
				rec = append(rec, "0")
			}
		}
		note := row.Error
		if row.Graded {
			var kinds []string
			count := map[string]int{}
			for _, n := range row.Notes {
				count[n.Kind]++
			}
			for _, k := range []string{"policy", "tamper", "rejected"} {
				if count[k] > 0 {
					kinds = append(kinds, fmt.Sprintf("%d %s", count[k], k))
				}
			}
			note = strings.Join(kinds, ", ")
		}
		rec = append(rec, result.FormatPoints(row.Score), result.FormatPoints(row.MaxScore), fmt.Sprint(row.Graded), note)
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return kit.WriteFileAtomic(filepath.Join(out, "gradebook.csv"), buf.Bytes())
}

// summaryRow is one submission in summary.json.
type summaryRow struct {
	*grade.Row
	Exercises []result.ExerciseJSON `json:"exercises"`
}

func writeSummary(c *grade.Course, out string, rows []*grade.Row, lang string) error {
	var all []summaryRow
	for _, row := range rows {
		sr := summaryRow{Row: row, Exercises: []result.ExerciseJSON{}}
		for _, r := range ordered(c, row) {
			sr.Exercises = append(sr.Exercises, result.JSON(r, lang))
		}
		all = append(all, sr)
	}
	data, err := marshalIndent(all)
	if err != nil {
		return err
	}
	return kit.WriteFileAtomic(filepath.Join(out, "summary.json"), data)
}

// WriteAll writes every report and the gradebook.
func WriteAll(c *grade.Course, out string, rows []*grade.Row, lang string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, r := range rows {
		if err := writeRow(c, out, r, lang); err != nil {
			return err
		}
	}
	if err := writeGradebook(c, out, rows); err != nil {
		return err
	}
	return writeSummary(c, out, rows, lang)
}
