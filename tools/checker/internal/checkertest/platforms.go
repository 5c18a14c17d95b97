package checkertest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// The platforms' output formats, field by field, as
// /work/shared/docs/grading-platforms.md reads them from their sources
// (Exercism's interface.md, Gradescope's specs.md, Classroom's
// autograding-command-grader and grading-reporter): the fields each may
// have, which are required, their types and values, and the limits.

// Exercism's and Classroom's limits, in bytes.
const (
	ExercismFileMax    = 500_000
	ExercismOutputMax  = 500
	ExercismMessageMax = 65_535
	ClassroomB64Max    = 100 << 10
)

var (
	exercismTop   = set("version", "status", "message", "tests", "score", "max_score")
	exercismTest  = set("name", "test_code", "status", "message", "output", "task_id", "score", "max_score")
	gsTop         = set("score", "execution_time", "output", "output_format", "test_output_format", "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard")
	gsTest        = set("score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags", "visibility", "extra_data")
	gsFormats     = set("text", "html", "simple_format", "md", "ansi")
	gsVisibility  = set("hidden", "after_due_date", "after_published", "visible")
	classroomTop  = set("version", "status", "max_score", "tests")
	classroomTest = set("name", "status", "score", "message", "test_code", "filename", "line_no", "duration")
)

func set(keys ...string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

type errs []string

func (e *errs) add(format string, args ...any) { *e = append(*e, fmt.Sprintf(format, args...)) }

func (e errs) err(what string) error {
	if len(e) == 0 {
		return nil
	}
	return fmt.Errorf("%s does not meet the spec:\n  %s", what, strings.Join(e, "\n  "))
}

func decode(data []byte) (map[string]any, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("not UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	return v, nil
}

func unknown(e *errs, where string, obj map[string]any, allowed map[string]bool) {
	for k := range obj {
		if !allowed[k] {
			e.add("%s: unknown field %q", where, k)
		}
	}
}

func str(e *errs, where string, obj map[string]any, key string, required bool) (string, bool) {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			e.add("%s: %s is required", where, key)
		}
		return "", false
	}
	s, isStr := v.(string)
	if !isStr {
		e.add("%s: %s is %T, want a string", where, key, v)
	}
	return s, isStr
}

func num(e *errs, where string, obj map[string]any, key string, required bool) (float64, bool) {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			e.add("%s: %s is required", where, key)
		}
		return 0, false
	}
	n, isNum := v.(json.Number)
	if !isNum {
		e.add("%s: %s is %T, want a number", where, key, v)
		return 0, false
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) {
		e.add("%s: %s = %v is not a number", where, key, v)
	}
	return f, true
}

func enum(e *errs, where, key, value string, values map[string]bool) {
	if !values[value] {
		e.add("%s: %s = %q is not one of the allowed values", where, key, value)
	}
}

// ExercismTest is one test of a valid Exercism results.json, in file order.
type ExercismTest struct {
	Name, Status, TestCode, Message string
	TaskID                          int
	Score                           float64
}

