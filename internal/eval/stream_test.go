package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// results runs Run on in and returns the decoded results, failing the
// test unless it answers every case with a JSON array.
func results(t *testing.T, timeout time.Duration, in string) []map[string]any {
	t.Helper()
	var out bytes.Buffer
	if err := Run(strings.NewReader(in), &out, timeout); err != nil {
		t.Fatalf("Run: %v", err)
	}
	var res []map[string]any
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%.300s", err, out.String())
	}
	return res
}

func errKindOf(r map[string]any) string {
	e, _ := r["error"].(map[string]any)
	k, _ := e["kind"].(string)
	return k
}

func message(r map[string]any) string {
	e, _ := r["error"].(map[string]any)
	m, _ := e["message"].(string)
	return m
}

const okCase = `{"id": "ok", "layer": "Flatten", "input_shape": [1, 2, 2], "input": [1, 2, 3, 4]}`

// checkRest checks that the case after a faulty one was answered.
func checkRest(t *testing.T, res []map[string]any, n int) {
	t.Helper()
	if len(res) != n {
		t.Fatalf("%d results, want %d", len(res), n)
	}
	if last := res[n-1]; last["id"] != "ok" || last["error"] != nil {
		t.Errorf("the case after the faulty one gave %v", last)
	}
}

// TestArrayBound: an array is rejected as soon as it passes the bound,
// while it is read, and the next case runs.
func TestArrayBound(t *testing.T) {
	defer func(v int) { maxValues = v }(maxValues)
	maxValues = 1000
	long := func(entry string, n int) string {
		return `{"id": "long", "layer": "Flatten", "input_shape": [1, 2], "input": [` +
			strings.TrimSuffix(strings.Repeat(entry+",", n), ",") + `]}`
	}
	for _, entry := range []string{"1.5", "null", `"x"`, "[]"} {
		res := results(t, 10*time.Second, "["+long(entry, 1001)+","+okCase+"]")
		checkRest(t, res, 2)
		if errKindOf(res[0]) != "too_large" || !strings.Contains(message(res[0]), "more than 1000 entries") {
			t.Errorf("1001 × %s: %v, want too_large", entry, res[0])
		}
	}
	res := results(t, 10*time.Second, "["+long("1.5", 1000)+"]")
	if errKindOf(res[0]) != "invalid_argument_shape" {
		t.Errorf("1000 entries: %v, want the input length error, not the bound", res[0])
	}
}

// TestLargeCasesDoNotStopTheOthers: small cases that ask for a terabyte,
// or for too much work, get error results while the others run.
func TestLargeCasesDoNotStopTheOthers(t *testing.T) {
	if padding.MaxArg < 1<<31 {
		t.Skip("32-bit: the arguments above padding.MaxArg (2^15) are rejected first")
	}
	defer func(w float64) { maxWork = w }(maxWork)
	maxWork = 1 << 20
	huge := []string{
		// A terabyte of zero padding around one value.
		`{"id": "tb", "layer": "ZeroPadding2D", "config": {"padding": 1048576}, "input_shape": [1, 1, 1, 1], "input": [1]}`,
		// 2^20 filters on 1024×1024: only the shape, which is fine, then with
		// an input, too large.
		`{"id": "tb", "kind": "sequential", "input_shape": [1024, 1024, 1], "batch": 1, "input": [1], "layers": [{"layer": "Conv2D", "config": {"filters": 1048576, "kernel_size": 1}}]}`,
		// An average pool as wide as its input: quadratic work.
		`{"id": "tb", "layer": "AveragePooling1D", "config": {"pool_size": 4096, "strides": 1, "padding": "same"}, "input_shape": [1, 4096, 1], "input": [` +
			strings.TrimSuffix(strings.Repeat("1,", 4096), ",") + `]}`,
	}
	for _, c := range huge {
		res := results(t, 10*time.Second, "["+c+","+okCase+"]")
		checkRest(t, res, 2)
		if errKindOf(res[0]) != "too_large" || res[0]["id"] != "tb" {
			t.Errorf("%.80s…: %v, want too_large", c, res[0])
		}
	}
}

