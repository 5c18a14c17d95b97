package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/learner"
	"github.com/convlings/convlings/tools/checker/internal/serve"
	"github.com/convlings/convlings/tools/checker/internal/view"
	"github.com/convlings/convlings/tools/checker/internal/watch"
)

// runServe is `go run ./tools/checker serve`: the explorer and the
// learner view in the browser, again after every save.
func runServe(e *env, args []string) int {
	fs := newFlags(e, "serve", "Serve")
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on (default: loopback, a free port)")
	kitDir := fs.String("kit", "", "the kit's root folder (default: the module holding the current folder)")
	poll := fs.Bool("poll", false, "do not use file events: look for changes every -interval")
	interval := fs.Duration("interval", time.Second, "how often to look for changes that no file event announced")
	timeout := fs.Duration("timeout", 60*time.Second, "time limit for each lesson's tests")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		return usage(e, "serve takes no arguments, got %q", fs.Args())
	}
	if *interval < 10*time.Millisecond {
		return usage(e, "-interval %v is too short", *interval)
	}
	if host, _, err := net.SplitHostPort(*addr); err != nil {
		return usage(e, "-addr %q: %v", *addr, err)
	} else if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(e.stderr, "checker: warning: -addr %s is not loopback: anyone who can reach it sees your lessons' results\n", *addr)
	}
	kit, err := findKit(e.ctx, *kitDir)
	if err != nil {
		return fail(e, err)
	}
	srv := serve.New(serve.Config{Addr: *addr, KitRoot: kit.Root, Log: e.stderr, Hints: hintsOf(kit.Manifest)})
	ln, url, err := srv.Listen()
	if err != nil {
		return fail(e, err)
	}
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	go srv.BuildExplorer(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	fmt.Fprintf(e.stdout, "checker: serving your progress and the explorer at %s (Ctrl-C stops)\n", url)

	// The lesson tests print a record of each failing golden case, which
	// the page draws.
	lr := &learner.Runner{Kit: kit, Timeout: *timeout, Env: []string{serve.RecordsEnv + "=1"}}
	w := &watch.Watcher{
		Dirs:     watch.LessonDirs(kit),
		Debounce: 200 * time.Millisecond,
		Interval: *interval,
		PollOnly: *poll,
		Out:      e.stderr,
		Lang:     "en",
		Run: func(ctx context.Context, _ map[string][]string) {
			srv.Running()
			p, err := lr.Run(ctx)
			if ctx.Err() != nil {
				return // a newer save cancelled this run; its own run publishes
			}
			if err != nil {
				srv.Publish(nil, err)
				return
			}
			learner.SaveNext(kit, p)
			views := map[string][]byte{}
			for _, lang := range []string{"en", "ko"} {
				var b bytes.Buffer
				if err := view.ProgressJSON(&b, p, lang); err != nil {
					srv.Publish(nil, err)
					return
				}
				views[lang] = b.Bytes()
			}
			srv.Publish(views, nil)
		},
		Hint: func() {},
	}
	go func() { done <- w.Loop(ctx) }()
	if err := <-done; err != nil && ctx.Err() == nil {
		return fail(e, err)
	}
	return 0
}

// hintsOf returns the hints of an exercise of m by id, for the page's
// "Show hint".
func hintsOf(m *kit.Manifest) func(string) []kit.Text {
	return func(id string) []kit.Text {
		for _, ex := range m.Exercises() {
			if ex.ID() == id {
				return ex.Hints
			}
		}
		return nil
	}
}
