package conv

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/convlings/convlings/internal/workers"
)

// forward computes the convolution described by g into dst: the single
// entry point from the layer code to the kernels. It chooses the fastest
// kernel that applies; every kernel matches forwardGeneric within rounding.
// bias may be nil. dst must hold N·Out[0]·Out[1]·Out[2]·F values, x
// N·In[0]·In[1]·In[2]·C and w K[0]·K[1]·K[2]·C·F; it panics otherwise.
func forward(dst, x, w, bias []float32, g *geom) {
	forwardPacked(best, dst, x, w, bias, g, nil)
}

// forwardCached is forward for a layer that keeps its kernel unchanged
// between calls and a weightCache next to it: a kernel that exceeds
// weightBudget is then repacked once for the kernels (see weightCache).
func forwardCached(dst, x, w, bias []float32, g *geom, wc *weightCache) {
	forwardPacked(best, dst, x, w, bias, g, wc)
}

// A weightCache holds a layer's kernel repacked for the kernels: each
// filter group's rows (kernel position × channel) of its filters,
// contiguous at a pitch of one full group, instead of rows of all F
// filters. A group then streams its weights as one contiguous run the
// first time it reads them in a call, instead of a few 64-byte lines of
// every F·4 bytes; on layers whose weights come from beyond L2 that is
// 10-20% of the call. The zero value is empty and ready to use.
//
// The packed copy belongs to one kernel slice, known by the address of its
// first value, which the cache holds on to: the slice cannot be freed and
// its memory reused while the cache names it. The layer must not change
// the slice's values in place (Conv replaces its kernel on SetWeights).
type weightCache struct {
	p atomic.Pointer[packedKernel]
}

// packedKernel is one packed copy; see weightCache.
type packedKernel struct {
	src   *float32 // the kernel it was made from
	n     int      // len(kernel)
	k     *kernelSet
	pitch int
	cw    int // channels per group of the layer
	w     []float32
}

// get returns w packed for p's kernel set and groups, making it on the
// first call for this w. Two goroutines may both make it; each gets a
// correct copy.
func (wc *weightCache) get(p *plan, w []float32) []float32 {
	if pk := wc.p.Load(); pk != nil && pk.src == &w[0] && pk.n == len(w) && pk.k == p.k && pk.pitch == p.wp && pk.cw == p.cw {
		return pk.w
	}
	g := &p.g
	rows := g.K[0] * g.K[1] * g.K[2] * p.cw
	out := make([]float32, p.ng*rows*p.wp)
	for gi := 0; gi < p.ng; gi++ {
		f0 := p.groupStart(gi)
		nf := p.group(gi, f0)
		blk := out[gi*rows*p.wp : (gi+1)*rows*p.wp]
		for r := 0; r < rows; r++ {
			copy(blk[r*p.wp:r*p.wp+nf], w[r*g.F+f0:r*g.F+f0+nf])
		}
	}
	wc.p.Store(&packedKernel{src: &w[0], n: len(w), k: p.k, pitch: p.wp, cw: p.cw, w: out})
	return out
}

// wgroup returns the weights of filter group gi, which starts at filter
// f0, as the kernels read them: rows p.wp apart.
func (p *plan) wgroup(gi, f0 int) []float32 {
	if p.wpk == nil {
		return p.w[f0:]
	}
	rows := p.g.K[0] * p.g.K[1] * p.g.K[2] * p.cw
	return p.wpk[gi*rows*p.wp:]
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

	// dw computes nblk blocks of P pixels of channel-wise convolution (see
	// channelwise.go) for nf consecutive filters, lane by lane:
	//
	//	for b := 0; b < nblk; b, dst, xo = b+1, dst[P·ds:], xo+P·xs:
	//		for p < P, f < nf:
	//			acc := bias != nil ? bias[f] : 0
	//			for _, t := range taps: acc += x[xo + t.x + p·xs + f] · w[t.w + f]
	//			dst[p·ds + f] = acc
	//
	// dwMaxP[j] is the widest block for j vectors of filters.
	dw     func(dst, x, w, bias []float32, taps []tap, xo, xs, ds, nf, P, nblk int)
	dwMaxP []int
}

