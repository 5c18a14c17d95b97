package report

import (
	"strings"
	"unicode"
)

// Everything that came from a submission (file names, compiler messages,
// what lesson code printed, error texts that quote them) is escaped for
// where it lands: Markdown and HTML (feedback.md, Gradescope's "md"
// output), CSV (gradebook.csv). A file named "<img src=x onerror=…>.go" or
// "lessons/<lesson>/" must show as text, never as a tag.

// mdText escapes s for running Markdown text on one line: HTML's special
// characters become entities, Markdown's punctuation is backslash-escaped,
// and line breaks become spaces, so that s can neither open a tag, a link,
// emphasis or a table cell, nor start a block.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\\', '`', '*', '_', '[', ']', '#', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			if unicode.IsControl(r) {
				b.WriteRune('\uFFFD')
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode returns s as a Markdown code span on one line: a span's content
// is never read as HTML or Markdown, and a fence longer than any run of
// backticks inside keeps a backtick in s from closing it. Line breaks show
// as "⏎".
func mdCode(s string) string {
	s = strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\r", "⏎").Replace(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || s == "" {
		pad = " "
	}
	return fence + pad + s + pad + fence
}

// mdBlock returns s as a fenced code block, whose fence is longer than any
// run of backticks in s.
func mdBlock(s string) string {
	fence := strings.Repeat("`", max(3, longestRun(s, '`')+1))
	return fence + "text\n" + strings.TrimRight(s, "\n") + "\n" + fence + "\n"
}

func longestRun(s string, c rune) int {
	best, n := 0, 0
	for _, r := range s {
		if r == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// csvCell neutralises a cell a spreadsheet would run as a formula: one
// that starts with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe (OWASP's advice for CSV injection).
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
