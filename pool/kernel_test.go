package pool

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/convlings/convlings/padding"
)

// caseGeom is one pooling to compare kernels on.
type caseGeom struct {
	n, c    int
	in, k   [3]int
	s       [3]int
	mode    padding.Mode
	avg     bool
	special bool // sprinkle NaN, ±Inf and ±0 into the input
}

func (cg caseGeom) String() string {
	op := "max"
	if cg.avg {
		op = "avg"
	}
	return fmt.Sprintf("%s_N%d_in%v_C%d_k%v_s%v_%v_special=%v", op, cg.n, cg.in, cg.c, cg.k, cg.s, cg.mode, cg.special)
}

func (cg caseGeom) geom() (geom, bool) {
	g := geom{N: cg.n, C: cg.c, In: cg.in, K: cg.k, Stride: cg.s}
	for a := 0; a < 3; a++ {
		out, before, _ := padding.Axis(cg.in[a], cg.k[a], cg.s[a], 1, cg.mode)
		if out <= 0 {
			return g, false
		}
		g.Out[a], g.Pad[a] = out, before
	}
	return g, true
}

// guarded returns a slice of n values at an odd offset inside a larger
// buffer whose other cells hold guard.
func guarded(n, off int, guard float32) (buf, s []float32) {
	buf = make([]float32, off+n+41)
	for i := range buf {
		buf[i] = guard
	}
	return buf, buf[off : off+n : off+n]
}

// same reports whether got matches want exactly: the same bits, or both
// NaN. Every kernel adds a window's cells in the same order and divides
// as the generic code does, so even averages match to the bit. Only where
// exactZero is false (the AVX2 max) may a zero differ in sign.
func same(got, want float32, exactZero bool) bool {
	if math.IsNaN(float64(want)) {
		return math.IsNaN(float64(got))
	}
	if !exactZero {
		return got == want
	}
	return math.Float32bits(got) == math.Float32bits(want)
}

func comparePool(t *testing.T, r *rand.Rand, cg caseGeom) {
	t.Helper()
	g, ok := cg.geom()
	if !ok {
		return
	}
	nx := g.N * g.In[0] * g.In[1] * g.In[2] * g.C
	ny := g.N * g.Out[0] * g.Out[1] * g.Out[2] * g.C
	// Input guards are NaN: a kernel that reads one yields NaN.
	_, x := guarded(nx, 1+r.IntN(5), float32(math.NaN()))
	specials := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0, float32(math.Copysign(0, -1))}
	for i := range x {
		x[i] = r.Float32()*2 - 1
		if cg.special && r.IntN(8) == 0 {
			x[i] = specials[r.IntN(len(specials))]
		}
	}
	want := make([]float32, ny)
	if cg.avg {
		avgGeneric(want, x, &g)
	} else {
		maxGeneric(want, x, &g)
	}
	const guard = float32(-4242.25)
	for _, k := range kernelSets() {
		off := 1 + r.IntN(7)
		buf, got := guarded(ny, off, guard)
		for i := range got {
			got[i] = float32(math.NaN())
		}
		poolWith(k, got, x, &g, cg.avg)
		for i, v := range buf {
			if (i < off || i >= off+ny) && math.Float32bits(v) != math.Float32bits(guard) {
				t.Fatalf("%s: %v: guard cell %d (slice is [%d, %d)) changed to %v", k.name, cg, i, off, off+ny, v)
			}
		}
		// VMAXPS, which the AVX2 kernel uses, may return −0 for max(−0, +0).
		exactZero := cg.avg || k.name != "avx2"
		for i := range want {
			if !same(got[i], want[i], exactZero) {
				t.Fatalf("%s: %v: dst[%d] = %v, want %v", k.name, cg, i, got[i], want[i])
			}
		}
	}
}

