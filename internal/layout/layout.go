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
			i := i0
			// Four source rows at a time: four contiguous values per
			// destination row, and a quarter of the bounds checks.
			for ; i+4 <= i1; i += 4 {
				r0 := src[i*cols+j0 : i*cols+j1]
				r1 := src[(i+1)*cols+j0 : (i+1)*cols+j1]
				r2 := src[(i+2)*cols+j0 : (i+2)*cols+j1]
				r3 := src[(i+3)*cols+j0 : (i+3)*cols+j1]
				r1, r2, r3 = r1[:len(r0)], r2[:len(r0)], r3[:len(r0)]
				for j, v := range r0 {
					o := (j0+j)*rows + i
					d := dst[o : o+4 : o+4]
					d[0], d[1], d[2], d[3] = v, r1[j], r2[j], r3[j]
				}
			}
			for ; i < i1; i++ {
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
	// A transpose of the pixels × groups matrix of cg-value cells, in
	// tiles, so that neither side is walked with a large stride.
	if cg == 1 {
		Transpose(dst, src, pixels, groups)
		return
	}
	block, row := pixels*cg, groups*cg
	tp, tg := cellTiles(cg)
	for p0 := 0; p0 < pixels; p0 += tp {
		p1 := min(p0+tp, pixels)
		for g0 := 0; g0 < groups; g0 += tg {
			g1 := min(g0+tg, groups)
			for p := p0; p < p1; p++ {
				s := src[p*row : (p+1)*row : (p+1)*row]
				for g := g0; g < g1; g++ {
					copySmall(dst[g*block+p*cg:g*block+(p+1)*cg], s[g*cg:])
				}
			}
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
	if cg == 1 {
		Transpose(dst, src, groups, pixels)
		return
	}
	block, row := pixels*cg, groups*cg
	tp, tg := cellTiles(cg)
	for p0 := 0; p0 < pixels; p0 += tp {
		p1 := min(p0+tp, pixels)
		for g0 := 0; g0 < groups; g0 += tg {
			g1 := min(g0+tg, groups)
			for p := p0; p < p1; p++ {
				d := dst[p*row : (p+1)*row : (p+1)*row]
				for g := g0; g < g1; g++ {
					copySmall(d[g*cg:g*cg+cg], src[g*block+p*cg:])
				}
			}
		}
	}
}

// cellTiles returns the tile of Split and Join in pixels and groups: about
// tile×tile values, whatever the cell width.
func cellTiles(cg int) (tp, tg int) {
	tg = max(1, tile/cg)
	return tile, tg
}

// copySmall copies len(d) values from s: unrolled for the narrow groups
// common in networks, a plain loop for other short ones, where the call to
// memmove would cost more than the copy.
func copySmall(d, s []float32) {
	switch len(d) {
	case 2:
		s := s[:2:2]
		d[0], d[1] = s[0], s[1]
	case 4:
		s := s[:4:4]
		d := d[:4:4]
		d[0], d[1], d[2], d[3] = s[0], s[1], s[2], s[3]
	case 8:
		s := s[:8:8]
		d := d[:8:8]
		d[0], d[1], d[2], d[3] = s[0], s[1], s[2], s[3]
		d[4], d[5], d[6], d[7] = s[4], s[5], s[6], s[7]
	default:
		if len(d) >= 16 {
			copy(d, s)
			return
		}
		s = s[:len(d)]
		for i := range d {
			d[i] = s[i]
		}
	}
}
