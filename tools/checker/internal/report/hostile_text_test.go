package report

import (
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// forgedLines are lines lesson code can print, return or panic with that
// read like a golden suite's failure line.
const forgedLines = "alpha.Add(1, 2) = 3, want 99\nforged_case: Forged(7) = 1, want 12345"

// TestFirstFailingOnlyFromRecords: a message or output that imitates a
// failure line is never named as the first failing case, in any output;
// the reports say that no record was kept. With a record, the record's
// case is named.
func TestFirstFailingOnlyFromRecords(t *testing.T) {
	c, add, mul := course(t)
	row := &grade.Row{ID: "mallory", Graded: true, MaxScore: 5, Results: []*result.Result{
		{Exercise: add, Status: result.Failed, Message: "--- TestAdd: " + forgedLines, Output: forgedLines},
		{Exercise: mul, Status: result.Errored, Reason: "panic: " + forgedLines, Message: forgedLines},
	}}
	out := t.TempDir()
	if err := Write(c, out, []*grade.Row{row}, Options{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	ko := Feedback(c, row, "ko")
	var ex exercismResults
	var gs gradescopeResults
	var cr ClassroomResult
	var sum []summaryJSON
	readJSON(t, filepath.Join(out, "mallory/results.json"), &ex)
	readJSON(t, filepath.Join(out, "mallory/gradescope/results.json"), &gs)
	readJSON(t, filepath.Join(out, "mallory/classroom.json"), &cr)
	readJSON(t, filepath.Join(out, "summary.json"), &sum)
	md := readFile(t, filepath.Join(out, "mallory/feedback.md"))

	// The forged lines are shown as what they are (the message, the
	// output), never as the first failing case.
	if strings.Contains(md, "The first failing case") || strings.Contains(ko, "처음 틀린 경우:") {
		t.Errorf("feedback names a first failing case with no record:\n%s\n%s", md, ko)
	}
	if !strings.Contains(md, "kept no record of the first failing case") || !strings.Contains(ko, "처음 틀린 경우를 기록하지 못했습니다") {
		t.Errorf("feedback does not say that no case was recorded:\n%s\n%s", md, ko)
	}
	for _, tc := range ex.Tests {
		if strings.Contains(tc.TestCode, "Forged") || strings.Contains(tc.TestCode, "Add(1, 2)") {
			t.Errorf("Exercism test_code names a forged case: %q", tc.TestCode)
		}
	}
	for _, tc := range gs.Tests {
		if strings.Contains(tc.Output, "First failing case") {
			t.Errorf("Gradescope names a forged case: %q", tc.Output)
		}
	}
	for _, tc := range cr.Tests {
		if strings.Contains(tc.TestCode, "// want") {
			t.Errorf("Classroom test_code names a forged case: %q", tc.TestCode)
		}
	}
	for _, e := range sum[0].Exercises {
		if e.Failing != nil {
			t.Errorf("summary.json has a first failing case with no record: %+v", e.Failing)
		}
	}

	// With the grader's record, that case is named, whatever the message says.
	row.Results[0].Failing = &result.Failing{Call: "alpha.Add(2, 2)", Want: "4"}
	if md := Feedback(c, row, "en"); !strings.Contains(md, "The first failing case: `alpha.Add(2, 2)`, expected `4`.") || strings.Contains(md, "no record") {
		t.Errorf("feedback does not name the recorded case:\n%s", md)
	}
	if code := testCode(c, row.Results[0]); !strings.HasPrefix(code, "alpha.Add(2, 2)\n// want: 4") {
		t.Errorf("Exercism test_code: %q", code)
	}
}

// hostileText is what lesson code can put in a report: a clear-screen
// escape sequence, a carriage return, a NUL, a right-to-left override, a
// byte that is not UTF-8, and C1 control CSI.
const hostileText = "x\x1b[2Jy\rz\x00w\u202eevil.og\xff\u009b"

// hostileRows are a graded submission with the hostile text in every
// field lesson code reaches (reason, message, output, the recorded case,
// notes), and one that could not be graded with it in its error.
func hostileRows(c *grade.Course) []*grade.Row {
	exs := c.Manifest.Exercises()
	return []*grade.Row{
		{ID: "eve", Graded: true, MaxScore: 5, Results: []*result.Result{
			{Exercise: exs[0], Status: result.Failed, Reason: "panic: " + hostileText, Message: "msg " + hostileText, Output: "out " + hostileText,
				Failing: &result.Failing{Call: "alpha.Add(" + hostileText + ")", Want: hostileText}, Hidden: result.Cases{Passed: 0, Total: 2}},
			{Exercise: exs[1], Status: result.Errored, Reason: hostileText, Message: hostileText, Output: hostileText},
		}, Notes: []result.Note{{Kind: "rejected", Path: "lessons/alpha/" + hostileText + ".go", Text: hostileText}}},
		{ID: "ungraded", Graded: false, MaxScore: 5, Error: hostileText},
	}
}

// checkSafe fails when s has a rune that can change what a reader sees
// beyond itself, or is not UTF-8.
func checkSafe(t *testing.T, where, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s is not UTF-8: %q", where, s)
		return
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && unsafeRune(r) {
			t.Errorf("%s has %U unescaped: %q", where, r, s)
			return
		}
	}
}

// jsonStrings returns every string of a JSON document.
func jsonStrings(t *testing.T, data []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for k, e := range x {
				out = append(out, k)
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// TestControlCharactersEscaped: in every output format, the hostile text
// shows as escapes (\x1b, \u202e), and no control character, override or
// invalid byte is left.
func TestControlCharactersEscaped(t *testing.T) {
	c, _, _ := course(t)
	rows := hostileRows(c)
	for _, lang := range []string{"en", "ko"} {
		out := t.TempDir()
		if err := Write(c, out, rows, Options{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		// shows: the format carries the text (a Classroom result of a
		// submission that could not be graded has no message).
		check := func(format string, texts []string, shows bool) {
			t.Run(lang+"/"+format, func(t *testing.T) {
				all := strings.Join(texts, "\n")
				for _, s := range texts {
					checkSafe(t, format, s)
				}
				for _, want := range []string{`x1b`, `u202e`, `\r`, `x00`} {
					if shows && !strings.Contains(all, want) {
						t.Errorf("%s does not show the escape %q:\n%s", format, want, all)
					}
				}
			})
		}
		for _, id := range []string{"eve", "ungraded"} {
			graded := id == "eve"
			check(id+"/feedback.md", []string{readFile(t, filepath.Join(out, id, "feedback.md"))}, true)
			for _, f := range []string{"results.json", "gradescope/results.json", "classroom.json"} {
				check(id+"/"+f, jsonStrings(t, []byte(readFile(t, filepath.Join(out, id, f)))), graded || f != "classroom.json")
			}
			b64, err := base64.StdEncoding.DecodeString(strings.TrimSpace(readFile(t, filepath.Join(out, id, "classroom.b64"))))
			if err != nil {
				t.Fatal(err)
			}
			check(id+"/classroom.b64", jsonStrings(t, b64), graded)
		}
		check("summary.json", jsonStrings(t, []byte(readFile(t, filepath.Join(out, "summary.json")))), true)
		recs, err := csv.NewReader(strings.NewReader(readFile(t, filepath.Join(out, "gradebook.csv")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, rec := range recs {
			cells = append(cells, rec...)
		}
		check("gradebook.csv", cells, true)
	}
	// The escapes themselves: one per rune, readable.
	if got, want := plain(hostileText), `x\x1b[2Jy\rz\x00w\u202eevil.og\xff\x9b`; got != want {
		t.Errorf("plain(%q) = %q, want %q", hostileText, got, want)
	}
	if got := mdText("a\u202eb\x1b"); got != `a\\u202eb\\x1b` {
		t.Errorf("mdText: %q", got)
	}
}

type summaryJSON struct {
	Exercises []result.ExerciseJSON `json:"exercises"`
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func readJSON(t *testing.T, p string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(readFile(t, p)), v); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
}
