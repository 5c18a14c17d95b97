package conv

import (
	"runtime"

	"github.com/convlings/convlings/internal/workers"
)

// forward computes the convolution described by g into dst: the single
// entry point from the layer code to the kernels. It chooses the fastest
// kernel that applies; every kernel matches forwardGeneric within rounding.
// bias may be nil. dst must hold N·Out[0]·Out[1]·Out[2]·F values, x
// N·In[0]·In[1]·In[2]·C and w K[0]·K[1]·K[2]·C·F; it panics otherwise.
func forward(dst, x, w, bias []float32, g *geom) {
	forwardWith(best, dst, x, w, bias, g)
}

// A kernelSet is a family of register-blocked micro-kernels that the tiling
// driver below runs a convolution with. One call of block computes nblk
// blocks of P consecutive output pixels of one output row, for nf
// consecutive filters:
//
//	for b := 0; b < nblk; b, dst, xo = b+1, dst[P·ds:], xo+P·xs:
//		for p < P, f < nf:
//			acc := accumulate ? dst[p·ds + f] : bias != nil ? bias[f] : 0
//			for _, t := range taps:
//				for i := 0; i < t.n; i++:
//					acc += x[xo + t.x + p·xs + i] · w[t.w + i·ws + f]
//			dst[p·ds + f] = acc
//
// dst, w and bias start at the block's first filter; x is the whole input.
// Every index the loop touches is inside its slice.
type kernelSet struct {
	name  string
	lanes int   // filters per vector
	maxP  []int // maxP[j]: the widest block for j vectors of filters; maxP[0] unused
	block func(dst, x, w, bias []float32, taps []tap, xo, xs, ws, ds, nf, P, nblk int, accumulate bool)
}

// A tap is one run of multiply-adds: n input values starting at x against n
// rows of weights starting at w, ws apart. x counts from the input cell at
// the window's origin, (n, od·s − pad, oh·s − pad, ow·s − pad, 0), which
// may lie in the padding. One tap covers a kernel position and its
// channels, or a whole kernel row when the kernel's width is not dilated,
// because the input pixels and the kernel rows are then contiguous.
type tap struct{ x, w, n int }

// A tapSet holds the taps of one output row: taps[:nInt] for the pixels
// whose windows lie inside the input along the width, and for the i-th
// border pixel (left ones first) taps[border[i]:border[i+1]].
type tapSet struct {
	taps   []tap
	nInt   int
	border []int
}

// weightBudget bounds the bytes of weights one filter block reads per
// output row, so that they stay in the L2 cache; beyond it the channels are
// split into chunks.
var weightBudget = 512 << 10

// parallelFlops is the work below which a call stays on one goroutine:
// waking another costs a few microseconds.
var parallelFlops = 1 << 21

// plan is the tiling of one call, shared by every goroutine working on it.
type plan struct {
	k            *kernelSet
	dst, x, w, b []float32
	g            geom
	nv, ng       int    // vectors of filters, and the groups they are split into
	chunk        int    // channels per chunk
	owLo, owHi   int    // output columns whose windows lie inside the input along the width
	merge        bool   // one tap per kernel row: no dilation along the width, whole channels
	rows         int    // N·Out[0]·Out[1]
	full         tapSet // the taps of rows whose windows lie inside the input along depth and height
	job          workers.Job[scratch]
}

func forwardWith(k *kernelSet, dst, x, w, bias []float32, g *geom) {
	nOut := g.N * g.Out[0] * g.Out[1] * g.Out[2] * g.F
	if len(dst) < nOut {
		panic("conv: short dst")
	}
	if len(x) < g.N*g.In[0]*g.In[1]*g.In[2]*g.C || len(w) < g.K[0]*g.K[1]*g.K[2]*g.C*g.F ||
		bias != nil && len(bias) < g.F {
		panic("conv: short input")
	}
	if nOut == 0 {
		return
	}
	p := plans.Get()
	p.setup(k, dst, x, w, bias, g)
	threads := min(runtime.GOMAXPROCS(0), p.rows, max(1, g.flops()/parallelFlops))
	p.job.Reset(p, p.rows)
	helpers.Run(&p.job, threads)
	p.job.Release()
	p.dst, p.x, p.w, p.b = nil, nil, nil, nil
	plans.Put(p)
}

