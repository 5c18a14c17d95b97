package conv

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
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
// driver below runs a convolution with. One call of block computes P
// consecutive output pixels of one output row for nf consecutive filters:
//
//	for p < P, f < nf:
//		acc := accumulate ? dst[p·ds + f] : bias != nil ? bias[f] : 0
//		for _, t := range taps:
//			for i := 0; i < t.n; i++:
//				acc += x[xo + t.x + p·xs + i] · w[t.w + i·ws + f]
//		dst[p·ds + f] = acc
//
// dst, w and bias start at the block's first filter; x is the whole input.
// Every index the loop touches is inside its slice.
type kernelSet struct {
	name  string
	lanes int   // filters per vector
	maxP  []int // maxP[j]: the widest block for j vectors of filters; maxP[0] unused
	block func(dst, x, w, bias []float32, taps []tap, xo, xs, ws, ds, nf, P int, accumulate bool)
}

// A tap is one run of multiply-adds: n input values starting at x (from the
// block's base) against n rows of weights starting at w, ws apart. One tap
// covers a kernel position and its C channels, or a whole kernel row when
// the kernel's width is not dilated, because the input pixels and the kernel
// rows are then contiguous in memory.
type tap struct{ x, w, n int }

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
	nv, ng       int  // vectors of filters, and the groups they are split into
	chunk        int  // channels per chunk
	owLo, owHi   int  // output columns whose kernel rows are all inside the input
	merge        bool // one tap per kernel row: no dilation along the width, whole channels
	rows         int  // N·Out[0]·Out[1]
	next         atomic.Int64
	seats        atomic.Int32 // helpers the plan still takes
	wg           sync.WaitGroup
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
	p := plans.Get().(*plan)
	p.setup(k, dst, x, w, bias, g)
	threads := min(runtime.GOMAXPROCS(0), p.rows, max(1, g.flops()/parallelFlops))
	if threads > 1 {
		p.next.Store(0)
		runParallel(p, threads)
	} else {
		s := scratchPool.Get().(*scratch)
		for r := 0; r < p.rows; r++ {
			p.row(s, r)
		}
		scratchPool.Put(s)
	}
	p.dst, p.x, p.w, p.b = nil, nil, nil, nil
	plans.Put(p)
}

var plans = sync.Pool{New: func() any { return new(plan) }}

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
	taps := g.K[0] * g.K[1] * g.K[2]
	perChannel := taps * min(g.F, maxJ*k.lanes) * 4
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
}

// group returns the number of filters in group i, which starts at filter f0.
func (p *plan) group(i, f0 int) (nf int) {
	j := p.nv / p.ng
	if i < p.nv%p.ng {
		j++
	}
	return min(j*p.k.lanes, p.g.F-f0)
}

// scratch holds one goroutine's tap lists.
type scratch struct{ taps []tap }

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// row computes output row r (n, od, oh flattened) for every filter.
func (p *plan) row(s *scratch, r int) {
	g := &p.g
	oh := r % g.Out[1]
	od := (r / g.Out[1]) % g.Out[0]
	n := r / (g.Out[1] * g.Out[0])
	F, C := g.F, g.C
	dstRow := ((n*g.Out[0]+od)*g.Out[1] + oh) * g.Out[2] * F
	xBatch := n * g.In[0] * g.In[1] * g.In[2] * C
	s2, pad2, d2 := g.Stride[2], g.Pad[2], g.Dilation[2]

	for c0 := 0; c0 < C; c0 += p.chunk {
		c1 := min(c0+p.chunk, C)
		accumulate := c0 > 0
		bias := p.b
		if accumulate {
			bias = nil
		}
		// Interior taps: the same for every interior block of the row.
		nInterior := len(p.taps(s, 0, od, oh, 0, g.K[2], c0, c1))
		for i, f0 := 0, 0; i < p.ng; i++ {
			nf := p.group(i, f0)
			j := (nf + p.k.lanes - 1) / p.k.lanes
			maxP := p.k.maxP[j]
			w := p.w[f0:]
			var b []float32
			if bias != nil {
				b = bias[f0:]
			}
			// Interior blocks, as even as maxP allows.
			L := p.owHi - p.owLo
			if L > 0 {
				nb := (L + maxP - 1) / maxP
				ow := p.owLo
				for i := 0; i < nb; i++ {
					P := L / nb
					if i < L%nb {
						P++
					}
					xo := xBatch + (ow*s2-pad2)*C
					p.k.block(p.dst[dstRow+ow*F+f0:], p.x, w, b, s.taps[:nInterior], xo, s2*C, F, F, nf, P, accumulate)
					ow += P
				}
			}
			// Border pixels one at a time, each with its own taps.
			for ow := 0; ow < g.Out[2]; ow++ {
				if ow == p.owLo {
					ow = p.owHi
					if ow >= g.Out[2] {
						break
					}
				}
				base := ow*s2 - pad2
				lo := max(0, (-base+d2-1)/d2)
				hi := min(g.K[2], (g.In[2]-1-base)/d2+1)
				if g.In[2]-1-base < 0 {
					hi = 0
				}
				border := p.taps(s, nInterior, od, oh, lo, max(lo, hi), c0, c1)
				p.k.block(p.dst[dstRow+ow*F+f0:], p.x, w, b, border, xBatch+base*C, s2*C, F, F, nf, 1, accumulate)
			}
			f0 += nf
		}
	}
}

