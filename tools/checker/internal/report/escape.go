package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Everything that came from a submission (file names, compiler messages,
// what lesson code printed, error texts that quote them) is escaped for
// where it lands: Markdown and HTML (feedback.md, Gradescope's "md"
// output), CSV (gradebook.csv). A file named "<img src=x onerror=…>.go" or
// "lessons/<lesson>/" must show as text, never as a tag.
//
// Control characters and bidirectional overrides are escaped in every
// format, JSON included (Gradescope and Exercism show the JSON's strings
// on a web page; the Classroom reporter prints them in the Actions log):
// an ESC as \x1b, a U+202E as \u202e, a byte that is not UTF-8 as \xff,
// so that no escape sequence, carriage return or reordering that lesson
// code chose reaches a reader. Newlines and tabs are kept where the text
// has lines.

// unsafeRune reports whether r can change what a terminal, a browser or
// a Markdown renderer shows beyond itself: C0 and C1 controls, DEL,
// bidirectional marks, embeddings, overrides and isolates, and the line
// and paragraph separators.
func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
		r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x2028 && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// escapeRune is r as a Go escape: \x1b, \r, \u202e.
func escapeRune(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	if r < 0x100 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// escapeRunes writes s through write, a rune at a time, with each unsafe
// rune and each byte that is not UTF-8 given to esc as its escape.
func escapeRunes(s string, keep func(r rune) bool, write func(r rune, raw string), esc func(e string)) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			esc(fmt.Sprintf(`\x%02x`, s[i]))
		case unsafeRune(r) && !keep(r):
			esc(escapeRune(r))
		default:
			write(r, s[i:i+n])
		}
		i += n
	}
}

// plain is text from a submission with lines (a message, what lesson code
// printed) made safe for every output: unsafe runes and bytes that are not
// UTF-8 escaped, newlines and tabs kept, a CRLF read as a newline.
func plain(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	clean := utf8.ValidString(s)
	for _, r := range s {
		if unsafeRune(r) && r != '\n' && r != '\t' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	escapeRunes(s, func(r rune) bool { return r == '\n' || r == '\t' },
		func(_ rune, raw string) { b.WriteString(raw) }, func(e string) { b.WriteString(e) })
	return b.String()
}

// mdText escapes s for running Markdown text on one line: HTML's special
// characters become entities, Markdown's punctuation is backslash-escaped,
// line breaks and tabs become spaces, and unsafe runes escapes (a lone
// carriage return as \r), so that s can neither open a tag, a link,
// emphasis or a table cell, nor start a block.
func mdText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	escapeRunes(s, func(r rune) bool { return r == '\n' || r == '\t' }, func(r rune, raw string) {
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
		case '\n', '\t':
			b.WriteByte(' ')
		default:
			b.WriteString(raw)
		}
	}, func(e string) { b.WriteString(`\` + e) }) // a Markdown-escaped backslash
	return b.String()
}

// mdCode returns s as a Markdown code span on one line: a span's content
// is never read as HTML or Markdown, and a fence longer than any run of
// backticks inside keeps a backtick in s from closing it. Line breaks show
// as "⏎".
func mdCode(s string) string {
	s = strings.NewReplacer("\r\n", "⏎", "\n", "⏎").Replace(s)
	s = strings.ReplaceAll(plain(s), "\t", " ")
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || s == "" {
		pad = " "
	}
	return fence + pad + s + pad + fence
}

// mdBlock returns s as a fenced code block, whose fence is longer than any
// run of backticks in s, with s's unsafe runes escaped (plain).
func mdBlock(s string) string {
	s = plain(s)
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
// apostrophe (OWASP's advice for CSV injection). Its unsafe runes are
// escaped first (plain).
func csvCell(s string) string {
	s = plain(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
