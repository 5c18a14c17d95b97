package conv

import (
	"runtime"

	"github.com/convlings/convlings/internal/workers"
)

// Channel-wise convolution: the fast path for grouped layers whose groups
// have few channels, depthwise ones above all (MobileNet's groups = C, one
// channel and one filter per group; ResNeXt's groups of 4).
//
// The dense kernels broadcast one input value against a vector of filters
// that all read it. In a grouped layer only the filters of one group read
// a channel, so a group of one channel and one filter leaves one lane of
// sixteen busy, and the per-group path (see Conv.run) pays for moving each
// group's channels into a block of their own besides. Here the vector runs
// along the filters instead, and every lane reads its own input value:
//
//	dst[p, f] = bias[f] + Σ_k Σ_{ci < cg} X[ci][p + k, f] · w[k, ci, f]
//
// where X[ci][q, f] = x[q, (f / fg)·cg + ci] is the input spread out so that
// filter f finds the ci-th channel of its group in lane f: X is one plane
// per channel of a group, each the size of the output's channels, padded
// with zeros along the width so that no window needs a border case.
// Depthwise layers (one channel and one filter per group) run on x itself,
// the pixels whose windows reach into the padding along the width one at
// a time with the kernel columns that lie inside the input (a padded copy
// would cost a quarter of MobileNet's layer). The kernels (kernelSet.dw)
// compute a few pixels × a few vectors of filters per block, with one
// multiply-add per tap, lane by lane.

// maxSpread bounds the values of the spread-out input (X above) that
// channel-wise convolution builds, and that the layer's scratch space keeps
// between calls: 2^24 values, 64 MB. Larger calls take the per-group path.
var maxSpread = 1 << 24

// channelwiseGroup is the largest group, in channels and in filters, that
// runs channel-wise. Wider groups fill the dense kernels' inner loops well
// enough that the per-group path is faster.
const channelwiseGroup = 8

// channelwise reports whether a grouped layer with cg channels and fg
// filters per group, for the geometry g, runs channel-wise, and returns the
// geometry of the spread-out input with the values it holds.
func channelwise(g *geom, cg, fg int) (sg geom, spread int, ok bool) {
	if cg > channelwiseGroup || fg > channelwiseGroup {
		return geom{}, 0, false
	}
	sg = *g
	if cg == 1 && fg == 1 {
		return sg, 0, true // x itself, border pixels one at a time
	}
	padL := g.Pad[2]
	padR := max(0, (g.Out[2]-1)*g.Stride[2]+(g.K[2]-1)*g.Dilation[2]+1-padL-g.In[2])
	sg.In[2], sg.Pad[2], sg.C = padL+g.In[2]+padR, 0, g.F
	n := cg
	for _, d := range []int{g.N, sg.In[0], sg.In[1], sg.In[2], g.F} {
		if n > maxSpread/max(d, 1) {
			return geom{}, 0, false
		}
		n *= d
	}
	return sg, n, true
}

// cwPlan is one channel-wise call, shared by the goroutines working on it.
type cwPlan struct {
	k         *kernelSet
	dst, x, w []float32
	b         []float32
	g         geom // the spread-out input's geometry (C = F), or x's for a depthwise layer
	cg        int  // channels per group: the planes of x
	plane     int  // values per plane
	rows      int  // N·Out[0]·Out[1]
	owLo      int  // output columns [owLo, owHi) have windows inside the input along the width
	owHi      int
	nws       int // column segments per row
	gen       uint64
	job       workers.Job[cwScratch]
	spreadJob spreadJob
}

// cwScratch is one goroutine's tap lists: a row's, and one border pixel's.
type cwScratch struct {
	key    tapKey
	ok     bool
	taps   []tap
	border []tap
}

var (
	cwPlans   workers.FreeList[cwPlan]
	cwHelpers workers.Pool[cwScratch]
)

