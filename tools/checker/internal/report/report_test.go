package report

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// course is a one-lesson kit whose test files hold its two tests in the
// opposite order of the manifest, so that the reports' order shows.
func course(t *testing.T) (*grade.Course, *kit.Exercise, *kit.Exercise) {
	t.Helper()
	m, err := kit.ParseManifest([]byte(`{"format": 1, "lessons": [{"name": "alpha", "title": {"en": "Alpha", "ko": "알파"}, "exercises": [
		{"name": "add", "test": "TestAdd", "points": 2, "task": 1, "hints": [{"en": "Add them.", "ko": "더하세요."}]},
		{"name": "mul", "test": "TestMul", "points": 3, "task": 2}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	c := &grade.Course{Manifest: m, Lessons: map[string]*grade.LessonTests{"alpha": {
		TestOrder: []string{"TestMul", "TestAdd"},
		TestCode:  map[string]string{"TestAdd": "func TestAdd(t *testing.T) {}", "TestMul": "func TestMul(t *testing.T) {}"},
		TestLine:  map[string]string{"TestAdd": "lessons/alpha/alpha_test.go:9", "TestMul": "lessons/alpha/alpha_test.go:3"},
	}}}
	exs := m.Exercises()
	return c, exs[0], exs[1]
}

func TestWriteAll(t *testing.T) {
	c, add, mul := course(t)
	rows := []*grade.Row{
		{ID: "alice", Graded: true, Score: 3, MaxScore: 5, Results: []*result.Result{
			{Exercise: add, Status: result.Failed, Message: "Add(1, 2) = 4, want 3"},
			{Exercise: mul, Status: result.Passed},
		}, Notes: []result.Note{{Kind: "ignored", Path: "lessons/alpha/notes.txt", Text: "only .go files are graded"}}},
		{ID: "bob", Graded: false, Error: "not a convlings kit or lessons folder", MaxScore: 5},
	}
	out := t.TempDir()
	if err := WriteAll(c, out, rows, "en"); err != nil {
		t.Fatal(err)
	}
	read := func(rel string) []byte {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}

	var ex exercismResults
	if err := json.Unmarshal(read("alice/results.json"), &ex); err != nil {
		t.Fatal(err)
	}
	if ex.Version != 3 || ex.Status != "fail" || len(ex.Tests) != 2 || ex.Tests[0].Name != "alpha/mul (TestMul)" || ex.Tests[1].Status != "fail" {
		t.Errorf("Exercism results: %+v; want version 3, fail, TestMul first (test file order)", ex)
	}
	var gs gradescopeResults
	if err := json.Unmarshal(read("alice/gradescope/results.json"), &gs); err != nil {
		t.Fatal(err)
	}
	if gs.Score != 3 || len(gs.Tests) != 2 {
		t.Errorf("Gradescope results: score %v, %d tests; want 3, 2", gs.Score, len(gs.Tests))
	}
	var cr ClassroomResult
	if err := json.Unmarshal(read("alice/classroom.json"), &cr); err != nil {
		t.Fatal(err)
	}
	if cr.MaxScore != 5 || cr.Status != "fail" {
		t.Errorf("Classroom result: %+v", cr)
	}
	md := string(read("alice/feedback.md"))
	for _, want := range []string{"Add(1, 2) = 4, want 3", "notes.txt"} {
		if !strings.Contains(md, want) {
			t.Errorf("feedback.md lacks %q:\n%s", want, md)
		}
	}
	var bob exercismResults
	if err := json.Unmarshal(read("bob/results.json"), &bob); err != nil || bob.Status != "error" || !strings.Contains(bob.Message, "not a convlings kit") {
		t.Errorf("an ungraded row: %+v, %v", bob, err)
	}

	recs, err := csv.NewReader(strings.NewReader(string(read("gradebook.csv")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || strings.Join(recs[0], ",") != "Student,ID,SIS User ID,SIS Login ID,Section,Submitted,convlings alpha (5),convlings total (5),Graded,Notes" ||
		strings.Join(recs[1], ",") != "alice,,,alice,,,3,3,true," {
		t.Errorf("gradebook.csv:\n%q", recs)
	}
	var summary []map[string]any
	if err := json.Unmarshal(read("summary.json"), &summary); err != nil || len(summary) != 2 || summary[0]["id"] != "alice" {
		t.Errorf("summary.json: %v, %v", summary, err)
	}
}
