package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
)

// Hints prints hints 1…level of ex, the newest last, and says what
// comes next.
func Hints(w io.Writer, ex *kit.Exercise, level int, s Style) {
	HintsMore(w, ex, level, s, "hint more")
}

// HintsMore is Hints with the message key that says how to get
// the next hint ("hint more" for the command, "hint more w" in watch).
func HintsMore(w io.Writer, ex *kit.Exercise, level int, s Style, more string) {
	n := len(ex.Hints)
	if n == 0 {
		fmt.Fprintln(w, i18n.Tr(s.Lang, "no hints", ex.ID(), ex.ReadmeLink(s.Lang)))
		return
	}
	for i := 0; i < level; i++ {
		head := i18n.Tr(s.Lang, "hint head", i+1, n, ex.ID())
		if i == level-1 {
			head = s.paint(ansiBold+ansiCyan, head)
		} else {
			head = s.paint(ansiDim, head)
		}
		fmt.Fprintln(w, head)
		fmt.Fprintln(w, IndentWrap(ex.Hints[i].In(s.Lang), "  ", 78))
		fmt.Fprintln(w)
	}
	if level < n {
		fmt.Fprintln(w, i18n.Tr(s.Lang, more, level+1, n))
	} else {
		fmt.Fprintln(w, i18n.Tr(s.Lang, "hint last", ex.ReadmeLink(s.Lang)))
	}
}

// IndentWrap wraps text at width terminal cells and indents every line.
func IndentWrap(text, indent string, width int) string {
	var b strings.Builder
	for pi, para := range strings.Split(text, "\n") {
		if pi > 0 {
			b.WriteString("\n")
		}
		col := 0
		b.WriteString(indent)
		for i, word := range strings.Fields(para) {
			wl := i18n.CellWidth(word)
			if i > 0 && col+1+wl > width-len(indent) {
				b.WriteString("\n" + indent)
				col = 0
			} else if i > 0 {
				b.WriteString(" ")
				col++
			}
			b.WriteString(word)
			col += wl
		}
	}
	return b.String()
}
