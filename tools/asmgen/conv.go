package main

import (
	"fmt"
	"strings"

	"github.com/mmcloughlin/avo/attr"
	"github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// isa describes one vector instruction set the kernels are generated for.
type isa struct {
	name  string // "Zmm" (AVX-512F) or "Ymm" (AVX2 + FMA)
	width int    // vector width in bytes
	regs  []reg.VecPhysical
	// maxP[j] is the largest block of output pixels generated for j vectors
	// of filters (index 0 unused). The accumulators (j·P), the weights (j)
	// and one broadcast register must fit the register file.
	maxP []int
}

var zmmRegs = []reg.VecPhysical{
	reg.Z0, reg.Z1, reg.Z2, reg.Z3, reg.Z4, reg.Z5, reg.Z6, reg.Z7,
	reg.Z8, reg.Z9, reg.Z10, reg.Z11, reg.Z12, reg.Z13, reg.Z14, reg.Z15,
	reg.Z16, reg.Z17, reg.Z18, reg.Z19, reg.Z20, reg.Z21, reg.Z22, reg.Z23,
	reg.Z24, reg.Z25, reg.Z26, reg.Z27, reg.Z28, reg.Z29, reg.Z30, reg.Z31,
}

var ymmRegs = []reg.VecPhysical{
	reg.Y0, reg.Y1, reg.Y2, reg.Y3, reg.Y4, reg.Y5, reg.Y6, reg.Y7,
	reg.Y8, reg.Y9, reg.Y10, reg.Y11, reg.Y12, reg.Y13, reg.Y14, reg.Y15,
}

var (
	// AVX-512: 32 registers. With one vector of filters the broadcast comes
	// from memory inside the FMA, so 1·P + 1 ≤ 32; otherwise j·P + j + 1 ≤ 32.
	zmm = isa{name: "Zmm", width: 64, regs: zmmRegs, maxP: []int{0, 16, 14, 9, 6}}
	// AVX2: 16 registers and no broadcast operand, so j·P + j + 1 ≤ 16.
	ymm = isa{name: "Ymm", width: 32, regs: ymmRegs, maxP: []int{0, 14, 6, 4, 2}}
)

const convSig = "func(dst, x, w, bias *float32, taps *[3]int, ntaps, xo, xs, ws, ds, nblk int, mask uint64, flags int)"

// genConv emits the convolution micro-kernels and the FMA-peak loops and
// returns the Go declarations and tables that go with them.
func genConv(c *build.Context) string {
	var g strings.Builder
	g.WriteString(`// The micro-kernels, for dst, x, w and bias as in kernelSet.block and offsets
// and strides in float32 elements:
//
//	for b := 0; b < nblk; b, dst, xo = b+1, dst[P·ds:], xo+P·xs:
//		for p < P, f < J·lanes: acc[p][f] = flags&1 != 0 ? dst[p·ds + f] : bias != nil ? bias[f] : 0
//		for t := range taps[:ntaps]:
//			for i := 0; i < t.n; i++:
//				for p, f: acc[p][f] += x[xo + t.x + p·xs + i] · w[t.w + i·ws + f]
//		dst[p·ds + f] = acc[p][f]
//
// The last vector of filters is masked: mask holds the k-mask bits (Zmm) or
// the number of lanes (Ymm) it keeps.

`)
	for _, v := range []isa{zmm, ymm} {
		if v.name == "Ymm" {
			maskTable(c)
		}
		var table strings.Builder
		fmt.Fprintf(&table, "// conv%sKernels[j][p] is the %s micro-kernel for j vectors of filters and p pixels.\n", v.name, v.name)
		fmt.Fprintf(&table, "var conv%sKernels = [%d][]convKernel{\n", v.name, len(v.maxP))
		table.WriteString("\tnil,\n")
		for j := 1; j < len(v.maxP); j++ {
			table.WriteString("\t{nil,")
			for p := 1; p <= v.maxP[j]; p++ {
				name := fmt.Sprintf("conv%s%dx%d", v.name, j, p)
				convKernel(c, v, name, j, p)
				fmt.Fprintf(&g, "// %s computes nblk blocks of %d pixels × %d vectors of %d filters\n// (kernelSet.block, see convKernel).\n//\n//go:noescape\nfunc %s(dst, x, w, bias *float32, taps *tap, ntaps, xo, xs, ws, ds, nblk int, mask uint64, flags int)\n\n",
					name, p, j, v.width/4, name)
				fmt.Fprintf(&table, " %s,", name)
			}
			table.WriteString("},\n")
		}
		table.WriteString("}\n\n")
		g.WriteString(table.String())
		genDw(c, v, &g)
		fmaPeak(c, v)
		fmt.Fprintf(&g, "// fmaPeak%s runs n iterations of %d independent %s FMAs: %d·n flops.\n//\n//go:noescape\nfunc fmaPeak%s(n int)\n\n",
			v.name, peakChains(v), v.name, peakChains(v)*2*v.width/4, v.name)
	}
	return g.String()
}

// ymmMaskMem addresses ymmMask<> in the file being generated.
var ymmMaskMem Mem

// paramAddr is the stack slot of the current function's argument name.
func paramAddr(c *build.Context, name string) Mem {
	b, err := c.Param(name).Resolve()
	if err != nil {
		panic(err)
	}
	return b.Addr
}

// ymmMaskAddr emits the address of the Ymm lane mask that keeps the first
// m lanes (see maskTable); it negates m.
func ymmMaskAddr(c *build.Context, m reg.GPVirtual) reg.GPVirtual {
	a := c.GP64()
	c.NEGQ(m)
	c.LEAQ(ymmMaskMem.Offset(32), a)
	c.LEAQ(Mem{Base: a, Index: m, Scale: 4}, a)
	return a
}

// maskTable emits ymmMask<>: eight all-ones words followed by eight zero
// words. Loading 32 bytes at ymmMask<>+4·(8−r) gives a mask of r lanes.
func maskTable(c *build.Context) {
	ymmMaskMem = c.StaticGlobal("ymmMask")
	c.DataAttributes(attr.RODATA | attr.NOPTR)
	for i := 0; i < 16; i++ {
		v := U32(0)
		if i < 8 {
			v = U32(0xffffffff)
		}
		c.AppendDatum(v)
	}
}

// convKernel emits one register-blocked micro-kernel: nblk blocks of P
// output pixels of one row times J vectors of filters. In Go, with offsets
// and strides counted in float32 elements:
//
//	for b := 0; b < nblk; b, dst, xo = b+1, dst[P·ds:], xo+P·xs:
//		for p < P, f < J·lanes: acc[p][f] = flags&1 != 0 ? dst[p·ds + f] : bias != nil ? bias[f] : 0
//		for t := range taps[:ntaps]:
//			for i := 0; i < t.n; i++:
//				for p, f: acc[p][f] += x[xo + t.x + p·xs + i] · w[t.w + i·ws + f]
//		dst[p·ds + f] = acc[p][f]
//
// where the last vector of filters is masked (mask: the k-mask bits for
// Zmm, the lane count for Ymm). Blocks with fewer than minChains
// accumulators would wait on the FMA latency, so they keep U copies of them
// (see unroll), run the loop over i U steps at a time and add the copies up
// at the end.
func convKernel(c *build.Context, v isa, name string, J, P int) {
	c.Function(name)
	c.Attributes(attr.NOSPLIT)
	c.Pragma("noescape")
	c.SignatureExpr(convSig)
	c.Doc(fmt.Sprintf("%s computes blocks of %d output pixels × %d vectors of filters.", name, P, J))

	isZ := v.name == "Zmm"
	bcastMem := isZ && J == 1 // the broadcast comes from memory inside the FMA
	U := unroll(v, J, P, bcastMem)
	acc := func(u, p, j int) reg.VecPhysical { return v.regs[(u*P+p)*J+j] }
	wv := func(u, j int) reg.VecPhysical { return v.regs[U*P*J+u*J+j] }
	tmp := v.regs[U*P*J+U*J]
	need := U*P*J + U*J + 1
	if bcastMem {
		need--
	}
	if need > len(v.regs) {
		panic(name + ": too many registers")
	}
	last := J - 1
	arg := func(name string) Mem { return paramAddr(c, name) }

	// The last vector of filters is masked: K1 for Zmm; for Ymm, the
	// address of a lane mask in ymmMask<>, kept in the mask argument's slot.
	m := c.GP64()
	c.Load(c.Param("mask"), m)
	if isZ {
		c.KMOVW(m.As32(), reg.K1)
	} else {
		c.MOVQ(ymmMaskAddr(c, m), arg("mask"))
	}
	loadLast := func(src Mem, dst reg.VecPhysical) {
		if isZ {
			c.VMOVUPS_Z(src, reg.K1, dst)
		} else {
			a := c.GP64()
			c.MOVQ(arg("mask"), a)
			c.VMOVDQU(Mem{Base: a}, tmp)
			c.VMASKMOVPS(src, tmp, dst)
		}
	}
	load := func(j int, src Mem, dst reg.VecPhysical) {
		if j == last {
			loadLast(src, dst)
		} else {
			c.VMOVUPS(src, dst)
		}
	}
	zero := func(r reg.VecPhysical) {
		if isZ {
			c.VPXORD(r, r, r)
		} else {
			c.VXORPS(r, r, r)
		}
	}

	xb := c.GP64()
	c.Load(c.Param("x"), xb)
	{
		off := c.GP64()
		c.Load(c.Param("xo"), off)
		c.LEAQ(Mem{Base: xb, Index: off, Scale: 4}, xb)
	}
	c.CMPQ(arg("nblk"), U8(0))
	c.JLE(LabelRef("done"))

	// Initial accumulators.
	c.Label("block")
	for u := 1; u < U; u++ {
		for p := 0; p < P; p++ {
			for j := 0; j < J; j++ {
				zero(acc(u, p, j))
			}
		}
	}
	c.TESTQ(U32(1), arg("flags"))
	c.JNZ(LabelRef("accumulate"))
	{
		bias := c.GP64()
		c.Load(c.Param("bias"), bias)
		c.TESTQ(bias, bias)
		c.JZ(LabelRef("zero"))
		for j := 0; j < J; j++ {
			load(j, Mem{Base: bias, Disp: j * v.width}, acc(0, 0, j))
			for p := 1; p < P; p++ {
				c.VMOVUPS(acc(0, 0, j), acc(0, p, j))
			}
		}
		c.JMP(LabelRef("taps"))
	}
	c.Label("zero")
	for p := 0; p < P; p++ {
		for j := 0; j < J; j++ {
			zero(acc(0, p, j))
		}
	}
	c.JMP(LabelRef("taps"))
	c.Label("accumulate")
	{
		d, ds := c.GP64(), c.GP64()
		c.Load(c.Param("dst"), d)
		c.Load(c.Param("ds"), ds)
		c.SHLQ(U8(2), ds)
		for p := 0; p < P; p++ {
			for j := 0; j < J; j++ {
				load(j, Mem{Base: d, Disp: j * v.width}, acc(0, p, j))
			}
			if p+1 < P {
				c.ADDQ(ds, d)
			}
		}
	}

	// The taps.
	c.Label("taps")
	taps, ntaps, wb, xs, xs3, ws := c.GP64(), c.GP64(), c.GP64(), c.GP64(), c.GP64(), c.GP64()
	c.Load(c.Param("ntaps"), ntaps)
	c.TESTQ(ntaps, ntaps)
	c.JZ(LabelRef("store"))
	c.Load(c.Param("taps"), taps)
	c.Load(c.Param("w"), wb)
	c.Load(c.Param("xs"), xs)
	c.SHLQ(U8(2), xs)
	c.LEAQ(Mem{Base: xs, Index: xs, Scale: 2}, xs3)
	c.Load(c.Param("ws"), ws)
	c.SHLQ(U8(2), ws)

	// Pixel p reads at base + p·xs (see pixelAddr).
	px := newPixelAddr(c, P, xs, xs3)
	addr := px.At

	wp, cnt := c.GP64(), c.GP64()
	var ws3 reg.GPVirtual
	if U > 2 {
		ws3 = c.GP64()
		c.LEAQ(Mem{Base: ws, Index: ws, Scale: 2}, ws3)
	}
	// wAddr addresses the weights of step u of the unrolled loop.
	wAddr := func(u, j int) Mem {
		switch u {
		case 0:
			return Mem{Base: wp, Disp: j * v.width}
		case 1, 2, 4:
			return Mem{Base: wp, Index: ws, Scale: uint8(u), Disp: j * v.width}
		case 3:
			return Mem{Base: wp, Index: ws3, Scale: 1, Disp: j * v.width}
		}
		panic("unroll too deep")
	}
	c.Label("tap")
	c.MOVQ(Mem{Base: taps}, px.Base0())
	c.LEAQ(Mem{Base: xb, Index: px.Base0(), Scale: 4}, px.Base0())
	c.MOVQ(Mem{Base: taps, Disp: 8}, wp)
	c.LEAQ(Mem{Base: wb, Index: wp, Scale: 4}, wp)
	c.MOVQ(Mem{Base: taps, Disp: 16}, cnt)
	px.Bases(c)

	// step emits the multiply-adds of steps 0..n-1 of the loop over i.
	step := func(n int) {
		for u := 0; u < n; u++ {
			for j := 0; j < J; j++ {
				load(j, wAddr(u, j), wv(u, j))
			}
		}
		for u := 0; u < n; u++ {
			for p := 0; p < P; p++ {
				if bcastMem {
					c.VFMADD231PS_BCST(addr(p, 4*u), wv(u, 0), acc(u, p, 0))
					continue
				}
				c.VBROADCASTSS(addr(p, 4*u), tmp)
				for j := 0; j < J; j++ {
					c.VFMADD231PS(tmp, wv(u, j), acc(u, p, j))
				}
			}
		}
		for _, b := range px.Regs() {
			c.ADDQ(U8(4*n), b)
		}
		switch n {
		case 1:
			c.ADDQ(ws, wp)
		case 2, 4:
			c.LEAQ(Mem{Base: wp, Index: ws, Scale: uint8(n)}, wp)
		case 3:
			c.LEAQ(Mem{Base: wp, Index: ws3, Scale: 1}, wp)
		}
	}
	if U > 1 {
		c.CMPQ(cnt, U8(U))
		c.JL(LabelRef("single"))
		c.Label("unrolled")
		step(U)
		c.SUBQ(U8(U), cnt)
		c.CMPQ(cnt, U8(U))
		c.JGE(LabelRef("unrolled"))
		c.Label("single")
		c.TESTQ(cnt, cnt)
		c.JZ(LabelRef("next"))
	}
	c.Label("inner")
	step(1)
	c.DECQ(cnt)
	c.JNZ(LabelRef("inner"))
	c.Label("next")
	c.ADDQ(U8(24), taps)
	c.DECQ(ntaps)
	c.JNZ(LabelRef("tap"))

	c.Label("store")
	for u := 1; u < U; u++ {
		for p := 0; p < P; p++ {
			for j := 0; j < J; j++ {
				c.VADDPS(acc(u, p, j), acc(0, p, j), acc(0, p, j))
			}
		}
	}
	{
		d, ds := c.GP64(), c.GP64()
		c.Load(c.Param("dst"), d)
		c.Load(c.Param("ds"), ds)
		c.SHLQ(U8(2), ds)
		for p := 0; p < P; p++ {
			for j := 0; j < J; j++ {
				dst := Mem{Base: d, Disp: j * v.width}
				switch {
				case j != last:
					c.VMOVUPS(acc(0, p, j), dst)
				case isZ:
					c.VMOVUPS(acc(0, p, j), reg.K1, dst)
				default:
					a := c.GP64()
					c.MOVQ(arg("mask"), a)
					c.VMOVDQU(Mem{Base: a}, tmp)
					c.VMASKMOVPS(acc(0, p, j), tmp, dst)
				}
			}
			c.ADDQ(ds, d) // past the block: the next block's dst
		}
		c.MOVQ(d, arg("dst"))
		// The next block's input: P·xs further.
		xsb := c.GP64()
		c.Load(c.Param("xs"), xsb)
		c.IMUL3Q(U32(4*P), xsb, xsb)
		c.ADDQ(xsb, xb)
	}
	c.DECQ(arg("nblk"))
	c.JNZ(LabelRef("block"))
	c.Label("done")
	c.VZEROUPPER()
	c.RET()
}

// minChains is the fewest independent FMA chains a block keeps: two FMA
// pipes (Zen 5, Intel's server cores) with a latency of 4 cycles need 8 to
// stay busy; one pipe (Zen 4) needs 4.
const minChains = 8

// unroll returns how many copies U of its accumulators a block of J
// vectors × P pixels keeps so that it has at least minChains independent
// FMA chains: at most 4 (the addressing modes of the unrolled loop) and no
// more than the registers hold (U·P·J accumulators, U·J weights, and one
// broadcast register unless the broadcast comes from memory).
func unroll(v isa, J, P int, bcastMem bool) int {
	U := min(4, max(1, (minChains+P*J-1)/(P*J)))
	for ; U > 1; U-- {
		need := U*P*J + U*J + 1
		if bcastMem {
			need--
		}
		if need <= len(v.regs) {
			break
		}
	}
	return U
}

// fmaPeak emits a loop of 24 independent FMA chains: enough to keep two
// FMA pipes with a latency of up to 12 cycles busy, so it runs at the
// machine's peak.
func fmaPeak(c *build.Context, v isa) {
	n := peakChains(v)
	c.Function("fmaPeak" + v.name)
	c.Attributes(attr.NOSPLIT)
	c.Pragma("noescape")
	c.SignatureExpr("func(n int)")
	c.Doc(fmt.Sprintf("fmaPeak%s runs n iterations of %d independent FMAs.", v.name, n))
	cnt := c.GP64()
	c.Load(c.Param("n"), cnt)
	a, b := v.regs[len(v.regs)-1], v.regs[len(v.regs)-2]
	for _, r := range append(v.regs[:n:n], a, b) {
		if v.name == "Zmm" {
			c.VPXORD(r, r, r)
		} else {
			c.VXORPS(r, r, r)
		}
	}
	c.TESTQ(cnt, cnt)
	c.JZ(LabelRef("done"))
	c.Label("loop")
	for i := 0; i < n; i++ {
		c.VFMADD231PS(a, b, v.regs[i])
	}
	c.DECQ(cnt)
	c.JNZ(LabelRef("loop"))
	c.Label("done")
	c.VZEROUPPER()
	c.RET()
}

// peakChains is the number of independent accumulators in fmaPeak.
func peakChains(v isa) int { return len(v.regs) * 3 / 4 }

// pixelAddr addresses the input of P pixels xs bytes apart (xs3 = 3·xs)
// from a few base registers, through the scaled index forms of xs and 3·xs.
// The caller loads base 0 (the first pixel's address) into Base0() and
// calls Bases to derive the others before using At.
type pixelAddr struct {
	forms    map[int]pixelForm
	bases    []int // the first pixel of each base register
	baseOf   []int // the base register of each pixel
	baseRegs []reg.GPVirtual
}

type pixelForm struct {
	idx   reg.GPVirtual
	scale uint8
}

func newPixelAddr(c *build.Context, P int, xs, xs3 reg.GPVirtual) *pixelAddr {
	a := &pixelAddr{
		forms:  map[int]pixelForm{1: {xs, 1}, 2: {xs, 2}, 4: {xs, 4}, 8: {xs, 8}, 3: {xs3, 1}, 6: {xs3, 2}, 12: {xs3, 4}, 24: {xs3, 8}},
		baseOf: make([]int, P),
	}
	for p := 0; p < P; p++ {
		found := false
		for bi, b := range a.bases {
			if _, ok := a.forms[p-b]; ok || p == b {
				a.baseOf[p], found = bi, true
				break
			}
		}
		if !found {
			a.bases = append(a.bases, p)
			a.baseOf[p] = len(a.bases) - 1
		}
	}
	a.baseRegs = make([]reg.GPVirtual, len(a.bases))
	for i := range a.baseRegs {
		a.baseRegs[i] = c.GP64()
	}
	return a
}

// Base0 is the register that holds pixel 0's address.
func (a *pixelAddr) Base0() reg.GPVirtual { return a.baseRegs[0] }

// Regs are the base registers, which advance together.
func (a *pixelAddr) Regs() []reg.GPVirtual { return a.baseRegs }

// Bases emits the computation of every other base register from base 0.
func (a *pixelAddr) Bases(c *build.Context) {
	steps := []int{24, 12, 8, 6, 4, 3, 2, 1} // largest first
	for i := 1; i < len(a.bases); i++ {
		cur, rest := a.baseRegs[i-1], a.bases[i]-a.bases[i-1]
		for rest > 0 {
			for _, s := range steps {
				if s <= rest {
					f := a.forms[s]
					c.LEAQ(Mem{Base: cur, Index: f.idx, Scale: f.scale}, a.baseRegs[i])
					cur, rest = a.baseRegs[i], rest-s
					break
				}
			}
		}
	}
}

// At addresses pixel p's input plus disp bytes.
func (a *pixelAddr) At(p, disp int) Mem {
	bi := a.baseOf[p]
	d := p - a.bases[bi]
	if d == 0 {
		return Mem{Base: a.baseRegs[bi], Disp: disp}
	}
	f := a.forms[d]
	return Mem{Base: a.baseRegs[bi], Index: f.idx, Scale: f.scale, Disp: disp}
}