// A tap is one run of multiply-adds: n input values starting at x against n
// rows of weights starting at w, ws apart. x counts from the input cell at
// the window's origin, which may lie in the padding. One tap covers a
// kernel position and its channels, or a whole kernel row when the
// kernel's width is not dilated (or is one) and every channel takes part,
// because the input pixels and the kernel rows are then contiguous.
type tap struct{ x, w, n int }

// weightBudget bounds the bytes of a layer's weights that every unit of
// work may read: up to it, a unit covers every filter group (see plan). It
// is half the L2 cache of the CPU the process runs on (see l2Bytes).
var weightBudget = l2Bytes() / 2

// chunkBudget bounds the bytes of weights that one filter group reads for
// one chunk of channels, so that they stay in the L2 cache while the group
// sweeps several output rows; beyond it the channels are split into chunks.
// It is three quarters of the L2 cache: the rest holds the few input rows
// and the output tile that a unit works on. A smaller budget splits layers
// whose group weights would fit into two chunks, and each chunk then
// reloads the output tile (half the L2 costs DeepLab's and AlexNet's
// layers 2–4%).
var chunkBudget = l2Bytes() / 4 * 3

// unitPixels is the number of output pixels that one unit of work covers,
// at least, when a layer's weights exceed weightBudget: a filter group's
// weights are then read from outside L2 once per unitPixels pixels.
var unitPixels = 128

// minStrip is the fewest pixels a border strip covers (see plan.stripLen).
const minStrip = 4

// stripWindow is the smallest window, kernel positions × channels, whose
// border pixels go through strips. Smaller windows make rows so cheap
// that copying a strip costs more than running the few border pixels one
// at a time, with their kernel columns clipped to the input.
const stripWindow = 256

// parallelFlops is the work below which a call stays on one goroutine:
// waking another costs a few microseconds.
var parallelFlops = 1 << 21

// l2Bytes returns the size of the L2 cache of CPU 0 as Linux reports it,
// or 1 MiB where it cannot tell.
func l2Bytes() int {
	const fallback = 1 << 20
	b, err := os.ReadFile("/sys/devices/system/cpu/cpu0/cache/index2/size")
	if err != nil {
		return fallback
	}
	v := strings.TrimSpace(string(b))
	mul := 1
	switch {
	case strings.HasSuffix(v, "K"):
		mul, v = 1<<10, v[:len(v)-1]
	case strings.HasSuffix(v, "M"):
		mul, v = 1<<20, v[:len(v)-1]
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return fallback
	}
	const lo, hi = 128 << 10, 64 << 20 // no int overflow, even with 32-bit ints
	return min(max(min(n, hi/mul)*mul, lo), hi)
}

// plan is the tiling of one call, shared by every goroutine working on it.
//
// The work is cut into units, each a filter range × a block of output rows ×
// a range of output columns, which the goroutines take in order. When the
// layer's weights fit weightBudget, a unit covers every filter group and one
// row, so that the row's input is read once for all of them. Otherwise a
// unit covers one filter group and rows enough for unitPixels pixels, so
// that the group's weights stay in L2 across them; units go group by group,
// and every goroutine reads the same group's weights at a time. When the
// units are too few for the goroutines, the columns are split too.
type plan struct {
	k            *kernelSet
	dst, x, w, b []float32
	g            geom
	nv, ng       int  // vectors of filters, and the filter groups they are split into
	cw, fgrp     int  // channels and filters per group of the layer (C and F for a dense layer)
	vg, nbPer    int  // vectors of filters per group of the layer, and the filter groups each is split into
	chunk        int  // channels per chunk
	owLo, owHi   int  // output columns whose windows lie inside the input along the width
	merge        bool // one tap per kernel row: no dilation along the width (or a width of 1), whole channels
	rows         int  // N·Out[0]·Out[1]
	gpu          int  // filter groups per unit: 1 or ng
	rpu          int  // rows per unit
	nrb, nws     int  // row blocks, and column segments
	units        int
	stripLen     int       // the fewest pixels of a border strip: the border pixels and interior ones beside them, for a full register block
	gen          uint64    // this call's number, for the tap caches
	wp           int       // floats between weight rows as the kernels read them: F, or a group's width when packed
	wpk          []float32 // the packed kernel (see weightCache), or nil
	full         tapList   // the interior taps of rows whose windows lie inside the input along depth and height, all channels
	useStrips    bool      // border pixels through strips; otherwise one at a time with clipped taps
	fullBorder   borderSet
	job          workers.Job[scratch]
	padded       []float32 // the input padded along the width, when that pays (see padPays)
	pad          padJob
}