// ValidateExercism checks an Exercism results.json (version 3) and
// returns its status, top-level message and tests.
func ValidateExercism(data []byte) (status, message string, tests []ExercismTest, err error) {
	var e errs
	if len(data) > ExercismFileMax {
		e.add("the file is %d bytes, over %d", len(data), ExercismFileMax)
	}
	v, derr := decode(data)
	if derr != nil {
		return "", "", nil, derr
	}
	unknown(&e, "results", v, exercismTop)
	if ver, ok := num(&e, "results", v, "version", true); ok && ver != 3 {
		e.add("results: version = %v, want 3", ver)
	}
	status, _ = str(&e, "results", v, "status", true)
	enum(&e, "results", "status", status, set("pass", "fail", "error"))
	message, hasMsg := str(&e, "results", v, "message", status == "error")
	if hasMsg && utf8.RuneCountInString(message) > ExercismMessageMax {
		e.add("results: message is %d characters, over %d", utf8.RuneCountInString(message), ExercismMessageMax)
	}
	raw, hasTests := v["tests"]
	if status == "error" {
		if hasTests && raw != nil {
			e.add("results: status error, but tests are given")
		}
		if message == "" {
			e.add("results: status error needs a message")
		}
		return status, message, nil, e.err("Exercism results.json")
	}
	list, ok := raw.([]any)
	if !ok || len(list) == 0 {
		e.add("results: status %s needs a non-empty tests array", status)
		return status, message, nil, e.err("Exercism results.json")
	}
	ids := map[int]string{}
	anyFail := false
	for i, x := range list {
		where := fmt.Sprintf("tests[%d]", i)
		t, ok := x.(map[string]any)
		if !ok {
			e.add("%s is not an object", where)
			continue
		}
		unknown(&e, where, t, exercismTest)
		var et ExercismTest
		et.Name, _ = str(&e, where, t, "name", true)
		et.Status, _ = str(&e, where, t, "status", true)
		enum(&e, where, "status", et.Status, set("pass", "fail", "error"))
		et.TestCode, _ = str(&e, where, t, "test_code", true)
		if strings.TrimSpace(et.TestCode) == "" {
			e.add("%s: test_code is empty", where)
		}
		et.Message, _ = str(&e, where, t, "message", et.Status != "pass")
		if et.Status != "pass" {
			anyFail = true
			if et.Message == "" {
				e.add("%s: status %s needs a message", where, et.Status)
			}
		}
		if out, ok := str(&e, where, t, "output", false); ok && len(out) > ExercismOutputMax {
			e.add("%s: output is %d bytes, over %d", where, len(out), ExercismOutputMax)
		}
		if id, ok := num(&e, where, t, "task_id", false); ok {
			if id != math.Trunc(id) || id < 1 {
				e.add("%s: task_id = %v, want a positive integer", where, id)
			}
			if prev, dup := ids[int(id)]; dup {
				e.add("%s: task_id %v is also %s's", where, id, prev)
			}
			ids[int(id)] = et.Name
			et.TaskID = int(id)
		}
		et.Score, _ = num(&e, where, t, "score", false)
		tests = append(tests, et)
	}
	if status == "pass" && anyFail {
		e.add("results: status pass, but a test did not pass")
	}
	if status == "fail" && !anyFail {
		e.add("results: status fail, but every test passed")
	}
	return status, message, tests, e.err("Exercism results.json")
}

// GradescopeTest is one test of a valid Gradescope results.json.
type GradescopeTest struct {
	Name, Status, Visibility, Output string
	Score, MaxScore                  float64
}

