package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/tensor"
)

// checkOutput checks what eval wrote for an input it answered (exit 0):
// a JSON array of objects, each with an "id" and either a result or an
// error of a known kind (never internal_error), and values that fill the
// shape. It returns the results.
func checkOutput(t *testing.T, stdout string) []map[string]any {
	t.Helper()
	var res []map[string]any
	if len(stdout) > 1<<20 {
		// Too long to decode quickly: check its frame and line count only.
		if !strings.HasPrefix(stdout, "[\n{") || !strings.HasSuffix(stdout, "}\n]\n") {
			t.Fatalf("output of %d bytes is not an array of objects: %.100q…%q", len(stdout), stdout, stdout[len(stdout)-100:])
		}
		return make([]map[string]any, strings.Count(stdout, "\n")-2)
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("output is not a JSON array of objects: %v\n%.500s", err, stdout)
	}
	kinds := "nonpositive_output stride_dilation_conflict invalid_padding_mode nonpositive_argument invalid_argument_shape input_rank missing_argument too_large timeout unknown_layer bad_case"
	for i, r := range res {
		if _, ok := r["id"]; !ok {
			t.Fatalf("result %d has no id: %v", i, r)
		}
		if e, ok := r["error"].(map[string]any); ok {
			k, _ := e["kind"].(string)
			m, _ := e["message"].(string)
			if !strings.Contains(" "+kinds+" ", " "+k+" ") || m == "" || len(m) > 2000 {
				t.Fatalf("result %d: error kind %q, message of %d bytes: %.300q", i, k, len(m), m)
			}
			continue
		}
		if _, ok := r["output_shape"].(string); !ok {
			t.Fatalf("result %d has neither an error nor an output_shape: %v", i, r)
		}
		if vals, ok := r["values"].([]any); ok {
			shape, _ := r["shape"].([]any)
			n := 1
			for _, d := range shape {
				n *= int(d.(float64))
			}
			if len(shape) == 0 || n != len(vals) {
				t.Fatalf("result %d: %d values for shape %v", i, len(vals), shape)
			}
		}
	}
	return res
}

// FuzzEval feeds Run, tools/eval's stream, arbitrary bytes. It must never
// panic or hang; it answers with a well-formed array of results exactly
// when the input is a well-formed JSON array (after an optional byte-order
// mark), with one result per case, and with an *InputError otherwise. Fuzz with
//
//	go test ./internal/eval -run '^$' -fuzz FuzzEval -fuzztime 1m
func FuzzEval(f *testing.F) {
	for _, s := range []string{
		`[]`,
		"\uFEFF[" + okCase + "]",
		`[` + okCase + `,` + okCase + `]`,
		`[{"id": 1, "layer": "Flatten",]`,
		`[{"id": 1, "layer": "Flatten", "input_shape": [null, 2]}] []`,
		`{"id": "a case, not an array"}`,
		`[{"id": "dup", "id": 2}]`,
		`[` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `]`,
		`[{"id": "\ud83d\ude00 \u00e9 \ud800 x \ud800\ud800\udc00 \udc00\u0041", "layer": "Flatten", "input_shape": [null, 2]}]`,
		`[{"id": -0.0e+5, "layer": "Dense", "config": {"units": 2}, "input_shape": [1, 2], "input": [1e40, 2], "weights": {"kernel": [1, 2, 3, 4], "bias": [0, 0]}}]`,
		`[{"id": "tb", "layer": "ZeroPadding2D", "config": {"padding": 1048576}, "input_shape": [1, 1, 1, 1], "input": [1]}]`,
		`[{"id": "p", "layer": "ZeroPadding2D", "config": {"padding": 4611686018427387904}, "input_shape": [null, 1, 1, 3]}]`,
		`[{"id": "avg", "layer": "AveragePooling1D", "config": {"pool_size": 2147483647, "padding": "same"}, "input_shape": [1, 8, 1], "input": [1, 2, 3, 4, 5, 6, 7, 8]}]`,
		`[{"id": "m", "kind": "sequential", "input_shape": [65536, 65536, 65536, 65536], "layers": [{"layer": "Flatten"}]}]`,
		`[{"id": "d", "layer": "Dense", "config": {"units": 9223372036854775807}, "input_shape": [null, 2]}]`,
		`[{"id": "w", "layer": "MaxPooling2D", "input_shape": [1, 2147418113, 1718039348, 5], "input": [1, 2, 3, 4]}]`,
		`[1, "x", null, true, [], {}]`,
		`[0.5e, -, 01]`,
		``,
		"[\x00]",
	} {
		f.Add([]byte(s))
	}
	// Computations and outputs the fuzzer's cases ask for stay small, so
	// that it spends its time on the reading and the checks (and reaches
	// the bounds); the real bounds are tested in stream_test.go.
	defer lowerBounds()()
	f.Fuzz(func(t *testing.T, data []byte) {
		var stdout bytes.Buffer
		err := Run(bytes.NewReader(data), &stdout, 5*time.Second)
		code := 0
		if err != nil {
			code = 1
		}
		body := bytes.TrimPrefix(data, []byte("\uFEFF"))
		trimmed := bytes.TrimLeft(body, " \t\r\n")
		wellFormed := json.Valid(body) && len(trimmed) > 0 && trimmed[0] == '['
		if nesting(body) > 9000 {
			// encoding/json stops at 10,000 levels and cannot be the
			// oracle; eval reads on.
			if code == 0 {
				checkOutput(t, stdout.String())
			}
			return
		}
		switch {
		case wellFormed && code == 0:
			res := checkOutput(t, stdout.String())
			var cases []json.RawMessage
			if err := json.Unmarshal(body, &cases); err != nil || len(cases) != len(res) {
				t.Fatalf("%d results for %d cases (%v)", len(res), len(cases), err)
			}
			sameValues(t, data, cases)
		case !wellFormed && code == 1:
			if _, ok := err.(*InputError); !ok {
				t.Fatalf("error %T %v, want an *InputError", err, err)
			}
		default:
			t.Fatalf("well-formed %v, error %v", wellFormed, err)
		}
	})
}

