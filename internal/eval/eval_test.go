package eval

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"
)

// TestFloat32Output checks that values are written in a form that reads
// back as the same float32, including tiny, huge and negative values.
func TestFloat32Output(t *testing.T) {
	vals := float32s{0, 1, -1, 0.1, 1e-7, -3.4028235e38, 1.0000001, 1e21, 1e20, 1.5e-45, float32(math.Copysign(0, -1))}
	b, err := vals.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var back []json.Number
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s is not JSON: %v", b, err)
	}
	for i, n := range back {
		f, err := strconv.ParseFloat(string(n), 32)
		if err != nil || float32(f) != vals[i] {
			t.Errorf("value %d: %v written as %s, reads back as %v", i, vals[i], n, f)
		}
		std, _ := json.Marshal(vals[i])
		if string(std) != string(n) {
			t.Errorf("value %d: written as %s, encoding/json writes %s", i, n, std)
		}
	}
	inf, _ := float32s{float32(math.Inf(1)), float32(math.NaN())}.MarshalJSON()
	if string(inf) != "[null,null]" {
		t.Errorf("non-finite values written as %s, want [null,null]", inf)
	}
}
