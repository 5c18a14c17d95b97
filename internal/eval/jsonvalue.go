package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// decode parses one JSON value with numbers kept as json.Number, so that
// integers and float32 values are read exactly.
func decode(raw []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	return d.Decode(v)
}

// isNull reports whether raw is absent or the JSON null.
func isNull(raw json.RawMessage) bool {
	return len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null"
}

// integer returns raw as an int if it is a JSON number (not a string)
// holding an integer within the int32 range.
func integer(raw json.RawMessage) (int, bool) {
	var v any
	if decode(raw, &v) != nil {
		return 0, false
	}
	n, ok := plain(v).(int)
	return n, ok && !isString(v)
}

func isString(v any) bool {
	_, ok := v.(string)
	return ok
}

// plain turns a decoded JSON value into Go values the library takes:
// integers become int, other numbers float64, arrays []any.
func plain(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := strconv.ParseInt(string(x), 10, 64); err == nil && n >= math.MinInt32 && n <= math.MaxInt32 {
			return int(n)
		}
		f, _ := x.Float64()
		return f
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	}
	return v
}

// floats reads a JSON array of numbers as float32, each rounded once from
// its decimal text.
func floats(raw json.RawMessage) ([]float32, error) {
	var vals []any
	if err := decode(raw, &vals); err != nil || vals == nil {
		return nil, fmt.Errorf("must be an array of numbers")
	}
	out := make([]float32, len(vals))
	for i, v := range vals {
		n, ok := v.(json.Number) // not a string holding a number
		if !ok {
			return nil, fmt.Errorf("must be an array of numbers")
		}
		f, err := strconv.ParseFloat(string(n), 32)
		if err != nil {
			return nil, fmt.Errorf("value %d, %s, is out of float32 range", i, n)
		}
		out[i] = float32(f)
	}
	return out, nil
}

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
