package pool

import "math"

// maxGeneric computes max pooling for g in plain Go: the specification that
// faster kernels must match, and their fallback.
//
//	for n, od, oh, ow, c:
//		dst[n, od, oh, ow, c] = max over the window's cells inside the input of x[n, id, ih, iw, c]
//
// Under Keras's rules every window holds at least one real cell.
func maxGeneric(dst, x []float32, g *geom) {
	poolGeneric(dst, x, g, false)
}

// avgGeneric computes average pooling for g in plain Go: the sum over the
// window's cells inside the input, divided by how many there are (padding is
// not counted).
func avgGeneric(dst, x []float32, g *geom) {
	poolGeneric(dst, x, g, true)
}

func poolGeneric(dst, x []float32, g *geom, avg bool) {
	C := g.C
	if len(dst) < g.N*g.Out[0]*g.Out[1]*g.Out[2]*C {
		panic("pool: short dst")
	}
	o := 0
	for n := 0; n < g.N; n++ {
		for od := 0; od < g.Out[0]; od++ {
			d0, d1 := g.window(0, od)
			for oh := 0; oh < g.Out[1]; oh++ {
				h0, h1 := g.window(1, oh)
				for ow := 0; ow < g.Out[2]; ow++ {
					w0, w1 := g.window(2, ow)
					acc := dst[o : o+C : o+C]
					init := float32(math.Inf(-1))
					if avg {
						init = 0
					}
					for c := range acc {
						acc[c] = init
					}
					for id := d0; id < d1; id++ {
						for ih := h0; ih < h1; ih++ {
							for iw := w0; iw < w1; iw++ {
								xi := (((n*g.In[0]+id)*g.In[1]+ih)*g.In[2] + iw) * C
								row := x[xi : xi+C]
								if avg {
									for c, v := range row {
										acc[c] += v
									}
								} else {
									for c, v := range row {
										acc[c] = max(acc[c], v)
									}
								}
							}
						}
					}
					if avg {
						// Divide, as TensorFlow does, rather than multiply by
						// the reciprocal, which can differ in the last bit.
						cnt := float32((d1 - d0) * (h1 - h0) * (w1 - w0))
						for c := range acc {
							acc[c] /= cnt
						}
					}
					o += C
				}
			}
		}
	}
}

// genericKernels is the pure-Go kernel set: the fallback where no assembly
// applies, and what -tags purego selects.
var genericKernels = &kernelSet{name: "go", run: runGeneric}

// runGeneric is the kernelSet.run of genericKernels. It keeps four
// channels of a pixel in registers while it folds in the window's cells, so
// that each value is loaded once and the output stored once.
func runGeneric(dst, x []float32, offs []int, npix, xo, xs, n int, avg bool, div float32) {
	for p := 0; p < npix; p++ {
		d := dst[p*n : p*n+n]
		base := xo + p*xs
		if avg {
			avgPixel(d, x, offs, base, div)
		} else {
			maxPixel(d, x, offs, base)
		}
	}
}

// maxPixel computes d[c] = max over the cells o in offs of x[base+o+c],
// eight channels at a time in registers.
func maxPixel(d, x []float32, offs []int, base int) {
	n := len(d)
	c := 0
	for ; c+8 <= n; c += 8 {
		r := x[base+offs[0]+c:][:8:8]
		a0, a1, a2, a3, a4, a5, a6, a7 := r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]
		for _, o := range offs[1:] {
			r := x[base+o+c:][:8:8]
			a0, a1, a2, a3 = max(a0, r[0]), max(a1, r[1]), max(a2, r[2]), max(a3, r[3])
			a4, a5, a6, a7 = max(a4, r[4]), max(a5, r[5]), max(a6, r[6]), max(a7, r[7])
		}
		e := d[c : c+8 : c+8]
		e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7] = a0, a1, a2, a3, a4, a5, a6, a7
	}
	for ; c < n; c++ {
		a := x[base+offs[0]+c]
		for _, o := range offs[1:] {
			a = max(a, x[base+o+c])
		}
		d[c] = a
	}
}

// avgPixel computes d[c] = (sum over the cells o in offs of x[base+o+c]) /
// div, starting from +0 and adding the cells in the order of offs, as
// avgGeneric does, so that the results match it to the bit. A division by
// a power of two is a multiplication by its exact reciprocal: both round
// the same real number, and multiplying is several times faster.
func avgPixel(d, x []float32, offs []int, base int, div float32) {
	if math.Float32bits(div)&0x7fffff == 0 { // a power of two
		avgPixelMul(d, x, offs, base, 1/div)
		return
	}
	n := len(d)
	c := 0
	for ; c+8 <= n; c += 8 {
		var a0, a1, a2, a3, a4, a5, a6, a7 float32
		for _, o := range offs {
			r := x[base+o+c:][:8:8]
			a0, a1, a2, a3 = a0+r[0], a1+r[1], a2+r[2], a3+r[3]
			a4, a5, a6, a7 = a4+r[4], a5+r[5], a6+r[6], a7+r[7]
		}
		e := d[c : c+8 : c+8]
		e[0], e[1], e[2], e[3] = a0/div, a1/div, a2/div, a3/div
		e[4], e[5], e[6], e[7] = a4/div, a5/div, a6/div, a7/div
	}
	for ; c < n; c++ {
		var a float32
		for _, o := range offs {
			a += x[base+o+c]
		}
		d[c] = a / div
	}
}

// avgPixelMul is avgPixel with the division by a power of two done as a
// multiplication by inv, its exact reciprocal.
func avgPixelMul(d, x []float32, offs []int, base int, inv float32) {
	n := len(d)
	c := 0
	for ; c+8 <= n; c += 8 {
		var a0, a1, a2, a3, a4, a5, a6, a7 float32 // +0, as avgGeneric starts
		for _, o := range offs {
			r := x[base+o+c:][:8:8]
			a0, a1, a2, a3 = a0+r[0], a1+r[1], a2+r[2], a3+r[3]
			a4, a5, a6, a7 = a4+r[4], a5+r[5], a6+r[6], a7+r[7]
		}
		e := d[c : c+8 : c+8]
		e[0], e[1], e[2], e[3] = a0*inv, a1*inv, a2*inv, a3*inv
		e[4], e[5], e[6], e[7] = a4*inv, a5*inv, a6*inv, a7*inv
	}
	for ; c < n; c++ {
		var a float32
		for _, o := range offs {
			a += x[base+o+c]
		}
		d[c] = a * inv
	}
}
