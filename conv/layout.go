package conv

import (
	"fmt"
	"runtime"
	"strconv"

	"github.com/convlings/convlings/internal/layout"
	"github.com/convlings/convlings/internal/workers"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// This file holds the options that change where values sit rather than
// what the kernels compute: groups and data_format="channels_first". The
// kernels know one layout, channels-last with every filter reading every
// channel; the layer moves the data into it and back:
//
//	input  (N, C, spatial…) or (N, spatial…, C)
//	  → G contiguous channels-last blocks (G, N, spatial…, C/G)   one copy
//	  → the kernels, once per group with its (k…, C/G, F/G) weights
//	  → G blocks (G, N, spatial'…, F/G)
//	  → output (N, F, spatial'…) or (N, spatial'…, F)              one copy
//
// A layer with one group and channels_last skips all of it. The copies are
// memory-bound and cost a small fraction of the convolution for any kernel
// larger than 1×1; see the report of issue 12 for what a kernel that reads
// strided channels would save.

// Groups returns the number of groups: 1 unless the Config set it.
func (c *Conv) Groups() int { return c.groups }

// DataFormat returns "channels_last" or "channels_first".
func (c *Conv) DataFormat() string { return padding.DataFormat(c.chFirst) }

// chAxis returns the position of the channel axis in an input or output
// shape of the layer's rank.
func (c *Conv) chAxis() int {
	if c.chFirst {
		return 1
	}
	return c.rank + 1
}

// spAxis returns the position of spatial axis i in an input or output shape.
func (c *Conv) spAxis(i int) int {
	if c.chFirst {
		return 2 + i
	}
	return 1 + i
}

// checkGroups validates the groups argument as Keras's BaseConv does, after
// filters: 0 means the default 1, a negative count is rejected, and so are
// filters not divisible by it.
func checkGroups(class string, groups, filters int) (int, error) {
	if groups == 0 {
		return 1, nil
	}
	if groups < 0 {
		return 0, &padding.Error{Pkg: "conv", Layer: class, Arg: "groups", Value: strconv.Itoa(groups),
			Kind: padding.ErrNonPositiveArgument, Detail: "the number of groups must be a positive integer"}
	}
	if filters%groups != 0 {
		return 0, &padding.Error{Pkg: "conv", Layer: class, Arg: "groups", Value: strconv.Itoa(groups),
			Kind:   padding.ErrNonPositiveArgument,
			Detail: fmt.Sprintf("the number of filters must be evenly divisible by the number of groups: received groups=%d, filters=%d", groups, filters)}
	}
	return groups, nil
}

// checkChannelGroups rejects an input whose channel count ch the groups do
// not divide, as Keras's build does before it checks the output size.
func (c *Conv) checkChannelGroups(in tensor.Shape, ch int) error {
	if ch%c.groups == 0 {
		return nil
	}
	return &padding.Error{Pkg: "conv", Layer: c.class, Arg: "inputs", Value: "shape " + in.String(),
		Kind: padding.ErrInvalidArgumentShape,
		Detail: fmt.Sprintf("the number of input channels must be evenly divisible by the number of groups: received groups=%d, but the input has %d channels",
			c.groups, ch)}
}

// fits reports whether s is the output shape for the geometry g.
func (c *Conv) fits(s tensor.Shape, g *geom) bool {
	if len(s) != c.rank+2 || s[0] != g.N || s[c.chAxis()] != g.F {
		return false
	}
	for i := 0; i < c.rank; i++ {
		if s[c.spAxis(i)] != g.Out[3-c.rank+i] {
			return false
		}
	}
	return true
}

// regroup returns the kernel of a grouped layer rearranged for the
// kernels: group g's weights W[k…, c′, g·F/G + f] as one contiguous
// (k…, C/G, F/G) block. It returns nil for one group or no kernel.
func (c *Conv) regroup() []float32 {
	if c.groups == 1 || c.w == nil {
		return nil
	}
	G, F := c.groups, c.filters
	fg := F / G
	rows := len(c.w) / F // prod(kernel_size)·C/G
	gw := make([]float32, len(c.w))
	for g := 0; g < G; g++ {
		blk := gw[g*rows*fg : (g+1)*rows*fg]
		for r := 0; r < rows; r++ {
			copy(blk[r*fg:(r+1)*fg], c.w[r*F+g*fg:r*F+(g+1)*fg])
		}
	}
	return gw
}

// maxBlockDiagonal is the most multiply-adds, as a multiple of the layer's
// own, that running narrow groups block-diagonally may cost (see
// blockDiagonal); beyond it they run channel-wise.
const maxBlockDiagonal = 4

// blockDiagonal returns the kernel of a layer whose groups are narrower
// than a vector of filters, with s groups at a time taken as one group of
// s·C/G channels and s·F/G filters, a whole number of vectors, whose kernel
// is block-diagonal: zero where a filter's own group does not read the
// channel. The dense kernels then run it in place at the cost of s times
// the multiply-adds, which still beats one busy lane in sixteen. It
// returns nil, 0 where that does not apply: one group, channels of one
// (channel-wise is faster), s above maxBlockDiagonal, or groups that do not
// divide into s.
func (c *Conv) blockDiagonal() ([]float32, int) {
	if c.groups == 1 || c.w == nil {
		return nil, 0
	}
	G, F := c.groups, c.filters
	fg := F / G
	kvol := prod(c.kernel)
	cg := len(c.w) / (kvol * F)
	lanes := best.lanes
	s := lanes / gcd(fg, lanes)
	if s == 1 || cg == 1 || s > maxBlockDiagonal || G%s != 0 {
		return nil, 0
	}
	bc := s * cg
	bw := make([]float32, kvol*bc*F)
	for k := 0; k < kvol; k++ {
		for ci := 0; ci < cg; ci++ {
			src := c.w[(k*cg+ci)*F : (k*cg+ci+1)*F]
			for f := 0; f < F; f++ {
				sub := f / fg % s // the filter's group within its block
				bw[(k*bc+sub*cg+ci)*F+f] = src[f]
			}
		}
	}
	return bw, s
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// groupsFit reports whether a grouped layer's input, padded along the
// width as forwardGroups needs, stays within maxPadded values.
func groupsFit(g *geom) bool {
	padR := max(0, (g.Out[2]-1)*g.Stride[2]+(g.K[2]-1)*g.Dilation[2]+1-g.Pad[2]-g.In[2])
	if g.Pad[2] == 0 && padR == 0 {
		return true
	}
	w := g.Pad[2] + g.In[2] + padR
	n := 1
	for _, d := range []int{g.N, g.In[0], g.In[1], w, g.C} {
		if n > maxPadded/max(d, 1) {
			return false
		}
		n *= d
	}
	return true
}

// groupRun is one call's groups, shared by the goroutines that compute them:
// group i reads x[i·xn:], w[i·wn:] and bias[i·F/G:], and writes y[i·yn:].
type groupRun struct {
	x, y, w, bias []float32
	g             geom // one group's geometry
	xn, yn, wn    int
	job           workers.Job[struct{}]
}

// Row computes group i.
func (r *groupRun) Row(_ *struct{}, i int) {
	var b []float32
	if r.bias != nil {
		b = r.bias[i*r.g.F : (i+1)*r.g.F]
	}
	forward(r.y[i*r.yn:(i+1)*r.yn], r.x[i*r.xn:(i+1)*r.xn], r.w[i*r.wn:(i+1)*r.wn], b, &r.g)
}

// groupParallelFlops is the work of one group below which the kernels run
// it on one goroutine; the groups of such a layer are then shared out whole
// among goroutines instead, when together they are worth it.
const groupParallelFlops = 1 << 21

// groupRuns are reused so that calls allocate nothing; groupHelpers are the
// goroutines that share a call's groups with its caller.
var (
	groupRuns    workers.FreeList[groupRun]
	groupHelpers workers.Pool[struct{}]
)

// buffer is the scratch space of one call that needs a layout change: the
// regrouped input and the grouped output.
type buffer struct{ x, y []float32 }

// scratches keeps the buffers of ForwardInto, so that it allocates nothing
// once it has seen a shape; Forward allocates its own.
var scratches workers.FreeList[buffer]

// grow returns v resized to n values, reallocated only when too small.
func grow(v []float32, n int) []float32 {
	if cap(v) < n {
		return make([]float32, n)
	}
	return v[:n]
}

// run computes the layer for the geometry g (full channels and filters)
// from x into dst, both in the layer's data format. pool supplies the
// scratch space when it is not nil.
func (c *Conv) run(dst, x []float32, g *geom, pool *workers.FreeList[buffer]) {
	if c.groups == 1 && !c.chFirst {
		forwardCached(dst, x, c.w, c.bias(), g, &c.wc)
		return
	}
	G := c.groups
	cg, fg := g.C/G, g.F/G
	if !c.chFirst && groupsFit(g) {
		// Whole groups of whole vectors of filters run in place, on the
		// dense kernels.
		switch {
		case fg%best.lanes == 0:
			forwardGroups(best, dst, x, c.w, c.bias(), g, cg, fg, &c.wc)
			return
		case c.bw != nil:
			forwardGroups(best, dst, x, c.bw, c.bias(), g, c.bs*cg, c.bs*fg, &c.wc)
			return
		}
	}
	if !c.chFirst {
		if sg, spread, ok := channelwise(g, cg, fg); ok {
			var b *buffer
			if pool != nil {
				b = pool.Get()
				defer pool.Put(b)
			} else {
				b = new(buffer)
			}
			forwardChannelwise(best, dst, x, c.w, c.bias(), g, &sg, cg, fg, spread, &b.x)
			return
		}
	}
	S := g.In[0] * g.In[1] * g.In[2]
	So := g.Out[0] * g.Out[1] * g.Out[2]
	N := g.N

	var b *buffer
	if pool != nil {
		b = pool.Get()
		defer pool.Put(b)
	} else {
		b = new(buffer)
	}
	b.x = grow(b.x, N*S*g.C)
	b.y = grow(b.y, N*So*g.F)

	// In: G blocks (N, S, C/G).
	if c.chFirst {
		for gi := 0; gi < G; gi++ {
			for n := 0; n < N; n++ {
				layout.Transpose(b.x[(gi*N+n)*S*cg:], x[(n*g.C+gi*cg)*S:], cg, S)
			}
		}
	} else {
		layout.Split(b.x, x, N*S, G, cg)
	}

	// The kernels, one call per group.
	w := c.w
	if G > 1 {
		w = c.gw
	}
	r := groupRuns.Get()
	r.x, r.y, r.w, r.bias = b.x, b.y, w, c.bias()
	r.g = *g
	r.g.C, r.g.F = cg, fg
	r.xn, r.yn, r.wn = N*S*cg, N*So*fg, len(w)/G
	// Groups too small to share out their own rows are shared out whole.
	threads := 1
	if G > 1 && r.g.flops() < groupParallelFlops {
		threads = min(runtime.GOMAXPROCS(0), G, max(1, G*r.g.flops()/groupParallelFlops))
	}
	r.job.Reset(r, G)
	groupHelpers.Run(&r.job, threads)
	r.job.Release()
	r.x, r.y, r.w, r.bias = nil, nil, nil, nil
	groupRuns.Put(r)

	// Out: from G blocks (N, So, F/G) to the layer's format.
	if c.chFirst {
		for gi := 0; gi < G; gi++ {
			for n := 0; n < N; n++ {
				layout.Transpose(dst[(n*g.F+gi*fg)*So:], b.y[(gi*N+n)*So*fg:], So, fg)
			}
		}
	} else {
		layout.Join(dst, b.y, N*So, G, fg)
	}
}