// plans are reused so that calls allocate nothing; helpers are the
// goroutines that share a large call's rows with its caller.
var (
	plans   workers.FreeList[plan]
	helpers workers.Pool[scratch]
)

// setup lays out the tiling of g for k.
func (p *plan) setup(k *kernelSet, dst, x, w, bias []float32, g *geom) {
	p.k, p.dst, p.x, p.w, p.b, p.g = k, dst, x, w, bias, *g
	p.rows = g.N * g.Out[0] * g.Out[1]

	// Filter groups: the vectors of filters in groups of at most maxJ, as
	// even as possible (see group).
	maxJ := len(k.maxP) - 1
	p.nv = (g.F + k.lanes - 1) / k.lanes
	p.ng = (p.nv + maxJ - 1) / maxJ

	// Channel chunks keep one group's weights for a row within the budget.
	perChannel := g.K[0] * g.K[1] * g.K[2] * min(g.F, maxJ*k.lanes) * 4
	p.chunk = g.C
	if g.C*perChannel > weightBudget {
		p.chunk = max(1, weightBudget/perChannel)
	}
	p.merge = g.Dilation[2] == 1 && p.chunk == g.C

	// Interior columns: every kernel column inside the input.
	s, pad, d := g.Stride[2], g.Pad[2], g.Dilation[2]
	p.owLo = min((pad+s-1)/s, g.Out[2])
	hiIn := g.In[2] - 1 + pad - (g.K[2]-1)*d // ow·s ≤ hiIn
	p.owHi = 0
	if hiIn >= 0 {
		p.owHi = min(hiIn/s+1, g.Out[2])
	}
	p.owHi = max(p.owHi, p.owLo)

	if p.chunk == g.C {
		p.build(&p.full, 0, g.K[0], 0, g.K[1], 0, g.C)
	}
}

// group returns the number of filters in group i, which starts at filter f0.
func (p *plan) group(i, f0 int) (nf int) {
	j := p.nv / p.ng
	if i < p.nv%p.ng {
		j++
	}
	return min(j*p.k.lanes, p.g.F-f0)
}

// valid returns the range [k0, k1) of kernel taps along one axis that land
// inside [0, n) for a window starting at o with dilation d.
func valid(o, k, d, n int) (k0, k1 int) {
	if o < 0 {
		k0 = (-o + d - 1) / d
	}
	if last := n - 1 - o; last < 0 {
		k1 = 0
	} else {
		k1 = min(k, last/d+1)
	}
	return k0, max(k0, k1)
}

// scratch holds one goroutine's tap lists.
type scratch struct{ ts tapSet }