// forwardChannelwise computes the grouped convolution g, with cg channels
// and fg filters per group, into dst. w is the layer's kernel in Keras's
// layout (k…, cg, F); sg and spread come from channelwise; buf holds the
// spread-out input between calls.
func forwardChannelwise(k *kernelSet, dst, x, w, bias []float32, g, sg *geom, cg, fg, spread int, buf *[]float32) {
	p := cwPlans.Get()
	threads := min(runtime.GOMAXPROCS(0), max(1, g.flops()/parallelFlops))
	p.k, p.dst, p.w, p.b, p.g, p.cg = k, dst, w, bias, *sg, cg
	p.gen = calls.Add(1)
	p.x = x
	if spread > 0 {
		*buf = grow(*buf, spread)
		p.x = *buf
		p.spread(x, g, fg, threads)
	}
	p.plane = sg.N * sg.In[0] * sg.In[1] * sg.In[2] * sg.C
	p.rows = sg.N * sg.Out[0] * sg.Out[1]
	// Interior columns: every kernel column inside the input.
	s, pad, d := sg.Stride[2], sg.Pad[2], sg.Dilation[2]
	p.owLo = min((pad+s-1)/s, sg.Out[2])
	p.owHi = 0
	if hiIn := sg.In[2] - 1 + pad - (sg.K[2]-1)*d; hiIn >= 0 {
		p.owHi = min(hiIn/s+1, sg.Out[2])
	}
	p.owHi = max(p.owHi, p.owLo)
	p.nws = 1
	if target := 4 * threads; threads > 1 && p.rows < target {
		p.nws = max(1, min((target+p.rows-1)/p.rows, sg.Out[2]/minStrip))
	}
	units := p.rows * p.nws
	p.job.Reset(p, units)
	cwHelpers.Run(&p.job, min(threads, units))
	p.job.Release()
	p.dst, p.x, p.w, p.b = nil, nil, nil, nil
	cwPlans.Put(p)
}

// spread fills p.x with the spread-out input (see channelwise) from x,
// whose geometry is g, using threads goroutines.
func (p *cwPlan) spread(x []float32, g *geom, fg, threads int) {
	j := &p.spreadJob
	*j = spreadJob{x: x, dst: p.x, g: *g, sg: p.g, cg: p.cg, fg: fg}
	rows := p.cg * g.N * g.In[0] * g.In[1]
	j.job.Reset(j, rows)
	spreadHelpers.Run(&j.job, min(threads, rows, max(1, len(p.x)/(1<<14))))
	j.job.Release()
	j.x, j.dst = nil, nil
}

// spreadJob builds the planes of the spread-out input, one input row each.
type spreadJob struct {
	x, dst []float32
	g, sg  geom // the input's geometry, and the spread-out one's
	cg, fg int
	job    workers.Job[struct{}]
}

var spreadHelpers workers.Pool[struct{}]

// Row writes row r of the planes: plane r / (N·In[0]·In[1]), input row
// r mod that.
func (j *spreadJob) Row(_ *struct{}, r int) {
	rows := j.g.N * j.g.In[0] * j.g.In[1]
	ci, r := r/rows, r%rows
	C, F, W := j.g.C, j.sg.C, j.g.In[2]
	plane := rows * j.sg.In[2] * F
	dst := j.dst[ci*plane+r*j.sg.In[2]*F : ci*plane+(r+1)*j.sg.In[2]*F]
	src := j.x[r*W*C : (r+1)*W*C]
	l := j.g.Pad[2] * F
	clear(dst[:l])
	clear(dst[l+W*F:])
	row := dst[l : l+W*F]
	if j.cg == 1 && j.fg == 1 {
		copy(row, src)
		return
	}
	groups := F / j.fg
	for w := 0; w < W; w++ {
		s := src[w*C : (w+1)*C]
		d := row[w*F : (w+1)*F]
		for gi := 0; gi < groups; gi++ {
			v := s[gi*j.cg+ci]
			for f := gi * j.fg; f < (gi+1)*j.fg; f++ {
				d[f] = v
			}
		}
	}
}

