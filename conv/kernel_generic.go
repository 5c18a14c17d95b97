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