func forwardWith(k *kernelSet, dst, x, w, bias []float32, g *geom) {
	forwardPacked(k, dst, x, w, bias, g, nil)
}

// forwardPacked is forwardWith with the weight cache wc, which may be nil.
func forwardPacked(k *kernelSet, dst, x, w, bias []float32, g *geom, wc *weightCache) {
	forwardGroups(k, dst, x, w, bias, g, g.C, g.F, wc)
}

// forwardGroups is forwardPacked for a grouped layer whose groups have cg
// channels and fg filters, with w in Keras's layout (k…, cg, F): the
// filters of group i read channels [i·cg, (i+1)·cg). A dense layer is one
// group (cg = C, fg = F). With several groups, fg must be a multiple of
// k.lanes, so that no vector of filters spans two groups, and the input
// is padded along the width (see groupsFit), so that no row needs strips.
func forwardGroups(k *kernelSet, dst, x, w, bias []float32, g *geom, cg, fg int, wc *weightCache) {
	nOut := g.N * g.Out[0] * g.Out[1] * g.Out[2] * g.F
	if len(dst) < nOut {
		panic("conv: short dst")
	}
	if cg < 1 || fg < 1 || g.C%cg != 0 || g.F%fg != 0 || g.C/cg != g.F/fg || fg != g.F && fg%k.lanes != 0 {
		panic("conv: bad groups")
	}
	if len(x) < g.N*g.In[0]*g.In[1]*g.In[2]*g.C || len(w) < g.K[0]*g.K[1]*g.K[2]*cg*g.F ||
		bias != nil && len(bias) < g.F {
		panic("conv: short input")
	}
	if nOut == 0 {
		return
	}
	p := plans.Get()
	threads := min(runtime.GOMAXPROCS(0), max(1, g.flops()/parallelFlops*cg/g.C))
	p.cw, p.fgrp = cg, fg
	p.setup(k, dst, x, w, bias, g, threads, wc)
	if pg, ok := p.padPays(); ok {
		// Pad the input along the width once, and run on the copy,
		// whose pixels are all interior.
		p.padRows(x, &pg, threads)
		p.setup(k, dst, p.padded, w, bias, &pg, threads, wc)
	}
	p.job.Reset(p, p.units)
	helpers.Run(&p.job, min(threads, p.units))
	p.job.Release()
	p.dst, p.x, p.w, p.b, p.wpk = nil, nil, nil, nil, nil
	plans.Put(p)
}

// maxPadded bounds the values of a width-padded copy of the input that a
// plan keeps between calls (see padPays): 8 MB.
var maxPadded = 2 << 20

// padPays reports whether the call should run on a copy of the input
// padded with zeros along the width, and returns the geometry of that
// copy. Without one, the border pixels of a row go through strips (see
// strip), copied once per row for every unit that covers the row; when
// units cover one filter group each, every row is copied once per group,
// several times the input (four times for DeepLab's 256 filters, about 2%
// of its time). A padded copy costs one pass over the input.
func (p *plan) padPays() (geom, bool) {
	g := p.g
	if p.owLo == 0 && p.owHi == g.Out[2] {
		return g, false
	}
	// Strips hold every channel, so grouped layers pad wherever they would
	// use strips. Where their border pixels run one at a time instead, they
	// do not: with two goroutines, a copy written by both and then read by
	// both made ResNeXt's 56×56×128 layer 2.5× slower on this VM, in some
	// runs and not others (cache lines moving between the cores).
	grouped := p.cw != g.C
	if !p.useStrips || !grouped && p.gpu == p.ng {
		return g, false
	}
	padL := g.Pad[2]
	padR := max(0, (g.Out[2]-1)*g.Stride[2]+(g.K[2]-1)*g.Dilation[2]+1-padL-g.In[2])
	width := padL + g.In[2] + padR
	if !grouped && (width > 2*g.In[2] || g.N*g.In[0]*g.In[1]*width*g.C > maxPadded) {
		return g, false // mostly zeros, or too large to keep
	}
	g.In[2], g.Pad[2] = width, 0
	return g, true
}

