package main

import (
	"fmt"
	"strings"

	"github.com/mmcloughlin/avo/attr"
	"github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// dwMaxP[j] is the largest block of output pixels generated for j vectors
// of filters in the channel-wise kernels: the accumulators (j·P) and the
// weights (j) fit the register file, with a temporary and the lane mask
// besides for Ymm, which has no masked memory operands.
var dwMaxP = map[string][]int{
	"Zmm": {0, 8, 8, 8, 6},
	"Ymm": {0, 8, 6, 3, 2},
}

const dwSig = "func(dst, x, w, bias *float32, taps *[3]int, ntaps, xo, xs, ds, nblk int, mask uint64)"

// genDw emits the channel-wise micro-kernels of v and their table, and
// writes their Go declarations to g.
func genDw(c *build.Context, v isa, g *strings.Builder) {
	mp := dwMaxP[v.name]
	var table strings.Builder
	fmt.Fprintf(&table, "// dw%sKernels[j][p] is the %s channel-wise kernel for j vectors of filters and p pixels.\n", v.name, v.name)
	fmt.Fprintf(&table, "var dw%sKernels = [%d][]dwKernel{\n", v.name, len(mp))
	table.WriteString("\tnil,\n")
	for j := 1; j < len(mp); j++ {
		table.WriteString("\t{nil,")
		for p := 1; p <= mp[j]; p++ {
			name := fmt.Sprintf("dw%s%dx%d", v.name, j, p)
			dwKernel(c, v, name, j, p)
			fmt.Fprintf(g, "// %s computes nblk blocks of %d pixels × %d vectors of %d filters\n// of channel-wise convolution (kernelSet.dw, see dwKernel).\n//\n//go:noescape\nfunc %s(dst, x, w, bias *float32, taps *tap, ntaps, xo, xs, ds, nblk int, mask uint64)\n\n",
				name, p, j, v.width/4, name)
			fmt.Fprintf(&table, " %s,", name)
		}
		table.WriteString("},\n")
	}
	table.WriteString("}\n\n")
	g.WriteString(table.String())
}

// dwKernel emits one channel-wise micro-kernel: nblk blocks of P output
// pixels of one row times J vectors of filters, each lane reading its own
// input value. In Go, with offsets and strides in float32 elements:
//
//	for b := 0; b < nblk; b, dst, xo = b+1, dst[P·ds:], xo+P·xs:
//		for p < P, f < J·lanes: acc[p][f] = bias != nil ? bias[f] : 0
//		for t := range taps[:ntaps]:
//			for p, f: acc[p][f] += x[xo + t.x + p·xs + f] · w[t.w + f]
//		dst[p·ds + f] = acc[p][f]
//
// where the last vector of filters is masked (mask: the k-mask bits for
// Zmm, the lane count for Ymm); masked lanes read and write nothing.
func dwKernel(c *build.Context, v isa, name string, J, P int) {
	c.Function(name)
	c.Attributes(attr.NOSPLIT)
	c.Pragma("noescape")
	c.SignatureExpr(dwSig)
	c.Doc(fmt.Sprintf("%s computes blocks of %d output pixels × %d vectors of filters, channel-wise.", name, P, J))

	isZ := v.name == "Zmm"
	acc := func(p, j int) reg.VecPhysical { return v.regs[p*J+j] }
	wv := func(j int) reg.VecPhysical { return v.regs[P*J+j] }
	need := P*J + J
	var tmp, mreg reg.VecPhysical
	if !isZ {
		tmp, mreg = v.regs[need], v.regs[need+1]
		need += 2
	}
	if need > len(v.regs) {
		panic(name + ": too many registers")
	}
	last := J - 1
	arg := func(name string) Mem { return paramAddr(c, name) }

	m := c.GP64()
	c.Load(c.Param("mask"), m)
	if isZ {
		c.KMOVW(m.As32(), reg.K1)
	} else {
		c.VMOVDQU(Mem{Base: ymmMaskAddr(c, m)}, mreg)
	}
	load := func(j int, src Mem, dst reg.VecPhysical) {
		switch {
		case j != last:
			c.VMOVUPS(src, dst)
		case isZ:
			c.VMOVUPS_Z(src, reg.K1, dst)
		default:
			c.VMASKMOVPS(src, mreg, dst)
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

	c.Label("block")
	{
		bias := c.GP64()
		c.Load(c.Param("bias"), bias)
		c.TESTQ(bias, bias)
		c.JZ(LabelRef("zero"))
		for j := 0; j < J; j++ {
			load(j, Mem{Base: bias, Disp: j * v.width}, acc(0, j))
			for p := 1; p < P; p++ {
				c.VMOVUPS(acc(0, j), acc(p, j))
			}
		}
		c.JMP(LabelRef("taps"))
	}
	c.Label("zero")
	for p := 0; p < P; p++ {
		for j := 0; j < J; j++ {
			zero(acc(p, j))
		}
	}

	c.Label("taps")
	tp, cnt, wb, xs, xs3, wp := c.GP64(), c.GP64(), c.GP64(), c.GP64(), c.GP64(), c.GP64()
	c.Load(c.Param("ntaps"), cnt)
	c.TESTQ(cnt, cnt)
	c.JZ(LabelRef("store"))
	c.Load(c.Param("taps"), tp)
	c.Load(c.Param("w"), wb)
	c.Load(c.Param("xs"), xs)
	c.SHLQ(U8(2), xs)
	c.LEAQ(Mem{Base: xs, Index: xs, Scale: 2}, xs3)

	// Pixel p reads at base + p·xs (see pixelAddr).
	px := newPixelAddr(c, P, xs, xs3)
	addr := px.At

	c.Label("tap")
	c.MOVQ(Mem{Base: tp}, px.Base0())
	c.LEAQ(Mem{Base: xb, Index: px.Base0(), Scale: 4}, px.Base0())
	c.MOVQ(Mem{Base: tp, Disp: 8}, wp)
	c.LEAQ(Mem{Base: wb, Index: wp, Scale: 4}, wp)
	px.Bases(c)

	for j := 0; j < J; j++ {
		load(j, Mem{Base: wp, Disp: j * v.width}, wv(j))
	}
	for p := 0; p < P; p++ {
		for j := 0; j < J; j++ {
			src := addr(p, j*v.width)
			switch {
			case j != last:
				c.VFMADD231PS(src, wv(j), acc(p, j))
			case isZ:
				// Merge-masked: the masked lanes neither change nor load.
				c.VFMADD231PS(src, wv(j), reg.K1, acc(p, j))
			default:
				c.VMASKMOVPS(src, mreg, tmp)
				c.VFMADD231PS(tmp, wv(j), acc(p, j))
			}
		}
	}
	c.ADDQ(U8(24), tp)
	c.DECQ(cnt)
	c.JNZ(LabelRef("tap"))

	c.Label("store")
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
					c.VMOVUPS(acc(p, j), dst)
				case isZ:
					c.VMOVUPS(acc(p, j), reg.K1, dst)
				default:
					c.VMASKMOVPS(acc(p, j), mreg, dst)
				}
			}
			c.ADDQ(ds, d)
		}
		c.MOVQ(d, arg("dst"))
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
