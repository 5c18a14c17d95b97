package conv_test

import (
	"math"
	"testing"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// This file holds the slow, obviously correct convolution that the tests
// hold the library to. It shares no code with the library but
// padding.SameSplit, the one rule it takes as given (padding has its own
// tests): it builds an explicitly zero-padded copy of the input, counts the
// windows that fit, and sums every product in float64.

// each calls fn for every index of shape in row-major order.
func each(shape []int, fn func(idx []int)) {
	for _, d := range shape {
		if d <= 0 {
			return
		}
	}
	idx := make([]int, len(shape))
	for {
		fn(idx)
		i := len(shape) - 1
		for ; i >= 0; i-- {
			idx[i]++
			if idx[i] < shape[i] {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			return
		}
	}
}

// offset returns the row-major position of idx in shape.
func offset(shape, idx []int) int {
	off := 0
	for i, v := range idx {
		off = off*shape[i] + v
	}
	return off
}

// slowResult is the reference output: the values in float64, and for each
// the sum of the absolute values of the terms, which bounds the rounding
// error of any summation order in float32.
type slowResult struct {
	shape []int
	vals  []float64
	bound []float64
}

// slowConv convolves x (N, spatial…, C) with kernel (k…, C, F) the direct
// way. It returns ok = false when a 'valid' window does not fit.
func slowConv(x *tensor.Tensor, kernel, bias []float32, ks, st, dl []int, filters int, same bool) (slowResult, bool) {
	mode := "valid"
	if same {
		mode = "same"
	}
	return slowConvWith(x, kernel, bias, ks, st, dl, filters, slowOpts{padding: mode})
}

// slowOpts are the Keras options the reference computes besides the
// defaults: the padding ("valid", "same" or "causal"), groups (0 means 1)
// and channels_first.
type slowOpts struct {
	padding string
	groups  int
	chFirst bool
}

// slowConvWith is slowConv with every option. Under channels_first it moves
// x to channels-last, computes there and moves the result back, index by
// index. Causal padding is Keras's definition: k_eff − 1 zeros before each
// axis, then the windows that fit, as under 'valid'. With groups, filter f
// of F reads input channel g·C/G + c for kernel channel c, where
// g = f / (F/G): Keras's contiguous groups.
func slowConvWith(x *tensor.Tensor, kernel, bias []float32, ks, st, dl []int, filters int, o slowOpts) (slowResult, bool) {
	if o.chFirst {
		res, ok := slowConvWith(toLast(x), kernel, bias, ks, st, dl, filters, slowOpts{padding: o.padding, groups: o.groups})
		if ok {
			res = res.toFirst()
		}
		return res, ok
	}
	same := o.padding == "same"
	groups := max(o.groups, 1)
	r := len(ks)
	xs := []int(x.Shape)
	n, c := xs[0], xs[r+1]
	cg, fg := c/groups, filters/groups

	// The padded copy.
	before := make([]int, r)
	pshape := append([]int(nil), xs...)
	for a := 0; a < r; a++ {
		if same {
			b, e := padding.SameSplit(xs[1+a], ks[a], st[a], dl[a])
			before[a] = b
			pshape[1+a] += b + e
		}
		if o.padding == "causal" {
			before[a] = (ks[a] - 1) * dl[a]
			pshape[1+a] += before[a]
		}
	}
	xp := make([]float64, tensor.Shape(pshape).Size())
	pidx := make([]int, len(xs))
	each(xs, func(idx []int) {
		copy(pidx, idx)
		for a := 0; a < r; a++ {
			pidx[1+a] += before[a]
		}
		xp[offset(pshape, pidx)] = float64(x.Data[offset(xs, idx)])
	})

	// The windows: under 'valid' as many as fit; under 'same' ceil(n/s),
	// each of which must fit in the padded input.
	oshape := []int{n}
	for a := 0; a < r; a++ {
		span := (ks[a] - 1) * dl[a]
		o := 0
		if same {
			o = (xs[1+a] + st[a] - 1) / st[a]
			if (o-1)*st[a]+span >= pshape[1+a] {
				panic("slowConv: 'same' window outside the padded input")
			}
		} else {
			for o*st[a]+span < pshape[1+a] {
				o++
			}
		}
		if o <= 0 {
			return slowResult{}, false
		}
		oshape = append(oshape, o)
	}
	oshape = append(oshape, filters)

	res := slowResult{shape: oshape, vals: make([]float64, tensor.Shape(oshape).Size()), bound: make([]float64, tensor.Shape(oshape).Size())}
	kshape := append(append([]int(nil), ks...), cg)
	wshape := append(append([]int(nil), ks...), cg, filters)
	xi := make([]int, len(xs))
	wi := make([]int, len(wshape))
	each(oshape, func(o []int) {
		f := o[r+1]
		acc, abs := 0.0, 0.0
		if bias != nil {
			acc, abs = float64(bias[f]), math.Abs(float64(bias[f]))
		}
		each(kshape, func(k []int) {
			xi[0] = o[0]
			for a := 0; a < r; a++ {
				xi[1+a] = o[1+a]*st[a] + k[a]*dl[a]
			}
			xi[r+1] = (f/fg)*cg + k[r]
			copy(wi, k)
			wi[r+1] = f
			p := xp[offset(pshape, xi)] * float64(kernel[offset(wshape, wi)])
			acc += p
			abs += math.Abs(p)
		})
		i := offset(oshape, o)
		res.vals[i], res.bound[i] = acc, abs
	})
	return res, true
}

// toLast returns x (N, C, spatial…) moved to (N, spatial…, C).
func toLast(x *tensor.Tensor) *tensor.Tensor {
	s := []int(x.Shape)
	r := len(s) - 2
	ls := append(append([]int{s[0]}, s[2:]...), s[1])
	y := &tensor.Tensor{Shape: tensor.Shape(ls), Data: make([]float32, len(x.Data))}
	li := make([]int, len(s))
	each(s, func(idx []int) {
		li[0], li[r+1] = idx[0], idx[1]
		copy(li[1:r+1], idx[2:])
		y.Data[offset(ls, li)] = x.Data[offset(s, idx)]
	})
	return y
}

// toFirst returns the result moved from (N, spatial…, F) to (N, F, spatial…).
func (res slowResult) toFirst() slowResult {
	s := res.shape
	r := len(s) - 2
	fs := append([]int{s[0], s[r+1]}, s[1:r+1]...)
	out := slowResult{shape: fs, vals: make([]float64, len(res.vals)), bound: make([]float64, len(res.bound))}
	fi := make([]int, len(s))
	each(s, func(idx []int) {
		fi[0], fi[1] = idx[0], idx[r+1]
		copy(fi[2:], idx[1:r+1])
		out.vals[offset(fs, fi)] = res.vals[offset(s, idx)]
		out.bound[offset(fs, fi)] = res.bound[offset(s, idx)]
	})
	return out
}

// tolerance is the relative error allowed against the float64 reference,
// scaled by the sum of the absolute terms: float32 summation in any order
// stays well within it (2^-24 per operation), while any wrong tap, wrong
// padding cell or wrong weight changes a value by far more.
const tolerance = 1e-5

// checkClose compares got with the reference and reports the first value
// out of tolerance with its index.
func checkClose(t *testing.T, call string, got *tensor.Tensor, want slowResult) {
	t.Helper()
	if !got.Shape.Equal(tensor.Shape(want.shape)) {
		t.Fatalf("%s: shape %s, want %s", call, got.Shape.Dims(), tensor.Shape(want.shape).Dims())
	}
	for i, w := range want.vals {
		g := float64(got.Data[i])
		if math.Abs(g-w) > tolerance*want.bound[i]+1e-6 || math.IsNaN(g) {
			t.Fatalf("%s: at %v got %v, want %v (±%.2g)", call, got.Unravel(i), g, w, tolerance*want.bound[i]+1e-6)
		}
	}
}