// padRows fills p.padded with x padded along the width as pg describes,
// using threads goroutines for large inputs.
func (p *plan) padRows(x []float32, pg *geom, threads int) {
	n := pg.N * pg.In[0] * pg.In[1] * pg.In[2] * pg.C
	if cap(p.padded) < n {
		p.padded = make([]float32, n)
	}
	p.padded = p.padded[:n]
	p.pad = padJob{src: x, dst: p.padded, g: p.g, pg: *pg}
	rows := pg.N * pg.In[0] * pg.In[1]
	p.pad.job.Reset(&p.pad, rows)
	// Shared out from 16 Ki values on: run alone, the copy left the other
	// goroutine idle for a sixth of ResNeXt's 14×14×512 layer.
	helpers.Run(&p.pad.job, min(threads, max(1, n/(1<<14)), rows))
	p.pad.job.Release()
	p.pad.src, p.pad.dst = nil, nil
}

// padJob copies the rows of an input into a copy padded along the width.
type padJob struct {
	src, dst []float32
	g, pg    geom // the input's geometry, and the copy's
	job      workers.Job[scratch]
}

// Row copies row r (n, d, h flattened) with its zeros on either side.
func (j *padJob) Row(_ *scratch, r int) {
	C := j.g.C
	src := j.src[r*j.g.In[2]*C : (r+1)*j.g.In[2]*C]
	dst := j.dst[r*j.pg.In[2]*C : (r+1)*j.pg.In[2]*C]
	l := j.g.Pad[2] * C
	clear(dst[:l])
	copy(dst[l:], src)
	clear(dst[l+len(src):])
}

// plans are reused so that calls allocate nothing; helpers are the
// goroutines that share a large call's units with its caller.
var (
	plans   workers.FreeList[plan]
	helpers workers.Pool[scratch]
)

// setup lays out the tiling of g for k and threads goroutines.
func (p *plan) setup(k *kernelSet, dst, x, w, bias []float32, g *geom, threads int, wc *weightCache) {
	p.k, p.dst, p.x, p.w, p.b, p.g = k, dst, x, w, bias, *g
	p.gen = calls.Add(1)
	p.rows = g.N * g.Out[0] * g.Out[1]

	// Filter groups: the vectors of filters of each of the layer's groups
	// in groups of at most maxJ, as even as possible (see group).
	maxJ := len(k.maxP) - 1
	p.vg = (p.fgrp + k.lanes - 1) / k.lanes
	p.nbPer = (p.vg + maxJ - 1) / maxJ
	p.nv = g.F / p.fgrp * p.vg
	p.ng = g.F / p.fgrp * p.nbPer

	// Channel chunks keep one group's weights within the budget.
	kvol := g.K[0] * g.K[1] * g.K[2]
	perChannel := kvol * min(p.fgrp, maxJ*k.lanes) * 4
	p.chunk = p.cw
	if p.cw*perChannel > chunkBudget {
		p.chunk = max(1, chunkBudget/perChannel)
		n := (p.cw + p.chunk - 1) / p.chunk
		p.chunk = (p.cw + n - 1) / n // as even as possible
	}
	p.merge = (g.Dilation[2] == 1 || g.K[2] == 1) && p.chunk == g.C

	// Interior columns: every kernel column inside the input.
	s, pad, d := g.Stride[2], g.Pad[2], g.Dilation[2]
	p.owLo = min((pad+s-1)/s, g.Out[2])
	hiIn := g.In[2] - 1 + pad - (g.K[2]-1)*d // ow·s ≤ hiIn
	p.owHi = 0
	if hiIn >= 0 {
		p.owHi = min(hiIn/s+1, g.Out[2])
	}
	p.owHi = max(p.owHi, p.owLo)

	// Weight rows: F apart in the layer's kernel, one group's width apart
	// in a packed copy, which pays where a group's weights come from
	// beyond L2, and in grouped layers, whose filter groups would otherwise
	// read a few floats out of every F (ResNeXt's 14×14×512 layer: −24%).
	p.wp, p.wpk = g.F, nil
	if wc != nil && (p.gpu == 1 || p.cw != g.C) {
		p.wp = min(maxJ, p.vg) * k.lanes
		p.wpk = wc.get(p, w)
	}
	p.stripLen = max(minStrip, k.maxP[(p.vg+p.nbPer-1)/p.nbPer])
	p.full.ok = false
	p.fullBorder.ok = false
	p.useStrips = g.K[0]*g.K[1]*g.K[2]*p.cw >= stripWindow
	if p.chunk == p.cw {
		p.interiorTaps(&p.full, 0, g.K[0], 0, g.K[1], 0, p.cw)
		if !p.useStrips {
			p.borderTaps(&p.fullBorder, 0, g.K[0], 0, g.K[1], 0, p.cw)
		}
	}

	// Units: see plan.
	target := 1
	if threads > 1 {
		target = 4 * threads
	}
	if kvol*p.cw*g.F*4 <= weightBudget {
		p.gpu, p.rpu = p.ng, 1
	} else {
		p.gpu = 1
		p.rpu = min(p.rows, max(1, (unitPixels+g.Out[2]-1)/g.Out[2]))
		if perGroup := (p.rows + p.rpu - 1) / p.rpu; p.ng*perGroup < target {
			// Too few units: fewer rows in each.
			p.rpu = max(1, p.rows*p.ng/target)
		}
	}
	p.nrb = (p.rows + p.rpu - 1) / p.rpu
	p.rpu = (p.rows + p.nrb - 1) / p.nrb // as even as possible
	p.nws = 1
	if n := (p.ng / p.gpu) * p.nrb; n < target {
		p.nws = max(1, min((target+n-1)/n, g.Out[2]/(2*minStrip)))
	}
	p.units = (p.ng / p.gpu) * p.nrb * p.nws
}

