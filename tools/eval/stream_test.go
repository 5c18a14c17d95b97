package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this binary as eval itself (EVAL_AS_MAIN=1), to
// check what only a real process shows: the exit status on a closed pipe.
func TestMain(m *testing.M) {
	if os.Getenv("EVAL_AS_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// results runs eval on in and returns the decoded results, failing the
// test unless eval exits 0 with a JSON array.
func results(t *testing.T, args []string, in string) []map[string]any {
	t.Helper()
	code, stdout, stderr := runCLI(t, args, []byte(in))
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var res []map[string]any
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%.300s", err, stdout)
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

func TestByteOrderMark(t *testing.T) {
	res := results(t, nil, "\uFEFF["+okCase+"]")
	checkRest(t, res, 1)
}

func TestDuplicateKeys(t *testing.T) {
	for _, c := range []string{
		`{"id": "dup", "layer": "Flatten", "layer": "Dense", "input_shape": [null, 2]}`,
		`{"id": "dup", "layer": "Dense", "config": {"units": 2, "units": 3}, "input_shape": [null, 2]}`,
	} {
		res := results(t, nil, "["+c+","+okCase+"]")
		checkRest(t, res, 2)
		if errKindOf(res[0]) != "bad_case" || !strings.Contains(message(res[0]), "duplicate key") || res[0]["id"] != "dup" {
			t.Errorf("%s: result %v, want a bad_case naming the duplicate key, with the id", c, res[0])
		}
	}
}

// TestNestingLimit: a case nested 100,000 levels deep used to fail the
// whole file; it is a bad_case, and the next case runs.
func TestNestingLimit(t *testing.T) {
	deep := `{"id": "deep", "_note": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`
	res := results(t, nil, "["+deep+","+okCase+"]")
	checkRest(t, res, 2)
	if errKindOf(res[0]) != "bad_case" || !strings.Contains(message(res[0]), "nested") || res[0]["id"] != "deep" {
		t.Errorf("result %v, want a bad_case about the nesting, with the id", res[0])
	}
	ok := `{"id": "ok", "_note": ` + strings.Repeat("[", 60) + strings.Repeat("]", 60) + `, "layer": "Flatten", "input_shape": [1, 2]}`
	if res := results(t, nil, "["+ok+"]"); res[0]["error"] != nil {
		t.Errorf("60 levels: %v, want no error", res[0])
	}
}

// TestMessagesBounded: a case whose faulty argument is huge gets a short
// message, built quickly.
func TestMessagesBounded(t *testing.T) {
	big := strings.TrimSuffix(strings.Repeat("1,", 1_000_000), ",")
	long := strings.Repeat("x", 500_000)
	for _, c := range []string{
		`{"id": "m", "layer": "ZeroPadding2D", "config": {"padding": [` + big + `]}, "input_shape": [null, 2, 2, 1]}`,
		`{"id": "m", "layer": "Conv2D", "config": {"filters": 1, "kernel_size": [` + big + `]}, "input_shape": [null, 2, 2, 1]}`,
		`{"id": "m", "layer": "` + long + `", "input_shape": [null, 2]}`,
		`{"id": "m", "layer": "Flatten", "input_shape": [null, 2], "` + long + `": 1}`,
		`{"id": "m", "layer": "Flatten", "input_shape": [` + big + `]}`,
		`{"id": "m", "kind": "sequential", "input_shape": [2], "layers": [{"layer": "Dense", "config": {"units": 2, "` + long + `": 1}}]}`,
		`{"id": "m", "kind": "sequential", "input_shape": [2], "layers": [{"layer": "` + long + `"}]}`,
		`{"id": "m", "layer": "MaxPooling2D", "config": {"padding": "` + long + `"}, "input_shape": [null, 2, 2, 1]}`,
		`{"id": "m", "layer": "Conv2D", "config": {"filters": 1, "kernel_size": 1, "data_format": "` + long + `"}, "input_shape": [null, 2, 2, 1]}`,
	} {
		start := time.Now()
		res := results(t, nil, "["+c+"]")
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%.60s…: took %v", c, d)
		}
		if m := message(res[0]); m == "" || len(m) > 600 {
			t.Errorf("%.60s…: message of %d bytes: %.200q", c, len(m), m)
		}
	}
}

// failingWriter fails every write, as a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.EPIPE }

func TestClosedOutput(t *testing.T) {
	var stderr bytes.Buffer
	code := run(nil, strings.NewReader("["+okCase+"]"), failingWriter{}, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "writing the results") {
		t.Errorf("exit %d, stderr %q; want 1 and a message", code, stderr.String())
	}
}

// TestClosedPipe runs eval as a process whose stdout is closed after the
// first bytes, as `eval < cases.json | head -c 1` does: it must exit 1, not
// die of SIGPIPE.
func TestClosedPipe(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGPIPE on windows")
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "EVAL_AS_MAIN=1")
	cmd.Stdin = strings.NewReader("[" + strings.TrimSuffix(strings.Repeat(okCase+",", 20000), ",") + "]")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := out.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	out.Close()
	err = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("eval with a closed stdout: %v (exit %d), stderr %q; want exit status 1", err, code, stderr.String())
	}
}

