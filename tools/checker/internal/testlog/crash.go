package testlog

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/convlings/convlings/internal/kit"
)

// BeforeCrash cuts a test's output where a panic or fatal error begins:
// the crash is the message, not the lesson code's output.
func BeforeCrash(out string) string {
	if loc := crashLine.FindStringIndex(out); loc != nil {
		return strings.TrimRight(out[:loc[0]], "\n")
	}
	return out
}

var (
	// PanicLine matches the first line of a panic or a fatal runtime error.
	PanicLine = regexp.MustCompile(`(?m)^(panic: .*|fatal error: .*)$`)
	crashLine = regexp.MustCompile(`(?m)^(panic: |fatal error: |runtime: )`)
)

// TimeoutSummary is the head of a test timeout's panic: the message and
// the tests that were running, without the goroutine dump.
func TimeoutSummary(dump string) string {
	if i := strings.Index(dump, "\n\n"); i >= 0 {
		dump = dump[:i]
	}
	return strings.TrimSpace(dump)
}

// StuckAt reads the goroutine dump of a test timeout and says where lesson
// code was when time ran out: "still running in alpha.Add
// (lessons/alpha/alpha.go:9): an endless loop?", or "waiting
// (sync.Mutex.Lock) in …: a deadlock?". It returns "" when no goroutine
// was in lesson code.
func StuckAt(dump string) string {
	prefix := kit.ModulePath + "/lessons/"
	blocks := strings.Split(dump, "\ngoroutine ")
	for _, b := range blocks[1:] {
		lines := strings.Split(b, "\n")
		header := lines[0] // "21 [runnable]:" or "7 [sync.Mutex.Lock, 2 minutes]:"
		state := ""
		if i, j := strings.IndexByte(header, '['), strings.IndexByte(header, ']'); i >= 0 && j > i {
			state, _, _ = strings.Cut(header[i+1:j], ",")
		}
		for k := 1; k+1 < len(lines); k++ {
			fn := strings.TrimSpace(lines[k])
			if !strings.HasPrefix(fn, prefix) {
				continue
			}
			pkgFn := fn
			if i := strings.LastIndexByte(fn, '('); i > 0 {
				pkgFn = fn[:i]
			}
			short := pkgFn[strings.LastIndexByte(pkgFn, '/')+1:]
			if strings.Contains(short, "_test.") || strings.Contains(short, "zz_convlings") {
				continue
			}
			file := strings.TrimSpace(lines[k+1])
			if i := strings.Index(file, " +0x"); i >= 0 {
				file = file[:i]
			}
			file = strings.TrimPrefix(file, kit.ModulePath+"/")
			if i := strings.LastIndex(file, "/lessons/"); i >= 0 {
				file = file[i+1:]
			}
			if state == "running" || state == "runnable" {
				// The line of a goroutine stopped in a tight loop is not
				// reliable; its function is.
				return fmt.Sprintf("still running in %s: an endless loop?", short)
			}
			return fmt.Sprintf("waiting (%s) in %s (%s): a deadlock?", state, short, file)
		}
	}
	return ""
}

// Lines returns the output outside any test (nil for a nil log).
func (l *Log) Lines() []string {
	if l == nil {
		return nil
	}
	return l.Global
}

// CompileMessage trims the go command's "# package" header lines from build
// output.
func CompileMessage(out string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(out, "\n") {
		if strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "FAIL\t") {
			continue
		}
		b.WriteString(line)
	}
	return strings.TrimSpace(Tail(b.String(), 30))
}

// CrashReason explains a test that never reported a result, from what
// the binary printed: go test files a crash under the test that was
// running, or outside any test.
func CrashReason(global string, rep Report) (reason, message string) {
	all := global + "\n" + rep.Output
	switch {
	case strings.Contains(all, "panic: test timed out"):
		reason = "timed out"
		if where := StuckAt(all[strings.Index(all, "panic: test timed out"):]); where != "" {
			reason += ", " + where
		}
		return reason, TimeoutSummary(all[strings.Index(all, "panic: test timed out"):])
	case strings.Contains(all, "all goroutines are asleep - deadlock"):
		reason = "deadlock"
	case strings.Contains(all, "out of memory"):
		reason = "ran out of memory"
	case !rep.Seen:
		reason = "did not run"
	default:
		reason = "crashed"
	}
	msg := strings.TrimSpace(Tail(global, 25))
	if loc := crashLine.FindStringIndex(rep.Output); loc != nil {
		msg = strings.TrimSpace(Head(rep.Output[loc[0]:], 25))
	}
	if rep.Message != "" {
		msg = rep.Message + "\n" + msg
	}
	return reason, msg
}

// Tail returns the last n lines of s.
func Tail(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("… (%d lines cut)\n", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "")
}

// Head returns the first n lines of s.
func Head(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > n {
		return strings.Join(lines[:n], "") + fmt.Sprintf("… (%d more lines)", len(lines)-n)
	}
	return s
}

// todoCase matches the case name in front of a stub's message, in English
// or Korean: a stub fails the same way whatever the case.
var todoCase = regexp.MustCompile(`(?m)^[^\s:]+: (not implemented yet|아직 구현하지 않았습니다)`)

// TrimStubCase removes the case names in front of a stub's "not implemented
// yet" messages, since a stub fails the same way whatever the case.
func TrimStubCase(msg string) string { return todoCase.ReplaceAllString(msg, "$1") }