// nesting returns the deepest nesting of brackets in data outside strings.
func nesting(data []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range data {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == '[' || c == '{'):
			depth++
			deepest = max(deepest, depth)
		case !inString && (c == ']' || c == '}'):
			depth--
		}
	}
	return deepest
}

// sameValues checks that eval's parser reads every case of data as
// encoding/json does, except those it rejects (a duplicate key, nesting
// past the bound).
func sameValues(t *testing.T, data []byte, cases []json.RawMessage) {
	t.Helper()
	r := newReader(bytes.NewReader(data))
	if err := r.begin(); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		more, err := r.more()
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			if i != len(cases) {
				t.Fatalf("read %d cases, encoding/json %d", i, len(cases))
			}
			return
		}
		got, err := r.next()
		if err != nil {
			if _, ok := err.(*caseError); !ok {
				t.Fatalf("case %d: %v", i, err)
			}
			continue
		}
		d := json.NewDecoder(bytes.NewReader(cases[i]))
		d.UseNumber()
		var want any
		if err := d.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if g, w := appendJSON(nil, got, -1), appendJSON(nil, want, -1); !bytes.Equal(g, w) {
			t.Fatalf("case %d: read %s, encoding/json reads %s", i, g, w)
		}
	}
}

// lowerBounds lowers the work and size bounds for fuzzing, and returns a
// function that restores them.
func lowerBounds() func() {
	w, v := maxWork, maxValues
	maxWork, maxValues = 1<<24, 1<<16
	return func() { maxWork, maxValues = w, v }
}

