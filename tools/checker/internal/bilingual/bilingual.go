package bilingual

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pairs returns the Markdown files under root that have a Korean
// translation beside them (X.md with X.ko.md), as paths relative to root,
// sorted. It skips .git, testdata and node_modules folders.
func Pairs(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "testdata", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if !strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".ko.md") {
			return nil
		}
		if _, err := os.Stat(KoreanPath(path)); err != nil {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	slices.Sort(out)
	return out, err
}

// KoreanPath returns the path of the Korean translation of an English
// Markdown file: README.md → README.ko.md.
func KoreanPath(en string) string {
	return strings.TrimSuffix(en, ".md") + ".ko.md"
}

// CheckPair reads the English file en and its translation and returns
// [Compare]'s problems and both files' [Emphasis] problems, each prefixed
// with the file it concerns.
func CheckPair(en string) ([]string, error) {
	ko := KoreanPath(en)
	enText, err := os.ReadFile(en)
	if err != nil {
		return nil, err
	}
	koText, err := os.ReadFile(ko)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range Compare(string(enText), string(koText)) {
		out = append(out, filepath.ToSlash(ko)+": "+p)
	}
	for _, f := range []struct {
		name, text string
	}{{en, string(enText)}, {ko, string(koText)}} {
		for _, p := range Emphasis(f.text) {
			out = append(out, filepath.ToSlash(f.name)+": "+p)
		}
	}
	return out, nil
}

// A section is the text from one heading to the next.
type section struct {
	level   int    // 0 for the text before the first heading
	title   string // the heading's text
	line    int    // 1-based line of the heading
	prose   []string
	summary bool // the Korean section is marked as a summary of the English one
	blocks  []block
}

type block struct {
	line  int
	lines []string
}

// parse splits Markdown into sections, with fenced blocks apart from prose.
func parse(text string) []section {
	secs := []section{{}}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var fence string // the fence that opened the current block, "" outside
	for i, l := range lines {
		cur := &secs[len(secs)-1]
		trimmed := strings.TrimLeft(l, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				fence = ""
				continue
			}
			b := &cur.blocks[len(cur.blocks)-1]
			b.lines = append(b.lines, strings.TrimRight(l, " "))
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			cur.blocks = append(cur.blocks, block{line: i + 1})
			continue
		}
		if lvl := headingLevel(l); lvl > 0 {
			secs = append(secs, section{level: lvl, title: strings.TrimSpace(l[lvl:]), line: i + 1})
			continue
		}
		if strings.TrimSpace(l) == summaryMark {
			cur.summary = true
			continue
		}
		cur.prose = append(cur.prose, l)
	}
	return secs
}

