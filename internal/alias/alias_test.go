package alias

import "testing"

func TestOverlap(t *testing.T) {
	a := make([]float32, 10)
	b := make([]float32, 10)
	for _, c := range []struct {
		name string
		x, y []float32
		want bool
	}{
		{"same", a, a, true},
		{"distinct", a, b, false},
		{"inside", a, a[3:5], true},
		{"adjacent", a[:5], a[5:], false},
		{"one_shared", a[:6], a[5:], true},
		{"empty", a[:0], a, false},
		{"nil", nil, a, false},
		{"capacity_only", a[:2], a[2:2:10], false},
	} {
		if got := Overlap(c.x, c.y); got != c.want {
			t.Errorf("%s: Overlap = %v, want %v", c.name, got, c.want)
		}
		if got := Overlap(c.y, c.x); got != c.want {
			t.Errorf("%s (swapped): Overlap = %v, want %v", c.name, got, c.want)
		}
	}
}
