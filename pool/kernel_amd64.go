//go:build !purego

package pool

import "golang.org/x/sys/cpu"

// The assembly is generated with conv's: see the go:generate line in
// conv/kernel_amd64.go.

var (
	// The Zmm kernels use VRANGEPS (AVX512DQ) for a max that matches Go's.
	hasZmm = cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ
	hasYmm = cpu.X86.HasAVX2

	zmmKernels = &kernelSet{name: "avx512", run: runZmm}
	ymmKernels = &kernelSet{name: "avx2", run: runYmm}

	// best is the kernel set maxPool and avgPool use: the widest the CPU runs.
	best = pick()
)

func pick() *kernelSet {
	switch {
	case hasZmm:
		return zmmKernels
	case hasYmm:
		return ymmKernels
	}
	return genericKernels
}

// kernelSets lists every kernel set this build and CPU can run, for tests
// and benchmarks that compare them.
func kernelSets() []*kernelSet {
	s := []*kernelSet{genericKernels}
	if hasYmm {
		s = append(s, ymmKernels)
	}
	if hasZmm {
		s = append(s, zmmKernels)
	}
	return s
}

func runZmm(dst, x []float32, offs []int, npix, xo, xs, n int, avg bool, div float32) {
	check(dst, x, offs, npix, xo, xs, n)
	mask := uint64(1)<<(n%16) - 1
	if avg {
		poolAvgZmm(&dst[0], &x[0], &offs[0], len(offs), npix, xo, xs, n, mask, div)
	} else {
		poolMaxZmm(&dst[0], &x[0], &offs[0], len(offs), npix, xo, xs, n, mask)
	}
}

func runYmm(dst, x []float32, offs []int, npix, xo, xs, n int, avg bool, div float32) {
	check(dst, x, offs, npix, xo, xs, n)
	lanes := uint64(n % 8)
	if avg {
		poolAvgYmm(&dst[0], &x[0], &offs[0], len(offs), npix, xo, xs, n, lanes, div)
	} else {
		poolMaxYmm(&dst[0], &x[0], &offs[0], len(offs), npix, xo, xs, n, lanes)
	}
}

// check panics unless every index a run touches is inside its slice:
// dst[p·n + c] and x[xo + p·xs + o + c] for p < npix, c < n and o in offs.
// The assembly has no bounds checks, so a bad index would read outside the
// Go heap, or fault, instead of panicking.
func check(dst, x []float32, offs []int, npix, xo, xs, n int) {
	if len(offs) == 0 || npix < 1 || n < 1 || len(dst) < npix*n {
		panic("pool: kernel run out of range")
	}
	lo, hi := offs[0], offs[0]
	for _, o := range offs[1:] {
		lo, hi = min(lo, o), max(hi, o)
	}
	if xo+lo < 0 || xs < 0 || xo+(npix-1)*xs+hi+n > len(x) {
		panic("pool: kernel run out of range")
	}
}
