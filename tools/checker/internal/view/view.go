package view

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/convlings/convlings/tools/checker/internal/learner"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// Style says how to draw the learner view: with colours and Unicode marks
// on a terminal, as stable plain text anywhere else.
type Style struct {
	Color bool
	Lang  string
	Width int // terminal columns; 0 when unknown
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

func (s Style) paint(code, text string) string {
	if !s.Color || text == "" {
		return text
	}
	return code + text + ansiReset
}

// fmtPoints prints points without a trailing ".0": 3, 2.5.

// statusMark is the label of a status: a coloured mark and word on a
// terminal, the word alone otherwise.
func (s Style) statusMark(st result.Status) string {
	word := i18n.Tr(s.Lang, string(st))
	if !s.Color {
		return word
	}
	switch st {
	case result.Passed:
		return s.paint(ansiGreen, "✓ "+word)
	case result.Failed:
		return s.paint(ansiRed, "✗ "+word)
	case result.Errored:
		return s.paint(ansiYellow, "! "+word)
	default:
		return s.paint(ansiDim, "· "+word)
	}
}

// bar draws the overall progress bar.
func (s Style) bar(done, total float64) string {
	width := 40
	if s.Width > 0 && s.Width < 60 {
		width = max(10, s.Width-20)
	}
	frac := 0.0
	if total > 0 {
		frac = done / total
	}
	n := int(frac*float64(width) + 0.5)
	if done < total && n == width {
		n = width - 1
	}
	pct := fmt.Sprintf("%3d%%", int(frac*100))
	if !s.Color {
		return "[" + strings.Repeat("#", n) + strings.Repeat("-", width-n) + "] " + pct
	}
	return s.paint(ansiGreen, strings.Repeat("█", n)) + s.paint(ansiDim, strings.Repeat("░", width-n)) + " " + s.paint(ansiBold, pct)
}

// Opts says what the learner view shows besides the totals and the
// table: watch focuses on the exercise being edited, and can show its
// failure in full.
type Opts struct {
	Focus       *kit.Exercise // the exercise to show in detail; nil: the next unfinished one
	Expand      bool          // the focused failure in full, not cut to DetailLines
	Watch       bool          // fold the lessons the learner is not working on into one line each
	Interactive bool          // keys act (watch on a terminal): say which key expands, and h for hints
}

// DetailLines is how many lines of a failure the view shows before it
// cuts it.
const DetailLines = 14

// AllDone is the message for a learner who has passed every exercise,
// with where to go next.
func AllDone(lang string) string {
	link := "lessons/README.md#when-you-are-done"
	if lang == "ko" {
		link = "lessons/README.ko.md#다-풀었다면"
	}
	return i18n.Tr(lang, "all done next", link)
}

// withUnit puts the unit key after a number: "3 pt" in English, "3점" in
// Korean, where a counter takes no space.
func withUnit(lang, n, unit string) string {
	if lang == "ko" {
		return n + i18n.Tr(lang, unit)
	}
	return n + " " + i18n.Tr(lang, unit)
}

// Progress draws the learner view: totals, a bar, every lesson and
// exercise with its status, then the next exercise with its failure
// message, the README section, the hint command and the test command.
func Progress(w io.Writer, p *learner.Progress, s Style) {
	Draw(w, p, s, Opts{})
}

// Draw draws the learner view as o says.
func Draw(w io.Writer, p *learner.Progress, s Style, o Opts) {
	passed, count, points, maxPoints := p.Totals()
	fmt.Fprintln(w, s.paint(ansiBold, i18n.Tr(s.Lang, "progress", passed, count, result.FormatPoints(points), result.FormatPoints(maxPoints))))
	fmt.Fprintln(w, s.bar(points, maxPoints))
	idWidth, labelWidth := 0, 0
	for _, r := range p.Results {
		idWidth = max(idWidth, len(r.Exercise.ID()))
	}
	for _, st := range []result.Status{result.Passed, result.Failed, result.NotStarted, result.Errored} {
		labelWidth = max(labelWidth, i18n.CellWidth(s.statusMark(st))-invisible(s.statusMark(st)))
	}
	// The lessons shown in full under watch: the one being edited, and the
	// one of the next unfinished exercise once the edited one passes.
	open := map[*kit.Lesson]bool{}
	if o.Focus != nil {
		open[o.Focus.Lesson] = true
	}
	if r := p.Next(); r != nil && (o.Focus == nil || p.Result(o.Focus).Status == result.Passed) {
		open[r.Exercise.Lesson] = true
	}
	for i, l := range p.Kit.Manifest.Lessons {
		var got, of float64
		done := 0
		for _, ex := range l.Exercises {
			of += ex.Points
			got += p.Result(ex).Points()
			if p.Result(ex).Status == result.Passed {
				done++
			}
		}
		title := l.Title.In(s.Lang)
		fmt.Fprintf(w, "\n%s  %s", s.paint(ansiBold, fmt.Sprintf("%d. %s", i+1, title)),
			s.paint(ansiDim, withUnit(s.Lang, result.FormatPoints(got)+"/"+result.FormatPoints(of), "points")))
		if o.Watch && !open[l] {
			// A lesson the learner is not in: one line.
			fmt.Fprintf(w, "  %s\n", s.paint(ansiDim, i18n.Tr(s.Lang, "lesson passes", done, len(l.Exercises))))
			continue
		}
		fmt.Fprintln(w)
		for _, ex := range l.Exercises {
			r := p.Result(ex)
			mark := s.statusMark(r.Status)
			line := "   " + mark + strings.Repeat(" ", max(0, labelWidth-(i18n.CellWidth(mark)-invisible(mark)))) +
				"  " + i18n.Pad(ex.ID(), idWidth) + "  " + withUnit(s.Lang, result.FormatPoints(ex.Points), "pt")
			if r.Reason != "" && r.Status != result.Passed {
				// The table says what happened; the detail below says where.
				reason, _, _ := strings.Cut(i18n.TrReason(s.Lang, r.Reason), ", ")
				line += "  (" + reason + ")"
			}
			if o.Watch && ex == o.Focus {
				line += "  " + s.paint(ansiCyan, i18n.Tr(s.Lang, "editing"))
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		}
	}
	fmt.Fprintln(w)
	if o.Focus != nil {
		if r := p.Result(o.Focus); r.Status != result.Passed {
			detail(w, r, s, o, "focus")
			return
		}
		fmt.Fprintln(w, s.paint(ansiGreen+ansiBold, i18n.Tr(s.Lang, "focus passes", o.Focus.ID())))
	}
	next := p.Next()
	if next == nil {
		fmt.Fprintln(w, s.paint(ansiGreen+ansiBold, AllDone(s.Lang)))
		return
	}
	detail(w, next, s, o, "next")
}

// Next names the next exercise and says what to do about it.
func Next(w io.Writer, r *result.Result, s Style) {
	detail(w, r, s, Opts{}, "next")
}

// detail names an exercise that does not pass yet and says what to do
// about it; key is the message that names it ("next" or "focus").
func detail(w io.Writer, r *result.Result, s Style, o Opts, key string) {
	ex := r.Exercise
	status := i18n.Tr(s.Lang, string(r.Status))
	if r.Reason != "" {
		status += ": " + i18n.TrReason(s.Lang, r.Reason)
	}
	fmt.Fprintln(w, s.paint(ansiBold+ansiCyan, i18n.Tr(s.Lang, key, ex.ID(), status)))
	msg := r.Message
	if msg == "" {
		msg = r.Output
	}
	if msg != "" {
		lines := strings.Split(strings.TrimRight(msg, "\n"), "\n")
		cut := 0
		if !o.Expand && len(lines) > DetailLines {
			lines, cut = lines[:DetailLines], len(lines)-DetailLines
		}
		for _, line := range lines {
			fmt.Fprintln(w, strings.TrimRight("  "+line, " "))
		}
		switch {
		case cut > 0 && o.Interactive:
			fmt.Fprintln(w, "  "+s.paint(ansiDim, i18n.Tr(s.Lang, "more lines e", cut)))
		case cut > 0:
			fmt.Fprintln(w, "  "+i18n.Tr(s.Lang, "more lines", cut))
		case o.Expand && o.Interactive && len(lines) > DetailLines:
			fmt.Fprintln(w, "  "+s.paint(ansiDim, i18n.Tr(s.Lang, "fold e")))
		}
	}
	lw := max(i18n.CellWidth(i18n.Tr(s.Lang, "read")), i18n.CellWidth(i18n.Tr(s.Lang, "hint")), i18n.CellWidth(i18n.Tr(s.Lang, "test"))) + 1
	if link := ex.ReadmeLink(s.Lang); link != "" {
		fmt.Fprintf(w, "  %s %s\n", i18n.Pad(i18n.Tr(s.Lang, "read"), lw), link)
	}
	if o.Interactive {
		fmt.Fprintf(w, "  %s %s\n", i18n.Pad(i18n.Tr(s.Lang, "hint"), lw), i18n.Tr(s.Lang, "press h"))
	} else {
		fmt.Fprintf(w, "  %s go run ./tools/checker hint %s\n", i18n.Pad(i18n.Tr(s.Lang, "hint"), lw), ex.ID())
	}
	fmt.Fprintf(w, "  %s go test ./lessons/%s -run '^%s$'\n", i18n.Pad(i18n.Tr(s.Lang, "test"), lw), ex.Lesson.Name, ex.Test)
}

// invisible returns how many cells of s are ANSI escape sequences, which
// cellWidth counts but a terminal does not show.
func invisible(s string) int {
	n := 0
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return n
		}
		j := strings.IndexByte(s[i:], 'm')
		if j < 0 {
			return n
		}
		n += i18n.CellWidth(s[i : i+j+1])
		s = s[i+j+1:]
	}
}

