package report

import (
	"fmt"
	"strings"

	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// Exercism's limits (exercism/docs building/tooling/test-runners): a test's
// output at most 500 characters (counted here in bytes, which is stricter
// for Hangul), the top-level message at most 65,535, results.json at most
// 500 KB.
const (
	ExercismOutputMax  = 500
	ExercismMessageMax = 65535
	ExercismFileMax    = 500_000
	exercismTruncated  = "\nOutput was truncated. Please limit to 500 chars"
)

// exercismResults is the Exercism test runner interface, version 3
// (exercism/docs: building/tooling/test-runners/interface.md), with score
// and max_score added per test and overall, as the GitHub Classroom Python
// grader does.
type exercismResults struct {
	Version  int            `json:"version"`
	Status   string         `json:"status"`            // pass, fail, error
	Message  string         `json:"message,omitempty"` // only when status is error
	Tests    []exercismTest `json:"tests,omitempty"`   // absent when status is error
	Score    float64        `json:"score"`
	MaxScore float64        `json:"max_score"`
}

type exercismTest struct {
	Name     string  `json:"name"`
	Status   string  `json:"status"` // pass, fail, error
	TestCode string  `json:"test_code"`
	Message  string  `json:"message,omitempty"` // required for fail and error
	Output   string  `json:"output,omitempty"`  // what the lesson code printed, at most 500 bytes
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

// exercismOutput clips what lesson code printed to Exercism's 500 bytes,
// saying so inside the limit when it cuts.
func exercismOutput(s string) string {
	if len(s) <= ExercismOutputMax {
		return s
	}
	return strings.TrimSuffix(result.Clip(s, ExercismOutputMax-len(exercismTruncated)), "…") + exercismTruncated
}

// testCode is what Exercism shows as "Test Code:": the call of the first
// failing case with its expected answer when there is one, else the
// command that runs the test and what it checks.
func testCode(c *grade.Course, r *result.Result) string {
	ex := r.Exercise
	if f := firstFailing(r); f != nil {
		kind := "public"
		if f.Hidden {
			kind = "hidden"
		}
		return fmt.Sprintf("%s\n// want: %s\n// (the first failing %s case of %s)", f.Call, f.Want, kind, ex.Test)
	}
	if noRecord(r) {
		return fmt.Sprintf("// go test ./lessons/%s -run '^%s$'\n// (the grader kept no record of the first failing case: see the message)", ex.Lesson.Name, ex.Test)
	}
	return fmt.Sprintf("// go test ./lessons/%s -run '^%s$'\n// checks %s against the golden cases in golden/testdata/%s/%s/",
		ex.Lesson.Name, ex.Test, strings.Join(ex.Funcs, ", "), ex.Lesson.Name, ex.Test)
}

func exercism(c *grade.Course, row *grade.Row, o Options, clip int) exercismResults {
	out := exercismResults{Version: 3}
	if !row.Graded {
		out.Status, out.Message = "error", result.Clip(plain(row.Error), ExercismMessageMax)
		out.MaxScore = row.MaxScore
		return out
	}
	var rs []*result.Result
	for _, r := range ordered(c, row) {
		if o.Lesson == "" || r.Exercise.Lesson.Name == o.Lesson {
			rs = append(rs, r)
		}
	}
	// Task ids are unique within the file: with one lesson they are the
	// manifest's task numbers (the "## N." headings of its instructions.md),
	// with several they count on across the lessons.
	offset, lastLesson, lessonMax := 0, "", 0
	allCompile := true
	var compileMsgs []string
	seenMsg := map[string]bool{}
	out.Status = "pass"
	for _, r := range rs {
		ex := r.Exercise
		if ex.Lesson.Name != lastLesson {
			offset += lessonMax
			lastLesson, lessonMax = ex.Lesson.Name, 0
		}
		lessonMax = max(lessonMax, ex.Task)
		t := exercismTest{
			Name:     ex.ID() + " (" + ex.Test + ")",
			Status:   exercismStatus(r.Status),
			TestCode: testCode(c, r),
			Output:   exercismOutput(plain(r.Output)),
			TaskID:   ex.Task + offset,
			Score:    r.Points(),
			MaxScore: ex.Points,
		}
		if t.Status != "pass" {
			t.Message = result.Clip(failureText(r), clip)
			out.Status = "fail"
		}
		if r.Status == result.Errored && r.Reason == "does not compile" {
			if !seenMsg[r.Message] {
				seenMsg[r.Message] = true
				compileMsgs = append(compileMsgs, r.Message)
			}
		} else {
			allCompile = false
		}
		out.Score += r.Points()
		out.MaxScore += ex.Points
		out.Tests = append(out.Tests, t)
	}
	if len(rs) > 0 && allCompile {
		// Nothing compiled, so no test ran: the spec's "error", with the
		// compiler's words.
		out.Status, out.Tests = "error", nil
		out.Message = result.Clip(plain(strings.Join(compileMsgs, "\n")), ExercismMessageMax)
	}
	return out
}

// ExercismJSON returns the Exercism results.json of a row: version 3, the
// tests in test file order, within Exercism's byte limits (messages are
// shortened until the file fits; scores never change).
func ExercismJSON(c *grade.Course, row *grade.Row, o Options) ([]byte, error) {
	var data []byte
	var err error
	for _, clip := range []int{8000, 2000, 500, 100, 0} {
		data, err = marshalIndent(exercism(c, row, o, clip))
		if err != nil || len(data) <= ExercismFileMax {
			break
		}
	}
	return data, err
}