// TestKernelsMatchGeneric compares every kernel set with maxGeneric and
// avgGeneric on random small shapes: every channel count up to 70 (every
// remainder of 16 and 8, and several whole vectors), ranks 1 to 3, both
// paddings, strides, windows larger than the input under 'same', odd
// offsets, and inputs with NaN, ±Inf and ±0.
func TestKernelsMatchGeneric(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for c := 1; c <= 70; c++ {
		for _, avg := range []bool{false, true} {
			cg := caseGeom{n: 1, c: c, in: [3]int{1, 1 + r.IntN(6), 1 + r.IntN(12)}, k: [3]int{1, 1 + r.IntN(3), 1 + r.IntN(3)},
				s: [3]int{1, 1 + r.IntN(2), 1 + r.IntN(3)}, mode: padding.Mode(c % 2), avg: avg, special: c%5 == 0}
			comparePool(t, r, cg)
		}
	}
	for i := 0; i < 400; i++ {
		rank := 1 + r.IntN(3)
		cg := caseGeom{n: 1 + r.IntN(2), c: 1 + r.IntN(40), mode: padding.Mode(r.IntN(2)), avg: i%2 == 0, special: i%3 == 0}
		for a := 0; a < 3; a++ {
			cg.in[a], cg.k[a], cg.s[a] = 1, 1, 1
			if a >= 3-rank {
				cg.in[a] = 1 + r.IntN(10)
				cg.k[a] = 1 + r.IntN(4)
				cg.s[a] = 1 + r.IntN(3)
			}
		}
		comparePool(t, r, cg)
	}
}

// TestKernelsParallel makes every call big enough to be split across
// goroutines.
func TestKernelsParallel(t *testing.T) {
	defer func(b int) { parallelBytes = b }(parallelBytes)
	parallelBytes = 1
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := rand.New(rand.NewPCG(13, 14))
	for i := 0; i < 40; i++ {
		cg := caseGeom{n: 1 + r.IntN(3), c: 1 + r.IntN(40), in: [3]int{1, 1 + r.IntN(9), 1 + r.IntN(9)},
			k: [3]int{1, 1 + r.IntN(3), 1 + r.IntN(3)}, s: [3]int{1, 1 + r.IntN(2), 1 + r.IntN(2)},
			mode: padding.Mode(i % 2), avg: i%3 == 0}
		comparePool(t, r, cg)
	}
}

// TestMaxSpecialValues pins max pooling's treatment of NaN and signed zeros
// on every kernel set: NaN wins wherever it is in the window, and
// max(−0, +0) is +0 in either order, as with Go's max.
func TestMaxSpecialValues(t *testing.T) {
	nan, negZero := float32(math.NaN()), float32(math.Copysign(0, -1))
	for _, tc := range []struct {
		name string
		a, b float32
		want float32
	}{
		{"nan_first", nan, 1, nan},
		{"nan_second", 1, nan, nan},
		{"neg_zero_first", negZero, 0, 0},
		{"neg_zero_second", 0, negZero, 0},
		{"neg_inf", float32(math.Inf(-1)), -3, -3},
	} {
		for _, k := range kernelSets() {
			for _, c := range []int{1, 16, 64, 67} { // tail only, one vector, the unrolled loop, both
				g := geom{N: 1, In: [3]int{1, 1, 2}, C: c, K: [3]int{1, 1, 2}, Stride: [3]int{1, 1, 2}, Out: [3]int{1, 1, 1}}
				x := make([]float32, 2*c)
				for i := 0; i < c; i++ {
					x[i], x[c+i] = tc.a, tc.b
				}
				dst := make([]float32, c)
				poolWith(k, dst, x, &g, false)
				for i, v := range dst {
					ok := math.IsNaN(float64(tc.want)) && math.IsNaN(float64(v)) ||
						math.Float32bits(v) == math.Float32bits(tc.want) ||
						k.name == "avx2" && v == tc.want
					if !ok {
						t.Fatalf("%s/%s C=%d: max(%v, %v) in channel %d = %v, want %v", k.name, tc.name, c, tc.a, tc.b, i, v, tc.want)
					}
				}
			}
		}
	}
}

// FuzzKernels compares the kernel sets with the generic code on shapes
// the fuzzer picks.
func FuzzKernels(f *testing.F) {
	f.Add(uint64(1), uint8(64), uint8(12), uint8(12), uint8(3), uint8(3), uint8(0x5), false, uint8(1))
	f.Add(uint64(2), uint8(19), uint8(7), uint8(5), uint8(2), uint8(2), uint8(0xa), true, uint8(0))
	f.Fuzz(func(t *testing.T, seed uint64, c, h, w, kh, kw, s uint8, avg bool, mode uint8) {
		cg := caseGeom{n: 1, c: 1 + int(c%80), in: [3]int{1, 1 + int(h%16), 1 + int(w%24)},
			k: [3]int{1, 1 + int(kh%5), 1 + int(kw%5)}, s: [3]int{1, 1 + int(s&3), 1 + int(s>>2&3)},
			mode: padding.Mode(mode % 2), avg: avg, special: mode&2 != 0}
		comparePool(t, rand.New(rand.NewPCG(seed, 9)), cg)
	})
}
