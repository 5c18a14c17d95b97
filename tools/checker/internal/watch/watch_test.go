package watch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the watcher's goroutine and the
// test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The watch tests depend on timings (a 150ms debounce), so they do not run
// in parallel with the grading tests, which load both cores.

// watchHarness runs a watcher over a folder with short timings; each run
// is reported on runs.
type watchHarness struct {
	dir    string
	w      *Watcher
	runs   chan int
	out    *syncBuffer
	keys   chan byte
	done   chan error
	cancel func()
	slow   chan struct{} // when not nil, each run waits for it, or for its cancellation
	// cancelled gets the number of each run that a change cancelled.
	cancelled chan int
}

func startWatch(t *testing.T, pollOnly bool, events func([]string) (<-chan string, func(), error), slow bool) *watchHarness {
	t.Helper()
	h := &watchHarness{dir: t.TempDir(), runs: make(chan int, 100), cancelled: make(chan int, 100), out: &syncBuffer{}, keys: make(chan byte), done: make(chan error, 1)}
	writeWatchFile(t, filepath.Join(h.dir, "a.go"), "package a\n")
	if slow {
		h.slow = make(chan struct{})
	}
	n := 0
	h.w = &Watcher{
		Dirs: []string{h.dir}, Debounce: 150 * time.Millisecond, Interval: 40 * time.Millisecond,
		PollOnly: pollOnly, Keys: h.keys, Out: h.out, Lang: "en", Events: events,
		Run: func(ctx context.Context, changed map[string][]string) {
			n++
			if h.slow != nil && n > 1 {
				select {
				case <-h.slow:
				case <-ctx.Done():
					h.cancelled <- n
					return
				}
			}
			h.runs <- n
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.done <- h.w.Loop(ctx) }()
	h.expectRuns(t, 1, "the first run")
	time.Sleep(100 * time.Millisecond) // let the run finish and take its snapshot
	t.Cleanup(func() {
		cancel()
		if h.slow != nil {
			close(h.slow)
		}
		<-h.done
	})
	return h
}

// expectRuns waits for runs up to number n, and fails if it does not come.
func (h *watchHarness) expectRuns(t *testing.T, n int, why string) {
	t.Helper()
	timeout := time.After(3 * time.Second)
	for {
		select {
		case got := <-h.runs:
			if got == n {
				return
			}
			if got > n {
				t.Fatalf("%s: run %d, want only up to %d", why, got, n)
			}
		case <-timeout:
			t.Fatalf("%s: no run %d\n%s", why, n, h.out.String())
		}
	}
}

// expectQuiet fails if a run happens within d.
func (h *watchHarness) expectQuiet(t *testing.T, d time.Duration, why string) {
	t.Helper()
	select {
	case got := <-h.runs:
		t.Fatalf("%s: unexpected run %d\n%s", why, got, h.out.String())
	case <-time.After(d):
	}
}

// release lets a waiting run finish.
func (h *watchHarness) release(t *testing.T, why string) {
	t.Helper()
	select {
	case h.slow <- struct{}{}:
	case <-time.After(3 * time.Second):
		t.Fatalf("%s: no run is waiting\n%s", why, h.out.String())
	}
}

func (h *watchHarness) save(t *testing.T, name string, i int) {
	t.Helper()
	writeWatchFile(t, filepath.Join(h.dir, name), fmt.Sprintf("package a\n\n// save %d%s\n", i, strings.Repeat(" ", i)))
}

func TestWatchRunsOnceForABurstOfSaves(t *testing.T) {
	h := startWatch(t, false, nil, false)
	for i := 0; i < 5; i++ {
		h.save(t, "a.go", i)
		time.Sleep(2 * time.Millisecond)
	}
	h.expectRuns(t, 2, "after a burst of saves")
	h.expectQuiet(t, 300*time.Millisecond, "after the burst's run")
	if strings.Contains(h.out.String(), "do not seem to arrive") {
		t.Errorf("switched to polling although events arrive:\n%s", h.out.String())
	}
	h.save(t, "notes.txt", 1)
	h.expectQuiet(t, 300*time.Millisecond, "after saving a file that is not Go")
	h.save(t, "b.go", 1)
	h.expectRuns(t, 3, "after adding a file")
}

func TestWatchPollsWhenNoEventsArrive(t *testing.T) {
	silent := func([]string) (<-chan string, func(), error) { return make(chan string), func() {}, nil }
	h := startWatch(t, false, silent, false)
	h.save(t, "a.go", 1)
	h.expectRuns(t, 2, "a save no event announced")
	if !strings.Contains(h.out.String(), "File events do not seem to arrive here: switched to polling") {
		t.Errorf("no notice of the switch to polling:\n%s", h.out.String())
	}
	h.save(t, "a.go", 2)
	h.expectRuns(t, 3, "the next save, by polling")
}

func TestWatchPollFlag(t *testing.T) {
	opened := false
	events := func([]string) (<-chan string, func(), error) { opened = true; return nil, nil, fmt.Errorf("unused") }
	h := startWatch(t, true, events, false)
	h.save(t, "a.go", 1)
	h.expectRuns(t, 2, "a save, by polling")
	if opened {
		t.Errorf("-poll opened the event source")
	}
	if !strings.Contains(h.out.String(), "polling every 40ms") {
		t.Errorf("the banner does not say it polls:\n%s", h.out.String())
	}
}

func TestWatchCancelsARunWhenASaveArrives(t *testing.T) {
	h := startWatch(t, false, nil, true)
	h.save(t, "a.go", 1)
	time.Sleep(300 * time.Millisecond) // the second run has started and waits
	for i := 2; i < 6; i++ {
		h.save(t, "a.go", i)
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case n := <-h.cancelled:
		if n != 2 {
			t.Errorf("the saves cancelled run %d, want 2", n)
		}
	case <-time.After(3 * time.Second):
		t.Fatalf("the saves during run 2 did not cancel it\n%s", h.out.String())
	}
	h.release(t, "the run for the saves")
	h.expectRuns(t, 3, "one run for the saves that cancelled run 2")
	h.expectQuiet(t, 300*time.Millisecond, "the saves during the run are one change")
}

// TestWatchNamesTheChangedFunctions checks what watch hands each run: the
// functions the save changed, so that the caller can follow the exercise
// being edited.
func TestWatchNamesTheChangedFunctions(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.go")
	writeWatchFile(t, file, "package a\n\nfunc A() int { return 1 }\n\nfunc B() int { return 2 }\n")
	got := make(chan map[string][]string, 10)
	w := &Watcher{
		Dirs: []string{dir}, Debounce: 100 * time.Millisecond, Interval: 40 * time.Millisecond,
		Out: &syncBuffer{}, Lang: "en", Keys: make(chan byte),
		Run: func(ctx context.Context, changed map[string][]string) { got <- changed },
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Loop(ctx) }()
	defer func() { cancel(); <-done }()
	next := func(why string) map[string][]string {
		t.Helper()
		select {
		case c := <-got:
			return c
		case <-time.After(3 * time.Second):
			t.Fatalf("%s: no run", why)
			return nil
		}
	}
	if c := next("the first run"); len(c) != 0 {
		t.Errorf("the first run got changes %v, want none", c)
	}
	writeWatchFile(t, file, "package a\n\nfunc A() int { return 1 }\n\nfunc B() int { return 3 }\n")
	if c := next("after editing B"); fmt.Sprint(c[file]) != "[B]" {
		t.Errorf("after editing B the run got %v, want [B] for %s", c, file)
	}
}

func TestWatchKeys(t *testing.T) {
	h := startWatch(t, false, nil, false)
	h.keys <- 'r'
	h.expectRuns(t, 2, "after r")
	h.keys <- 'q'
	select {
	case err := <-h.done:
		if err != nil {
			t.Errorf("q: %v", err)
		}
		h.done <- nil // for the cleanup
	case <-time.After(2 * time.Second):
		t.Fatal("q did not stop watch")
	}
}

// TestWatchFallsBackWhenEventsCannotStart covers a system where the event
// source itself fails (no inotify instances left, for one).
func TestWatchFallsBackWhenEventsCannotStart(t *testing.T) {
	broken := func([]string) (<-chan string, func(), error) { return nil, nil, os.ErrPermission }
	h := startWatch(t, false, broken, false)
	if !strings.Contains(h.out.String(), "no file events") {
		t.Errorf("no word about the missing events:\n%s", h.out.String())
	}
	h.save(t, "a.go", 1)
	h.expectRuns(t, 2, "a save, by polling")
}

// writeWatchFile writes a file a test watches.
func writeWatchFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
