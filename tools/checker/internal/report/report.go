package report

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// Options say how the reports are written.
type Options struct {
	// Lang is the language of feedback.md: "en" or "ko".
	Lang string
	// Lesson, when set, limits the Exercism results.json to that lesson's
	// tests (Exercism grades one exercise slug at a time).
	Lesson string
	// Visibility is Gradescope's visibility of the whole result, and
	// HiddenVisibility that of the tests of the hidden cases: visible,
	// after_due_date, after_published or hidden. Empty means visible.
	Visibility, HiddenVisibility string
	// Leaderboard adds Gradescope's leaderboard entries.
	Leaderboard bool
}

// Visibilities are Gradescope's visibility values.
var Visibilities = []string{"visible", "after_due_date", "after_published", "hidden"}

// Check returns an error naming the option and value that is not valid.
func (o Options) Check(m *kit.Manifest) error {
	for _, v := range []struct{ name, value string }{{"-visibility", o.Visibility}, {"-hidden-visibility", o.HiddenVisibility}} {
		if v.value != "" && !oneOf(v.value, Visibilities) {
			return fmt.Errorf("%s %q: want one of %s", v.name, v.value, strings.Join(Visibilities, ", "))
		}
	}
	if o.Lang != "" && o.Lang != "en" && o.Lang != "ko" {
		return fmt.Errorf("-lang %q: want en or ko", o.Lang)
	}
	if o.Lesson != "" && m.Lesson(o.Lesson) == nil {
		var names []string
		for _, l := range m.Lessons {
			names = append(names, l.Name)
		}
		return fmt.Errorf("-lesson %q: not a lesson of the kit (%s)", o.Lesson, strings.Join(names, ", "))
	}
	return nil
}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

func (o Options) visibility() string {
	if o.Visibility == "" {
		return "visible"
	}
	return o.Visibility
}

func (o Options) hiddenVisibility() string {
	if o.HiddenVisibility == "" {
		return o.visibility()
	}
	return o.HiddenVisibility
}

func (o Options) lang() string {
	if o.Lang == "" {
		return "en"
	}
	return o.Lang
}

// failureText is the message of a result that did not pass: the reason,
// then the details, with their unsafe runes escaped (plain).
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
	return plain(strings.Join(parts, "\n"))
}

// firstFailing is the first case a result failed, as a call and its
// expected answer, with their unsafe runes escaped. It comes only from
// what the grader recorded (Result.Failing, which the worker path reads
// from the golden suites' case records), never from a message's text: a
// message holds what lesson code returned, printed or panicked with, and
// lesson code can write a line that reads like a failing case. nil when
// the result passed or the grader recorded none (the -harness path, an
// exercise that errored).
func firstFailing(r *result.Result) *result.Failing {
	if r.Status == result.Passed || r.Failing == nil {
		return nil
	}
	f := *r.Failing
	f.Call, f.Want = plain(f.Call), plain(f.Want)
	return &f
}

// noRecord reports whether a result failed its cases with no record of
// the first failing one: the reports then say so, rather than guess it
// from the message.
func noRecord(r *result.Result) bool {
	return r.Status == result.Failed && firstFailing(r) == nil
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
		if pl == nil {
			continue
		}
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

// writeRow writes the reports of one submission under out/<id>/.
func writeRow(c *grade.Course, out string, row *grade.Row, o Options) error {
	dir := filepath.Join(out, row.ID)
	if err := os.MkdirAll(filepath.Join(dir, "gradescope"), 0o755); err != nil {
		return err
	}
	ex, err := ExercismJSON(c, row, o)
	if err != nil {
		return err
	}
	gs, err := GradescopeJSON(c, row, o)
	if err != nil {
		return err
	}
	cr, err := ClassroomJSON(c, row)
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{"results.json", ex},
		{"gradescope/results.json", gs},
		{"classroom.json", cr},
		{"classroom.b64", []byte(base64.StdEncoding.EncodeToString(cr) + "\n")},
		{"feedback.md", []byte(Feedback(c, row, o.lang()))},
	}
	for _, f := range files {
		if err := kit.WriteFileAtomic(filepath.Join(dir, filepath.FromSlash(f.name)), f.data); err != nil {
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

// summaryRow is one submission in summary.json.
type summaryRow struct {
	*grade.Row
	Exercises []result.ExerciseJSON `json:"exercises"`
}

func writeSummary(c *grade.Course, out string, rows []*grade.Row, lang string) error {
	var all []summaryRow
	for _, row := range rows {
		// Text from the submission, escaped as in every other output.
		safe := *row
		safe.Error = plain(row.Error)
		safe.Notes = make([]result.Note, len(row.Notes))
		for i, n := range row.Notes {
			safe.Notes[i] = result.Note{Kind: n.Kind, Path: plain(n.Path), Text: plain(n.Text)}
		}
		sr := summaryRow{Row: &safe, Exercises: []result.ExerciseJSON{}}
		for _, r := range ordered(c, row) {
			j := result.JSON(r, lang)
			j.Reason, j.Message, j.Output, j.Failing = plain(j.Reason), plain(j.Message), plain(j.Output), firstFailing(r)
			sr.Exercises = append(sr.Exercises, j)
		}
		all = append(all, sr)
	}
	data, err := marshalIndent(all)
	if err != nil {
		return err
	}
	return kit.WriteFileAtomic(filepath.Join(out, "summary.json"), data)
}

// WriteAll writes every report and the gradebook, with feedback in lang
// and the other options at their defaults.
func WriteAll(c *grade.Course, out string, rows []*grade.Row, lang string) error {
	return Write(c, out, rows, Options{Lang: lang})
}

// Write writes every report of every row under out/<id>/, then
// gradebook.csv and summary.json. Every file is written to a temporary
// name and renamed, so a crash never leaves half a report.
func Write(c *grade.Course, out string, rows []*grade.Row, o Options) error {
	if err := o.Check(c.Manifest); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, r := range rows {
		if err := writeRow(c, out, r, o); err != nil {
			return err
		}
	}
	if err := writeGradebook(c, out, rows); err != nil {
		return err
	}
	return writeSummary(c, out, rows, o.lang())
}
