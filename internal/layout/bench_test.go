package layout

import (
	"fmt"
	"testing"
)

// BenchmarkLayout measures each move beside copy() of the same number of
// values, the memory-bound floor, in the same run: compare the ns/op of a
// move with its copy line.
//
//	go test ./internal/layout -bench . -count 5
func BenchmarkLayout(b *testing.B) {
	const pixels, ch = 56 * 56, 128
	src := make([]float32, pixels*ch)
	dst := make([]float32, pixels*ch)
	for i := range src {
		src[i] = float32(i)
	}
	b.Run("copy_baseline", func(b *testing.B) {
		for b.Loop() {
			copy(dst, src)
		}
	})
	b.Run("transpose_channels_first_to_last", func(b *testing.B) {
		for b.Loop() {
			Transpose(dst, src, ch, pixels)
		}
	})
	for _, cg := range []int{1, 4, 64} {
		b.Run(fmt.Sprintf("split_cg%d", cg), func(b *testing.B) {
			for b.Loop() {
				Split(dst, src, pixels, ch/cg, cg)
			}
		})
		b.Run(fmt.Sprintf("join_cg%d", cg), func(b *testing.B) {
			for b.Loop() {
				Join(dst, src, pixels, ch/cg, cg)
			}
		})
	}
}
