package conv

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// caseGeom is one convolution to compare kernels on: sizes per axis for
// ranks 1 to 3, and a padding mode.
type caseGeom struct {
	n, c, f int
	in, k   [3]int
	s, d    [3]int
	mode    padding.Mode
}

func (cg caseGeom) String() string {
	return fmt.Sprintf("N%d_in%v_C%d_F%d_k%v_s%v_d%v_%v", cg.n, cg.in, cg.c, cg.f, cg.k, cg.s, cg.d, cg.mode)
}

// geom lays cg out like the layer code does, or reports false when the
// output would be empty.
func (cg caseGeom) geom() (geom, bool) {
	g := geom{N: cg.n, C: cg.c, F: cg.f, In: cg.in, K: cg.k, Stride: cg.s, Dilation: cg.d}
	for a := 0; a < 3; a++ {
		out, before, _ := padding.Axis(cg.in[a], cg.k[a], cg.s[a], cg.d[a], cg.mode)
		if out <= 0 {
			return g, false
		}
		g.Out[a], g.Pad[a] = out, before
	}
	return g, true
}

// randomAxes draws a rank of 1 to 3 and, along each of its axes, an input
// of 1 to maxIn cells, a kernel of 1 to maxK, and a stride or a dilation
// of 1 to 3 (never both, as Keras requires); the other axes get 1. It
// draws the padding mode too.
func (cg *caseGeom) randomAxes(r *rand.Rand, maxIn, maxK int) {
	rank := 1 + r.IntN(3)
	cg.mode = padding.Mode(r.IntN(2))
	for a := 0; a < 3; a++ {
		cg.in[a], cg.k[a], cg.s[a], cg.d[a] = 1, 1, 1, 1
	}
	for a := 3 - rank; a < 3; a++ {
		cg.in[a] = 1 + r.IntN(maxIn)
		cg.k[a] = 1 + r.IntN(maxK)
		if r.IntN(2) == 0 {
			cg.s[a] = 1 + r.IntN(3)
		} else {
			cg.d[a] = 1 + r.IntN(3)
		}
	}
}

// guarded returns a slice of n values at an odd offset inside a larger
// buffer whose other cells hold guard. Kernels that read a guard cell turn
// their output into NaN; kernels that write one are caught by checkGuards.
func guarded(n, off int, guard float32) (buf, s []float32) {
	buf = make([]float32, off+n+37)
	for i := range buf {
		buf[i] = guard
	}
	return buf, buf[off : off+n : off+n]
}

func checkGuards(t *testing.T, buf []float32, off, n int, guard float32) {
	t.Helper()
	for i, v := range buf {
		if (i < off || i >= off+n) && math.Float32bits(v) != math.Float32bits(guard) {
			t.Fatalf("guard cell %d (slice is [%d, %d)) changed to %v", i, off, off+n, v)
		}
	}
}

func randSlice(r *rand.Rand, s []float32) {
	for i := range s {
		s[i] = r.Float32()*2 - 1
	}
}

func abs32(s []float32) []float32 {
	a := make([]float32, len(s))
	for i, v := range s {
		a[i] = float32(math.Abs(float64(v)))
	}
	return a
}

// kernelCase is one random call to check kernels on: x, w and bias in
// slices with NaN guards around them (a kernel that reads outside turns
// its output into NaN), the reference output of forwardGeneric, and the
// sum of |x·w| behind each output value, which sets its tolerance: it
// bounds the rounding of any summation order.
type kernelCase struct {
	g          geom
	x, w, bias []float32
	want, mag  []float32
}

// newKernelCase draws x, nw weights and, unless noBias, a bias for g; dense
// turns the weights into the dense kernel (k…, C, F) that forwardGeneric
// takes (nil: they are one already).
func newKernelCase(r *rand.Rand, g geom, nw int, noBias bool, dense func([]float32) []float32) *kernelCase {
	if dense == nil {
		dense = func(w []float32) []float32 { return w }
	}
	nan := float32(math.NaN())
	kc := &kernelCase{g: g}
	_, kc.x = guarded(g.N*g.In[0]*g.In[1]*g.In[2]*g.C, 1+r.IntN(5), nan)
	_, kc.w = guarded(nw, 1+r.IntN(5), nan)
	randSlice(r, kc.x)
	randSlice(r, kc.w)
	var absBias []float32
	if !noBias {
		_, kc.bias = guarded(g.F, 3, nan)
		randSlice(r, kc.bias)
		absBias = abs32(kc.bias)
	}
	ny := g.N * g.Out[0] * g.Out[1] * g.Out[2] * g.F
	kc.want = make([]float32, ny)
	forwardGeneric(kc.want, kc.x, dense(kc.w), kc.bias, &kc.g)
	kc.mag = make([]float32, ny)
	forwardGeneric(kc.mag, abs32(kc.x), dense(abs32(kc.w)), absBias, &kc.g)
	return kc
}

