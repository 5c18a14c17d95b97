package worker

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/convlings/convlings/tools/checker/internal/sandbox"
)

// Starter starts one worker process with the given pipes as its
// descriptors 3 (requests) and 4 (answers). The grader's starter places a
// fresh copy of the binary and runs it with sandbox.Start.
type Starter func(requests, answers *os.File) (*sandbox.Proc, error)

// Client calls the functions of one submission's worker, one call at a
// time. A call that fails (the worker crashed, hung past Timeout, or
// answered what does not decode) kills the worker; the next call starts a
// fresh one.
//
// A fresh worker first runs every package's init, the lessons' too, which
// no call's time limit covers: the client waits for its Hello at most
// InitTimeout. A worker that does not get ready (its init loops, sleeps,
// crashes, exits or prints past the output limit) is stopped with
// everything it started, and the client fails that call and every later
// one with an *InitError, without starting another.
type Client struct {
	Start   Starter
	Timeout time.Duration // per call
	// InitTimeout is how long a fresh worker has to say hello; 0: Timeout.
	InitTimeout time.Duration
	// MaxAnswer is the most bytes one answer may take; 0: 64 MiB.
	MaxAnswer int64
	// Ctx ends every call when done: the submission's budget.
	Ctx context.Context

	mu      sync.Mutex
	p       *sandbox.Proc
	enc     *gob.Encoder
	dec     *gob.Decoder
	lim     *limitReader
	reqW    *os.File
	ansR    *os.File
	Calls   int // calls made
	Crashes int // calls that failed and killed the worker
	Starts  int // workers started
	output  strings.Builder
	hung    map[string]int // per function, the calls that ran out of time
	initErr *InitError     // a worker never got ready: every call fails with it
}

// InitError is why a worker never got ready for calls: lesson code in an
// init function or a package-level variable's initialiser looped, slept,
// crashed, exited or printed too much.
type InitError struct {
	Reason string // one line, for a report's reason column
	Detail string // where the init was stuck, from its stack; or ""
	// Output is the head of what the worker printed when it crashed (the
	// runtime's panic or fatal error, or the learner's last lines),
	// Printable. It is lesson code's text: show it as such.
	Output string
	// Lesson is the lesson whose init it was, when the worker's stack says
	// so ("padding"); "" when unknown. Lesson code can print text that
	// looks like a stack: it only ever names a lesson of its own submission.
	Lesson string
}

func (e *InitError) Error() string {
	s := e.Reason
	for _, t := range []string{e.Detail, e.Output} {
		if t != "" {
			s += "\n" + t
		}
	}
	return s
}

// The panic values of a call (Failure, Panic, NotImplemented) tell the
// suites where the call panicked with a PanicSite method: the frame in
// the worker that the worker sent, or none for a call that got no answer.
// Without it the suites would name the proxy's own line in this file.

// Failure is why a call got no answer: the panic value a proxy raises, so
// that the suite's own recovery fails that case only.
type Failure struct{ Reason string }

func (f *Failure) Error() string { return f.Reason }

// PanicSite is "": no lesson code panicked.
func (*Failure) PanicSite() string { return "" }

// Panic is a panic in the learner's function, as the worker recovered it,
// and where it panicked (Response.Site).
type Panic struct{ Value, Site string }

func (p *Panic) Error() string { return p.Value }

// PanicSite is where the learner's function panicked, in the worker.
func (p *Panic) PanicSite() string { return p.Site }

// NotImplemented is a stub's todo panic, recovered in the worker: the
// suites report it once per exercise as "not implemented yet".
type NotImplemented struct{ Value, Site string }

func (n *NotImplemented) Error() string { return n.Value }

// NotImplemented marks n for the suites.
func (*NotImplemented) NotImplemented() {}

// PanicSite is the stub that panicked, in the worker.
func (n *NotImplemented) PanicSite() string { return n.Site }

