// Package layout moves float32 tensors between the memory layouts that the
// conv and pool layers accept and the channels-last, one-group layout their
// kernels compute in. Every function writes each destination value exactly
// once and reads only inside its source; none allocates.
package layout

// tile is the side of the square blocks Transpose works in: 32×32 float32
// values are 4 KiB, so a block of the source and one of the destination stay
// in the L1 cache while the block is turned.
const tile = 32

// Transpose writes the rows×cols matrix src, row-major, into dst as its
// cols×rows transpose:
//
//	for i < rows, j < cols:
//		dst[j·rows + i] = src[i·cols + j]
//
// It panics if src or dst holds fewer than rows·cols values.
func Transpose(dst, src []float32, rows, cols int) {
	n := rows * cols
	if len(src) < n || len(dst) < n {
		panic("layout: short slice")
	}
	if rows == 1 || cols == 1 {
		copy(dst[:n], src[:n])
		return
	}
	for i0 := 0; i0 < rows; i0 += tile {
		i1 := min(i0+tile, rows)
		for j0 := 0; j0 < cols; j0 += tile {
			j1 := min(j0+tile, cols)
			for i := i0; i < i1; i++ {
				row := src[i*cols+j0 : i*cols+j1]
				for j, v := range row {
					dst[(j0+j)*rows+i] = v
				}
			}
		}
	}
}

// Split copies a channels-last tensor of pixels pixels (the batch and the
// spatial axes flattened) with groups·cg channels each into groups
// contiguous blocks, one per group of cg channels, each channels-last:
//
//	for p < pixels, g < groups, c < cg:
//		dst[(g·pixels + p)·cg + c] = src[(p·groups + g)·cg + c]
//
// It panics if a slice is short.
func Split(dst, src []float32, pixels, groups, cg int) {
	n := pixels * groups * cg
	if len(src) < n || len(dst) < n {
		panic("layout: short slice")
	}
	block := pixels * cg
	for g := 0; g < groups; g++ {
		d := dst[g*block : (g+1)*block]
		for p, s := 0, g*cg; p < block; p, s = p+cg, s+groups*cg {
			copy(d[p:p+cg], src[s:s+cg])
		}
	}
}

// Join is the inverse of Split: it interleaves groups contiguous
// channels-last blocks of pixels pixels × cg channels into one
// channels-last tensor with groups·cg channels:
//
//	for p < pixels, g < groups, c < cg:
//		dst[(p·groups + g)·cg + c] = src[(g·pixels + p)·cg + c]
//
// It panics if a slice is short.
func Join(dst, src []float32, pixels, groups, cg int) {
	n := pixels * groups * cg
	if len(src) < n || len(dst) < n {
		panic("layout: short slice")
	}
	block := pixels * cg
	for g := 0; g < groups; g++ {
		s := src[g*block : (g+1)*block]
		for p, d := 0, g*cg; p < block; p, d = p+cg, d+groups*cg {
			copy(dst[d:d+cg], s[p:p+cg])
		}
	}
}
