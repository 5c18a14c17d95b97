package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
	log := parseFraming([]byte(out))
	rep := log.report("TestConvlingsGrade/", "TestAdd")
	if rep.action != "fail" || rep.notStarted {
		t.Errorf("action %q, notStarted %v; want fail, false", rep.action, rep.notStarted)
	}
	wantMsg := "negative: Add(-4, 1) = -5, want -3\n    case: golden/testdata/alpha/add.json"
	if rep.message != wantMsg {
		t.Errorf("message:\n%q\nwant\n%q", rep.message, wantMsg)
	}
	if !strings.Contains(rep.output, "printed without a newline") || !strings.Contains(rep.output, "--- PASS: TestConvlingsGrade/TestAdd/negative") {
		t.Errorf("output %q lacks the lesson code's prints", rep.output)
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
	log := parseFraming([]byte(out))
	if rep := log.report("", "TestAdd"); !rep.notStarted {
		t.Errorf("TestAdd: a stub's panic is not 'not started': %+v", rep)
	}
	if rep := log.report("", "TestMul"); rep.notStarted {
		t.Errorf("TestMul: half done is 'not started': %+v", rep)
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
	logs := packageLogs(strings.NewReader(in))
	if got := compileMessage(strings.Join(logs["m/lessons/alpha"].global, "")); got != `lessons/alpha/alpha.go:5:33: cannot use "a"` {
		t.Errorf("build output of alpha: %q", got)
	}
	rep := logs["m/lessons/beta"].report("", "TestTotal")
	if rep.action != "pass" || rep.elapsed.Seconds() != 0.25 {
		t.Errorf("beta TestTotal: %+v", rep)
	}
	if !strings.Contains(strings.Join(logs[""].global, ""), "some error from the go command") {
		t.Errorf("non-JSON lines are lost: %v", logs[""])
	}
}

func TestHarnessVerify(t *testing.T) {
	h, err := newHarnessSession([]string{"TestAdd", "TestMul"})
	if err != nil {
		t.Fatal(err)
	}
	sign := func(key []byte, body string) string {
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(body))
		return body + " " + hex.EncodeToString(mac.Sum(nil))
	}
	other := make([]byte, 32)
	lines := []string{
		"hello",
		sign(h.key, "1 start TestAdd"),
		"1 pass TestAdd 00",                  // unsigned
		sign(other, "2 pass TestAdd"),        // another key
		sign(h.key, "3 pass TestAdd"),        // skips a number
		sign(h.key, "2 pass TestAdd") + "x",  // damaged
		sign(h.key, "2 fail TestAdd"),        // the real one
		sign(h.key, "2 fail TestAdd"),        // replayed
		sign(h.key, "3 start TestMul"),       //
		`{"Action":"pass","Test":"TestMul"}`, // go test -json, forged
		sign(h.key, "4 pass TestMul"),
		sign(h.key, "5 done -"),
	}
	h.readReports(strings.NewReader(strings.Join(lines, "\n")+"\n"), 1<<20)
	if !h.hello || !h.done || h.forged != 6 {
		t.Errorf("hello %v, done %v, forged %d; want true, true, 6", h.hello, h.done, h.forged)
	}
	final, started, running := h.outcome()
	if final["TestAdd"] != "fail" || final["TestMul"] != "pass" || !started["TestMul"] || running != "" {
		t.Errorf("outcome %v %v %q", final, started, running)
	}
	params := string(h.params(limits{memMiB: 64, uid: 61000}))
	for _, want := range []string{"convlings-grade 1\n", "key " + hex.EncodeToString(h.key) + "\n", "test TestAdd\ntest TestMul\n", fmt.Sprintf("limit as %d\n", 64<<20), "limit nproc 128\n"} {
		if !strings.Contains(params, want) {
			t.Errorf("params lack %q:\n%s", want, params)
		}
	}
}

func TestHarnessRunningTest(t *testing.T) {
	h, _ := newHarnessSession([]string{"TestAdd", "TestMul"})
	sign := func(body string) string {
		mac := hmac.New(sha256.New, h.key)
		mac.Write([]byte(body))
		return body + " " + hex.EncodeToString(mac.Sum(nil))
	}
	h.readReports(strings.NewReader("hello\n"+sign("1 start TestAdd")+"\n"+sign("2 pass TestAdd")+"\n"+sign("3 start TestMul")+"\n"), 1<<20)
	final, _, running := h.outcome()
	if running != "TestMul" || final["TestAdd"] != "pass" || h.done {
		t.Errorf("final %v, running %q, done %v; want TestAdd passed, TestMul running", final, running, h.done)
	}
}