func headingLevel(l string) int {
	n := 0
	for n < len(l) && l[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n >= len(l) || l[n] != ' ' {
		return 0
	}
	return n
}

// summaryMark, on a line of its own in a Korean section, says that the
// section summarises the English section at the same place, subsections
// included, rather than translating it: only the heading is compared.
const summaryMark = "<!-- bilingual: summary -->"

var (
	codeSpan = regexp.MustCompile("`+[^`]+`+")
	link     = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	number   = regexp.MustCompile(`\d+(?:\.\d+)?`)
	hangul   = regexp.MustCompile(`\p{Hangul}`)
)

// Compare returns how the Korean text ko is out of step with the English
// text en: a different outline of headings, or a section whose code spans,
// link targets, numbers or fenced blocks differ. Link targets are compared
// without their #anchor (a Korean heading has a Korean anchor) and with
// .ko.md read as .md.
func Compare(en, ko string) []string {
	es, ks := parse(en), parse(ko)
	var out []string
	i, j := 0, 0
	for ; i < len(es) && j < len(ks); i, j = i+1, j+1 {
		e, k := es[i], ks[j]
		where := "before the first heading"
		if j > 0 {
			where = fmt.Sprintf("section %q (line %d)", k.title, k.line)
		}
		if e.level != k.level {
			out = append(out, fmt.Sprintf("%s is a level-%d heading where the English has %q, level %d: the outlines part here", where, k.level, e.title, e.level))
			return out
		}
		if d := multisetDiff(numbers(e.title), numbers(k.title)); d != "" {
			out = append(out, fmt.Sprintf("%s: the heading's numbers differ from the English %q: %s", where, e.title, d))
		}
		if k.summary {
			// A summary stands for the English section and its subsections.
			for i+1 < len(es) && es[i+1].level > e.level {
				i++
			}
			continue
		}
		out = append(out, compareSection(where, e, k)...)
	}
	switch {
	case i < len(es):
		out = append(out, fmt.Sprintf("the English goes on with %q, which has no Korean section", es[i].title))
	case j < len(ks):
		out = append(out, fmt.Sprintf("section %q (line %d) has no English section", ks[j].title, ks[j].line))
	}
	return out
}

func compareSection(where string, e, k section) []string {
	var out []string
	ep, kp := strings.Join(e.prose, "\n"), strings.Join(k.prose, "\n")
	if d := multisetDiff(codeSpans(ep), codeSpans(kp)); d != "" {
		out = append(out, fmt.Sprintf("%s: code spans differ from the English: %s", where, d))
	}
	if d := multisetDiff(links(ep), links(kp)); d != "" {
		out = append(out, fmt.Sprintf("%s: links differ from the English: %s", where, d))
	}
	if d := multisetDiff(proseNumbers(ep), proseNumbers(kp)); d != "" {
		out = append(out, fmt.Sprintf("%s: numbers in the text differ from the English: %s", where, d))
	}
	if len(e.blocks) != len(k.blocks) {
		return append(out, fmt.Sprintf("%s has %d code blocks, the English has %d", where, len(k.blocks), len(e.blocks)))
	}
	for n := range e.blocks {
		out = append(out, compareBlock(where, e.blocks[n], k.blocks[n])...)
	}
	return out
}

func compareBlock(where string, e, k block) []string {
	if len(e.lines) != len(k.lines) {
		return []string{fmt.Sprintf("%s: the code block at line %d has %d lines, the English one (line %d) has %d", where, k.line, len(k.lines), e.line, len(e.lines))}
	}
	var out []string
	for i := range e.lines {
		el, kl := e.lines[i], k.lines[i]
		if !hangul.MatchString(kl) {
			if el != kl {
				out = append(out, fmt.Sprintf("%s: line %d differs from the English line %d:\n\t%s\n\t%s", where, k.line+1+i, e.line+1+i, kl, el))
			}
			continue
		}
		if d := multisetDiff(wordNumbers(numbers(el)), wordNumbers(numbers(kl))); d != "" {
			out = append(out, fmt.Sprintf("%s: line %d has other numbers than the English line %d (%s):\n\t%s\n\t%s", where, k.line+1+i, e.line+1+i, d, kl, el))
		}
	}
	return out
}

func codeSpans(s string) []string {
	spans := codeSpan.FindAllString(s, -1)
	for i, sp := range spans {
		spans[i] = strings.Join(strings.Fields(sp), " ")
	}
	return spans
}

func links(s string) []string {
	var out []string
	for _, m := range link.FindAllStringSubmatch(s, -1) {
		t, _, _ := strings.Cut(m[1], "#")
		if t == "" {
			continue // an anchor within the page: its text differs by language
		}
		out = append(out, strings.ReplaceAll(t, ".ko.md", ".md"))
	}
	return out
}

// proseNumbers returns the numbers of the prose outside code spans and
// link targets (those are compared as a whole).
func proseNumbers(s string) []string {
	s = codeSpan.ReplaceAllString(s, " ")
	s = link.ReplaceAllString(s, "]")
	return wordNumbers(numbers(s))
}

// numbers returns the numbers of s, leaving out digits that are part of a
// name (Conv2D, ZeroPadding1D).
func numbers(s string) []string {
	var out []string
	for _, m := range number.FindAllStringIndex(s, -1) {
		if r, _ := utf8.DecodeLastRuneInString(s[:m[0]]); m[0] > 0 && (unicode.IsLetter(r) || r == '_') {
			continue
		}
		out = append(out, s[m[0]:m[1]])
	}
	return out
}

// wordNumbers drops 0 and 1, which one language often writes as a word
// ("a zero", "one filter") where the other writes the digit.
func wordNumbers(ns []string) []string {
	return slices.DeleteFunc(ns, func(n string) bool { return n == "0" || n == "1" })
}

// multisetDiff describes how b differs from a as multisets, or returns "".
func multisetDiff(a, b []string) string {
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	var missing, extra []string
	for x, n := range count {
		for ; n > 0; n-- {
			missing = append(missing, x)
		}
		for ; n < 0; n++ {
			extra = append(extra, x)
		}
	}
	if len(missing) == 0 && len(extra) == 0 {
		return ""
	}
	slices.Sort(missing)
	slices.Sort(extra)
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, "missing "+strings.Join(missing, " "))
	}
	if len(extra) > 0 {
		parts = append(parts, "not in the English "+strings.Join(extra, " "))
	}
	return strings.Join(parts, "; ")
}

