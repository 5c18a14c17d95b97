package main

import (
	"fmt"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/convlings/convlings/tools/checker/internal/learner"
	"github.com/convlings/convlings/tools/checker/internal/view"
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
	if code := fs.parse(args); code >= 0 {
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
		ex, err = learner.FindExercise(k.Manifest, fs.Arg(0), *lang)
		if err != nil {
			return usage(e, "%v", err)
		}
	} else {
		ex, err = learner.NextExercise(e.ctx, k)
		if err != nil {
			return fail(e, err)
		}
		if ex == nil {
			fmt.Fprintln(e.stdout, view.AllDone(*lang))
			return 0
		}
	}
	if *reset {
		if err := learner.UpdateState(k.Root, func(s *learner.State) { delete(s.Hints, ex.ID()) }); err != nil {
			return fail(e, err)
		}
		fmt.Fprintln(e.stdout, i18n.Tr(*lang, "hint reset", ex.ID()))
		return 0
	}
	shown := learner.LoadState(k.Root).Hints[ex.ID()]
	level := min(shown+1, len(ex.Hints))
	if *all {
		level = len(ex.Hints)
	}
	if err := learner.UpdateState(k.Root, func(s *learner.State) { s.Hints[ex.ID()] = max(s.Hints[ex.ID()], level) }); err != nil {
		// The hint is still worth showing; say why it will repeat.
		fmt.Fprintf(e.stderr, "checker: cannot remember the hint level: %v\n", err)
	}
	color, _ := e.terminal()
	view.Hints(e.stdout, ex, level, view.Style{Color: color && e.getenv("NO_COLOR") == "", Lang: *lang})
	return 0
}