// group returns the number of filters in filter group i, which starts at
// filter f0.
func (p *plan) group(i, f0 int) (nf int) {
	_, j := evenPart(p.vg, p.nbPer, i%p.nbPer)
	return min(j*p.k.lanes, p.g.F-f0)
}

// groupStart returns the first filter of filter group i: the filter groups
// split each of the layer's groups (one for a dense layer) in turn.
func (p *plan) groupStart(i int) int {
	start, _ := evenPart(p.vg, p.nbPer, i%p.nbPer)
	return i/p.nbPer*p.fgrp + start*p.k.lanes
}

// evenPart returns the start and the length of part i when n items are cut
// into parts pieces as even as possible, the longer ones first.
func evenPart(n, parts, i int) (start, length int) {
	q, r := n/parts, n%parts
	length = q
	if i < r {
		length++
	}
	return i*q + min(i, r), length
}

// evenBlocks cuts L pixels into the fewest blocks of at most maxP pixels,
// as even as possible: nb blocks, the first wide of them P+1 pixels wide
// and the others P.
func evenBlocks(L, maxP int) (nb, P, wide int) {
	nb = (L + maxP - 1) / maxP
	return nb, L / nb, L % nb
}

// xgroup returns the first input channel that filter f0's group reads.
func (p *plan) xgroup(f0 int) int { return f0 / p.fgrp * p.cw }

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

// tapKey identifies a tap list: the kernel rows that take part, the
// channels, and for a strip its width.
// gen tells calls apart, as a goroutine's scratch outlives a call.
type tapKey struct {
	gen                            uint64
	kd0, kd1, kh0, kh1, c0, c1, ws int
}

// calls numbers the calls, for tapKey.gen.
var calls atomic.Uint64

// tapList is a tap list with the key it was built for.
type tapList struct {
	key   tapKey
	ok    bool
	taps  []tap
	strip []float32 // for a strip: the input cells the taps read
}

// scratch holds one goroutine's tap lists and strips.
type scratch struct {
	in     tapList    // interior pixels, reading x
	side   [2]tapList // the left and right strips of a segment
	border borderSet  // border pixels one at a time (see rowClipped)
}

// Row computes unit u: see plan.
func (p *plan) Row(s *scratch, u int) {
	g := &p.g
	ws := u % p.nws
	rb := (u / p.nws) % p.nrb
	gi := u / (p.nws * p.nrb) * p.gpu // first group
	ow0 := ws * g.Out[2] / p.nws
	ow1 := (ws + 1) * g.Out[2] / p.nws
	r0, r1 := rb*p.rpu, min((rb+1)*p.rpu, p.rows)
	for c0 := 0; c0 < p.cw; c0 += p.chunk {
		c1 := min(c0+p.chunk, p.cw)
		for r := r0; r < r1; r++ {
			p.row(s, r, c0, c1, gi, gi+p.gpu, ow0, ow1)
		}
	}
}