// ValidateGradescope checks a Gradescope results.json and returns its
// score, top-level visibility, output and tests.
func ValidateGradescope(data []byte) (score float64, visibility, output string, tests []GradescopeTest, err error) {
	var e errs
	v, derr := decode(data)
	if derr != nil {
		return 0, "", "", nil, derr
	}
	if bytes.Contains(data, []byte(`\r\n`)) {
		e.add("newlines must be \\n")
	}
	unknown(&e, "results", v, gsTop)
	score, hasScore := num(&e, "results", v, "score", false)
	if et, ok := num(&e, "results", v, "execution_time", false); ok && et < 0 {
		e.add("results: execution_time < 0")
	}
	output, _ = str(&e, "results", v, "output", false)
	for _, k := range []string{"output_format", "test_output_format", "test_name_format"} {
		if f, ok := str(&e, "results", v, k, false); ok {
			enum(&e, "results", k, f, gsFormats)
		}
	}
	visibility = "visible"
	for _, k := range []string{"visibility", "stdout_visibility"} {
		if f, ok := str(&e, "results", v, k, false); ok {
			enum(&e, "results", k, f, gsVisibility)
			if k == "visibility" {
				visibility = f
			}
		}
	}
	if x, ok := v["extra_data"]; ok {
		if _, isObj := x.(map[string]any); !isObj {
			e.add("results: extra_data is %T, want an object", x)
		}
	}
	raw, hasTests := v["tests"]
	if !hasScore && !hasTests {
		e.add("results: needs a score or tests")
	}
	list, _ := raw.([]any)
	if hasTests && list == nil {
		e.add("results: tests is not an array")
	}
	sum := 0.0
	for i, x := range list {
		where := fmt.Sprintf("tests[%d]", i)
		t, ok := x.(map[string]any)
		if !ok {
			e.add("%s is not an object", where)
			continue
		}
		unknown(&e, where, t, gsTest)
		var gt GradescopeTest
		gt.Name, _ = str(&e, where, t, "name", true)
		gt.Score, _ = num(&e, where, t, "score", false)
		gt.MaxScore, _ = num(&e, where, t, "max_score", false)
		if gt.Score > gt.MaxScore || gt.Score < 0 {
			e.add("%s: score %v outside [0, max_score %v]", where, gt.Score, gt.MaxScore)
		}
		sum += gt.Score
		if st, ok := str(&e, where, t, "status", false); ok {
			enum(&e, where, "status", st, set("passed", "failed"))
			gt.Status = st
		}
		str(&e, where, t, "number", false)
		gt.Output, _ = str(&e, where, t, "output", false)
		for _, k := range []string{"output_format", "name_format"} {
			if f, ok := str(&e, where, t, k, false); ok {
				enum(&e, where, k, f, gsFormats)
			}
		}
		gt.Visibility = visibility
		if f, ok := str(&e, where, t, "visibility", false); ok {
			enum(&e, where, "visibility", f, gsVisibility)
			gt.Visibility = f
		}
		if tags, ok := t["tags"]; ok {
			arr, isArr := tags.([]any)
			for _, tag := range arr {
				if _, isStr := tag.(string); !isStr {
					isArr = false
				}
			}
			if !isArr {
				e.add("%s: tags must be an array of strings", where)
			}
		}
		tests = append(tests, gt)
	}
	if hasScore && hasTests && len(list) > 0 && math.Abs(sum-score) > 1e-9 {
		e.add("results: score %v is not the sum of the tests' scores, %v", score, sum)
	}
	if lb, ok := v["leaderboard"]; ok {
		arr, isArr := lb.([]any)
		if !isArr {
			e.add("results: leaderboard is not an array")
		}
		for i, x := range arr {
			where := fmt.Sprintf("leaderboard[%d]", i)
			entry, ok := x.(map[string]any)
			if !ok {
				e.add("%s is not an object", where)
				continue
			}
			unknown(&e, where, entry, set("name", "value", "order"))
			str(&e, where, entry, "name", true)
			num(&e, where, entry, "value", true)
			if o, ok := str(&e, where, entry, "order", false); ok {
				enum(&e, where, "order", o, set("asc", "desc"))
			}
		}
	}
	return score, visibility, output, tests, e.err("Gradescope results.json")
}

// ReporterPoints decodes a Classroom runner result from the base64 the
// reporter reads, checks it against the command grader's format and the
// environment-variable limit, and returns what the reporter posts:
// Σ tests[].score over max_score (notify-classroom.js).
func ReporterPoints(b64 string) (total, maxScore float64, err error) {
	var e errs
	if len(b64) > ClassroomB64Max {
		e.add("the base64 result is %d bytes, over %d", len(b64), ClassroomB64Max)
	}
	data, derr := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if derr != nil {
		return 0, 0, fmt.Errorf("the result is not base64: %v", derr)
	}
	v, derr := decode(data)
	if derr != nil {
		return 0, 0, derr
	}
	unknown(&e, "result", v, classroomTop)
	if ver, ok := num(&e, "result", v, "version", true); ok && ver != 1 {
		e.add("result: version = %v, want 1", ver)
	}
	st, _ := str(&e, "result", v, "status", true)
	enum(&e, "result", "status", st, set("pass", "fail", "error"))
	maxScore, _ = num(&e, "result", v, "max_score", true)
	list, ok := v["tests"].([]any)
	if !ok {
		e.add("result: tests is not an array")
	}
	for i, x := range list {
		where := fmt.Sprintf("tests[%d]", i)
		t, ok := x.(map[string]any)
		if !ok {
			e.add("%s is not an object", where)
			continue
		}
		unknown(&e, where, t, classroomTest)
		str(&e, where, t, "name", true)
		tst, _ := str(&e, where, t, "status", true)
		enum(&e, where, "status", tst, set("pass", "fail", "error"))
		s, _ := num(&e, where, t, "score", true)
		total += s
		str(&e, where, t, "message", true)
		str(&e, where, t, "test_code", true)
		str(&e, where, t, "filename", true)
		num(&e, where, t, "line_no", true)
		num(&e, where, t, "duration", true)
	}
	return total, maxScore, e.err("Classroom result")
}