// convCase is a Conv2D case whose work is above inlineWork, so that it
// runs under the time limit.
func convCase(id string) string {
	const h, c, f = 64, 16, 16
	nums := func(n int) string { return strings.TrimSuffix(strings.Repeat("0.5,", n), ",") }
	return fmt.Sprintf(`{"id": %q, "layer": "Conv2D", "config": {"filters": %d, "kernel_size": 3, "padding": "same"}, "input_shape": [1, %d, %d, %d], "input": [%s], "weights": {"kernel": [%s], "bias": [%s]}}`,
		id, f, h, h, c, nums(h*h*c), nums(9*c*f), nums(f))
}

// TestTimeout: a case past the time limit gets a timeout result and the
// rest continue; abandoned computations do not pile up.
func TestTimeout(t *testing.T) {
	var cases []string
	for i := 0; i < 6; i++ {
		cases = append(cases, convCase(fmt.Sprint("slow", i)))
	}
	// The kernels' helper goroutines start on first need and live for the
	// process (internal/workers): start them before counting, so that the
	// count after the run is the abandoned computations alone, however long
	// those take (the pure-Go kernels of a 32-bit machine are slow enough
	// to be still running then).
	if res := results(t, 0, "["+convCase("warm")+"]"); res[0]["error"] != nil {
		t.Fatalf("without a limit: %v", res[0]["error"])
	}
	before := runtime.NumGoroutine()
	res := results(t, time.Nanosecond, "["+strings.Join(cases, ",")+","+okCase+"]")
	checkRest(t, res, 7)
	for _, r := range res[:6] {
		if k := errKindOf(r); k != "timeout" && k != "" {
			t.Errorf("%v: kind %q, want timeout (or a result)", r["id"], k)
		}
	}
	timeouts := 0
	for _, r := range res[:6] {
		if errKindOf(r) == "timeout" && strings.Contains(message(r), "1ns") {
			timeouts++
		}
	}
	// A computation that ends before the select sees the timer is
	// answered; with 1ns that is rare, never for all six.
	if timeouts == 0 {
		t.Errorf("no timeout for six slow cases under a 1ns limit: %v", res[0])
	}
	if n := runtime.NumGoroutine(); n > before+maxRunning {
		t.Errorf("%d goroutines after the run, %d before: abandoned computations pile up", n, before)
	}
	if res := results(t, 10*time.Second, "["+convCase("fast")+"]"); res[0]["error"] != nil {
		t.Errorf("with the default limit: %v", res[0]["error"])
	}
}

// TestLimitedAbandons: a computation that does not end is abandoned at the
// limit with a timeout, holds its slot until it ends, and the next one
// waits for a free slot rather than piling up.
func TestLimitedAbandons(t *testing.T) {
	e := &evaluator{timeout: 10 * time.Millisecond, slots: make(chan struct{}, maxRunning)}
	release := make(chan struct{})
	stuck := &plan{forward: func() (*tensor.Tensor, error) { <-release; return nil, nil }}
	for i := 0; i < maxRunning; i++ {
		if o := e.limited(stuck); errKind(o.err) != "timeout" {
			t.Fatalf("stuck computation %d: %v, want a timeout", i, o.err)
		}
	}
	if len(e.slots) != maxRunning {
		t.Fatalf("%d slots held by %d abandoned computations", len(e.slots), maxRunning)
	}
	quick := &plan{forward: func() (*tensor.Tensor, error) { return tensor.New(1) }}
	done := make(chan outcome)
	go func() { done <- e.limited(quick) }()
	select {
	case o := <-done:
		t.Fatalf("a computation ran while %d were alive: %v", maxRunning, o)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if o := <-done; o.err != nil || o.y == nil {
		t.Errorf("after the stuck ones ended: %v", o)
	}
}

// TestCase runs single cases as the explorer does, with the bounds Run
// checks.
func TestCase(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{okCase, `{"id":"ok","output_shape":"(None, 4)","shape":[1,4],"params":0,"values":[1,2,3,4]}`},
		{`{"id": 1, "id": 2}`, `"kind":"bad_case"`},
		{`{"id": 1,`, `"kind":"bad_case"`},
		{`{"id": 1} x`, `"kind":"bad_case"`},
		{`{"id": "deep", "_n": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, `"id":"deep","error":{"kind":"bad_case"`},
	} {
		if got := string(Case(json.RawMessage(c.in))); !strings.Contains(got, c.want) {
			t.Errorf("Case(%.60s) = %s, want %s", c.in, got, c.want)
		}
	}
}
