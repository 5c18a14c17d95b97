package watch

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
)

// LessonDirs returns the folders watch looks at: one per lesson.
func LessonDirs(kit *kit.Kit) []string {
	var dirs []string
	for _, l := range kit.Manifest.Lessons {
		dirs = append(dirs, filepath.Join(kit.Root, "lessons", l.Name))
	}
	return dirs
}

// CRLFWriter turns \n into \r\n, for a terminal in raw mode.
type CRLFWriter struct{ W io.Writer }

// Write writes p with every \n turned into \r\n.
func (c CRLFWriter) Write(p []byte) (int, error) {
	_, err := c.W.Write([]byte(strings.ReplaceAll(string(p), "\n", "\r\n")))
	return len(p), err
}

// ReadKeys sends each byte read from r on keys, and closes keys when
// reading fails.
func ReadKeys(r io.Reader, keys chan<- byte) {
	buf := make([]byte, 1)
	for {
		if _, err := r.Read(buf); err != nil {
			close(keys)
			return
		}
		keys <- buf[0]
	}
}

// Watcher runs the tests again when a .go file in dirs changes. Changes
// arrive as file events, or, where none arrive, by comparing the files'
// sizes and times every interval; a burst of changes within debounce is one
// change. A run goes on in the background while keys act, and a change
// that arrives during a run cancels it and starts a new one: the learner's
// latest save is what counts.
type Watcher struct {
	Dirs     []string
	Debounce time.Duration
	Interval time.Duration
	PollOnly bool
	Keys     <-chan byte
	Out      io.Writer
	Lang     string
	// Run runs the tests; changed names the functions that changed since
	// the last run, per file (see Edits). It must return soon after ctx is
	// cancelled.
	Run         func(ctx context.Context, changed map[string][]string)
	Hint        func()
	Expand      func() bool // toggles the failure detail; false when there is nothing to show
	Interactive bool

	// events opens the event source; nil means fsnotify. Tests replace it
	// to play a file system that sends no events.
	Events func(dirs []string) (<-chan string, func(), error)
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

func (w *Watcher) scan() snapshot {
	s := snapshot{}
	for _, d := range w.Dirs {
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

// Loop runs until ctx ends or the learner presses q.
func (w *Watcher) Loop(ctx context.Context) error {
	var events <-chan string
	if !w.PollOnly {
		open := w.Events
		if open == nil {
			open = fsnotifyEvents
		}
		ch, stop, err := open(w.Dirs)
		if err != nil {
			fmt.Fprintln(w.Out, "checker: "+i18n.Tr(w.Lang, "no file events", err, w.Interval))
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
			return i18n.Tr(w.Lang, "mode poll", w.Interval)
		}
		return i18n.Tr(w.Lang, "mode events")
	}
	banner := func() {
		key := "watching np"
		if w.Interactive {
			key = "watching"
		}
		fmt.Fprintln(w.Out, i18n.Tr(w.Lang, key, mode()))
	}

	ticker := time.NewTicker(w.Interval)
	defer ticker.Stop()
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	pending, sawEvent, sawPoll := false, false, false
	schedule := func() {
		pending = true
		debounce.Reset(w.Debounce)
	}
	edits := NewEdits(w.Dirs)
	last := w.scan()

	// One run at a time, in the background; a new one cancels it first.
	running := false
	cancelRun := func() {}
	done := make(chan struct{}, 1)
	stopRun := func() {
		if running {
			cancelRun()
			<-done
			running = false
		}
	}
	defer stopRun()
	startRun := func(changed map[string][]string) {
		stopRun()
		rctx, cancel := context.WithCancel(ctx)
		cancelRun, running = cancel, true
		w.runs++
		go func() {
			defer func() { done <- struct{}{} }()
			w.Run(rctx, changed)
		}()
	}
	startRun(nil)

	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-done:
			running = false
			cancelRun()
			banner()
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
				fmt.Fprintln(w.Out, i18n.Tr(w.Lang, "no events", w.Interval))
			}
			pending, sawEvent, sawPoll = false, false, false
			last = w.scan()
			startRun(edits.Update(w.Dirs))
		case k, ok := <-w.Keys:
			if !ok {
				w.Keys = nil
				continue
			}
			switch k {
			case 'q', 'Q', 3, 4: // q, Ctrl-C, Ctrl-D
				return nil
			case 'r', 'R', '\r', '\n':
				startRun(nil)
			case 'h', 'H':
				if w.Hint != nil {
					w.Hint()
				}
			case 'e', 'E':
				if w.Expand != nil && w.Expand() && !running {
					banner()
				}
			}
		}
	}
}