// Emphasis returns the ** delimiters in text (outside fenced blocks and
// code spans) that GitHub shows as literal asterisks: within a paragraph,
// the delimiters pair up in order, and an opening one must be
// left-flanking and a closing one right-flanking, as CommonMark defines
// them.
func Emphasis(text string) []string {
	var out []string
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	inFence := false
	var para []string
	var paraLine int
	flush := func() {
		if len(para) > 0 {
			out = append(out, paragraphEmphasis(paraLine, para)...)
		}
		para = nil
	}
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			flush()
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if strings.TrimSpace(l) == "" || headingLevel(l) > 0 || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "- ") || listItem(t) {
			flush()
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(para) == 0 {
			paraLine = i + 1
		}
		para = append(para, l)
	}
	flush()
	return out
}

var ordered = regexp.MustCompile(`^\d+\. `)

func listItem(t string) bool { return ordered.MatchString(t) }

func paragraphEmphasis(first int, lines []string) []string {
	var out []string
	open := false
	for n, l := range lines {
		// Table cells are paragraphs of their own.
		cells := []string{l}
		if strings.HasPrefix(strings.TrimSpace(l), "|") {
			cells = strings.Split(l, "|")
		}
		for _, cell := range cells {
			if len(cells) > 1 {
				open = false
			}
			s := codeSpan.ReplaceAllStringFunc(cell, func(m string) string { return strings.Repeat("x", len(m)) })
			for i := 0; i < len(s); {
				if !strings.HasPrefix(s[i:], "**") {
					i++
					continue
				}
				j := i
				for j < len(s) && s[j] == '*' {
					j++
				}
				prev, next := ' ', ' '
				if i > 0 {
					prev, _ = utf8.DecodeLastRuneInString(s[:i])
				}
				if j < len(s) {
					next, _ = utf8.DecodeRuneInString(s[j:])
				}
				left := !unicode.IsSpace(next) && (!isPunct(next) || unicode.IsSpace(prev) || isPunct(prev))
				right := !unicode.IsSpace(prev) && (!isPunct(prev) || unicode.IsSpace(next) || isPunct(next))
				switch {
				case !open && !left:
					out = append(out, fmt.Sprintf("line %d: this ** cannot open bold text (GitHub shows it as is): %s", first+n, strings.TrimSpace(cell)))
				case open && !right:
					out = append(out, fmt.Sprintf("line %d: this ** cannot close bold text (GitHub shows it as is; put a letter before it or a space after it): %s", first+n, strings.TrimSpace(cell)))
				}
				open = !open
				i = j
			}
		}
	}
	return out
}

// isPunct reports whether r is punctuation as CommonMark defines it: ASCII
// punctuation, or a Unicode punctuation character.
func isPunct(r rune) bool {
	if r < utf8.RuneSelf {
		return strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r)
	}
	return unicode.IsPunct(r)
}
