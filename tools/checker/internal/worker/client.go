package worker

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

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
type Client struct {
	Start   Starter
	Timeout time.Duration // per call
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
}

// Failure is why a call got no answer: the panic value a proxy raises, so
// that the suite's own recovery fails that case only.
type Failure struct{ Reason string }

func (f *Failure) Error() string { return f.Reason }

// Panic is a panic in the learner's function, as the worker recovered it.
type Panic struct{ Value string }

func (p *Panic) Error() string { return p.Value }

// NotImplemented is a stub's todo panic, recovered in the worker: the
// suites report it once per exercise as "not implemented yet".
type NotImplemented struct{ Value string }

func (n *NotImplemented) Error() string { return n.Value }

// NotImplemented marks n for the suites.
func (*NotImplemented) NotImplemented() {}

// Call calls fn with args in the worker. It returns the function's results
// but its error, and that error. It panics with a *Failure, *Panic or
// *NotImplemented when there is no answer to compare.
func (c *Client) Call(fn string, args ...any) ([]any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Calls++
	resp, err := c.call(fn, args)
	if err != nil {
		c.Crashes++
		c.stop()
		panic(&Failure{Reason: err.Error()})
	}
	switch {
	case resp.NotImpl:
		panic(&NotImplemented{Value: resp.Panic})
	case resp.Panic != "":
		panic(&Panic{Value: resp.Panic})
	case resp.HasErr:
		return resp.Vals, errors.New(resp.Err)
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
	if c.p == nil {
		if err := c.begin(); err != nil {
			return Response{}, fmt.Errorf("could not start the worker: %v", err)
		}
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

// crashHead is what explains a crash in a worker's output: from the
// runtime's "panic:" or "fatal error:" line, a few lines (the goroutine
// dump after them says little to a learner); else the last lines.
func crashHead(s string) string {
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

// Close stops the worker. It returns what the workers printed, clipped.
func (c *Client) Close() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop()
	return c.output.String()
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
