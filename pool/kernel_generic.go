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

// runGeneric is the kernelSet.run of genericKernels: for each pixel it
// copies the first cell's channels and folds the others in, channel loops
// innermost.
func runGeneric(dst, x []float32, offs []int, npix, xo, xs, n int, avg bool, div float32) {
	for p := 0; p < npix; p++ {
		d := dst[p*n : p*n+n]
		base := xo + p*xs
		copy(d, x[base+offs[0]:])
		for _, o := range offs[1:] {
			row := x[base+o : base+o+n]
			if avg {
				for c, v := range row {
					d[c] += v
				}
			} else {
				for c, v := range row {
					d[c] = max(d[c], v)
				}
			}
		}
		if avg {
			for c := range d {
				d[c] /= div
			}
		}
	}
}
