package pool

import (
	"runtime"

	"github.com/convlings/convlings/internal/workers"
)

// maxPool computes max pooling for g into dst: the single entry point from
// the layer code to the max kernels. Every kernel matches maxGeneric
// exactly. dst must hold N·Out[0]·Out[1]·Out[2]·C values and x
// N·In[0]·In[1]·In[2]·C; it panics otherwise.
func maxPool(dst, x []float32, g *geom) {
	poolWith(best, dst, x, g, false)
}

// avgPool computes average pooling for g into dst: the single entry point
// from the layer code to the average kernels. Every kernel matches
// avgGeneric within rounding. Sizes are as for maxPool.
func avgPool(dst, x []float32, g *geom) {
	poolWith(best, dst, x, g, true)
}

// A kernelSet pools runs of output pixels whose windows have the same
// shape. One call of run computes npix consecutive output pixels of one
// row, all channels:
//
//	for p < npix, c < n:
//		acc := x[xo + p·xs + offs[0] + c]
//		for _, o := range offs[1:]:
//			acc = max(acc, x[xo + p·xs + o + c])   // avg: acc += …
//		dst[p·n + c] = acc                         // avg: acc / div
//
// with len(offs) ≥ 1, and the cells summed in the order of offs, which is
// the order avgGeneric sums them in.
type kernelSet struct {
	name string
	run  func(dst, x []float32, offs []int, npix, xo, xs, n int, avg bool, div float32)
}

// parallelBytes is the traffic below which a call stays on one goroutine.
var parallelBytes = 1 << 20

// plan is the tiling of one call, shared by every goroutine working on it.
type plan struct {
	k          *kernelSet
	dst, x     []float32
	g          geom
	avg        bool
	owLo, owHi int // output columns whose windows are whole along the width
	rows       int // N·Out[0]·Out[1]
	job        workers.Job[scratch]
}

func poolWith(k *kernelSet, dst, x []float32, g *geom, avg bool) {
	nOut := g.N * g.Out[0] * g.Out[1] * g.Out[2] * g.C
	nIn := g.N * g.In[0] * g.In[1] * g.In[2] * g.C
	if len(dst) < nOut {
		panic("pool: short dst")
	}
	if len(x) < nIn {
		panic("pool: short input")
	}
	if nOut == 0 {
		return
	}
	p := plans.Get()
	p.k, p.dst, p.x, p.g, p.avg = k, dst, x, *g, avg
	p.rows = g.N * g.Out[0] * g.Out[1]
	s, pad := g.Stride[2], g.Pad[2]
	p.owLo = min((pad+s-1)/s, g.Out[2])
	p.owHi = 0
	if hi := g.In[2] - g.K[2] + pad; hi >= 0 { // ow·s − pad + K − 1 ≤ In − 1
		p.owHi = min(hi/s+1, g.Out[2])
	}
	p.owHi = max(p.owHi, p.owLo)

	threads := min(runtime.GOMAXPROCS(0), p.rows, max(1, 4*(nIn+nOut)/parallelBytes))
	p.job.Reset(p, p.rows)
	helpers.Run(&p.job, threads)
	p.job.Release()
	p.dst, p.x = nil, nil
	plans.Put(p)
}

// plans are reused so that calls allocate nothing; helpers are the
// goroutines that share a large call's rows with its caller.
var (
	plans   workers.FreeList[plan]
	helpers workers.Pool[scratch]
)

// scratch holds one goroutine's window offsets.
type scratch struct{ offs []int }

// Row computes output row r (n, od, oh flattened).
func (p *plan) Row(s *scratch, r int) {
	g := &p.g
	oh := r % g.Out[1]
	od := (r / g.Out[1]) % g.Out[0]
	n := r / (g.Out[1] * g.Out[0])
	C := g.C
	dstRow := ((n*g.Out[0]+od)*g.Out[1] + oh) * g.Out[2] * C
	xBatch := n * g.In[0] * g.In[1] * g.In[2] * C
	d0, d1 := g.window(0, od)
	h0, h1 := g.window(1, oh)
	s2, pad2 := g.Stride[2], g.Pad[2]

	// Interior pixels share their offsets, from x[n, 0, 0, ow·s − pad, 0].
	if p.owHi > p.owLo {
		offs := p.offsets(s, d0, d1, h0, h1, 0, g.K[2])
		if len(offs) == 0 {
			p.empty(p.dst[dstRow+p.owLo*C : dstRow+p.owHi*C])
		} else {
			div := float32(len(offs))
			p.k.run(p.dst[dstRow+p.owLo*C:], p.x, offs, p.owHi-p.owLo, xBatch+(p.owLo*s2-pad2)*C, s2*C, C, p.avg, div)
		}
	}
	// Border pixels one at a time, with the window clipped.
	for ow := 0; ow < g.Out[2]; ow++ {
		if ow == p.owLo {
			ow = p.owHi
			if ow >= g.Out[2] {
				break
			}
		}
		base := ow*s2 - pad2
		lo, hi := max(0, -base), min(g.K[2], g.In[2]-base)
		offs := p.offsets(s, d0, d1, h0, h1, lo, hi)
		if len(offs) == 0 {
			p.empty(p.dst[dstRow+ow*C : dstRow+(ow+1)*C])
			continue
		}
		p.k.run(p.dst[dstRow+ow*C:], p.x, offs, 1, xBatch+base*C, s2*C, C, p.avg, float32(len(offs)))
	}
}

// offsets lists the window cells (id, ih, kw) for id in [d0, d1), ih in
// [h0, h1) and kw in [kw0, kw1), in that order, as offsets from the cell
// (n, 0, 0, ow·s − pad, 0).
func (p *plan) offsets(s *scratch, d0, d1, h0, h1, kw0, kw1 int) []int {
	g := &p.g
	o := s.offs[:0]
	for id := d0; id < d1; id++ {
		for ih := h0; ih < h1; ih++ {
			for kw := kw0; kw < kw1; kw++ {
				o = append(o, ((id*g.In[1]+ih)*g.In[2]+kw)*g.C)
			}
		}
	}
	s.offs = o
	return o
}

// empty fills the outputs of windows without a real cell as the generic
// code does: −Inf for max, 0/0 for average. Keras's geometry never makes
// one.
func (p *plan) empty(d []float32) {
	var zero float32
	v := zero / zero
	if !p.avg {
		v = float32(-1) / zero
	}
	for i := range d {
		d[i] = v
	}
}
