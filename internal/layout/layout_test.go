package layout

import (
	"fmt"
	"testing"
)

// guarded returns a slice of n values in the middle of a larger one whose
// cells outside hold a sentinel, and a check that the sentinels survived.
func guarded(n int) ([]float32, func(t *testing.T)) {
	const pad, sentinel = 7, -12345
	all := make([]float32, n+2*pad)
	for i := range all {
		all[i] = sentinel
	}
	return all[pad : pad+n : pad+n], func(t *testing.T) {
		t.Helper()
		for i, v := range all {
			if (i < pad || i >= pad+n) && v != sentinel {
				t.Fatalf("wrote outside dst at guard cell %d", i)
			}
		}
	}
}

func seq(n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(i + 1)
	}
	return v
}

func TestTranspose(t *testing.T) {
	for _, rc := range [][2]int{{1, 1}, {1, 7}, {7, 1}, {3, 5}, {31, 33}, {32, 32}, {65, 40}, {2, 100}} {
		rows, cols := rc[0], rc[1]
		t.Run(fmt.Sprintf("%dx%d", rows, cols), func(t *testing.T) {
			src := seq(rows * cols)
			dst, check := guarded(rows * cols)
			Transpose(dst, src, rows, cols)
			check(t)
			for i := 0; i < rows; i++ {
				for j := 0; j < cols; j++ {
					if dst[j*rows+i] != src[i*cols+j] {
						t.Fatalf("Transpose(%d×%d): dst[%d] = %v, want src[%d] = %v", rows, cols, j*rows+i, dst[j*rows+i], i*cols+j, src[i*cols+j])
					}
				}
			}
		})
	}
}

func TestSplitJoin(t *testing.T) {
	for _, c := range [][3]int{{1, 1, 1}, {5, 1, 3}, {5, 3, 1}, {4, 2, 2}, {7, 4, 3}, {40, 9, 4}, {33, 5, 8}, {3, 35, 2}, {2, 3, 16}, {50, 3, 17}} {
		pixels, groups, cg := c[0], c[1], c[2]
		t.Run(fmt.Sprintf("p%d_g%d_c%d", pixels, groups, cg), func(t *testing.T) {
			n := pixels * groups * cg
			src := seq(n)
			split, check := guarded(n)
			Split(split, src, pixels, groups, cg)
			check(t)
			for p := 0; p < pixels; p++ {
				for g := 0; g < groups; g++ {
					for ch := 0; ch < cg; ch++ {
						if got, want := split[(g*pixels+p)*cg+ch], src[(p*groups+g)*cg+ch]; got != want {
							t.Fatalf("Split: pixel %d group %d channel %d = %v, want %v", p, g, ch, got, want)
						}
					}
				}
			}
			back, check2 := guarded(n)
			Join(back, split, pixels, groups, cg)
			check2(t)
			for i := range src {
				if back[i] != src[i] {
					t.Fatalf("Join(Split(x)) differs from x at %d: %v, want %v", i, back[i], src[i])
				}
			}
		})
	}
}

func TestShortSlicesPanic(t *testing.T) {
	for name, fn := range map[string]func(){
		"Transpose": func() { Transpose(make([]float32, 5), make([]float32, 6), 2, 3) },
		"Split":     func() { Split(make([]float32, 6), make([]float32, 5), 1, 2, 3) },
		"Join":      func() { Join(make([]float32, 5), make([]float32, 6), 1, 2, 3) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%s with a short slice did not panic", name)
				}
			}()
			fn()
		})
	}
}