// taps appends to s.taps[:from] the taps of output row (od, oh) for kernel
// columns [kw0, kw1) and channels [c0, c1), and returns the appended part.
// x offsets are from the input cell (n, 0, 0, ow·stride − pad, 0).
func (p *plan) taps(s *scratch, from, od, oh, kw0, kw1, c0, c1 int) []tap {
	g := &p.g
	t := s.taps[:from]
	C, F := g.C, g.F
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
			xrow := (id*g.In[1] + ih) * g.In[2] * C
			wrow := (kd*g.K[1] + kh) * g.K[2] * C * F
			if p.merge {
				if kw1 > kw0 {
					t = append(t, tap{x: xrow + kw0*C, w: wrow + kw0*C*F, n: (kw1 - kw0) * C})
				}
				continue
			}
			for kw := kw0; kw < kw1; kw++ {
				t = append(t, tap{x: xrow + kw*g.Dilation[2]*C + c0, w: wrow + (kw*C+c0)*F, n: c1 - c0})
			}
		}
	}
	s.taps = t
	return t[from:]
}

// Parallel runs. A few long-lived workers help the caller with the rows of
// a plan: the caller offers the plan with a number of seats, works on it
// itself, and withdraws the seats nobody took before waiting for those who
// did. A worker that has just finished spins for a while, yielding to other
// goroutines, before it parks, so that back-to-back calls, as in a network's
// forward pass, do not pay for waking a sleeping thread (tens to hundreds
// of microseconds in a VM). A call never waits for another call's work.

const spinTime = 50 * time.Microsecond

var (
	offer       atomic.Pointer[plan]
	wake        = make(chan struct{}, 256)
	parked      atomic.Int32
	workersMu   sync.Mutex
	workerCount int
)

func runParallel(p *plan, threads int) {
	ensureWorkers(threads - 1)
	helpers := int32(threads - 1)
	p.wg.Add(int(helpers))
	p.seats.Store(helpers)
	offer.Store(p)
	for i := min(parked.Load(), helpers); i > 0; i-- {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	s := scratchPool.Get().(*scratch)
	p.work(s)
	scratchPool.Put(s)
	offer.CompareAndSwap(p, nil)
	if left := p.seats.Swap(0); left > 0 {
		p.wg.Add(-int(left)) // seats nobody took
	}
	p.wg.Wait()
}

// work computes rows until none is left.
func (p *plan) work(s *scratch) {
	for {
		r := int(p.next.Add(1)) - 1
		if r >= p.rows {
			return
		}
		p.row(s, r)
	}
}

func ensureWorkers(n int) {
	workersMu.Lock()
	for ; workerCount < n; workerCount++ {
		go worker()
	}
	workersMu.Unlock()
}

// claim takes a seat on the offered plan, if there is one.
func claim() *plan {
	if p := offer.Load(); p != nil && p.seats.Load() > 0 && p.seats.Add(-1) >= 0 {
		return p
	}
	return nil
}

func worker() {
	s := new(scratch)
	for {
		if p := claim(); p != nil {
			p.work(s)
			p.wg.Done()
			continue
		}
		if spin() {
			continue
		}
		parked.Add(1)
		if claimable() {
			parked.Add(-1)
			continue
		}
		<-wake
		parked.Add(-1)
	}
}

func claimable() bool {
	p := offer.Load()
	return p != nil && p.seats.Load() > 0
}

// spin waits up to spinTime for a claimable plan, yielding the processor to
// any other goroutine that wants it.
func spin() bool {
	start := time.Now()
	for time.Since(start) < spinTime {
		if claimable() {
			return true
		}
		runtime.Gosched()
	}
	return false
}
