package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// GradebookHeader is the first columns of gradebook.csv. Canvas's grade
// import identifies a student by "Student" (name), "ID", "SIS User ID" or
// "SIS Login ID" and needs "Section"; it turns every further column it
// does not know into an assignment, so the points columns are named
// "convlings <lesson> (<max>)" and "convlings total (<max>)". Moodle's CSV
// import maps any column to the user's ID number, username or email, and
// any other column to a grade item. The student id is the submission's id
// (its file or folder name), in "SIS Login ID" and "Student"; "Submitted"
// is when the submission was last changed (UTC, RFC 3339). Columns
// Canvas cannot read ("Submitted", "Graded", "Notes") are ignored by it
// once you leave them unmapped.
var GradebookHeader = []string{"Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Submitted"}

// submittedAt is when a submission was last changed: its file's time, or
// a folder's newest file's. Empty when it cannot be read.
func submittedAt(source string) string {
	fi, err := os.Stat(source)
	if err != nil {
		return ""
	}
	t := fi.ModTime()
	if fi.IsDir() {
		filepath.WalkDir(source, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil && info.ModTime().After(t) {
				t = info.ModTime()
			}
			return nil
		})
	}
	return t.UTC().Format(time.RFC3339)
}

// writeGradebook writes gradebook.csv: one row per submission with its
// student id, submission time, points per lesson and in all, whether it
// was graded, and its notes. Every cell is neutralised against spreadsheet
// formulas.
func writeGradebook(c *grade.Course, out string, rows []*grade.Row) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := append([]string{}, GradebookHeader...)
	for _, l := range c.Manifest.Lessons {
		lmax := 0.0
		for _, ex := range l.Exercises {
			lmax += ex.Points
		}
		header = append(header, fmt.Sprintf("convlings %s (%s)", l.Name, result.FormatPoints(lmax)))
	}
	header = append(header, fmt.Sprintf("convlings total (%s)", result.FormatPoints(c.Manifest.MaxPoints())), "Graded", "Notes")
	w.Write(header)
	for _, row := range rows {
		rec := []string{row.ID, "", "", row.ID, "", submittedAt(row.Source)}
		byLesson := map[string]float64{}
		for _, r := range row.Results {
			byLesson[r.Exercise.Lesson.Name] += r.Points()
		}
		for _, l := range c.Manifest.Lessons {
			rec = append(rec, result.FormatPoints(byLesson[l.Name]))
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
		rec = append(rec, result.FormatPoints(row.Score), fmt.Sprint(row.Graded), note)
		for i := range rec {
			rec[i] = csvCell(rec[i])
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return kit.WriteFileAtomic(filepath.Join(out, "gradebook.csv"), buf.Bytes())
}