// site is a worker's Response.Site made safe to show: one line, at most
// 300 bytes, Printable.
func site(s string) string {
	s = Printable(strings.ReplaceAll(s, "\n", " "))
	if len(s) > 300 {
		s = s[:300]
		for len(s) > 0 && !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return s
}

// Call calls fn with args in the worker. It returns the function's results
// but its error, and that error. It panics with a *Failure, *Panic or
// *NotImplemented when there is no answer to compare.
func (c *Client) Call(fn string, args ...any) ([]any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Calls++
	resp, err := c.call(fn, args)
	if ie := (*InitError)(nil); errors.As(err, &ie) {
		panic(&Failure{Reason: ie.Error()})
	}
	if err != nil {
		c.Crashes++
		c.stop()
		panic(&Failure{Reason: err.Error()})
	}
	switch {
	case resp.NotImpl:
		panic(&NotImplemented{Value: Printable(resp.Panic), Site: site(resp.Site)})
	case resp.Panic != "":
		panic(&Panic{Value: Printable(resp.Panic), Site: site(resp.Site)})
	case resp.HasErr:
		return resp.Vals, errors.New(Printable(resp.Err))
	}
	return resp.Vals, nil
}

func (c *Client) call(fn string, args []any) (Response, error) {
	ctx := c.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return Response{}, fmt.Errorf("not called: the submission's time budget ran out")
	}
	if err := c.ready(); err != nil {
		return Response{}, err
	}
	for i, a := range args {
		args[i] = box(a)
	}
	max := c.MaxAnswer
	if max <= 0 {
		max = 64 << 20
	}
	c.lim.n = max
	type result struct {
		resp Response
		err  error
	}
	done := make(chan result, 1)
	p, enc, dec := c.p, c.enc, c.dec
	go func() {
		if err := enc.Encode(Request{Fn: fn, Args: args}); err != nil {
			done <- result{err: err}
			return
		}
		var resp Response
		err := dec.Decode(&resp)
		done <- result{resp, err}
	}()
	timeout := c.timeout(fn)
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return Response{}, c.explain(r.err)
		}
		return r.resp, nil
	case <-timer.C:
		p.Kill()
		<-done
		if c.hung == nil {
			c.hung = map[string]int{}
		}
		c.hung[fn]++
		return Response{}, fmt.Errorf("the call did not return within %s (an endless loop?)", timeout)
	case <-ctx.Done():
		p.Kill()
		<-done
		return Response{}, fmt.Errorf("stopped: the submission's time budget ran out")
	}
}

// timeout is the time limit of a call of fn: Timeout, or a tenth of it
// (at least 250ms) once a call of fn has run out of time, so that a
// function with an endless loop on some inputs fails those cases only,
// still passes the others, and costs its exercise a bounded time.
func (c *Client) timeout(fn string) time.Duration {
	t := c.Timeout
	if t <= 0 {
		t = 10 * time.Second
	}
	if c.hung[fn] > 0 {
		t = max(t/10, 250*time.Millisecond)
	}
	return t
}

// explain says why an answer could not be read: the worker ended, or it
// wrote what is not an answer.
func (c *Client) explain(err error) error {
	p := c.p
	select {
	case <-p.Done():
	case <-time.After(200 * time.Millisecond):
		if errors.Is(err, errLimit) {
			return fmt.Errorf("the answer was bigger than %d bytes", c.MaxAnswer)
		}
		return fmt.Errorf("the worker's answer could not be read (lesson code wrote to the answer pipe?): %v", err)
	}
	why := "the worker exited"
	if p.Overflowed() {
		return errors.New("the worker printed more output than the grader keeps (-output), so it was stopped")
	}
	if e := p.ExitError(); e != nil {
		why = "the worker crashed: " + e.Error()
	} else if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		why = "the worker exited with status 0 during the call (os.Exit in lesson code?)"
	}
	if head := crashHead(string(p.Output())); head != "" {
		why += "\n" + head
	}
	return errors.New(why)
}

