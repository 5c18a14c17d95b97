//go:build !purego

package conv

import "golang.org/x/sys/cpu"

// One run writes the assembly of conv and pool.
//
//go:generate go run ../tools/asmgen -root ..

// convKernel is the signature of the generated micro-kernels in
// asm_amd64.s: kernelSet.block with pointers, offsets in float32 elements,
// mask selecting the lanes of the last vector of filters (k-mask bits for
// Zmm, a lane count for Ymm), and flags&1 for accumulate.
type convKernel func(dst, x, w, bias *float32, taps *tap, ntaps, xo, xs, ws, ds, nblk int, mask uint64, flags int)

// dwKernel is the signature of the generated channel-wise kernels:
// kernelSet.dw with pointers, offsets in float32 elements, and mask as in
// convKernel.
type dwKernel func(dst, x, w, bias *float32, taps *tap, ntaps, xo, xs, ds, nblk int, mask uint64)

var (
	hasZmm = cpu.X86.HasAVX512F
	hasYmm = cpu.X86.HasAVX2 && cpu.X86.HasFMA

	zmmKernels = &kernelSet{name: "avx512", lanes: 16, maxP: maxPs(convZmmKernels[:]), block: blockZmm,
		dw: dwZmm, dwMaxP: maxPs(dwZmmKernels[:])}
	ymmKernels = &kernelSet{name: "avx2", lanes: 8, maxP: maxPs(convYmmKernels[:]), block: blockYmm,
		dw: dwYmm, dwMaxP: maxPs(dwYmmKernels[:])}

	// best is the kernel set forward uses: the widest the CPU runs.
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

func maxPs[K any](t [][]K) []int {
	m := make([]int, len(t))
	for j := 1; j < len(t); j++ {
		m[j] = len(t[j]) - 1
	}
	return m
}

// fmaPeak runs the FMA-peak loop of the widest vectors the CPU has for n
// iterations and returns the flops it computed, or 0 without FMA.
func fmaPeak(n int) int {
	switch {
	case hasZmm:
		fmaPeakZmm(n)
		return n * 24 * 32
	case hasYmm:
		fmaPeakYmm(n)
		return n * 12 * 16
	}
	return 0
}

func blockZmm(dst, x, w, bias []float32, taps []tap, xo, xs, ws, ds, nf, P, nblk int, accumulate bool) {
	j := (nf + 15) / 16
	mask := uint64(1)<<(nf-(j-1)*16) - 1
	runAsm(convZmmKernels[j][P], dst, x, w, bias, taps, xo, xs, ws, ds, nf, P, nblk, mask, accumulate)
}

func blockYmm(dst, x, w, bias []float32, taps []tap, xo, xs, ws, ds, nf, P, nblk int, accumulate bool) {
	j := (nf + 7) / 8
	lanes := uint64(nf - (j-1)*8)
	runAsm(convYmmKernels[j][P], dst, x, w, bias, taps, xo, xs, ws, ds, nf, P, nblk, lanes, accumulate)
}

func runAsm(k convKernel, dst, x, w, bias []float32, taps []tap, xo, xs, ws, ds, nf, P, nblk int, mask uint64, accumulate bool) {
	if nblk < 1 || len(dst) < (nblk*P-1)*ds+nf || len(w) < nf || !inside(x, w, taps, xo, (nblk*P-1)*xs, ws, nf) {
		panic("conv: kernel block out of range")
	}
	var bp *float32
	if bias != nil {
		bp = &bias[0]
	}
	var tp *tap
	if len(taps) > 0 {
		tp = &taps[0]
	}
	flags := 0
	if accumulate {
		flags = 1
	}
	k(&dst[0], &x[0], &w[0], bp, tp, len(taps), xo, xs, ws, ds, nblk, mask, flags)
}

// inside reports whether every x and w index a block reads lies inside its
// slice: x[xo + t.x + p·xs + i] for p·xs in [0, span] and i < t.n, and
// w[t.w + i·ws + f] for f < nf. The assembly has no bounds checks, so a
// bad index would read outside the Go heap, or fault, instead of panicking.
func inside(x, w []float32, taps []tap, xo, span, ws, nf int) bool {
	if span < 0 || ws < 0 {
		return false
	}
	for _, t := range taps {
		if t.n < 1 {
			continue
		}
		if lo := xo + t.x; lo < 0 || lo+span+t.n > len(x) || t.w < 0 || t.w+(t.n-1)*ws+nf > len(w) {
			return false
		}
	}
	return true
}

func hasFMAPeak() bool { return hasZmm || hasYmm }

func dwZmm(dst, x, w, bias []float32, taps []tap, xo, xs, ds, nf, P, nblk int) {
	j := (nf + 15) / 16
	mask := uint64(1)<<(nf-(j-1)*16) - 1
	runDw(dwZmmKernels[j][P], dst, x, w, bias, taps, xo, xs, ds, nf, P, nblk, mask)
}

func dwYmm(dst, x, w, bias []float32, taps []tap, xo, xs, ds, nf, P, nblk int) {
	j := (nf + 7) / 8
	runDw(dwYmmKernels[j][P], dst, x, w, bias, taps, xo, xs, ds, nf, P, nblk, uint64(nf-(j-1)*8))
}

func runDw(k dwKernel, dst, x, w, bias []float32, taps []tap, xo, xs, ds, nf, P, nblk int, mask uint64) {
	span := (nblk*P - 1) * xs
	if nblk < 1 || nf < 1 || len(dst) < (nblk*P-1)*ds+nf || bias != nil && len(bias) < nf || span < 0 {
		panic("conv: channel-wise block out of range")
	}
	for _, t := range taps {
		if lo := xo + t.x; lo < 0 || lo+span+nf > len(x) || t.w < 0 || t.w+nf > len(w) {
			panic("conv: channel-wise block out of range")
		}
	}
	var bp *float32
	if bias != nil {
		bp = &bias[0]
	}
	var tp *tap
	if len(taps) > 0 {
		tp = &taps[0]
	}
	k(&dst[0], &x[0], &w[0], bp, tp, len(taps), xo, xs, ds, nblk, mask)
}
