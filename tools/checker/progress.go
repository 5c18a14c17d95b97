package main

import (
	"time"

	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/convlings/convlings/tools/checker/internal/learner"
	"github.com/convlings/convlings/tools/checker/internal/view"
)

// runProgress is the learner view: `go run ./tools/checker`.
func runProgress(e *env, args []string) int {
	fs := newFlags(e, "progress", "Progress")
	jsonOut := fs.Bool("json", false, "print the view as JSON, for tools")
	lang := fs.String("lang", i18n.LangFromEnv(e.getenv), "language of the view and hints: en or ko (default from LANG)")
	kitDir := fs.String("kit", "", "the kit's root folder (default: the module holding the current folder)")
	timeout := fs.Duration("timeout", 60*time.Second, "time limit for each lesson's tests")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		return usage(e, "progress takes no arguments, got %q", fs.Args())
	}
	if err := i18n.CheckLang(*lang); err != nil {
		return usage(e, "%v", err)
	}
	kit, err := findKit(e.ctx, *kitDir)
	if err != nil {
		return fail(e, err)
	}
	p, err := (&learner.Runner{Kit: kit, Timeout: *timeout, Lang: *lang}).Run(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	learner.SaveNext(kit, p)
	if *jsonOut {
		if err := view.ProgressJSON(e.stdout, p, *lang); err != nil {
			return fail(e, err)
		}
	} else {
		color, width := e.terminal()
		color = color && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
		view.Progress(e.stdout, p, view.Style{Color: color, Lang: *lang, Width: width})
	}
	// Unfinished exercises are not a failure of the view: a non-zero
	// status would only make `go run` add "exit status 1" under it.
	return 0
}
