package main

import (
	"fmt"
	"strings"

	"github.com/mmcloughlin/avo/attr"
	"github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

const (
	poolMaxSig = "func(dst, x *float32, offs *int, noffs, npix, xo, xs, n int, mask uint64)"
	poolAvgSig = "func(dst, x *float32, offs *int, noffs, npix, xo, xs, n int, mask uint64, div float32)"
)

// genPool emits the pooling kernels and returns their Go declarations.
func genPool(c *build.Context) string {
	var g strings.Builder
	g.WriteString(`// The pooling kernels, with offsets and strides in float32 elements:
//
//	for p < npix, c < n:
//		acc := x[xo + p·xs + offs[0] + c]
//		for k := 1; k < noffs; k++:
//			acc = max(acc, x[xo + p·xs + offs[k] + c])   // avg: acc += …
//		dst[p·n + c] = acc                               // avg: acc / div
//
// with noffs ≥ 1 and npix ≥ 1. Max propagates NaN as Go's max does; the
// Zmm kernel also orders −0 < +0 as Go's max does, while the Ymm kernel may
// return −0 for max(−0, +0). mask keeps the last n mod lanes channels: the
// k-mask bits (Zmm) or a lane count (Ymm).

`)
	for _, v := range []isa{zmm, ymm} {
		if v.name == "Ymm" {
			maskTable(c)
		}
		for _, avg := range []bool{false, true} {
			name, sig := "poolMax"+v.name, poolMaxSig
			if avg {
				name, sig = "poolAvg"+v.name, poolAvgSig
			}
			poolKernel(c, v, name, sig, avg)
			op := "max"
			if avg {
				op = "average"
			}
			fmt.Fprintf(&g, "// %s computes the %s pooling of npix pixels with %s vectors.\n//\n//go:noescape\nfunc %s%s\n\n",
				name, op, v.name, name, strings.TrimPrefix(sig, "func"))
		}
	}
	return g.String()
}

// poolKernel emits a kernel that pools npix output pixels whose windows
// have the same shape. In Go, with offsets and strides in float32 elements:
//
//	for p < npix, c < n:
//		acc := x[xo + p·xs + offs[0] + c]
//		for k := 1; k < noffs; k++:
//			acc = max(acc, x[xo + p·xs + offs[k] + c])   // or acc += …
//		dst[p·n + c] = acc                               // or acc / div
//
// noffs ≥ 1 and npix ≥ 1. max propagates NaN as Go's max does. mask covers
// the last n mod lanes channels: k-mask bits for Zmm, a lane count for Ymm.
func poolKernel(c *build.Context, v isa, name, sig string, avg bool) {
	c.Function(name)
	c.Attributes(attr.NOSPLIT)
	c.Pragma("noescape")
	c.SignatureExpr(sig)
	op := "max"
	if avg {
		op = "average"
	}
	c.Doc(fmt.Sprintf("%s computes the %s over each pixel's window cells.", name, op))
	isZ := v.name == "Zmm"
	lanes := v.width / 4
	const unroll = 4
	acc := v.regs[:unroll]
	val, nan, maskv, divv := v.regs[unroll], v.regs[unroll+1], v.regs[unroll+2], v.regs[unroll+3]

	dp, xp, offs, noffs, npix, xs, n := c.GP64(), c.GP64(), c.GP64(), c.GP64(), c.GP64(), c.GP64(), c.GP64()
	c.Load(c.Param("dst"), dp)
	c.Load(c.Param("x"), xp)
	t := c.GP64()
	c.Load(c.Param("xo"), t)
	c.LEAQ(Mem{Base: xp, Index: t, Scale: 4}, xp)
	c.Load(c.Param("offs"), offs)
	c.Load(c.Param("noffs"), noffs)
	c.Load(c.Param("npix"), npix)
	c.Load(c.Param("xs"), xs)
	c.SHLQ(U8(2), xs)
	c.Load(c.Param("n"), n)
	m := c.GP64()
	c.Load(c.Param("mask"), m)
	if isZ {
		c.KMOVW(m.As32(), reg.K1)
	} else {
		c.NEGQ(m)
		c.LEAQ(ymmMaskMem.Offset(32), t)
		c.VMOVDQU(Mem{Base: t, Index: m, Scale: 4}, maskv)
	}
	if avg {
		d, err := c.Param("div").Resolve()
		if err != nil {
			panic(err)
		}
		c.VBROADCASTSS(d.Addr, divv)
	}

	// okMask[i] holds the lanes of accumulator i that have seen no NaN
	// (Zmm max only).
	okMask := []reg.OpmaskPhysical{reg.K3, reg.K4, reg.K5, reg.K6}
	accIndex := func(a reg.VecPhysical) int {
		for i, r := range acc {
			if r == a {
				return i
			}
		}
		panic("not an accumulator")
	}
	// first loads the first cell's values into a; next combines a further
	// cell's into a. masked: only the lanes under the mask, without touching
	// memory beyond them.
	var next func(src Mem, a reg.VecPhysical, masked bool)
	first := func(src Mem, a reg.VecPhysical, masked bool) {
		if avg {
			// +0 plus the first cell, as avgGeneric starts from +0: a
			// lone −0 averages to +0.
			if isZ {
				c.VPXORD(a, a, a)
			} else {
				c.VXORPS(a, a, a)
			}
			next(src, a, masked)
			return
		}
		switch {
		case !masked:
			c.VMOVUPS(src, a)
		case isZ:
			c.VMOVUPS_Z(src, reg.K1, a)
		default:
			c.VMASKMOVPS(src, maskv, a)
		}
	}
	next = func(src Mem, a reg.VecPhysical, masked bool) {
		if isZ {
			switch {
			case avg && masked:
				c.VADDPS_Z(src, a, reg.K1, a)
			case avg:
				c.VADDPS(src, a, a)
			default:
				// VRANGEPS imm 0b0101 (max, sign from the comparison) orders
				// −0 < +0 as Go's max does, but returns the number when one
				// input is NaN. So the ordered compare first clears, in the
				// vector's NaN-free mask, the lanes where either is NaN;
				// finish turns them into NaN. Masked lanes are not read.
				ok := okMask[accIndex(a)]
				if masked {
					c.VMOVUPS_Z(src, reg.K1, val)
				} else {
					c.VMOVUPS(src, val)
				}
				c.VCMPPS(U8(7), val, a, ok, ok)
				c.VRANGEPS(U8(5), val, a, a)
			}
			return
		}
		if masked {
			c.VMASKMOVPS(src, maskv, val)
		} else {
			c.VMOVUPS(src, val)
		}
		if avg {
			c.VADDPS(val, a, a)
			return
		}
		// VMAXPS returns its first (Go-order) operand when either is NaN,
		// so a NaN in a stays; a NaN in val is blended in.
		c.VMAXPS(a, val, a)
		c.VCMPPS(U8(3), val, val, nan) // unordered: val is NaN
		c.VBLENDVPS(nan, val, a, a)
	}
	start := func(i int, masked bool) {
		if isZ && !avg {
			if masked {
				c.KMOVW(reg.K1, okMask[i])
			} else {
				c.KXNORW(okMask[i], okMask[i], okMask[i])
			}
		}
	}
	finish := func(i int) {
		a := acc[i]
		switch {
		case avg:
			c.VDIVPS(divv, a, a)
		case isZ:
			// All-ones bits, a quiet NaN, in the lanes that saw one.
			c.KNOTW(okMask[i], reg.K2)
			c.VPTERNLOGD(U8(0xff), a, a, reg.K2, a)
		}
	}

	cp, o, k := c.GP64(), c.GP64(), c.GP64()
	// chunk emits the loop over offsets for vecs vectors at cp, then stores
	// them at dp and advances cp and dp.
	chunk := func(label string, vecs int, masked bool) {
		c.MOVQ(offs, o)
		c.MOVQ(Mem{Base: o}, t)
		for i := 0; i < vecs; i++ {
			first(Mem{Base: cp, Index: t, Scale: 4, Disp: i * v.width}, acc[i], masked)
			start(i, masked)
		}
		c.MOVQ(noffs, k)
		c.DECQ(k)
		c.JZ(LabelRef(label + "_store"))
		c.Label(label + "_cell")
		c.ADDQ(U8(8), o)
		c.MOVQ(Mem{Base: o}, t)
		for i := 0; i < vecs; i++ {
			next(Mem{Base: cp, Index: t, Scale: 4, Disp: i * v.width}, acc[i], masked)
		}
		c.DECQ(k)
		c.JNZ(LabelRef(label + "_cell"))
		c.Label(label + "_store")
		for i := 0; i < vecs; i++ {
			finish(i)
			dst := Mem{Base: dp, Disp: i * v.width}
			switch {
			case !masked:
				c.VMOVUPS(acc[i], dst)
			case isZ:
				c.VMOVUPS(acc[i], reg.K1, dst)
			default:
				c.VMASKMOVPS(acc[i], maskv, dst)
			}
		}
		c.ADDQ(U32(vecs*v.width), cp)
		c.ADDQ(U32(vecs*v.width), dp)
	}

	rem := c.GP64()
	c.Label("pixel")
	c.MOVQ(xp, cp)
	c.MOVQ(n, rem)
	c.Label("wide")
	c.CMPQ(rem, U32(unroll*lanes))
	c.JL(LabelRef("single"))
	chunk("wide", unroll, false)
	c.SUBQ(U32(unroll*lanes), rem)
	c.JMP(LabelRef("wide"))
	c.Label("single")
	c.CMPQ(rem, U32(lanes))
	c.JL(LabelRef("tail"))
	chunk("single", 1, false)
	c.SUBQ(U32(lanes), rem)
	c.JMP(LabelRef("single"))
	c.Label("tail")
	c.TESTQ(rem, rem)
	c.JZ(LabelRef("nextpix"))
	chunk("tail", 1, true)
	// dp moved a whole vector; step back over the lanes past n.
	c.SUBQ(U32(lanes), rem)
	c.LEAQ(Mem{Base: dp, Index: rem, Scale: 4}, dp)
	c.Label("nextpix")
	c.ADDQ(xs, xp)
	c.DECQ(npix)
	c.JNZ(LabelRef("pixel"))
	c.VZEROUPPER()
	c.RET()
}
