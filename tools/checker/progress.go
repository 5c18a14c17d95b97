package main

import (
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
)

// runProgress is the learner view: `go run ./tools/checker`.
func runProgress(e *env, args []string) int {
	fs := newFlags(e, "progress", "Progress")
	jsonOut := fs.Bool("json", false, "print the view as JSON, for tools")
	lang := fs.String("lang", i18n.LangFromEnv(e.getenv), "language of the view and hints: en or ko (default from LANG)")
	kitDir := fs.String("kit", "", "the kit's root folder (default: the module holding the current folder)")
	timeout := fs.Duration("timeout", 60*time.Second, "time limit for each lesson's tests")
	if code := parseFlags(fs, args); code >= 0 {
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
	p, err := (&learnerRun{kit: kit, timeout: *timeout}).run(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	saveNext(kit, p)
	if *jsonOut {
		if err := writeProgressJSON(e.stdout, p, *lang); err != nil {
			return fail(e, err)
		}
	} else {
		color, width := e.terminal()
		color = color && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
		writeProgress(e.stdout, p, style{color: color, lang: *lang, width: width})
	}
	// Unfinished exercises are not a failure of the view: a non-zero
	// status would only make `go run` add "exit status 1" under it.
	return 0
}

// saveNext remembers the next exercise, so that `hint` without an argument
// knows which one it is without running the tests again. Failing to write
// the state file is not worth failing the view for.
func saveNext(kit *kit.Kit, p *progress) {
	next := ""
	if r := p.next(); r != nil {
		next = r.Exercise.ID()
	}
	_ = updateState(kit.Root, func(s *learnerState) { s.Next = next })
}
