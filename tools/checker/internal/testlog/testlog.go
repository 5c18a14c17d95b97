package testlog

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"time"
)

// Log collects what a test binary printed, per test: the framing lines
// give each test's final action, the rest is attributed to the test that
// was running. It is only ever used to show messages: scores in grading come
// from the signed reports of the harness (see harness.go), since lesson code
// can print anything, framing included.
type Log struct {
	// framed is true when the output still holds go test's framing lines,
	// as in go test -json; parseFraming takes them out itself, so what
	// looks like framing there is the lesson code's own printing.
	framed bool
	tests  map[string]*testRecord
	order  []string
	Global []string // output outside any test: build errors, panics before tests, runtime crashes
}

type testRecord struct {
	name    string
	action  string // "pass", "fail", "skip", or "" when the test never finished
	passes  int    // "--- PASS" lines seen: more than the final action says, when output is forged
	output  []string
	elapsed time.Duration
}

// Count returns how many tests the log saw.
func (l *Log) Count() int { return len(l.tests) }

func newTestLog() *Log { return &Log{tests: map[string]*testRecord{}} }

func (l *Log) record(name string) *testRecord {
	r := l.tests[name]
	if r == nil {
		r = &testRecord{name: name}
		l.tests[name] = r
		l.order = append(l.order, name)
	}
	return r
}

// goTestEvent is one line of `go test -json` (cmd/test2json).
type goTestEvent struct {
	Action      string
	Package     string
	ImportPath  string
	Test        string
	Output      string
	Elapsed     float64
	FailedBuild string
}

// PackageLogs reads `go test -json` output into one testLog per package.
// Build output is filed under the package it is about. Lines that are not
// JSON (the go command's own errors) go to the "" package.
func PackageLogs(r io.Reader) map[string]*Log {
	logs := map[string]*Log{}
	get := func(pkg string) *Log {
		l := logs[pkg]
		if l == nil {
			l = newTestLog()
			l.framed = true
			logs[pkg] = l
		}
		return l
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var ev goTestEvent
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &ev) != nil {
			get("").Global = append(get("").Global, string(line)+"\n")
			continue
		}
		switch ev.Action {
		case "build-output":
			l := get(buildPackage(ev.ImportPath))
			l.Global = append(l.Global, ev.Output)
			continue
		case "build-fail":
			continue
		}
		l := get(ev.Package)
		if ev.Test == "" {
			if ev.Action == "output" {
				l.Global = append(l.Global, ev.Output)
			}
			continue
		}
		rec := l.record(ev.Test)
		switch ev.Action {
		case "output":
			// test2json cuts a long line into several events; join them,
			// so that a line is one entry whatever its length.
			if n := len(rec.output); n > 0 && !strings.HasSuffix(rec.output[n-1], "\n") {
				rec.output[n-1] += ev.Output
			} else {
				rec.output = append(rec.output, ev.Output)
			}
		case "pass", "fail", "skip":
			rec.action = ev.Action
			rec.elapsed = time.Duration(ev.Elapsed * float64(time.Second))
		}
	}
	return logs
}

// buildPackage turns a build event's ImportPath, such as
// "m/lessons/padding_test [m/lessons/padding.test]", into the package the
// test events use: "m/lessons/padding".
func buildPackage(importPath string) string {
	p, _, _ := strings.Cut(importPath, " ")
	return strings.TrimSuffix(p, "_test")
}

// ParseFraming reads the output of a test binary run with
// -test.v=test2json: framing lines start with the byte 0x16, possibly in the
// middle of a line when the code under test printed without a newline
// (as cmd/test2json handles them). Output is attributed to the test named
// by the last "=== RUN", "=== CONT" or "=== NAME" line.
func ParseFraming(out []byte) *Log {
	l := newTestLog()
	cur := ""
	emit := func(text string) {
		if text == "" {
			return
		}
		if cur == "" {
			l.Global = append(l.Global, text)
			return
		}
		r := l.record(cur)
		r.output = append(r.output, text)
	}
	for len(out) > 0 {
		line := out
		if i := bytes.IndexByte(out, '\n'); i >= 0 {
			line, out = out[:i+1], out[i+1:]
		} else {
			out = nil
		}
		// A marker in the middle of a line splits it: the part before is
		// output, the part from the marker on is framing.
		for {
			i := bytes.IndexByte(line, 0x16)
			if i < 0 {
				emit(string(line))
				break
			}
			if i > 0 {
				emit(string(line[:i]) + "\n")
			}
			line = line[i+1:]
			frame := strings.TrimRight(string(line), "\n")
			if j := strings.IndexByte(frame, 0x16); j >= 0 {
				frame = frame[:j]
			}
			if name, ok := framingTest(frame); ok {
				if name.action == "" {
					cur = name.test
					l.record(cur)
				} else if name.test != "" {
					r := l.record(name.test)
					r.action = name.action
					r.elapsed = name.elapsed
					if name.action == "pass" {
						r.passes++
					}
				}
			} else if frame != "" {
				emit(frame + "\n")
			}
			line = line[len(frame):]
			if len(line) > 0 && line[0] == '\n' {
				line = line[1:]
			}
			if len(line) == 0 {
				break
			}
		}
	}
	return l
}

