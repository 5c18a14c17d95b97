package main

import (
	"context"
	"fmt"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/convlings/convlings/tools/checker/internal/learner"
	"github.com/convlings/convlings/tools/checker/internal/view"
	"github.com/convlings/convlings/tools/checker/internal/watch"
	"golang.org/x/term"
)

// runWatch is `go run ./tools/checker watch`: the learner view, again
// after every save.
func runWatch(e *env, args []string) int {
	fs := newFlags(e, "watch", "Watch")
	lang := fs.String("lang", i18n.LangFromEnv(e.getenv), "language of the view and hints: en or ko (default from LANG)")
	kitDir := fs.String("kit", "", "the kit's root folder (default: the module holding the current folder)")
	poll := fs.Bool("poll", false, "do not use file events: look for changes every -interval")
	interval := fs.Duration("interval", time.Second, "how often to look for changes that no file event announced")
	timeout := fs.Duration("timeout", 60*time.Second, "time limit for each lesson's tests")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		return usage(e, "watch takes no arguments, got %q", fs.Args())
	}
	if err := i18n.CheckLang(*lang); err != nil {
		return usage(e, "%v", err)
	}
	if *interval < 10*time.Millisecond {
		return usage(e, "-interval %v is too short", *interval)
	}
	kit, err := findKit(e.ctx, *kitDir)
	if err != nil {
		return fail(e, err)
	}
	color, width := e.terminal()
	color = color && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
	out := e.stdout
	keys := make(chan byte, 16)
	if e.stdinTerminal >= 0 && color {
		// Keys act at once: raw mode, so that output needs \r\n.
		if old, err := term.MakeRaw(e.stdinTerminal); err == nil {
			defer term.Restore(e.stdinTerminal, old)
			out = watch.CRLFWriter{W: e.stdout}
			go watch.ReadKeys(e.stdin, keys)
		}
	}
	lr := &learner.Runner{Kit: kit, Timeout: *timeout}
	w := &watch.Watcher{
		Dirs:     watch.LessonDirs(kit),
		Debounce: 200 * time.Millisecond,
		Interval: *interval,
		PollOnly: *poll,
		Keys:     keys,
		Out:      out,
		Lang:     *lang,
		Run: func(ctx context.Context) {
			if color {
				fmt.Fprint(out, "\x1b[H\x1b[2J")
			} else {
				fmt.Fprintf(out, "\n==== %s ====\n", time.Now().Format("15:04:05"))
			}
			fmt.Fprintln(out, i18n.Tr(*lang, "running"))
			p, err := lr.Run(ctx)
			if color {
				fmt.Fprint(out, "\x1b[H\x1b[2J")
			}
			if err != nil {
				fmt.Fprintf(out, "checker: %v\n", err)
				return
			}
			learner.SaveNext(kit, p)
			view.Progress(out, p, view.Style{Color: color, Lang: *lang, Width: width})
		},
		Hint: func() {
			ex, err := learner.NextExercise(e.ctx, kit)
			if err != nil || ex == nil {
				return
			}
			shown := learner.LoadState(kit.Root).Hints[ex.ID()]
			level := min(shown+1, len(ex.Hints))
			learner.UpdateState(kit.Root, func(s *learner.State) { s.Hints[ex.ID()] = max(s.Hints[ex.ID()], level) })
			fmt.Fprintln(out)
			view.HintsMore(out, ex, level, view.Style{Color: color, Lang: *lang}, "hint more w")
		},
		Interactive: e.stdinTerminal >= 0 && color,
	}
	if err := w.Loop(e.ctx); err != nil && e.ctx.Err() == nil {
		return fail(e, err)
	}
	return 0
}
