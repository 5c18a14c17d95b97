package result

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/convlings/convlings/internal/kit"
)

// Status is how far an exercise got.
type Status string

const (
	Passed     Status = "passed"
	Failed     Status = "failed"
	NotStarted Status = "not started"
	Errored    Status = "error" // could not be run: does not compile, rejected, crashed, timed out
)

// Result is the outcome of one exercise, in learner mode and in grading.
type Result struct {
	Exercise *kit.Exercise
	Status   Status
	Message  string        // what went wrong, for people: the test's failure messages
	Output   string        // what the lesson code printed while the test ran
	Reason   string        // one line: "timed out after 10s", "does not compile", …
	Duration time.Duration // of the test, when known

	// Filled by grading (zero in learner mode): how many public (golden)
	// and hidden (drawn fresh for the run) cases the exercise passed, and
	// the first failing case as a Go call with its expected answer, for
	// Exercism's test_code and the feedback.
	Public  Cases
	Hidden  Cases
	Failing *Failing
	// Share is the part of the points earned by a result that did not
	// pass, when the instructor weights public and hidden cases apart
	// (grade -hidden-weight): 0 otherwise.
	Share float64
}

// Cases counts the cases of one kind an exercise passed.
type Cases struct {
	Passed int `json:"passed"`
	Total  int `json:"total"`
}

// Failing is the first case an exercise failed: the call as Go source
// ("padding.OutputLength(5, 3, 1, \"same\")") and the expected answer as
// Go source or an error's text. Hidden tells a hidden case from a public one.
type Failing struct {
	Call   string `json:"call"`
	Want   string `json:"want"`
	Hidden bool   `json:"hidden,omitempty"`
}

// Isolation is how far a submission's code was kept from the machine
// while it ran: every output records it.
type Isolation string

const (
	// Namespaces: new PID, network and mount namespaces (private /tmp and
	// /dev/shm, the kit read-only), a user id of the submission's own,
	// and resource limits.
	IsolationNamespaces Isolation = "namespaces"
	// User: a user id of the submission's own and resource limits, no
	// namespaces (root on a machine that forbids them).
	IsolationUser Isolation = "user"
	// None: lesson code ran as the grader's own user, with resource
	// limits only. It could reach whatever that user can.
	IsolationNone Isolation = "none"
)

// Provenance is what a row was graded under: its isolation level and the
// seed the hidden cases were drawn from (so that the grade can be
// reproduced with -seed).
type Provenance struct {
	Isolation Isolation `json:"isolation"`
	Seed      uint64    `json:"hidden_seed"`
}

// Points returns the points the result earns.
func (r *Result) Points() float64 {
	if r.Status == Passed {
		return r.Exercise.Points
	}
	return r.Exercise.Points * r.Share
}

// Note is something the checker wants the learner and the instructor to
// know about a submission: a file it did not take, a rule it broke.
type Note struct {
	Kind string `json:"kind"` // rejected, ignored, policy, tamper, info
	Path string `json:"path,omitempty"`
	Text string `json:"text"`
}

// String is the note in one line: "kind: path: text".
func (n Note) String() string {
	if n.Path == "" {
		return n.Kind + ": " + n.Text
	}
	return n.Kind + ": " + n.Path + ": " + n.Text
}

// Clip shortens s to at most n bytes, cutting on a rune boundary and
// ending in "…" when it cuts.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := max(n-len("…"), 0)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Terminal makes text from a submission (folder and file names, test
// output) safe to print on a terminal: control characters, and bytes that
// are not UTF-8, are shown as Go escapes (an ESC as \x1b, a newline as
// \n), so that no escape sequence reaches the terminal. Text without them
// is returned as it is.
func Terminal(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r == '\n':
			b.WriteString("\\n")
		case r == '\t':
			b.WriteString("\\t")
		case r == '\r':
			b.WriteString("\\r")
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		case unsafeRune(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unsafeRune reports whether r may change what a terminal shows beyond
// itself: C0 and C1 controls, DEL, bidirectional overrides, and bytes that
// are not UTF-8.
func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// ByteSize formats n bytes for people: "64 MiB", "512 KiB", "100 bytes".
func ByteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// FormatPoints formats points without trailing zeros: "2", "1.5".
func FormatPoints(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }

// ExerciseJSON is one exercise's result as the JSON outputs show it
// (`progress -json`, summary.json).
type ExerciseJSON struct {
	ID        string   `json:"id"`
	Test      string   `json:"test"`
	Task      int      `json:"task"`
	Status    string   `json:"status"`
	Reason    string   `json:"reason,omitempty"`
	Points    float64  `json:"points"`
	MaxPoints float64  `json:"max_points"`
	Message   string   `json:"message,omitempty"`
	Output    string   `json:"output,omitempty"`
	README    string   `json:"readme,omitempty"`
	Hint      string   `json:"hint_command"`
	TestCmd   string   `json:"test_command"`
	Public    *Cases   `json:"public_cases,omitempty"`
	Hidden    *Cases   `json:"hidden_cases,omitempty"`
	Failing   *Failing `json:"first_failing,omitempty"`
}

// JSON returns r as ExerciseJSON, with links and commands in lang.
func JSON(r *Result, lang string) ExerciseJSON {
	ex := r.Exercise
	j := ExerciseJSON{
		ID: ex.ID(), Test: ex.Test, Task: ex.Task, Status: strings.ReplaceAll(string(r.Status), " ", "_"),
		Reason: r.Reason, Points: r.Points(), MaxPoints: ex.Points,
		Message: r.Message, Output: r.Output, README: ex.ReadmeLink(lang),
		Hint:    "go run ./tools/checker hint " + ex.ID(),
		TestCmd: fmt.Sprintf("go test ./lessons/%s -run '^%s$'", ex.Lesson.Name, ex.Test),
		Failing: r.Failing,
	}
	if r.Public.Total > 0 {
		j.Public = &r.Public
	}
	if r.Hidden.Total > 0 {
		j.Hidden = &r.Hidden
	}
	return j
}
