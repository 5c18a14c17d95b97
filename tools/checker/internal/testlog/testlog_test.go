package testlog

import (
	"strings"
	"testing"
)

func TestParseFraming(t *testing.T) {
	out := "\x16=== RUN   TestConvlingsGrade\n" +
		"\x16=== RUN   TestConvlingsGrade/TestAdd\n" +
		"\x16=== RUN   TestConvlingsGrade/TestAdd/small\n" +
		"printed without a newline" + // the framing below starts mid-line
		"\x16--- PASS: TestConvlingsGrade/TestAdd/small (0.00s)\n" +
		"\x16=== RUN   TestConvlingsGrade/TestAdd/negative\n" +
		"    golden.go:43: Add(-4, 1) = -5, want -3\n" +
		"            case: golden/testdata/alpha/add.json\n" + // go test indents further lines by eight
		"--- PASS: TestConvlingsGrade/TestAdd/negative (0.00s)\n" + // no marker: lesson code printed it
		"\x16--- FAIL: TestConvlingsGrade/TestAdd/negative (0.00s)\n" +
		"\x16--- FAIL: TestConvlingsGrade/TestAdd (0.00s)\n" +
		"\x16=== NAME  TestConvlingsGrade\n" +
		"\x16--- FAIL: TestConvlingsGrade (0.00s)\n" +
		"\x16FAIL\n"
	log := ParseFraming([]byte(out))
	rep := log.Report("TestConvlingsGrade/", "TestAdd")
	if rep.Action != "fail" || rep.NotStarted {
		t.Errorf("action %q, notStarted %v; want fail, false", rep.Action, rep.NotStarted)
	}
	wantMsg := "negative: Add(-4, 1) = -5, want -3\n    case: golden/testdata/alpha/add.json"
	if rep.Message != wantMsg {
		t.Errorf("message:\n%q\nwant\n%q", rep.Message, wantMsg)
	}
	if !strings.Contains(rep.Output, "printed without a newline") || !strings.Contains(rep.Output, "--- PASS: TestConvlingsGrade/TestAdd/negative") {
		t.Errorf("output %q lacks the lesson code's prints", rep.Output)
	}
	if r := log.tests["TestConvlingsGrade/TestAdd/small"]; r == nil || r.action != "pass" {
		t.Errorf("the subtest after a mid-line marker: %+v", r)
	}
}

func TestReportNotStarted(t *testing.T) {
	out := "\x16=== RUN   TestAdd\n\x16=== RUN   TestAdd/small\n" +
		"    report.go:73: not implemented yet: see lessons/alpha/README.md#1-add\n" +
		"\x16--- FAIL: TestAdd/small (0.00s)\n\x16--- FAIL: TestAdd (0.00s)\n" +
		"\x16=== RUN   TestMul\n\x16=== RUN   TestMul/one\n\x16--- PASS: TestMul/one (0.00s)\n" +
		"\x16=== RUN   TestMul/two\n    report.go:73: not implemented yet: see x\n\x16--- FAIL: TestMul/two (0.00s)\n\x16--- FAIL: TestMul (0.00s)\n"
	log := ParseFraming([]byte(out))
	if rep := log.Report("", "TestAdd"); !rep.NotStarted {
		t.Errorf("TestAdd: a stub's panic is not 'not started': %+v", rep)
	}
	if rep := log.Report("", "TestMul"); rep.NotStarted {
		t.Errorf("TestMul: half done is 'not started': %+v", rep)
	}
}

// TestReportNotStartedKorean: a stub's message in Korean (CONVLINGS_LANG=ko)
// is "not started" too, and loses its case name as the English one does.
func TestReportNotStartedKorean(t *testing.T) {
	out := "\x16=== RUN   TestAdd\n\x16=== RUN   TestAdd/small\n" +
		"    report.go:73: 아직 구현하지 않았습니다. 읽을 곳: lessons/alpha/README.ko.md#1-덧셈\n" +
		"\x16--- FAIL: TestAdd/small (0.00s)\n\x16--- FAIL: TestAdd (0.00s)\n"
	rep := ParseFraming([]byte(out)).Report("", "TestAdd")
	if !rep.NotStarted {
		t.Errorf("a stub's Korean message is not 'not started': %+v", rep)
	}
	if got := TrimStubCase(rep.Message); !strings.HasPrefix(got, "아직 구현하지 않았습니다.") {
		t.Errorf("TrimStubCase(%q) = %q, want the case name gone", rep.Message, got)
	}
}

func TestPackageLogs(t *testing.T) {
	in := `{"ImportPath":"m/lessons/alpha [m/lessons/alpha.test]","Action":"build-output","Output":"# m/lessons/alpha [m/lessons/alpha.test]\n"}
{"ImportPath":"m/lessons/alpha [m/lessons/alpha.test]","Action":"build-output","Output":"lessons/alpha/alpha.go:5:33: cannot use \"a\"\n"}
{"ImportPath":"m/lessons/alpha [m/lessons/alpha.test]","Action":"build-fail"}
{"Action":"start","Package":"m/lessons/beta"}
{"Action":"run","Package":"m/lessons/beta","Test":"TestTotal"}
{"Action":"output","Package":"m/lessons/beta","Test":"TestTotal","Output":"=== RUN   TestTotal\n"}
{"Action":"output","Package":"m/lessons/beta","Test":"TestTotal","Output":"--- PASS: TestTotal (0.00s)\n"}
{"Action":"pass","Package":"m/lessons/beta","Test":"TestTotal","Elapsed":0.25}
{"Action":"output","Package":"m/lessons/beta","Output":"PASS\n"}
go: some error from the go command
`
	logs := PackageLogs(strings.NewReader(in))
	if got := CompileMessage(strings.Join(logs["m/lessons/alpha"].Global, "")); got != `lessons/alpha/alpha.go:5:33: cannot use "a"` {
		t.Errorf("build output of alpha: %q", got)
	}
	rep := logs["m/lessons/beta"].Report("", "TestTotal")
	if rep.Action != "pass" || rep.Elapsed.Seconds() != 0.25 {
		t.Errorf("beta TestTotal: %+v", rep)
	}
	if !strings.Contains(strings.Join(logs[""].Global, ""), "some error from the go command") {
		t.Errorf("non-JSON lines are lost: %v", logs[""])
	}
}

// TestPackageLogsJoinsLongLines checks that a line test2json cut into
// several output events reaches the message whole.
func TestPackageLogsJoinsLongLines(t *testing.T) {
	in := `{"Action":"run","Package":"m/l","Test":"TestA"}
{"Action":"output","Package":"m/l","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"output","Package":"m/l","Test":"TestA","Output":"    a_test.go:9: convlings-case {\"case\":\"x\",\"values\":[1,"}
{"Action":"output","Package":"m/l","Test":"TestA","Output":"2,3]}\n"}
{"Action":"output","Package":"m/l","Test":"TestA","Output":"--- FAIL: TestA (0.00s)\n"}
{"Action":"fail","Package":"m/l","Test":"TestA"}
`
	rep := PackageLogs(strings.NewReader(in))["m/l"].Report("", "TestA")
	if want := `convlings-case {"case":"x","values":[1,2,3]}`; rep.Message != want || rep.Output != "" {
		t.Errorf("message %q, output %q; want the message %q and no output", rep.Message, rep.Output, want)
	}
}