// check runs run on an output slice full of NaN inside guards and fails
// the test, naming what, unless run wrote every value, each within
// tolerance of the reference, and nothing outside.
func (kc *kernelCase) check(t *testing.T, r *rand.Rand, what string, run func(got []float32)) {
	t.Helper()
	const guard = float32(-12345.5)
	ny := len(kc.want)
	off := 1 + r.IntN(7)
	buf, got := guarded(ny, off, guard)
	for i := range got {
		got[i] = float32(math.NaN()) // every output must be written
	}
	run(got)
	checkGuards(t, buf, off, ny, guard)
	for i, want := range kc.want {
		tol := 2e-6*kc.mag[i] + 1e-7
		if d := math.Abs(float64(got[i] - want)); !(d <= float64(tol)) {
			t.Fatalf("%s: dst[%d] = %v, want %v (|diff| %g > tol %g)", what, i, got[i], want, d, tol)
		}
	}
}

// compareKernels runs every kernel set on cg and compares it with
// forwardGeneric.
func compareKernels(t *testing.T, r *rand.Rand, cg caseGeom, noBias bool) {
	t.Helper()
	g, ok := cg.geom()
	if !ok {
		return
	}
	kc := newKernelCase(r, g, g.K[0]*g.K[1]*g.K[2]*g.C*g.F, noBias, nil)
	for _, k := range kernelSets() {
		var wc *weightCache
		if r.IntN(2) == 0 {
			wc = new(weightCache) // a repacked kernel where the weights exceed the budget
		}
		kc.check(t, r, fmt.Sprintf("%s: %v bias=%v", k.name, cg, !noBias), func(got []float32) {
			forwardPacked(k, got, kc.x, kc.w, kc.bias, &kc.g, wc)
		})
	}
}

// TestKernelsMatchGeneric compares every kernel set with forwardGeneric on
// random small shapes of every rank: filter counts that leave every
// remainder of the vector widths, both paddings, strides, dilations, odd
// offsets, nil bias.
func TestKernelsMatchGeneric(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for f := 1; f <= 70; f++ { // every remainder mod 16 and 8, up to 5 vectors
		cg := caseGeom{n: 1, c: 1 + r.IntN(5), f: f, in: [3]int{1, 3 + r.IntN(6), 3 + r.IntN(20)},
			k: [3]int{1, 1 + r.IntN(3), 1 + r.IntN(3)}, s: [3]int{1, 1, 1}, d: [3]int{1, 1, 1}, mode: padding.Mode(f % 2)}
		compareKernels(t, r, cg, f%3 == 0)
	}
	for i := 0; i < 400; i++ {
		rank := 1 + r.IntN(3)
		cg := caseGeom{n: 1 + r.IntN(2), c: 1 + r.IntN(9), f: 1 + r.IntN(40), mode: padding.Mode(r.IntN(2))}
		for a := 0; a < 3; a++ {
			cg.in[a], cg.k[a], cg.s[a], cg.d[a] = 1, 1, 1, 1
			if a >= 3-rank {
				cg.in[a] = 1 + r.IntN(13)
				cg.k[a] = 1 + r.IntN(5)
				cg.s[a] = 1 + r.IntN(3)
				cg.d[a] = 1 + r.IntN(3)
			}
		}
		if rank == 3 {
			cg.in[0], cg.in[1], cg.in[2] = 1+r.IntN(6), 1+r.IntN(6), 1+r.IntN(6)
		}
		compareKernels(t, r, cg, i%4 == 0)
	}
}

// TestKernelsChannelChunks forces the channel chunking that large layers
// use, so that the accumulating kernels are checked on small shapes.
func TestKernelsChannelChunks(t *testing.T) {
	defer func(b, c int) { weightBudget, chunkBudget = b, c }(weightBudget, chunkBudget)
	weightBudget, chunkBudget = 1<<10, 1<<10
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 40; i++ {
		cg := caseGeom{n: 1, c: 1 + r.IntN(40), f: 1 + r.IntN(40),
			in: [3]int{1, 2 + r.IntN(7), 2 + r.IntN(9)}, k: [3]int{1, 1 + r.IntN(3), 1 + r.IntN(3)},
			s: [3]int{1, 1 + r.IntN(2), 1 + r.IntN(2)}, d: [3]int{1, 1, 1 + r.IntN(2)}, mode: padding.Mode(i % 2)}
		compareKernels(t, r, cg, i%3 == 0)
	}
}

// TestKernelsParallel makes every call big enough to be split across
// goroutines, with more goroutines than rows in some cases.
func TestKernelsParallel(t *testing.T) {
	defer func(f int) { parallelFlops = f }(parallelFlops)
	parallelFlops = 1
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 40; i++ {
		cg := caseGeom{n: 1 + r.IntN(3), c: 1 + r.IntN(8), f: 1 + r.IntN(40),
			in: [3]int{1, 1 + r.IntN(9), 1 + r.IntN(9)}, k: [3]int{1, 1 + r.IntN(3), 1 + r.IntN(3)},
			s: [3]int{1, 1, 1}, d: [3]int{1, 1, 1}, mode: padding.Mode(i % 2)}
		compareKernels(t, r, cg, false)
	}
}