// row computes columns [ow0, ow1) of output row r (n, od, oh flattened)
// for filter groups [g0, g1) and channels [c0, c1).
func (p *plan) row(s *scratch, r, c0, c1, g0, g1, ow0, ow1 int) {
	g := &p.g
	oh := r % g.Out[1]
	od := (r / g.Out[1]) % g.Out[0]
	n := r / (g.Out[1] * g.Out[0])
	F, C := g.F, g.C
	dstRow := ((n*g.Out[0]+od)*g.Out[1] + oh) * g.Out[2] * F
	id0 := od*g.Stride[0] - g.Pad[0]
	ih0 := oh*g.Stride[1] - g.Pad[1]
	xRow := ((n*g.In[0]+id0)*g.In[1]+ih0)*g.In[2]*C - g.Pad[2]*C // x offset of the window origin of ow = 0
	kd0, kd1 := valid(id0, g.K[0], g.Dilation[0], g.In[0])
	kh0, kh1 := valid(ih0, g.K[1], g.Dilation[1], g.In[1])

	if !p.useStrips {
		p.rowClipped(s, r, c0, c1, g0, g1, ow0, ow1, kd0, kd1, kh0, kh1, dstRow, xRow)
		return
	}

	// The segment: a strip on each side that has border pixels, the
	// interior between them.
	a, b := ow0, ow1
	left := min(p.owLo, b) > a
	right := b > max(p.owHi, a)
	lEnd, rStart := a, b
	if left {
		lEnd = min(b, max(p.owLo, a+p.stripLen))
	}
	if right {
		rStart = max(lEnd, min(p.owHi, b-p.stripLen))
	}
	if rStart-lEnd < p.stripLen && (left || right) {
		// A short interior goes to a strip.
		if left {
			lEnd = rStart
		} else {
			rStart = lEnd
		}
		if left && right {
			lEnd, rStart = b, b
		}
	}

	var interior []tap
	if rStart > lEnd {
		if p.full.ok && kd0 == 0 && kd1 == g.K[0] && kh0 == 0 && kh1 == g.K[1] {
			interior = p.full.taps
		} else {
			interior = p.interiorTaps(&s.in, kd0, kd1, kh0, kh1, c0, c1)
		}
	}
	var strips [2][]tap
	var stripX [2][]float32
	segs := [2][2]int{{a, lEnd}, {rStart, b}}
	for i, sg := range segs {
		if sg[1] > sg[0] {
			strips[i], stripX[i] = p.strip(&s.side[i], n, id0, ih0, kd0, kd1, kh0, kh1, c0, c1, sg[0], sg[1])
		}
	}

	accumulate := c0 > 0
	xs := g.Stride[2] * C
	for gi := g0; gi < g1; gi++ {
		f0 := p.groupStart(gi)
		nf := p.group(gi, f0)
		w := p.wgroup(gi, f0)
		var bias []float32
		if p.b != nil && !accumulate {
			bias = p.b[f0:]
		}
		if rStart > lEnd {
			p.blocks(p.dst[dstRow+lEnd*F+f0:], p.x, w, bias, interior, xRow+lEnd*xs+p.xgroup(f0), xs, nf, rStart-lEnd, accumulate)
		}
		for i, sg := range segs {
			if sg[1] > sg[0] {
				cc := c1 - c0
				p.blocks(p.dst[dstRow+sg[0]*F+f0:], stripX[i], w, bias, strips[i], 0, g.Stride[2]*cc, nf, sg[1]-sg[0], accumulate)
			}
		}
	}
}

