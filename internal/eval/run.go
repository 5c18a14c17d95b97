package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/convlings/convlings/tensor"
)

// InputError reports an input that cannot be read on: not a JSON array,
// not well-formed, data after the array, a read error, or a bound eval
// cannot skip past. Results already written stay written.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }

func (e *InputError) Unwrap() error { return e.Err }

// WriteError reports that the results could not be written, as on a
// closed pipe.
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return "writing the results: " + e.Err.Error() }

func (e *WriteError) Unwrap() error { return e.Err }

// Run reads a JSON array of cases from in, one case at a time, and writes
// the array of their results to out, each result written and flushed as
// soon as it is computed, so that memory stays flat in the number of cases
// (see tools/eval's manual for the bounds). A case's computation that runs
// longer than timeout is abandoned with a timeout result. Run returns nil
// when every case was read and answered, including cases whose result is
// an error, an *InputError when the input cannot be read on, and a
// *WriteError when out fails.
func Run(in io.Reader, out io.Writer, timeout time.Duration) error {
	e := &evaluator{timeout: timeout, slots: make(chan struct{}, maxRunning)}
	w := bufio.NewWriterSize(out, 64<<10)
	fail := func(err error) error {
		if ferr := w.Flush(); ferr != nil {
			return &WriteError{ferr}
		}
		return &InputError{err}
	}
	r := newReader(in)
	if err := r.begin(); err != nil {
		return fail(err)
	}
	n := 0
	for {
		more, err := r.more()
		if err != nil {
			return fail(fmt.Errorf("the input is not well-formed: %w", err))
		}
		if !more {
			break
		}
		v, err := r.next()
		var fe *fatalError
		if errors.As(err, &fe) {
			return fail(fmt.Errorf("the input is not well-formed: case %d: %w", n, err))
		}
		if n == 0 {
			w.WriteString("[")
		} else {
			w.WriteString(",")
		}
		w.WriteString("\n")
		if err != nil {
			w.Write(errorLine(jsonValue{r.id}, err))
		} else {
			e.eval(w, v)
		}
		if err := w.Flush(); err != nil {
			return &WriteError{err}
		}
		n++
	}
	if err := r.end(); err != nil {
		return fail(err)
	}
	if n == 0 {
		w.WriteString("[")
	}
	w.WriteString("\n]\n")
	if err := w.Flush(); err != nil {
		return &WriteError{err}
	}
	return nil
}

// Case runs one case, a layer case or a model case as tools/eval's manual
// describes them, and returns its result as one line of JSON: the result, or
// {"id", "error": {"kind", "message"}} when the case fails. It checks the
// bounds Run checks, and runs the computation on the calling goroutine,
// without a time limit. It never panics on bad input.
func Case(raw json.RawMessage) []byte {
	v, id, err := parse(raw)
	if err != nil {
		return errorLine(jsonValue{id}, err)
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	(&evaluator{}).eval(w, v)
	w.Flush()
	return b.Bytes()
}

// parse reads raw, which must hold one JSON value, as Run reads a case. On
// error, id is the case's id if it was read before the fault.
func parse(raw []byte) (v, id any, err error) {
	r := newReader(bytes.NewReader(raw))
	v, err = r.next()
	var fe *fatalError
	if errors.As(err, &fe) {
		return nil, nil, badCase("the case is not well-formed JSON: %v", err)
	}
	if err != nil {
		return nil, r.id, err
	}
	if err := r.end(); err != nil {
		return nil, nil, badCase("the case has more data after its value")
	}
	return v, nil, nil
}

// inlineWork is the work below which a case runs on the reading goroutine:
// it cannot run long, and a goroutine per case would cost more than it.
const inlineWork = 1 << 22

// maxRunning bounds the computations alive at once: the one eval waits for
// and those it abandoned after their time limit, which run on until they
// end (Go cannot stop a goroutine). A case that needs a slot waits for one,
// so at most maxRunning cases' memory is held; maxWork bounds how long an
// abandoned case can run.
const maxRunning = 2

// evaluator runs the cases' computations; with a timeout, large ones run
// under it.
type evaluator struct {
	timeout time.Duration
	slots   chan struct{}
}

type outcome struct {
	y   *tensor.Tensor
	err error
}

// eval runs one case and writes its result to w as one line of JSON.
func (e *evaluator) eval(w *bufio.Writer, v any) {
	id := jsonValue{}
	if f, ok := object(v); ok {
		id = jsonValue{f["id"]}
	}
	p, err := prepare(v)
	if err != nil {
		w.Write(errorLine(id, err))
		return
	}
	if p.forward == nil {
		w.Write(encode(p.res))
		return
	}
	var o outcome
	if p.work <= inlineWork || e.timeout <= 0 {
		o = compute(p)
	} else {
		o = e.limited(p)
	}
	if o.err != nil {
		w.Write(errorLine(id, o.err))
		return
	}
	// The values go straight to w, after the rest of the result, rather
	// than through encoding/json, which would copy them twice.
	p.setValues(o.y)
	line := encode(p.res)
	w.Write(line[:len(line)-1])
	w.WriteString(`,"values":[`)
	var buf []byte
	for i, f := range o.y.Data {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		w.Write(appendFloat32(buf, f))
	}
	w.WriteString("]}")
}

// compute runs p's forward pass, turning a panic into an error.
func compute(p *plan) (o outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = outcome{err: &caseError{kind: "internal_error", msg: fmt.Sprintf("eval: the library panicked: %v", r)}}
		}
	}()
	y, err := p.forward()
	return outcome{y, err}
}

// limited runs p's forward pass on its own goroutine and gives up on it
// after the time limit. A computation that took longer than the limit is a
// timeout even if it ended before eval looked, so that the answer depends
// on the computation, not on how the goroutines were scheduled.
func (e *evaluator) limited(p *plan) outcome {
	e.slots <- struct{}{}
	done := make(chan outcome, 1)
	go func() {
		defer func() { <-e.slots }()
		start := time.Now()
		o := compute(p)
		if time.Since(start) > e.timeout {
			o = outcome{err: e.timedOut()}
		}
		done <- o
	}()
	t := time.NewTimer(e.timeout)
	defer t.Stop()
	select {
	case o := <-done:
		return o
	case <-t.C:
		return outcome{err: e.timedOut()}
	}
}

func (e *evaluator) timedOut() error {
	return &caseError{kind: "timeout", msg: fmt.Sprintf("eval: the case ran longer than %v and was abandoned", e.timeout)}
}

// errorLine returns the error result for err as one line of JSON.
func errorLine(id jsonValue, err error) []byte {
	var e errorResult
	e.ID = id
	e.Error.Kind = errKind(err)
	e.Error.Message = err.Error()
	return encode(e)
}

func encode(res any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		return []byte(`{"id":null,"error":{"kind":"bad_case","message":"eval: the case cannot be echoed"}}`)
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}