type framing struct {
	test    string
	action  string // "" for RUN/CONT/NAME/PAUSE, else pass/fail/skip
	elapsed time.Duration
}

var resultLine = regexp.MustCompile(`^--- (PASS|FAIL|SKIP): (.*?)(?: \(([0-9.]+)s\))?$`)

// framingTest decodes one framing line.
func framingTest(frame string) (framing, bool) {
	for _, p := range []string{"=== RUN   ", "=== CONT  ", "=== NAME  ", "=== NAME", "=== PAUSE "} {
		if strings.HasPrefix(frame, p) {
			if p == "=== PAUSE " {
				return framing{}, true
			}
			return framing{test: strings.TrimSpace(frame[len(p):])}, true
		}
	}
	if m := resultLine.FindStringSubmatch(frame); m != nil {
		d, _ := time.ParseDuration(m[3] + "s")
		return framing{test: m[2], action: strings.ToLower(m[1]), elapsed: d}, true
	}
	switch frame {
	case "PASS", "FAIL":
		return framing{}, true
	}
	return framing{}, false
}

// Report is what a testLog says about one top-level test: its final
// action, its failure messages and the lesson code's own output.
type Report struct {
	Action     string
	NotStarted bool // every failure is a stub's "not implemented yet" and nothing passed
	Message    string
	Output     string
	Elapsed    time.Duration
	Seen       bool
	ClaimsPass bool // some framing line said the test passed
}

// logLine matches the start of a message logged by t.Errorf and friends,
// as go test prints it in verbose mode: four spaces, file:line, colon.
var logLine = regexp.MustCompile(`^ {4}[^\s:]+\.go:\d+: `)

// Report summarises test name (and its subtests) found under prefix, the
// name of the test that ran it ("" or "TestConvlingsGrade/").
func (l *Log) Report(prefix, name string) Report {
	full := prefix + name
	var rep Report
	var msg, out strings.Builder
	passedLeaf, failedLeaf, todoLeaf := 0, 0, 0
	for _, n := range l.order {
		if n != full && !strings.HasPrefix(n, full+"/") {
			continue
		}
		r := l.tests[n]
		rep.Seen = true
		if n == full {
			rep.Action = r.action
			rep.Elapsed = r.elapsed
			rep.ClaimsPass = r.passes > 0
		}
		leaf := true
		for _, m := range l.order {
			if strings.HasPrefix(m, n+"/") {
				leaf = false
				break
			}
		}
		text := strings.Join(r.output, "")
		if leaf && n != full {
			switch {
			case r.action == "pass":
				passedLeaf++
			case r.action == "fail" && (strings.Contains(text, "not implemented yet") || strings.Contains(text, "아직 구현하지 않았습니다")):
				todoLeaf++
				failedLeaf++
			case r.action == "fail":
				failedLeaf++
			}
		}
		inLog := false
		for _, line := range r.output {
			if l.framed && isFramingText(line) {
				continue
			}
			switch {
			case logLine.MatchString(line):
				inLog = true
				if n != full {
					// Say which case the message is about.
					msg.WriteString(strings.TrimPrefix(n, full+"/") + ": ")
				}
				msg.WriteString(logLine.ReplaceAllString(line, ""))
			case inLog && strings.HasPrefix(line, "        "):
				// go test indents a message's further lines by eight.
				msg.WriteString(line[8:])
			default:
				inLog = false
				out.WriteString(line)
			}
		}
	}
	rep.NotStarted = rep.Action == "fail" && todoLeaf > 0 && todoLeaf == failedLeaf && passedLeaf == 0
	rep.Message = strings.TrimRight(msg.String(), "\n")
	rep.Output = strings.TrimRight(out.String(), "\n")
	return rep
}

// isFramingText reports whether an output line is go test's own framing,
// as cmd/test2json passes it through in Output fields.
func isFramingText(line string) bool {
	t := strings.TrimLeft(line, " ")
	return strings.HasPrefix(t, "=== RUN") || strings.HasPrefix(t, "=== PAUSE") ||
		strings.HasPrefix(t, "=== CONT") || strings.HasPrefix(t, "=== NAME") ||
		strings.HasPrefix(t, "--- PASS") || strings.HasPrefix(t, "--- FAIL") ||
		strings.HasPrefix(t, "--- SKIP")
}