// rowClipped is row for small windows: the interior pixels in blocks, each
// border pixel alone with the kernel columns that lie inside the input.
func (p *plan) rowClipped(s *scratch, r, c0, c1, g0, g1, ow0, ow1, kd0, kd1, kh0, kh1, dstRow, xRow int) {
	g := &p.g
	F := g.F
	full := kd0 == 0 && kd1 == g.K[0] && kh0 == 0 && kh1 == g.K[1]
	var interior []tap
	var bs *borderSet
	if p.full.ok && full {
		interior, bs = p.full.taps, &p.fullBorder
	} else {
		interior = p.interiorTaps(&s.in, kd0, kd1, kh0, kh1, c0, c1)
		bs = &s.border
		p.borderTaps(bs, kd0, kd1, kh0, kh1, c0, c1)
	}
	lo, hi := max(ow0, p.owLo), min(ow1, p.owHi)
	accumulate := c0 > 0
	xs := g.Stride[2] * g.C
	for gi := g0; gi < g1; gi++ {
		f0 := p.groupStart(gi)
		nf := p.group(gi, f0)
		w := p.wgroup(gi, f0)
		var bias []float32
		if p.b != nil && !accumulate {
			bias = p.b[f0:]
		}
		if hi > lo {
			p.blocks(p.dst[dstRow+lo*F+f0:], p.x, w, bias, interior, xRow+lo*xs+p.xgroup(f0), xs, nf, hi-lo, accumulate)
		}
		for ow := ow0; ow < ow1; ow++ {
			if ow == lo && hi > lo {
				ow = hi - 1
				continue
			}
			i := ow
			if ow >= p.owHi {
				i = p.owLo + ow - p.owHi
			}
			t := bs.taps[bs.idx[i]:bs.idx[i+1]]
			p.k.block(p.dst[dstRow+ow*F+f0:], p.x, w, bias, t, xRow+ow*xs+p.xgroup(f0), xs, p.wp, F, nf, 1, 1, accumulate)
		}
	}
}

// A borderSet holds the taps of the border pixels of a row: those of the
// i-th (left ones first) are taps[idx[i]:idx[i+1]].
type borderSet struct {
	key  tapKey
	ok   bool
	taps []tap
	idx  []int
}

// borderTaps fills bs with the taps of every border pixel for kernel
// positions kd in [kd0, kd1) and kh in [kh0, kh1) and channels [c0, c1),
// each pixel's kernel columns clipped to the input, as offsets into x from
// the pixel's window origin.
func (p *plan) borderTaps(bs *borderSet, kd0, kd1, kh0, kh1, c0, c1 int) {
	key := tapKey{p.gen, kd0, kd1, kh0, kh1, c0, c1, -1}
	if bs.ok && bs.key == key {
		return
	}
	g := &p.g
	C := g.C
	t, idx := bs.taps[:0], bs.idx[:0]
	for ow := 0; ow < g.Out[2]; ow++ {
		if ow == p.owLo {
			if ow = p.owHi; ow >= g.Out[2] {
				break
			}
		}
		idx = append(idx, len(t))
		kw0, kw1 := valid(ow*g.Stride[2]-g.Pad[2], g.K[2], g.Dilation[2], g.In[2])
		if kw1 <= kw0 {
			continue
		}
		for kd := kd0; kd < kd1; kd++ {
			for kh := kh0; kh < kh1; kh++ {
				xrow := (kd*g.Dilation[0]*g.In[1] + kh*g.Dilation[1]) * g.In[2] * C
				wrow := (kd*g.K[1] + kh) * g.K[2] * p.cw * p.wp
				if p.merge {
					t = append(t, tap{x: xrow + kw0*C, w: wrow + kw0*C*p.wp, n: (kw1 - kw0) * C})
					continue
				}
				for kw := kw0; kw < kw1; kw++ {
					t = append(t, tap{x: xrow + kw*g.Dilation[2]*C + c0, w: wrow + (kw*p.cw+c0)*p.wp, n: c1 - c0})
				}
			}
		}
	}
	bs.taps, bs.idx = t, append(idx, len(t))
	bs.key, bs.ok = key, true
}

// blocks computes L consecutive pixels for nf filters in register blocks
// as even as maxP allows: nb blocks, the first L mod nb of them one pixel
// wider.
func (p *plan) blocks(dst, x, w, bias []float32, taps []tap, xo, xs, nf, L int, accumulate bool) {
	F := p.g.F
	nb, P, wide := evenBlocks(L, p.k.maxP[(nf+p.k.lanes-1)/p.k.lanes])
	if wide > 0 {
		p.k.block(dst, x, w, bias, taps, xo, xs, p.wp, F, nf, P+1, wide, accumulate)
		dst = dst[wide*(P+1)*F:]
		xo += wide * (P + 1) * xs
	}
	p.k.block(dst, x, w, bias, taps, xo, xs, p.wp, F, nf, P, nb-wide, accumulate)
}

