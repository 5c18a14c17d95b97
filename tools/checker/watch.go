package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/fsnotify/fsnotify"
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
	if code := parseFlags(fs, args); code >= 0 {
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
			out = crlfWriter{e.stdout}
			go readKeys(e.stdin, keys)
		}
	}
	lr := &learnerRun{kit: kit, timeout: *timeout}
	w := &watcher{
		dirs:     lessonDirs(kit),
		debounce: 200 * time.Millisecond,
		interval: *interval,
		pollOnly: *poll,
		keys:     keys,
		out:      out,
		lang:     *lang,
		run: func(ctx context.Context) {
			if color {
				fmt.Fprint(out, "\x1b[H\x1b[2J")
			} else {
				fmt.Fprintf(out, "\n==== %s ====\n", time.Now().Format("15:04:05"))
			}
			fmt.Fprintln(out, i18n.Tr(*lang, "running"))
			p, err := lr.run(ctx)
			if color {
				fmt.Fprint(out, "\x1b[H\x1b[2J")
			}
			if err != nil {
				fmt.Fprintf(out, "checker: %v\n", err)
				return
			}
			saveNext(kit, p)
			writeProgress(out, p, style{color: color, lang: *lang, width: width})
		},
		hint: func() {
			ex, err := nextExercise(e, kit)
			if err != nil || ex == nil {
				return
			}
			shown := loadState(kit.Root).Hints[ex.ID()]
			level := min(shown+1, len(ex.Hints))
			updateState(kit.Root, func(s *learnerState) { s.Hints[ex.ID()] = max(s.Hints[ex.ID()], level) })
			fmt.Fprintln(out)
			writeHintsMore(out, ex, level, style{color: color, lang: *lang}, "hint more w")
		},
		interactive: e.stdinTerminal >= 0 && color,
	}
	if err := w.loop(e.ctx); err != nil && e.ctx.Err() == nil {
		return fail(e, err)
	}
	return 0
}

// lessonDirs returns the folders watch looks at: one per lesson.
func lessonDirs(kit *kit.Kit) []string {
	var dirs []string
	for _, l := range kit.Manifest.Lessons {
		dirs = append(dirs, filepath.Join(kit.Root, "lessons", l.Name))
	}
	return dirs
}

// crlfWriter turns \n into \r\n, for a terminal in raw mode.
type crlfWriter struct{ w io.Writer }

func (c crlfWriter) Write(p []byte) (int, error) {
	_, err := c.w.Write([]byte(strings.ReplaceAll(string(p), "\n", "\r\n")))
	return len(p), err
}

func readKeys(r io.Reader, keys chan<- byte) {
	buf := make([]byte, 1)
	for {
		if _, err := r.Read(buf); err != nil {
			close(keys)
			return
		}
		keys <- buf[0]
	}
}

// watcher runs the tests again when a .go file in dirs changes. Changes
// arrive as file events, or, where none arrive, by comparing the files'
// sizes and times every interval; a burst of changes within debounce is one
// change; what happens during a run is not acted on one event at a time,
// but if the files changed while the tests ran, they run once more.
type watcher struct {
	dirs        []string
	debounce    time.Duration
	interval    time.Duration
	pollOnly    bool
	keys        <-chan byte
	out         io.Writer
	lang        string
	run         func(ctx context.Context)
	hint        func()
	interactive bool

	// events opens the event source; nil means fsnotify. Tests replace it
	// to play a file system that sends no events.
	events func(dirs []string) (<-chan string, func(), error)
	// polling is true once watch relies on polling.
	polling bool
	runs    int
}

// fsnotifyEvents watches dirs and sends the names of changed files.
func fsnotifyEvents(dirs []string) (<-chan string, func(), error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, nil, err
	}
	for _, d := range dirs {
		if err := fw.Add(d); err != nil {
			fw.Close()
			return nil, nil, err
		}
	}
	names := make(chan string, 64)
	done := make(chan struct{})
	go func() {
		defer close(names)
		for {
			select {
			case ev, ok := <-fw.Events:
				if !ok {
					return
				}
				select {
				case names <- ev.Name:
				case <-done:
					return
				}
			case _, ok := <-fw.Errors:
				if !ok {
					return
				}
			case <-done:
				return
			}
		}
	}()
	return names, func() { close(done); fw.Close() }, nil
}

// snapshot is the size and modification time of every .go file.
type snapshot map[string]string

func (w *watcher) scan() snapshot {
	s := snapshot{}
	for _, d := range w.dirs {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
				continue
			}
			if fi, err := e.Info(); err == nil {
				s[filepath.Join(d, e.Name())] = fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano())
			}
		}
	}
	return s
}

func (a snapshot) equal(b snapshot) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// loop runs until ctx ends or the learner presses q.
func (w *watcher) loop(ctx context.Context) error {
	var events <-chan string
	if !w.pollOnly {
		open := w.events
		if open == nil {
			open = fsnotifyEvents
		}
		ch, stop, err := open(w.dirs)
		if err != nil {
			fmt.Fprintf(w.out, "checker: no file events (%v): polling every %s\n", err, w.interval)
			w.polling = true
		} else {
			events = ch
			defer stop()
		}
	} else {
		w.polling = true
	}
	mode := func() string {
		if w.polling {
			return i18n.Tr(w.lang, "mode poll", w.interval)
		}
		return i18n.Tr(w.lang, "mode events")
	}
	banner := func() {
		key := "watching np"
		if w.interactive {
			key = "watching"
		}
		fmt.Fprintln(w.out, i18n.Tr(w.lang, key, mode()))
	}

	ticker := time.NewTicker(w.interval)
	defer ticker.Stop()
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	pending, sawEvent, sawPoll := false, false, false
	schedule := func() {
		pending = true
		debounce.Reset(w.debounce)
	}
	var last snapshot
	doRun := func() {
		before := w.scan()
		w.runs++
		w.run(ctx)
		banner()
		// Drop what was announced during the run, and compare the files
		// instead: a save during the run means one more run.
	drain:
		for {
			select {
			case _, ok := <-events:
				if !ok {
					events = nil
					break drain
				}
			default:
				break drain
			}
		}
		last = w.scan()
		if !last.equal(before) {
			schedule()
		}
	}
	doRun()

	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case name, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if strings.HasSuffix(name, ".go") {
				sawEvent = true
				schedule()
			}
		case <-ticker.C:
			now := w.scan()
			if !now.equal(last) {
				last = now
				sawPoll = true
				schedule()
			}
		case <-debounce.C:
			if !pending {
				continue
			}
			if sawPoll && !sawEvent && !w.polling {
				w.polling = true
				fmt.Fprintln(w.out, i18n.Tr(w.lang, "no events", w.interval))
			}
			pending, sawEvent, sawPoll = false, false, false
			doRun()
		case k, ok := <-w.keys:
			if !ok {
				w.keys = nil
				continue
			}
			switch k {
			case 'q', 'Q', 3, 4: // q, Ctrl-C, Ctrl-D
				return nil
			case 'r', 'R', '\r', '\n':
				doRun()
			case 'h', 'H':
				if w.hint != nil {
					w.hint()
				}
			}
		}
	}
}
