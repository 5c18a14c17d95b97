package pool

import (
	"math"
	"testing"
)

// TestRunChecksX: every kernel set panics, and never reads outside x or
// faults, when a run's offsets reach past either end of x. The assembly
// wrappers used to check only dst.
func TestRunChecksX(t *testing.T) {
	for _, k := range kernelSets() {
		for _, c := range []struct {
			name     string
			offs     []int
			npix, xo int
			xs       int
		}{
			{"past_end", []int{0, 9}, 1, 0, 4},
			{"before_start", []int{-4, 0}, 1, 0, 4},
			{"pixels_past_end", []int{0}, 4, 0, 4},
			{"far_past_end", []int{0}, 1, math.MaxInt / 2, 4},
		} {
			for _, avg := range []bool{false, true} {
				t.Run(k.name+"/"+c.name, func(t *testing.T) {
					defer func() {
						if recover() == nil {
							t.Errorf("no panic")
						}
					}()
					dst := make([]float32, 64)
					x := make([]float32, 12)
					k.run(dst, x, c.offs, c.npix, c.xo, c.xs, 4, avg, 1)
				})
			}
		}
	}
}
