package conv

// forwardGeneric computes dst = x ⋆ w + bias (cross-correlation: the kernel
// is not flipped) for the geometry g, in plain Go. It is the specification
// that every faster kernel must match, and the fallback where none applies.
// bias may be nil. In loop form:
//
//	for n, od, oh, ow, f:
//		acc := bias[f]
//		for kd, kh, kw, c with (id, ih, iw) inside the input:
//			acc += x[n, id, ih, iw, c] · w[kd, kh, kw, c, f]
//		dst[n, od, oh, ow, f] = acc
//
// The loops keep the filter axis innermost so that every multiply-add runs
// along contiguous memory in dst and w.
func forwardGeneric(dst, x, w, bias []float32, g *geom) {
	F, C := g.F, g.C
	if len(dst) < g.N*g.Out[0]*g.Out[1]*g.Out[2]*F {
		panic("conv: short dst")
	}
	o := 0
	for n := 0; n < g.N; n++ {
		for od := 0; od < g.Out[0]; od++ {
			for oh := 0; oh < g.Out[1]; oh++ {
				for ow := 0; ow < g.Out[2]; ow++ {
					acc := dst[o : o+F : o+F]
					if bias != nil {
						copy(acc, bias[:F])
					} else {
						clear(acc)
					}
					for kd := 0; kd < g.K[0]; kd++ {
						id := od*g.Stride[0] - g.Pad[0] + kd*g.Dilation[0]
						if id < 0 || id >= g.In[0] {
							continue
						}
						for kh := 0; kh < g.K[1]; kh++ {
							ih := oh*g.Stride[1] - g.Pad[1] + kh*g.Dilation[1]
							if ih < 0 || ih >= g.In[1] {
								continue
							}
							for kw := 0; kw < g.K[2]; kw++ {
								iw := ow*g.Stride[2] - g.Pad[2] + kw*g.Dilation[2]
								if iw < 0 || iw >= g.In[2] {
									continue
								}
								xi := (((n*g.In[0]+id)*g.In[1]+ih)*g.In[2] + iw) * C
								wi := ((kd*g.K[1]+kh)*g.K[2] + kw) * C * F
								for c, xv := range x[xi : xi+C] {
									axpy(acc, w[wi+c*F:wi+c*F+F], xv)
								}
							}
						}
					}
					o += F
				}
			}
		}
	}
}

// axpy computes y += a·x over len(y) elements.
func axpy(y, x []float32, a float32) {
	x = x[:len(y)]
	for i := range y {
		y[i] += a * x[i]
	}
}

// genericKernels is the pure-Go kernel set: the fallback where no assembly
// applies, and what -tags purego selects.
var genericKernels = &kernelSet{
	name:   "go",
	lanes:  4,
	maxP:   []int{0, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8},
	block:  blockGeneric,
	dw:     dwGeneric,
	dwMaxP: []int{0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
}

// blockGeneric is the kernelSet.block of genericKernels. It tiles the block
// into 2 pixels × 4 filters, whose 8 accumulators stay in registers, so
// that each input value and weight it loads feeds several multiply-adds.
func blockGeneric(dst, x, w, bias []float32, taps []tap, xo, xs, ws, ds, nf, P, nblk int, accumulate bool) {
	for b := 0; b < nblk; b++ {
		block1Generic(dst[b*P*ds:], x, w, bias, taps, xo+b*P*xs, xs, ws, ds, nf, P, accumulate)
	}
}

// block1Generic computes one block of blockGeneric.
func block1Generic(dst, x, w, bias []float32, taps []tap, xo, xs, ws, ds, nf, P int, accumulate bool) {
	init := func(d []float32, f int) float32 {
		switch {
		case accumulate:
			return d[f]
		case bias != nil:
			return bias[f]
		}
		return 0
	}
	p := 0
	for ; p+2 <= P; p += 2 {
		d0 := dst[p*ds : p*ds+nf]
		d1 := dst[(p+1)*ds : (p+1)*ds+nf]
		f := 0
		for ; f+4 <= nf; f += 4 {
			a00, a01, a02, a03 := init(d0, f), init(d0, f+1), init(d0, f+2), init(d0, f+3)
			a10, a11, a12, a13 := init(d1, f), init(d1, f+1), init(d1, f+2), init(d1, f+3)
			for _, t := range taps {
				i0 := xo + t.x + p*xs
				x0 := x[i0 : i0+t.n]
				x1 := x[i0+xs : i0+xs+t.n]
				x1 = x1[:len(x0)]
				wi := t.w + f
				for i, v0 := range x0 {
					v1 := x1[i]
					ww := w[wi : wi+4 : wi+4]
					a00 += v0 * ww[0]
					a01 += v0 * ww[1]
					a02 += v0 * ww[2]
					a03 += v0 * ww[3]
					a10 += v1 * ww[0]
					a11 += v1 * ww[1]
					a12 += v1 * ww[2]
					a13 += v1 * ww[3]
					wi += ws
				}
			}
			d0[f], d0[f+1], d0[f+2], d0[f+3] = a00, a01, a02, a03
			d1[f], d1[f+1], d1[f+2], d1[f+3] = a10, a11, a12, a13
		}
		for ; f < nf; f++ {
			a0, a1 := init(d0, f), init(d1, f)
			for _, t := range taps {
				i0 := xo + t.x + p*xs
				x0 := x[i0 : i0+t.n]
				x1 := x[i0+xs : i0+xs+t.n]
				x1 = x1[:len(x0)]
				wi := t.w + f
				for i, v0 := range x0 {
					a0 += v0 * w[wi]
					a1 += x1[i] * w[wi]
					wi += ws
				}
			}
			d0[f], d1[f] = a0, a1
		}
	}
	if p < P {
		d0 := dst[p*ds : p*ds+nf]
		f := 0
		for ; f+4 <= nf; f += 4 {
			a0, a1, a2, a3 := init(d0, f), init(d0, f+1), init(d0, f+2), init(d0, f+3)
			for _, t := range taps {
				i0 := xo + t.x + p*xs
				wi := t.w + f
				for _, v := range x[i0 : i0+t.n] {
					ww := w[wi : wi+4 : wi+4]
					a0 += v * ww[0]
					a1 += v * ww[1]
					a2 += v * ww[2]
					a3 += v * ww[3]
					wi += ws
				}
			}
			d0[f], d0[f+1], d0[f+2], d0[f+3] = a0, a1, a2, a3
		}
		for ; f < nf; f++ {
			a := init(d0, f)
			for _, t := range taps {
				i0 := xo + t.x + p*xs
				wi := t.w + f
				for _, v := range x[i0 : i0+t.n] {
					a += v * w[wi]
					wi += ws
				}
			}
			d0[f] = a
		}
	}
}
