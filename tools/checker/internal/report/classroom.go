package report

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// ClassroomMax is the most bytes the base64 step output "result" may
// take: the reporter reads it from one environment variable, and Linux
// allows one variable 128 KiB (MAX_ARG_STRLEN), shared with its name and
// the rest of the step's environment. Messages are shortened to fit;
// scores never are.
const ClassroomMax = 100 << 10

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

func classroom(c *grade.Course, row *grade.Row, clip int) ClassroomResult {
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
		code := fmt.Sprintf("go test ./lessons/%s -run '^%s$'", ex.Lesson.Name, ex.Test)
		if f := firstFailing(r); f != nil {
			code += result.Clip(fmt.Sprintf("\n%s // want %s", f.Call, f.Want), max(clip, 200))
		}
		out.Tests = append(out.Tests, ClassroomTest{
			Name: ex.ID(), Status: st, Score: r.Points(), Message: result.Clip(failureText(r), clip),
			TestCode: code, Filename: file, LineNo: line, Duration: r.Duration.Milliseconds(),
		})
	}
	return out
}

// Classroom returns a row's Classroom result, its messages shortened so
// that its base64 stays within ClassroomMax.
func Classroom(c *grade.Course, row *grade.Row) ClassroomResult {
	var cr ClassroomResult
	for _, clip := range []int{2000, 500, 100, 0} {
		cr = classroom(c, row, clip)
		data, err := json.Marshal(cr)
		if err == nil && base64.StdEncoding.EncodedLen(len(data)) <= ClassroomMax {
			break
		}
	}
	return cr
}

// ClassroomJSON returns Classroom(c, row) as compact JSON: the bytes whose
// base64 is the step output "result".
func ClassroomJSON(c *grade.Course, row *grade.Row) ([]byte, error) {
	return json.Marshal(Classroom(c, row))
}
