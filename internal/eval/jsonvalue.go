package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
)

// The helpers below read the values the reader builds (see value in
// stream.go). An absent key and null are both nil.

// isNull reports whether v is absent or the JSON null.
func isNull(v any) bool { return v == nil }

// object returns v as an object, if it is one.
func object(v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	return m, ok
}

// str returns v as a string, if it is one.
func str(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// list returns v as an array, if it is one.
func list(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case *numbers:
		return x.list(), true
	}
	return nil, false
}

// listLen returns the length of v, if it is an array, without building it.
func listLen(v any) (int, bool) {
	switch x := v.(type) {
	case []any:
		return len(x), true
	case *numbers:
		return x.len(), true
	}
	return 0, false
}

// integer returns v as an int if it is a JSON number (not a string)
// holding an integer within the int32 range.
func integer(v any) (int, bool) {
	n, ok := plain(v).(int)
	return n, ok
}

// plain turns a value into Go values the library takes: integers within
// the int32 range become int, other numbers float64, arrays []any.
func plain(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := strconv.ParseInt(string(x), 10, 64); err == nil && n >= math.MinInt32 && n <= math.MaxInt32 {
			return int(n)
		}
		f, _ := x.Float64()
		return f
	case *numbers:
		return plain(x.list())
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	}
	return v
}

// floats reads an array of numbers as float32, each rounded once from its
// decimal text.
func floats(v any) ([]float32, error) {
	parse := func(i int, s string) (float32, error) {
		f, err := strconv.ParseFloat(s, 32)
		if err != nil {
			return 0, fmt.Errorf("value %d, %s, is out of float32 range", i, clip(s, 40))
		}
		return float32(f), nil
	}
	switch x := v.(type) {
	case *numbers:
		out := make([]float32, x.len())
		var err error
		x.each(func(i int, s []byte) bool {
			out[i], err = parse(i, string(s))
			return err == nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	case []any:
		out := make([]float32, len(x))
		for i, e := range x {
			n, ok := e.(json.Number) // not a string holding a number
			if !ok {
				return nil, fmt.Errorf("must be an array of numbers")
			}
			f, err := parse(i, string(n))
			if err != nil {
				return nil, err
			}
			out[i] = f
		}
		return out, nil
	}
	return nil, fmt.Errorf("must be an array of numbers")
}

// compact writes v as compact JSON for a message, cut to 80 bytes.
func compact(v any) string {
	b := appendJSON(nil, v, 80)
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}

// clip cuts s to n bytes, marking the cut.
func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// appendJSON appends v as compact JSON, with object keys sorted. With
// limit ≥ 0 it stops soon after b grows past limit bytes, so that a message
// about a huge value costs no more than a short one.
func appendJSON(b []byte, v any, limit int) []byte {
	if limit >= 0 && len(b) > limit {
		return b
	}
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, x)
	case json.Number:
		return append(b, x...)
	case json.RawMessage:
		var c bytes.Buffer
		if json.Compact(&c, x) != nil {
			return append(b, "null"...)
		}
		return append(b, c.Bytes()...)
	case string:
		if limit >= 0 && len(x) > limit {
			x = x[:limit]
		}
		return appendString(b, x)
	case *numbers:
		text := x.text
		if limit >= 0 && len(text) > limit {
			text = text[:limit+1]
		}
		b = append(b, '[')
		b = append(b, text...)
		return append(b, ']')
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if limit >= 0 && len(b) > limit {
				return b
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, e, limit)
		}
		return append(b, ']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = append(b, '{')
		for i, k := range keys {
			if limit >= 0 && len(b) > limit {
				return b
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendJSON(b, x[k], limit)
		}
		return append(b, '}')
	}
	return fmt.Appendf(b, "%q", fmt.Sprint(v))
}

// appendString appends s as a JSON string, as encoding/json writes it
// without HTML escaping.
func appendString(b []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\'
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return append(b, bytes.TrimRight(buf.Bytes(), "\n")...)
}

// jsonValue marshals a decoded value back to JSON, for echoing ids.
type jsonValue struct{ v any }

func (j jsonValue) MarshalJSON() ([]byte, error) { return appendJSON(nil, j.v, -1), nil }

// float32s marshals as a JSON array of float32 values in the shortest form
// that reads back as the same float32, as encoding/json writes a float32;
// values that are not finite become null.
type float32s []float32

func (v float32s) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 2+8*len(v))
	b = append(b, '[')
	for i, f := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendFloat32(b, f)
	}
	return append(b, ']'), nil
}

func appendFloat32(b []byte, f float32) []byte {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return append(b, "null"...)
	}
	format := byte('f')
	if abs := float32(math.Abs(float64(f))); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, float64(f), format, -1, 32)
	if format == 'e' {
		// e-09 → e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
