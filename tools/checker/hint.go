package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
)

// runHint is `go run ./tools/checker hint [exercise]`: each call shows one
// more hint of the exercise, general first, specific last, and remembers
// how many were shown in the state file.
func runHint(e *env, args []string) int {
	fs := newFlags(e, "hint", "Hint")
	lang := fs.String("lang", i18n.LangFromEnv(e.getenv), "language of the hints: en or ko (default from LANG)")
	kitDir := fs.String("kit", "", "the kit's root folder (default: the module holding the current folder)")
	all := fs.Bool("all", false, "show every hint of the exercise at once")
	reset := fs.Bool("reset", false, "forget which hints of the exercise were shown")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 1 {
		return usage(e, "hint takes one exercise, got %q", fs.Args())
	}
	if err := i18n.CheckLang(*lang); err != nil {
		return usage(e, "%v", err)
	}
	k, err := findKit(e.ctx, *kitDir)
	if err != nil {
		return fail(e, err)
	}
	var ex *kit.Exercise
	if fs.NArg() == 1 {
		ex, err = k.Manifest.Find(fs.Arg(0))
		if err != nil {
			return usage(e, "%v", err)
		}
	} else {
		ex, err = nextExercise(e, k)
		if err != nil {
			return fail(e, err)
		}
		if ex == nil {
			fmt.Fprintln(e.stdout, i18n.Tr(*lang, "all done"))
			return 0
		}
	}
	if *reset {
		if err := updateState(k.Root, func(s *learnerState) { delete(s.Hints, ex.ID()) }); err != nil {
			return fail(e, err)
		}
		fmt.Fprintln(e.stdout, i18n.Tr(*lang, "hint reset", ex.ID()))
		return 0
	}
	shown := loadState(k.Root).Hints[ex.ID()]
	level := min(shown+1, len(ex.Hints))
	if *all {
		level = len(ex.Hints)
	}
	if err := updateState(k.Root, func(s *learnerState) { s.Hints[ex.ID()] = max(s.Hints[ex.ID()], level) }); err != nil {
		// The hint is still worth showing; say why it will repeat.
		fmt.Fprintf(e.stderr, "checker: cannot remember the hint level: %v\n", err)
	}
	color, _ := e.terminal()
	writeHints(e.stdout, ex, level, style{color: color && e.getenv("NO_COLOR") == "", lang: *lang})
	return 0
}

// writeHints prints hints 1…level of ex, the newest last, and says what
// comes next.
func writeHints(w io.Writer, ex *kit.Exercise, level int, s style) {
	writeHintsMore(w, ex, level, s, "hint more")
}

// writeHintsMore is writeHints with the message key that says how to get
// the next hint ("hint more" for the command, "hint more w" in watch).
func writeHintsMore(w io.Writer, ex *kit.Exercise, level int, s style, more string) {
	n := len(ex.Hints)
	if n == 0 {
		fmt.Fprintf(w, "%s has no hints; read %s\n", ex.ID(), ex.ReadmeLink(s.lang))
		return
	}
	for i := 0; i < level; i++ {
		head := i18n.Tr(s.lang, "hint head", i+1, n, ex.ID())
		if i == level-1 {
			head = s.paint(ansiBold+ansiCyan, head)
		} else {
			head = s.paint(ansiDim, head)
		}
		fmt.Fprintln(w, head)
		fmt.Fprintln(w, indentWrap(ex.Hints[i].In(s.lang), "  ", 78))
		fmt.Fprintln(w)
	}
	if level < n {
		fmt.Fprintln(w, i18n.Tr(s.lang, more, level+1, n))
	} else {
		fmt.Fprintln(w, i18n.Tr(s.lang, "hint last", ex.ReadmeLink(s.lang)))
	}
}

// nextExercise returns the next unfinished exercise: the one the last
// learner view named, or, when there was none, the result of a fresh run.
func nextExercise(e *env, kit *kit.Kit) (*kit.Exercise, error) {
	if id := loadState(kit.Root).Next; id != "" {
		if ex, err := kit.Manifest.Find(id); err == nil {
			return ex, nil
		}
	}
	p, err := (&learnerRun{kit: kit, timeout: 60 * time.Second}).run(e.ctx)
	if err != nil {
		return nil, err
	}
	saveNext(kit, p)
	if r := p.next(); r != nil {
		return r.Exercise, nil
	}
	return nil, nil
}

// indentWrap wraps text at width terminal cells and indents every line.
func indentWrap(text, indent string, width int) string {
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
