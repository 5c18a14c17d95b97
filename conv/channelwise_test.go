package conv

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// denseOfGroups returns the kernel w of a grouped layer, (k…, cg, F) in
// Keras's layout, as the dense kernel (k…, C, F) with zeros where a filter
// does not see a channel: forwardGeneric with it is the reference.
func denseOfGroups(w []float32, kvol, cg, fg, G int) []float32 {
	C, F := cg*G, fg*G
	d := make([]float32, kvol*C*F)
	for k := 0; k < kvol; k++ {
		for f := 0; f < F; f++ {
			gi := f / fg
			for ci := 0; ci < cg; ci++ {
				d[(k*C+gi*cg+ci)*F+f] = w[(k*cg+ci)*F+f]
			}
		}
	}
	return d
}

// compareChannelwise runs a grouped convolution with cg channels and fg
// filters per group channel-wise on every kernel set and compares it with
// forwardGeneric on the equivalent dense kernel.
func compareChannelwise(t *testing.T, r *rand.Rand, cgeom caseGeom, cg, fg int, noBias bool) {
	t.Helper()
	g, ok := cgeom.geom()
	if !ok {
		return
	}
	kvol := g.K[0] * g.K[1] * g.K[2]
	kc := newKernelCase(r, g, kvol*cg*g.F, noBias, func(w []float32) []float32 { return denseOfGroups(w, kvol, cg, fg, g.C/cg) })
	sg, spread, ok := channelwise(&g, cg, fg)
	if !ok {
		t.Fatalf("%v cg=%d fg=%d: not channel-wise", cgeom, cg, fg)
	}
	for _, k := range kernelSets() {
		var scratch []float32
		if r.IntN(2) == 0 {
			scratch = make([]float32, 3) // a used buffer, too small
		}
		kc.check(t, r, fmt.Sprintf("%s: %v cg=%d fg=%d bias=%v", k.name, cgeom, cg, fg, !noBias), func(got []float32) {
			forwardChannelwise(k, got, kc.x, kc.w, kc.bias, &kc.g, &sg, cg, fg, spread, &scratch)
		})
	}
}

// TestChannelwiseKernels compares the channel-wise kernels of every kernel
// set with forwardGeneric on random grouped layers of every rank: groups of
// one channel and filter (depthwise) and up to channelwiseGroup of each,
// filter counts that leave every remainder of the vector widths, both
// paddings, strides, dilations, nil bias, one goroutine and several, and
// rows split into segments.
func TestChannelwiseKernels(t *testing.T) {
	defer func(f int) { parallelFlops = f }(parallelFlops)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := rand.New(rand.NewPCG(21, 22))
	for i := 0; i < 160; i++ {
		parallelFlops = []int{1, 1 << 30}[i%2]
		cg, fg := 1, 1
		if i%3 != 0 {
			cg, fg = 1+r.IntN(channelwiseGroup), 1+r.IntN(channelwiseGroup)
		}
		G := 1 + r.IntN(40)
		c := caseGeom{n: 1 + r.IntN(2), c: cg * G, f: fg * G}
		c.randomAxes(r, 7, 4)
		if i%5 == 0 {
			c.n, c.in[0], c.in[1], c.in[2] = 1, 1, 1, 20+r.IntN(60) // one long row: column segments
		}
		compareChannelwise(t, r, c, cg, fg, i%4 == 0)
	}
}

// TestChannelwiseBounds: a block whose taps reach outside x or w panics
// before the assembly runs, instead of reading outside the slices.
func TestChannelwiseBounds(t *testing.T) {
	x := make([]float32, 64)
	w := make([]float32, 32)
	dst := make([]float32, 64)
	for _, k := range kernelSets() {
		for _, tc := range []struct {
			name string
			taps []tap
			xo   int
		}{
			{"x past the end", []tap{{x: 40, w: 0, n: 1}}, 0},
			{"x before the start", []tap{{x: 0, w: 0, n: 1}}, -1},
			{"w past the end", []tap{{x: 0, w: 20, n: 1}}, 0},
		} {
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%s: %s: no panic", k.name, tc.name)
					}
				}()
				k.dw(dst, x, w, nil, tc.taps, tc.xo, 16, 16, 16, 2, 1)
			}()
		}
	}
}

// TestGroupsKernels compares forwardGroups, which runs grouped layers whose
// groups are whole vectors of filters in place on the dense kernels, with
// forwardGeneric on the equivalent dense kernel, for every kernel set and
// every way plan cuts a call (budgets, goroutines).
func TestGroupsKernels(t *testing.T) {
	defer func(b, c, f int) { weightBudget, chunkBudget, parallelFlops = b, c, f }(weightBudget, chunkBudget, parallelFlops)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := rand.New(rand.NewPCG(23, 24))
	for i := 0; i < 60; i++ {
		weightBudget = []int{1 << 10, 1 << 30}[i%2]
		chunkBudget = []int{1 << 10, 1 << 30}[i/2%2]
		parallelFlops = []int{1, 1 << 30}[i/4%2]
		for _, k := range kernelSets() {
			cg, fg, G := 1+r.IntN(20), k.lanes*(1+r.IntN(3)), 1+r.IntN(5)
			c := caseGeom{n: 1 + r.IntN(2), c: cg * G, f: fg * G}
			c.randomAxes(r, 7, 4)
			g, ok := c.geom()
			if !ok {
				continue
			}
			kvol := g.K[0] * g.K[1] * g.K[2]
			kc := newKernelCase(r, g, kvol*cg*g.F, i%3 == 0, func(w []float32) []float32 { return denseOfGroups(w, kvol, cg, fg, G) })
			var wc *weightCache
			if r.IntN(2) == 0 {
				wc = new(weightCache)
			}
			kc.check(t, r, fmt.Sprintf("%s: %v cg=%d fg=%d", k.name, c, cg, fg), func(got []float32) {
				forwardGroups(k, got, kc.x, kc.w, kc.bias, &kc.g, cg, fg, wc)
			})
		}
	}
}