// Row computes unit u: columns segment u mod nws of output row u / nws.
func (p *cwPlan) Row(s *cwScratch, u int) {
	g := &p.g
	r, ws := u/p.nws, u%p.nws
	ow0, ow1 := ws*g.Out[2]/p.nws, (ws+1)*g.Out[2]/p.nws
	if ow1 <= ow0 {
		return
	}
	oh := r % g.Out[1]
	od := (r / g.Out[1]) % g.Out[0]
	n := r / (g.Out[1] * g.Out[0])
	F := g.F
	id0 := od*g.Stride[0] - g.Pad[0]
	ih0 := oh*g.Stride[1] - g.Pad[1]
	kd0, kd1 := valid(id0, g.K[0], g.Dilation[0], g.In[0])
	kh0, kh1 := valid(ih0, g.K[1], g.Dilation[1], g.In[1])
	taps := p.taps(s, kd0, kd1, kh0, kh1)
	// The window origin of output column 0 in row r; id0, ih0 and the
	// column may lie in the padding, but every tap of a pixel lands inside
	// the input.
	xRow := ((n*g.In[0]+id0)*g.In[1]+ih0)*g.In[2]*F - g.Pad[2]*F
	lo, hi := max(ow0, p.owLo), min(ow1, p.owHi)
	dstRow := r * g.Out[2] * F
	xs := g.Stride[2] * F
	maxJ := len(p.k.dwMaxP) - 1
	nv := (F + p.k.lanes - 1) / p.k.lanes
	ng := (nv + maxJ - 1) / maxJ
	for gi := 0; gi < ng; gi++ {
		// Groups of vectors as even as possible (see plan.group).
		v0, j := evenPart(nv, ng, gi)
		f0 := v0 * p.k.lanes
		nf := min(j*p.k.lanes, F-f0)
		var bias []float32
		if p.b != nil {
			bias = p.b[f0:]
		}
		for ow := ow0; ow < ow1; ow++ {
			if ow == lo && hi > lo {
				// The interior, in blocks as even as dwMaxP allows.
				nb, P, wide := evenBlocks(hi-lo, p.k.dwMaxP[(nf+p.k.lanes-1)/p.k.lanes])
				dst := p.dst[dstRow+lo*F+f0:]
				xo := xRow + lo*xs + f0
				if wide > 0 {
					p.k.dw(dst, p.x, p.w[f0:], bias, taps, xo, xs, F, nf, P+1, wide)
					dst = dst[wide*(P+1)*F:]
					xo += wide * (P + 1) * xs
				}
				p.k.dw(dst, p.x, p.w[f0:], bias, taps, xo, xs, F, nf, P, nb-wide)
				ow = hi - 1
				continue
			}
			bt := p.borderTaps(s, ow, kd0, kd1, kh0, kh1)
			p.k.dw(p.dst[dstRow+ow*F+f0:], p.x, p.w[f0:], bias, bt, xRow+ow*xs+f0, xs, F, nf, 1, 1)
		}
	}
}

// borderTaps returns the taps of border pixel ow of a row whose windows
// take kernel rows kd in [kd0, kd1) and kh in [kh0, kh1): those of taps
// whose kernel column lies inside the input. Only depthwise layers, which
// run on x itself, have border pixels.
func (p *cwPlan) borderTaps(s *cwScratch, ow, kd0, kd1, kh0, kh1 int) []tap {
	g := &p.g
	F := g.F
	kw0, kw1 := valid(ow*g.Stride[2]-g.Pad[2], g.K[2], g.Dilation[2], g.In[2])
	t := s.border[:0]
	for kd := kd0; kd < kd1; kd++ {
		for kh := kh0; kh < kh1; kh++ {
			xrow := (kd*g.Dilation[0]*g.In[1] + kh*g.Dilation[1]) * g.In[2] * F
			for kw := kw0; kw < kw1; kw++ {
				kpos := (kd*g.K[1]+kh)*g.K[2] + kw
				for ci := 0; ci < p.cg; ci++ {
					t = append(t, tap{x: ci*p.plane + xrow + kw*g.Dilation[2]*F, w: (kpos*p.cg + ci) * F, n: 1})
				}
			}
		}
	}
	s.border = t
	return t
}

// taps returns the taps of a row whose windows take kernel rows kd in
// [kd0, kd1) and kh in [kh0, kh1): one per kernel position and channel of
// a group, as offsets into x from the window's origin and into w.
func (p *cwPlan) taps(s *cwScratch, kd0, kd1, kh0, kh1 int) []tap {
	key := tapKey{gen: p.gen, kd0: kd0, kd1: kd1, kh0: kh0, kh1: kh1}
	if s.ok && s.key == key {
		return s.taps
	}
	g := &p.g
	F := g.F
	t := s.taps[:0]
	for kd := kd0; kd < kd1; kd++ {
		for kh := kh0; kh < kh1; kh++ {
			xrow := (kd*g.Dilation[0]*g.In[1] + kh*g.Dilation[1]) * g.In[2] * F
			for kw := 0; kw < g.K[2]; kw++ {
				kpos := (kd*g.K[1]+kh)*g.K[2] + kw
				for ci := 0; ci < p.cg; ci++ {
					t = append(t, tap{x: ci*p.plane + xrow + kw*g.Dilation[2]*F, w: (kpos*p.cg + ci) * F, n: 1})
				}
			}
		}
	}
	s.key, s.ok, s.taps = key, true, t
	return t
}

// dwGeneric is the kernelSet.dw of genericKernels.
func dwGeneric(dst, x, w, bias []float32, taps []tap, xo, xs, ds, nf, P, nblk int) {
	for q := 0; q < nblk*P; q++ {
		d := dst[q*ds : q*ds+nf]
		if bias != nil {
			copy(d, bias[:nf])
		} else {
			clear(d)
		}
		o := xo + q*xs
		for _, t := range taps {
			xv := x[o+t.x : o+t.x+nf]
			wv := w[t.w : t.w+nf]
			for f := range d {
				d[f] += xv[f] * wv[f]
			}
		}
	}
}