// FuzzEvalCase builds one case of any layer class eval knows from
// arbitrary arguments, shapes and data, with and without an input, and
// checks the result as FuzzEval does. Fuzz with
//
//	go test ./internal/eval -run '^$' -fuzz FuzzEvalCase -fuzztime 1m
func FuzzEvalCase(f *testing.F) {
	f.Add(uint8(0), uint8(2), 3, 1, 1, 2, 1, "same", 1, 6, 6, 2, true, uint8(0))
	f.Add(uint8(1), uint8(2), 2, 2, 0, 0, 0, "valid", 1, 5, 5, 3, true, uint8(1))
	f.Add(uint8(2), uint8(3), 0, 0, 0, 0, 0, "", 2, 2, 2, 2, true, uint8(2))
	f.Add(uint8(3), uint8(2), 1048576, 0, 0, 0, 0, "", 1, 1, 1, 1, true, uint8(3))
	f.Add(uint8(4), uint8(1), 0, 0, 0, 0, 0, "", 1, 3, 4, 5, true, uint8(4))
	f.Add(uint8(5), uint8(1), 4, 0, 0, 0, 0, "", 2, 3, 1, 1, true, uint8(5))
	f.Add(uint8(1), uint8(1), 2147483647, 1, 0, 0, 0, "same", 1, 64, 1, 1, true, uint8(6))
	f.Add(uint8(0), uint8(1), -3, 0, 2, 2, 0, "causal", 1, 9, 1, 1, false, uint8(7))
	defer lowerBounds()()
	f.Fuzz(func(t *testing.T, fam, rank8 uint8, a, b, c, d, e int, pad string, n, h, w, ch int, withInput bool, variant uint8) {
		rank := 1 + int(rank8%3)
		spatial := []int{h, w, h}[:rank]
		shape := append(append([]int{n}, spatial...), ch)
		var class string
		cfg := map[string]any{}
		weights := map[string]any(nil)
		tuple := func(v int) any {
			if variant%2 == 0 {
				return v
			}
			t := make([]int, rank)
			for i := range t {
				t[i] = v
			}
			return t
		}
		if pad != "" {
			cfg["padding"] = pad
		}
		switch fam % 6 {
		case 0:
			class = fmt.Sprintf("Conv%dD", rank)
			cfg["filters"], cfg["kernel_size"] = b, tuple(a)
			if c != 0 {
				cfg["strides"] = tuple(c)
			}
			if d != 0 {
				cfg["dilation_rate"] = tuple(d)
			}
			ks := tensor.Shape{max(a, 1), max(ch, 1), max(b, 1)}
			for i := 1; i < rank; i++ {
				ks = append(ks, max(a, 1))
			}
			if k, ok := ks.NumElements(); ok && k <= 1<<14 {
				weights = map[string]any{"kernel": make([]float32, k), "bias": make([]float32, max(b, 0))}
			}
		case 1:
			class = []string{"MaxPooling", "AveragePooling"}[variant%2] + fmt.Sprintf("%dD", rank)
			cfg["pool_size"] = tuple(a)
			if b != 0 {
				cfg["strides"] = tuple(b)
			}
		case 2:
			class = []string{"GlobalMaxPooling", "GlobalAveragePooling"}[variant%2] + fmt.Sprintf("%dD", rank)
			delete(cfg, "padding")
			cfg["keepdims"] = variant%4 >= 2
		case 3:
			class = fmt.Sprintf("ZeroPadding%dD", rank)
			cfg["padding"] = []any{a, b, []int{c, d}, e}[variant%4]
		case 4:
			class = "Flatten"
			cfg = nil
		case 5:
			class = "Dense"
			delete(cfg, "padding")
			cfg["units"] = a
			if k, ok := (tensor.Shape{a, max(ch, 1)}).NumElements(); ok && a > 0 && k <= 1<<14 {
				weights = map[string]any{"kernel": make([]float32, k), "bias": make([]float32, a)}
			}
		}
		cs := map[string]any{"id": "fuzz", "layer": class, "config": cfg, "input_shape": shape}
		if weights != nil {
			cs["weights"] = weights
		}
		if withInput {
			size, ok := tensor.Shape(shape).NumElements()
			if ok && size <= 1<<14 {
				cs["input"] = make([]float32, size)
			}
		}
		in, err := json.Marshal([]any{cs})
		if err != nil {
			t.Skip()
		}
		var stdout bytes.Buffer
		if err := Run(bytes.NewReader(in), &stdout, 5*time.Second); err != nil {
			t.Fatalf("Run: %v\ninput %s", err, in)
		}
		if res := checkOutput(t, stdout.String()); len(res) != 1 {
			t.Fatalf("%d results for one case", len(res))
		}
	})
}
