package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/convlings/convlings/tools/checker/internal/learner"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/view"
	"github.com/convlings/convlings/tools/checker/internal/watch"
	"golang.org/x/term"
)

// runWatch is `go run ./tools/checker watch [exercise]`: the learner view,
// again after every save, following the exercise being edited.
func runWatch(e *env, args []string) int {
	fs := newFlags(e, "watch", "Watch")
	lang := fs.String("lang", i18n.LangFromEnv(e.getenv), "language of the view and hints: en or ko (default from LANG)")
	kitDir := fs.String("kit", "", "the kit's root folder (default: the module holding the current folder)")
	poll := fs.Bool("poll", false, "do not use file events: look for changes every -interval")
	interval := fs.Duration("interval", time.Second, "how often to look for changes that no file event announced")
	timeout := fs.Duration("timeout", 60*time.Second, "time limit for each lesson's tests")
	limit := fs.Duration("limit", 3*time.Second, "time limit for the test of the exercise being edited, run first and alone")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() > 1 {
		return usage(e, "watch takes at most one exercise, got %q", fs.Args())
	}
	if err := i18n.CheckLang(*lang); err != nil {
		return usage(e, "%v", err)
	}
	if *interval < 10*time.Millisecond {
		return usage(e, "-interval %v is too short", *interval)
	}
	if *limit <= 0 || *timeout <= 0 {
		return usage(e, "-limit %v, -timeout %v: both must be positive", *limit, *timeout)
	}
	k, err := findKit(e.ctx, *kitDir)
	if err != nil {
		return fail(e, err)
	}
	var focus *kit.Exercise
	if fs.NArg() == 1 {
		if focus, err = learner.FindExercise(k.Manifest, fs.Arg(0), *lang); err != nil {
			return usage(e, "%v", err)
		}
	}
	color, width := e.terminal()
	color = color && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
	var out io.Writer = e.stdout
	keys := make(chan byte, 16)
	interactive := false
	if e.stdinTerminal >= 0 && color {
		// Keys act at once: raw mode, so that output needs \r\n.
		if old, err := term.MakeRaw(e.stdinTerminal); err == nil {
			defer term.Restore(e.stdinTerminal, old)
			out = watch.CRLFWriter{W: e.stdout}
			interactive = true
			go watch.ReadKeys(e.stdin, keys)
		}
	}
	out = &lockedWriter{w: out}
	st := view.Style{Color: color, Lang: *lang, Width: width}
	lr := &learner.Runner{Kit: k, Timeout: *timeout, Lang: *lang}

	// mu guards the view's state: the runs and the keys both draw.
	var mu sync.Mutex
	var last *learner.Progress
	expand := false
	clear := func() {
		if color {
			fmt.Fprint(out, "\x1b[H\x1b[2J")
		} else {
			fmt.Fprintf(out, "\n==== %s ====\n", time.Now().Format("15:04:05"))
		}
	}
	draw := func() {
		clear()
		view.Draw(out, last, st, view.Opts{Focus: focus, Expand: expand, Watch: true, Interactive: interactive})
	}
	w := &watch.Watcher{
		Dirs:     watch.LessonDirs(k),
		Debounce: 200 * time.Millisecond,
		Interval: *interval,
		PollOnly: *poll,
		Keys:     keys,
		Out:      out,
		Lang:     *lang,
		Run: func(ctx context.Context, changed map[string][]string) {
			mu.Lock()
			if f := learner.Focus(k, last, focus, changed); f != focus {
				focus, expand = f, false
			}
			cur := focus
			if last == nil || cur == nil {
				clear()
				fmt.Fprintln(out, i18n.Tr(*lang, "running"))
			} else {
				fmt.Fprintln(out, i18n.Tr(*lang, "running one", cur.ID()))
			}
			mu.Unlock()
			var first *result.Result
			if cur != nil {
				// The exercise being edited first, alone and under a short
				// limit: an endless loop shows within seconds.
				r, err := lr.RunOne(ctx, cur, *limit)
				if ctx.Err() != nil {
					return
				}
				if err != nil {
					fmt.Fprintf(out, "checker: %v\n", err)
					return
				}
				first = r
				mu.Lock()
				if last != nil {
					last = last.With(r)
					draw()
					fmt.Fprintln(out, i18n.Tr(*lang, "running rest"))
				}
				mu.Unlock()
			}
			var skip []*kit.Exercise
			if first != nil {
				skip = []*kit.Exercise{first.Exercise}
			}
			results, err := lr.RunLessons(ctx, k.Manifest.Lessons, skip)
			if ctx.Err() != nil {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				clear()
				fmt.Fprintf(out, "checker: %v\n", err)
				return
			}
			last = learner.Merge(k, last, first, results)
			learner.SaveNext(k, last)
			draw()
		},
		Hint: func() {
			mu.Lock()
			defer mu.Unlock()
			ex := focus
			if ex == nil && last != nil {
				if r := last.Next(); r != nil {
					ex = r.Exercise
				}
			}
			if ex == nil {
				return
			}
			shown := learner.LoadState(k.Root).Hints[ex.ID()]
			level := min(shown+1, len(ex.Hints))
			learner.UpdateState(k.Root, func(s *learner.State) { s.Hints[ex.ID()] = max(s.Hints[ex.ID()], level) })
			fmt.Fprintln(out)
			view.HintsMore(out, ex, level, view.Style{Color: color, Lang: *lang}, "hint more w")
		},
		Expand: func() bool {
			mu.Lock()
			defer mu.Unlock()
			if last == nil {
				return false
			}
			expand = !expand
			draw()
			return true
		},
		Interactive: interactive,
	}
	if focus != nil {
		fmt.Fprintln(out, i18n.Tr(*lang, "focus on", focus.ID()))
	}
	if err := w.Loop(e.ctx); err != nil && e.ctx.Err() == nil {
		return fail(e, err)
	}
	return 0
}

// lockedWriter serialises the writes of the runs and of the keys.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