// interiorTaps returns the taps of pixels whose windows lie inside the
// input along the width, for kernel positions kd in [kd0, kd1) and kh in
// [kh0, kh1) and channels [c0, c1), as offsets into x from the window's
// origin.
func (p *plan) interiorTaps(l *tapList, kd0, kd1, kh0, kh1, c0, c1 int) []tap {
	key := tapKey{p.gen, kd0, kd1, kh0, kh1, c0, c1, 0}
	if l.ok && l.key == key {
		return l.taps
	}
	g := &p.g
	C := g.C
	t := l.taps[:0]
	for kd := kd0; kd < kd1; kd++ {
		for kh := kh0; kh < kh1; kh++ {
			xrow := (kd*g.Dilation[0]*g.In[1] + kh*g.Dilation[1]) * g.In[2] * C
			wrow := (kd*g.K[1] + kh) * g.K[2] * p.cw * p.wp
			if p.merge {
				t = append(t, tap{x: xrow, w: wrow, n: g.K[2] * C})
				continue
			}
			for kw := 0; kw < g.K[2]; kw++ {
				t = append(t, tap{x: xrow + kw*g.Dilation[2]*C + c0, w: wrow + (kw*p.cw+c0)*p.wp, n: c1 - c0})
			}
		}
	}
	l.key, l.ok, l.taps = key, true, t
	return t
}

// strip copies the input cells that output pixels [a, b) of a row read,
// channels [c0, c1), into l.strip with zeros for the padding, and returns
// it with the taps that read it: pixel i of the strip has its window origin
// at i·stride·(c1−c0). The strip holds one row of cells for each kernel
// position (kd, kh) in [kd0, kd1) × [kh0, kh1).
func (p *plan) strip(l *tapList, n, id0, ih0, kd0, kd1, kh0, kh1, c0, c1, a, b int) ([]tap, []float32) {
	g := &p.g
	C := g.C
	cc := c1 - c0
	sw := (b-a-1)*g.Stride[2] + (g.K[2]-1)*g.Dilation[2] + 1 // strip width in cells
	nh := kh1 - kh0
	rowLen := sw * cc
	size := (kd1 - kd0) * nh * rowLen
	if cap(l.strip) < max(size, 1) {
		l.strip = make([]float32, max(size, 1)) // never empty: the kernels take &x[0]
	}
	st := l.strip[:max(size, 1)]
	col0 := a*g.Stride[2] - g.Pad[2]
	i := 0
	for kd := kd0; kd < kd1; kd++ {
		id := id0 + kd*g.Dilation[0]
		for kh := kh0; kh < kh1; kh++ {
			ih := ih0 + kh*g.Dilation[1]
			src := ((n*g.In[0]+id)*g.In[1] + ih) * g.In[2] * C
			row := st[i*rowLen : (i+1)*rowLen]
			j0, j1 := min(max(-col0, 0), sw), min(max(g.In[2]-col0, 0), sw) // the cells inside the input
			j1 = max(j0, j1)
			clear(row[:j0*cc])
			clear(row[j1*cc:])
			if cc == C {
				copy(row[j0*C:j1*C], p.x[src+(col0+j0)*C:])
			} else {
				for j := j0; j < j1; j++ {
					copy(row[j*cc:(j+1)*cc], p.x[src+(col0+j)*C+c0:])
				}
			}
			i++
		}
	}

	key := tapKey{p.gen, kd0, kd1, kh0, kh1, c0, c1, sw}
	if l.ok && l.key == key {
		return l.taps, st
	}
	t := l.taps[:0]
	i = 0
	for kd := kd0; kd < kd1; kd++ {
		for kh := kh0; kh < kh1; kh++ {
			wrow := (kd*g.K[1] + kh) * g.K[2] * C * p.wp
			if p.merge {
				t = append(t, tap{x: i * rowLen, w: wrow, n: g.K[2] * C})
			} else {
				for kw := 0; kw < g.K[2]; kw++ {
					t = append(t, tap{x: i*rowLen + kw*g.Dilation[2]*cc, w: wrow + (kw*C+c0)*p.wp, n: cc})
				}
			}
			i++
		}
	}
	l.key, l.ok, l.taps = key, true, t
	return t, st
}
