package pool_test

import (
	"math"
	"testing"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// This file holds the slow, obviously correct pooling that the tests hold
// the library to. It shares no code with the library but
// padding.SameSplit: it builds an explicitly padded copy of the input in
// which every cell records whether it is real, counts the windows that
// fit, and takes the max or the float64 mean over each window's real cells.

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

func offset(shape, idx []int) int {
	off := 0
	for i, v := range idx {
		off = off*shape[i] + v
	}
	return off
}

type cell struct {
	v    float64
	real bool
}

// slowPool pools x (N, spatial…, C). It returns ok = false when a 'valid'
// window does not fit.
func slowPool(x *tensor.Tensor, ps, st []int, same, avg bool) (shape []int, vals []float64, ok bool) {
	r := len(ps)
	xs := []int(x.Shape)
	before := make([]int, r)
	pshape := append([]int(nil), xs...)
	for a := 0; a < r; a++ {
		if same {
			b, e := padding.SameSplit(xs[1+a], ps[a], st[a], 1)
			before[a] = b
			pshape[1+a] += b + e
		}
	}
	xp := make([]cell, tensor.Shape(pshape).Size())
	pidx := make([]int, len(xs))
	each(xs, func(idx []int) {
		copy(pidx, idx)
		for a := 0; a < r; a++ {
			pidx[1+a] += before[a]
		}
		xp[offset(pshape, pidx)] = cell{float64(x.Data[offset(xs, idx)]), true}
	})
	oshape := []int{xs[0]}
	for a := 0; a < r; a++ {
		o := 0
		if same {
			o = (xs[1+a] + st[a] - 1) / st[a]
			if (o-1)*st[a]+ps[a] > pshape[1+a] {
				panic("slowPool: 'same' window outside the padded input")
			}
		} else {
			for o*st[a]+ps[a] <= pshape[1+a] {
				o++
			}
		}
		if o <= 0 {
			return nil, nil, false
		}
		oshape = append(oshape, o)
	}
	oshape = append(oshape, xs[r+1])
	vals = make([]float64, tensor.Shape(oshape).Size())
	xi := make([]int, len(xs))
	each(oshape, func(o []int) {
		sum, count, best := 0.0, 0, math.Inf(-1)
		each(ps, func(k []int) {
			xi[0], xi[r+1] = o[0], o[r+1]
			for a := 0; a < r; a++ {
				xi[1+a] = o[1+a]*st[a] + k[a]
			}
			if c := xp[offset(pshape, xi)]; c.real {
				sum += c.v
				count++
				best = max(best, c.v)
			}
		})
		if count == 0 {
			panic("slowPool: a window without a real cell")
		}
		v := best
		if avg {
			v = sum / float64(count)
		}
		vals[offset(oshape, o)] = v
	})
	return oshape, vals, true
}

// checkClose compares got with the reference: max pooling exactly (it only
// picks a value), average pooling within a relative 1e-5 of the window's
// largest magnitude, which float32 summation of up to a few hundred cells
// stays well inside.
func checkClose(t *testing.T, call string, got *tensor.Tensor, shape []int, want []float64, tol float64, x *tensor.Tensor) {
	t.Helper()
	if !got.Shape.Equal(tensor.Shape(shape)) {
		t.Fatalf("%s: shape %s, want %s", call, got.Shape.Dims(), tensor.Shape(shape).Dims())
	}
	scale := 0.0
	for _, v := range x.Data {
		scale = max(scale, math.Abs(float64(v)))
	}
	for i, w := range want {
		g := float64(got.Data[i])
		if math.Abs(g-w) > tol*scale || math.IsNaN(g) {
			t.Fatalf("%s: at %v got %v, want %v", call, got.Unravel(i), g, w)
		}
	}
}
