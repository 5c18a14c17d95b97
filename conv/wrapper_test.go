package conv

import (
	"math"
	"testing"
)

// TestBlockChecksX: every kernel set panics, and never reads outside x or
// faults, when a block's taps reach past either end of x. The assembly
// wrappers used to check only dst.
func TestBlockChecksX(t *testing.T) {
	for _, k := range kernelSets() {
		for _, c := range []struct {
			name string
			xo   int
			taps []tap
		}{
			{"past_end", 0, []tap{{x: 0, w: 0, n: 64}}},
			{"before_start", -1, []tap{{x: 0, w: 0, n: 1}}},
			{"far_past_end", math.MaxInt / 2, []tap{{x: 0, w: 0, n: 1}}},
			{"weights_past_end", 0, []tap{{x: 0, w: 10, n: 4}}},
		} {
			t.Run(k.name+"/"+c.name, func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Errorf("no panic")
					}
				}()
				dst := make([]float32, 16)
				x := make([]float32, 8)
				w := make([]float32, 4*16)
				k.block(dst, x, w, nil, c.taps, c.xo, 1, 16, 16, 16, 1, 1, false)
			})
		}
	}
}
