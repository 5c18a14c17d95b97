package report

import (
	"fmt"
	"strings"

	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// gradescopeResults is Gradescope's results.json
// (gradescope/autograder_samples docs/specs.md).
type gradescopeResults struct {
	Score            float64           `json:"score"`
	ExecutionTime    float64           `json:"execution_time"`
	Output           string            `json:"output"`
	OutputFormat     string            `json:"output_format"`
	TestOutputFormat string            `json:"test_output_format"`
	TestNameFormat   string            `json:"test_name_format"`
	Visibility       string            `json:"visibility"`
	StdoutVisibility string            `json:"stdout_visibility"`
	ExtraData        map[string]any    `json:"extra_data"`
	Tests            []gradescopeTest  `json:"tests"`
	Leaderboard      []gradescopeEntry `json:"leaderboard,omitempty"`
}

type gradescopeTest struct {
	Score      float64  `json:"score"`
	MaxScore   float64  `json:"max_score"`
	Status     string   `json:"status"` // passed, failed
	Name       string   `json:"name"`
	NameFormat string   `json:"name_format"`
	Number     string   `json:"number"`
	Output     string   `json:"output"`
	OutputFmt  string   `json:"output_format"`
	Visibility string   `json:"visibility"`
	Tags       []string `json:"tags"`
}

type gradescopeEntry struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Order string  `json:"order"` // asc, desc
}

func gradescope(c *grade.Course, row *grade.Row, o Options) gradescopeResults {
	out := gradescopeResults{
		Score: row.Score, ExecutionTime: row.Timing.Total.Seconds(),
		OutputFormat: "md", TestOutputFormat: "text", TestNameFormat: "text",
		Visibility: o.visibility(), StdoutVisibility: "hidden",
		ExtraData: map[string]any{"isolation": row.Under.Isolation, "hidden_seed": row.Under.Seed, "max_score": row.MaxScore},
		Tests:     []gradescopeTest{},
	}
	lang := o.lang()
	var summary strings.Builder
	if !row.Graded {
		fmt.Fprintf(&summary, w(lang, "ungraded"), localise(lang, row.Error, koReasons))
		summary.WriteString(w(lang, "ungraded how") + "\n")
	}
	fmt.Fprintf(&summary, w(lang, "gs score"), result.FormatPoints(row.Score), result.FormatPoints(row.MaxScore))
	writeNotesMD(&summary, row.Notes, lang)
	out.Output = summary.String()
	lessonIndex := map[string]int{}
	for i, l := range c.Manifest.Lessons {
		lessonIndex[l.Name] = i + 1
	}
	passed := 0
	for _, r := range ordered(c, row) {
		ex := r.Exercise
		st := "failed"
		if r.Status == result.Passed {
			st = "passed"
			passed++
		}
		text := failureText(r)
		if f := firstFailing(r); f != nil && !f.Hidden {
			text = fmt.Sprintf(w(lang, "gs first"), f.Call, f.Want) + "\n\n" + text
		}
		if r.Public.Total > 0 {
			text = strings.TrimSpace(fmt.Sprintf(w(lang, "gs public"), r.Public.Passed, r.Public.Total) + "\n" + text)
		}
		if r.Output != "" {
			text += "\n\n" + w(lang, "gs output") + "\n" + result.Clip(plain(r.Output), 2000)
		}
		number := fmt.Sprintf("%d.%d", lessonIndex[ex.Lesson.Name], ex.Task)
		out.Tests = append(out.Tests, gradescopeTest{
			Score: r.Points(), MaxScore: ex.Points, Status: st,
			Name: fmt.Sprintf("%s (%s)", ex.ID(), ex.Test), NameFormat: "text",
			Number: number, Output: strings.TrimSpace(result.Clip(text, 8000)), OutputFmt: "text",
			Visibility: o.visibility(), Tags: []string{ex.Lesson.Name},
		})
		if r.Hidden.Total > 0 {
			// The hidden cases are a test of their own, worth no points of
			// its own (the exercise's test holds them), so that their
			// visibility can differ from the public cases'.
			hst, htext := "passed", fmt.Sprintf(w(lang, "gs hidden"), r.Hidden.Passed, r.Hidden.Total)
			if r.Hidden.Passed < r.Hidden.Total {
				hst = "failed"
				if f := firstFailing(r); f != nil && f.Hidden {
					htext += "\n" + fmt.Sprintf(w(lang, "gs first"), f.Call, f.Want)
				}
			}
			out.Tests = append(out.Tests, gradescopeTest{
				Status: hst, Name: fmt.Sprintf("%s (hidden cases)", ex.ID()), NameFormat: "text",
				Number: number + ".h", Output: htext, OutputFmt: "text",
				Visibility: o.hiddenVisibility(), Tags: []string{ex.Lesson.Name, "hidden"},
			})
		}
	}
	if o.Leaderboard {
		out.Leaderboard = []gradescopeEntry{
			{Name: "Points", Value: row.Score, Order: "desc"},
			{Name: "Exercises passed", Value: float64(passed), Order: "desc"},
		}
	}
	return out
}

// GradescopeJSON returns Gradescope's results.json of a row.
func GradescopeJSON(c *grade.Course, row *grade.Row, o Options) ([]byte, error) {
	return marshalIndent(gradescope(c, row, o))
}