// TestMemoryFlat streams cases through eval, ten times as many in the
// second run, and samples the live heap (as the last garbage collection
// marked it) while it writes: the peak must not grow with the number of
// cases. (eval used to read the whole input and keep every result until
// the end.)
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 40 MB")
	}
	// One case of 1000 input values, about 4 KB of JSON.
	one := `{"id": 0, "layer": "MaxPooling1D", "input_shape": [1, 1000, 1], "input": [` +
		strings.TrimSuffix(strings.Repeat("0.25,", 1000), ",") + `]}`
	peak := func(n int) (uint64, int) {
		pr, pw := io.Pipe()
		go func() {
			pw.Write([]byte("["))
			for i := 0; i < n; i++ {
				if i > 0 {
					pw.Write([]byte(","))
				}
				pw.Write([]byte(one))
			}
			pw.Write([]byte("]"))
			pw.Close()
		}()
		// Measure above what the process held before the run (another
		// test's abandoned computation may still be running).
		runtime.GC()
		w := &sampler{}
		w.base = w.live()
		var stderr bytes.Buffer
		if code := run(nil, pr, w, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		return w.peak, w.lines
	}
	small, lines := peak(1000)
	if lines < 1000 {
		t.Fatalf("%d result lines for 1000 cases", lines)
	}
	large, _ := peak(10000)
	t.Logf("peak live heap: %d KiB for 1000 cases (4 MB), %d KiB for 10000 cases (40 MB)", small>>10, large>>10)
	const bound = 8 << 20
	if large > bound || large > small+(4<<20) {
		t.Errorf("peak heap %d KiB for 10000 cases, %d KiB for 1000: memory grows with the number of cases", large>>10, small>>10)
	}
}

// sampler counts the lines written to it and samples the live heap every
// few writes.
type sampler struct {
	writes, lines int
	base, peak    uint64 // peak is above base
	s             [1]metrics.Sample
}

func (w *sampler) live() uint64 {
	w.s[0].Name = "/gc/heap/live:bytes"
	metrics.Read(w.s[:])
	return w.s[0].Value.Uint64()
}

func (w *sampler) Write(p []byte) (int, error) {
	w.lines += bytes.Count(p, []byte("\n"))
	if w.writes++; w.writes%50 == 0 {
		if l := w.live(); l > w.base {
			w.peak = max(w.peak, l-w.base)
		}
	}
	return len(p), nil
}

// TestTimeoutFlag: -timeout sets the limit; a bad value is a usage error.
func TestTimeoutFlag(t *testing.T) {
	// About 85 million multiply-adds: far longer than the path from the
	// start of the computation to the timer.
	big := `{"id": "slow", "layer": "Conv2D", "config": {"filters": 32, "kernel_size": 3, "padding": "same"}, "input_shape": [1, 96, 96, 32], "input": [` +
		strings.TrimSuffix(strings.Repeat("0.5,", 96*96*32), ",") + `], "weights": {"kernel": [` +
		strings.TrimSuffix(strings.Repeat("0.5,", 9*32*32), ",") + `], "bias": [` + strings.TrimSuffix(strings.Repeat("0,", 32), ",") + `]}}`
	res := results(t, []string{"-timeout", "1ns"}, "["+big+","+okCase+"]")
	checkRest(t, res, 2)
	if errKindOf(res[0]) != "timeout" {
		t.Errorf("-timeout 1ns: %v, want a timeout", res[0]["error"])
	}
	for _, bad := range []string{"0s", "-1s", "soon"} {
		if code, _, stderr := runCLI(t, []string{"-timeout", bad}, []byte("[]")); code != 2 || !strings.Contains(stderr, "usage:") {
			t.Errorf("-timeout %s: exit %d, stderr %q; want a usage error", bad, code, stderr)
		}
	}
}