// Row computes output row r (n, od, oh flattened) for every filter.
func (p *plan) Row(s *scratch, r int) {
	g := &p.g
	oh := r % g.Out[1]
	od := (r / g.Out[1]) % g.Out[0]
	n := r / (g.Out[1] * g.Out[0])
	F, C := g.F, g.C
	dstRow := ((n*g.Out[0]+od)*g.Out[1] + oh) * g.Out[2] * F
	id0 := od*g.Stride[0] - g.Pad[0]
	ih0 := oh*g.Stride[1] - g.Pad[1]
	xRow := ((n*g.In[0]+id0)*g.In[1]+ih0)*g.In[2]*C - g.Pad[2]*C // x offset of the window origin of ow = 0
	xs := g.Stride[2] * C
	kd0, kd1 := valid(id0, g.K[0], g.Dilation[0], g.In[0])
	kh0, kh1 := valid(ih0, g.K[1], g.Dilation[1], g.In[1])
	full := kd0 == 0 && kd1 == g.K[0] && kh0 == 0 && kh1 == g.K[1]

	for c0 := 0; c0 < C; c0 += p.chunk {
		c1 := min(c0+p.chunk, C)
		accumulate := c0 > 0
		bias := p.b
		if accumulate {
			bias = nil
		}
		ts := &p.full
		if !full || p.chunk != C {
			ts = &s.ts
			p.build(ts, kd0, kd1, kh0, kh1, c0, c1)
		}
		interior := ts.taps[:ts.nInt]
		for i, f0 := 0, 0; i < p.ng; i++ {
			nf := p.group(i, f0)
			w := p.w[f0:]
			var b []float32
			if bias != nil {
				b = bias[f0:]
			}
			// Interior blocks, as even as maxP allows: nb blocks, the first
			// L mod nb of them one pixel wider.
			if L := p.owHi - p.owLo; L > 0 {
				maxP := p.k.maxP[(nf+p.k.lanes-1)/p.k.lanes]
				nb := (L + maxP - 1) / maxP
				P, wide := L/nb, L%nb
				ow := p.owLo
				if wide > 0 {
					p.k.block(p.dst[dstRow+ow*F+f0:], p.x, w, b, interior, xRow+ow*xs, xs, F, F, nf, P+1, wide, accumulate)
					ow += wide * (P + 1)
				}
				p.k.block(p.dst[dstRow+ow*F+f0:], p.x, w, b, interior, xRow+ow*xs, xs, F, F, nf, P, nb-wide, accumulate)
			}
			// Border pixels one at a time, each with its own taps.
			for i, ow := 0, 0; ow < g.Out[2]; i, ow = i+1, ow+1 {
				if ow == p.owLo {
					if ow = p.owHi; ow >= g.Out[2] {
						break
					}
				}
				t := ts.taps[ts.border[i]:ts.border[i+1]]
				p.k.block(p.dst[dstRow+ow*F+f0:], p.x, w, b, t, xRow+ow*xs, xs, F, F, nf, 1, 1, accumulate)
			}
			f0 += nf
		}
	}
}

// build fills ts with the taps for kernel positions kd in [kd0, kd1) and kh
// in [kh0, kh1), channels [c0, c1): first the interior pixels' taps, then
// each border pixel's, with its kernel columns clipped to the input.
func (p *plan) build(ts *tapSet, kd0, kd1, kh0, kh1, c0, c1 int) {
	g := &p.g
	t := p.appendTaps(ts.taps[:0], kd0, kd1, kh0, kh1, 0, g.K[2], c0, c1)
	ts.nInt = len(t)
	ts.border = ts.border[:0]
	for ow := 0; ow < g.Out[2]; ow++ {
		if ow == p.owLo {
			if ow = p.owHi; ow >= g.Out[2] {
				break
			}
		}
		ts.border = append(ts.border, len(t))
		kw0, kw1 := valid(ow*g.Stride[2]-g.Pad[2], g.K[2], g.Dilation[2], g.In[2])
		t = p.appendTaps(t, kd0, kd1, kh0, kh1, kw0, kw1, c0, c1)
	}
	ts.border = append(ts.border, len(t))
	ts.taps = t
}

// appendTaps appends the taps for kernel positions in [kd0, kd1) × [kh0,
// kh1) × [kw0, kw1) and channels [c0, c1).
func (p *plan) appendTaps(t []tap, kd0, kd1, kh0, kh1, kw0, kw1, c0, c1 int) []tap {
	g := &p.g
	C, F := g.C, g.F
	if kw1 <= kw0 {
		return t
	}
	for kd := kd0; kd < kd1; kd++ {
		for kh := kh0; kh < kh1; kh++ {
			xrow := (kd*g.Dilation[0]*g.In[1] + kh*g.Dilation[1]) * g.In[2] * C
			wrow := (kd*g.K[1] + kh) * g.K[2] * C * F
			if p.merge {
				t = append(t, tap{x: xrow + kw0*C, w: wrow + kw0*C*F, n: (kw1 - kw0) * C})
				continue
			}
			for kw := kw0; kw < kw1; kw++ {
				t = append(t, tap{x: xrow + kw*g.Dilation[2]*C + c0, w: wrow + (kw*C+c0)*F, n: c1 - c0})
			}
		}
	}
	return t
}