// Printable is text from lesson code (what it printed, a panic value, an
// error's text) made safe to show: invalid UTF-8 and every control
// character but newline and tab are written as escapes (\x1b), so that no
// report or terminal runs an escape sequence lesson code chose.
func Printable(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r != '\n' && r != '\t' && unicode.IsControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r != '\n' && r != '\t' && unicode.IsControl(r):
			if r < 0x100 {
				fmt.Fprintf(&b, "\\x%02x", r)
			} else {
				fmt.Fprintf(&b, "\\u%04x", r)
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// crashHead is what explains a crash in a worker's output: from the
// runtime's "panic:" or "fatal error:" line, a few lines (the goroutine
// dump after them says little to a learner); else the last lines.
func crashHead(s string) string {
	s = Printable(s)
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ") || strings.HasPrefix(l, "runtime: ") {
			end := min(len(lines), i+8)
			return strings.TrimSpace(strings.Join(lines[i:end], "\n"))
		}
	}
	if len(lines) > 8 {
		lines = lines[len(lines)-8:]
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// Ready starts a worker unless one runs and waits for its hello. It
// returns nil when the worker is ready for calls, an *InitError when it
// never got ready (every call then fails with it), or why it could not
// start.
func (c *Client) Ready() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ready()
}

func (c *Client) ready() error {
	switch {
	case c.p != nil:
		return nil
	case c.initErr != nil:
		return c.initErr
	}
	if err := c.begin(); err != nil {
		return fmt.Errorf("could not start the worker: %v", err)
	}
	if err := c.awaitHello(); err != nil {
		c.initErr = err
		c.Crashes++
		c.stop()
		return err
	}
	return nil
}

func (c *Client) initTimeout() time.Duration {
	if c.InitTimeout > 0 {
		return c.InitTimeout
	}
	if c.Timeout > 0 {
		return c.Timeout
	}
	return 10 * time.Second
}

// awaitHello waits for a fresh worker's hello, at most InitTimeout. When
// the time is up, it asks the worker for its stacks (Quit), to say where
// the init is stuck, and kills it.
func (c *Client) awaitHello() *InitError {
	ctx := c.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	p, dec := c.p, c.dec
	c.lim.n = 1 << 10
	got := make(chan error, 1)
	go func() {
		var h Hello
		err := dec.Decode(&h)
		if err == nil && !h.Ready {
			err = errors.New("the worker's first message was not its hello")
		}
		got <- err
	}()
	t := c.initTimeout()
	timer := time.NewTimer(t)
	defer timer.Stop()
	select {
	case err := <-got:
		if err == nil {
			return nil
		}
		return c.initCrash(err)
	case <-timer.C:
		p.Quit()
		select {
		case <-p.Done():
		case <-time.After(2 * time.Second):
		}
		p.Kill()
		c.ansR.SetReadDeadline(time.Now())
		<-got
		e := &InitError{Reason: fmt.Sprintf("the lessons' init (their init functions and package-level variables) did not finish within %s", t)}
		e.Detail, e.Lesson = stuckInInit(Printable(string(p.Output())))
		return e
	case <-ctx.Done():
		p.Kill()
		c.ansR.SetReadDeadline(time.Now())
		<-got
		return &InitError{Reason: "stopped: the submission's time budget ran out while the lessons' init ran"}
	}
}

// initCrash says why a worker ended, or wrote what is not its hello,
// before it was ready.
func (c *Client) initCrash(err error) *InitError {
	p := c.p
	exited := true
	select {
	case <-p.Done():
	case <-time.After(time.Second):
		exited = false
	}
	out := string(p.Output())
	e := &InitError{Output: crashHead(out), Lesson: lessonIn(out)}
	switch {
	case p.Overflowed():
		e.Reason, e.Output = "the lessons' init printed more output than the grader keeps, so the worker was stopped", ""
	case !exited:
		e.Reason = fmt.Sprintf("the worker's first answer was not its hello (lesson code wrote to the answer pipe in an init?): %v", err)
	case p.ExitError() == nil:
		e.Reason = "the worker exited with status 0 while the lessons' init ran (os.Exit in an init function?)"
	default:
		e.Reason = "the worker crashed while the lessons' init ran: " + p.ExitError().Error()
	}
	return e
}

// lessonPkg matches a lesson's function in a Go stack trace.
var lessonPkg = regexp.MustCompile(regexp.QuoteMeta(ModulePath+"/lessons/") + `(\w+)\.`)

// lessonInit matches a lesson's init (its init functions are pkg.init.0,
// …; its package-level variables are set in pkg.init).
var lessonInit = regexp.MustCompile(regexp.QuoteMeta(ModulePath+"/lessons/") + `\w+\.init\b`)

// lessonIn is the lesson of the first lesson function in a crash's stack.
func lessonIn(out string) string {
	if i := strings.Index(out, "\ngoroutine "); i >= 0 {
		out = out[i:]
	}
	if sm := lessonPkg.FindStringSubmatch(out); sm != nil {
		return sm[1]
	}
	return ""
}

// stuckInInit reads a worker's goroutine dump (its answer to Quit): the
// goroutine running a lesson's init, the innermost lesson function in it
// and what it was doing. It returns that as a sentence and the lesson.
func stuckInInit(dump string) (string, string) {
	blocks := strings.Split(dump, "\ngoroutine ")
	for _, b := range blocks[1:] {
		if !lessonInit.MatchString(b) {
			continue
		}
		lines := strings.Split(b, "\n")
		state := ""
		if i, j := strings.IndexByte(lines[0], '['), strings.IndexByte(lines[0], ']'); i >= 0 && j > i {
			state, _, _ = strings.Cut(lines[0][i+1:j], ",")
		}
		for k := 1; k+1 < len(lines); k++ {
			fn := strings.TrimSpace(lines[k])
			sm := lessonPkg.FindStringSubmatch(fn)
			if sm == nil || !strings.HasPrefix(fn, ModulePath+"/lessons/") {
				continue
			}
			if i := strings.LastIndexByte(fn, '('); i > 0 {
				fn = fn[:i]
			}
			fn = fn[strings.LastIndexByte(fn, '/')+1:]
			file := strings.TrimSpace(lines[k+1])
			if i := strings.Index(file, " +0x"); i >= 0 {
				file = file[:i]
			}
			if i := strings.LastIndex(file, "/lessons/"); i >= 0 {
				file = file[i+1:]
			}
			if state == "running" || state == "runnable" {
				// The line of a goroutine stopped in a tight loop is not
				// reliable; its function and file are.
				if i := strings.LastIndexByte(file, ':'); i > 0 {
					file = file[:i]
				}
				return fmt.Sprintf("Still running in %s (%s): an endless loop?", fn, file), sm[1]
			}
			return fmt.Sprintf("Waiting (%s) in %s (%s).", state, fn, file), sm[1]
		}
	}
	return "", ""
}

// begin starts a worker.
func (c *Client) begin() error {
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return err
	}
	ansR, ansW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return err
	}
	p, err := c.Start(reqR, ansW)
	reqR.Close()
	ansW.Close()
	if err != nil {
		reqW.Close()
		ansR.Close()
		return err
	}
	c.Starts++
	c.p, c.reqW, c.ansR = p, reqW, ansR
	c.lim = &limitReader{r: ansR}
	c.enc, c.dec = gob.NewEncoder(reqW), gob.NewDecoder(c.lim)
	return nil
}

// stop kills the worker, if one runs, and keeps what it printed.
func (c *Client) stop() {
	if c.p == nil {
		return
	}
	c.reqW.Close()
	c.p.Kill()
	c.ansR.Close()
	if c.output.Len() < 64<<10 {
		c.output.Write(c.p.Output())
	}
	c.p = nil
}

// Close stops the worker. It returns what the workers printed, clipped
// and Printable.
func (c *Client) Close() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop()
	return Printable(c.output.String())
}

var errLimit = errors.New("answer too big")

// limitReader fails a read past n bytes, reset before each call.
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errLimit
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