// FuzzKernels compares the kernel sets with forwardGeneric on shapes the
// fuzzer picks.
func FuzzKernels(f *testing.F) {
	f.Add(uint64(1), uint8(3), uint8(10), uint8(10), uint8(10), uint8(3), uint8(3), uint8(0x11), uint8(1))
	f.Add(uint64(2), uint8(17), uint8(33), uint8(7), uint8(9), uint8(2), uint8(5), uint8(0x21), uint8(0))
	f.Fuzz(func(t *testing.T, seed uint64, c, fl, h, w, kh, kw, sd, mode uint8) {
		cg := caseGeom{n: 1, c: 1 + int(c%24), f: 1 + int(fl%80),
			in: [3]int{1, 1 + int(h%16), 1 + int(w%24)}, k: [3]int{1, 1 + int(kh%6), 1 + int(kw%6)},
			s: [3]int{1, 1 + int(sd&3)%3, 1 + int(sd>>2&3)%3}, d: [3]int{1, 1 + int(sd>>4&3)%3, 1 + int(sd>>6)%3},
			mode: padding.Mode(mode % 2)}
		compareKernels(t, rand.New(rand.NewPCG(seed, 7)), cg, mode&2 != 0)
	})
}

// TestKernelsUnits forces every way plan cuts a call into units: weights
// above the budget (one filter group per unit, rows blocked, channels
// chunked, the input padded along the width or strips), few rows (columns
// split into segments, each with its own border strips), and several
// goroutines.
func TestKernelsUnits(t *testing.T) {
	defer func(b, c, u, f, m int) {
		weightBudget, chunkBudget, unitPixels, parallelFlops, maxPadded = b, c, u, f, m
	}(weightBudget, chunkBudget, unitPixels, parallelFlops, maxPadded)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 120; i++ {
		weightBudget = []int{1 << 8, 1 << 11, 1 << 14, 1 << 30}[i%4]
		chunkBudget = []int{1 << 8, 1 << 11, 1 << 14, 1 << 30}[i/8%4] // independently of weightBudget
		maxPadded = []int{1 << 30, 0}[i/32%2]                         // a padded copy of the input, or strips
		unitPixels = 1 + r.IntN(40)
		parallelFlops = []int{1, 1 << 30}[i/4%2]
		cg := caseGeom{n: 1 + r.IntN(2), c: 1 + r.IntN(24), f: 1 + r.IntN(80)}
		cg.randomAxes(r, 8, 5)
		cg.in[2] = 1 + r.IntN(70) // long rows, to split
		compareKernels(t, r, cg, i%3 == 0)
	}
}

// TestWeightCache: a layer whose weights exceed the budget repacks them
// once and reuses the copy, and a new kernel from SetWeights replaces it.
func TestWeightCache(t *testing.T) {
	defer func(b, c int) { weightBudget, chunkBudget = b, c }(weightBudget, chunkBudget)
	weightBudget, chunkBudget = 1<<10, 1<<10
	r := rand.New(rand.NewPCG(11, 12))
	const C, F = 7, 37
	kernel := make([]float32, 3*3*C*F)
	bias := make([]float32, F)
	randSlice(r, kernel)
	randSlice(r, bias)
	c, err := NewConv2D(Config{Filters: F, KernelSize: []int{3}, Padding: "same", Kernel: kernel, Bias: bias})
	if err != nil {
		t.Fatal(err)
	}
	x, err := tensor.New(2, 9, 11, C)
	if err != nil {
		t.Fatal(err)
	}
	randSlice(r, x.Data)
	check := func(step string) {
		t.Helper()
		y, err := c.Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		g, err := c.prepare(x)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]float32, len(y.Data))
		forwardGeneric(want, x.Data, c.w, c.b, &g)
		for i := range want {
			if d := math.Abs(float64(y.Data[i] - want[i])); d > 1e-4 {
				t.Fatalf("%s: y[%d] = %v, want %v", step, i, y.Data[i], want[i])
			}
		}
	}
	check("first call")
	pk := c.wc.p.Load()
	if pk == nil {
		t.Fatal("no packed kernel after the first call")
	}
	check("second call")
	if c.wc.p.Load() != pk {
		t.Error("the second call repacked the kernel")
	}
	randSlice(r, kernel)
	if err := c.SetWeights(kernel, bias); err != nil {
		t.Fatal(err)
	}
	check("after SetWeights")
	if c.wc.p.Load() == pk {
		t.Error("SetWeights kept the old packed kernel")
	}
}