// ProgressDoc is the learner view for tools (-json).
type ProgressDoc struct {
	Kit       string               `json:"kit"`
	Passed    int                  `json:"exercises_passed"`
	Count     int                  `json:"exercises"`
	Points    float64              `json:"points"`
	MaxPoints float64              `json:"max_points"`
	Lessons   []lessonJSON         `json:"lessons"`
	Next      *result.ExerciseJSON `json:"next"`
}

type lessonJSON struct {
	Name      string                `json:"name"`
	Title     string                `json:"title"`
	Points    float64               `json:"points"`
	MaxPoints float64               `json:"max_points"`
	Exercises []result.ExerciseJSON `json:"exercises"`
}

// ProgressJSON writes the learner view for tools (-json), a ProgressDoc.
func ProgressJSON(w io.Writer, p *learner.Progress, lang string) error {
	passed, count, points, maxPoints := p.Totals()
	out := ProgressDoc{Kit: p.Kit.Root, Passed: passed, Count: count, Points: points, MaxPoints: maxPoints, Lessons: []lessonJSON{}}
	for _, l := range p.Kit.Manifest.Lessons {
		lj := lessonJSON{Name: l.Name, Title: l.Title.In(lang), Exercises: []result.ExerciseJSON{}}
		for _, ex := range l.Exercises {
			r := p.Result(ex)
			lj.Points += r.Points()
			lj.MaxPoints += ex.Points
			lj.Exercises = append(lj.Exercises, result.JSON(r, lang))
		}
		out.Lessons = append(out.Lessons, lj)
	}
	if n := p.Next(); n != nil {
		e := result.JSON(n, lang)
		out.Next = &e
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
