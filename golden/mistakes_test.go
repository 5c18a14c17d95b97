package golden_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/convlings/convlings/golden"
	sfilters "github.com/convlings/convlings/solutions/filters"
	spadding "github.com/convlings/convlings/solutions/padding"
	spooling "github.com/convlings/convlings/solutions/pooling"
	sstacking "github.com/convlings/convlings/solutions/stacking"
	"github.com/convlings/convlings/tensor"
)

// The mistakes learners make, each built by bending the solutions in one
// way. Every mistake must fail at least one exercise: that is what makes the
// golden cases and the tolerance good enough.
var mistakes = []struct {
	name  string
	apply func(k *kit)
	// caughtBy lists exercises that must fail: the ones the cases were
	// designed for. Others may fail too.
	caughtBy []string
}{
	{
		name: "a symmetric 'same' split with the extra zero first (before, not after)",
		apply: func(k *kit) {
			k.padding.SamePadding = func(n, kk, s int) (int, int, error) {
				before, after, err := spadding.SamePadding(n, kk, s)
				return after, before, err
			}
			k.padding.DilatedAxis = func(n, kk, s, d int, p string) (int, int, int, error) {
				out, before, after, err := spadding.DilatedAxis(n, kk, s, d, p)
				return out, after, before, err
			}
			// Padding a conv input by hand with the extra zero first shifts every window.
			k.filters.Conv2DStrided = func(x, kernel *tensor.Tensor, bias []float32, s [2]int, p string) (*tensor.Tensor, error) {
				return convPaddedByHand(x, kernel, bias, s, p, func(n, kk, st int) (int, int) {
					b, a, _ := spadding.SamePadding(n, kk, st)
					return a, b
				})
			}
		},
		caughtBy: []string{"padding/same_padding", "padding/dilated_axis", "filters/conv2d_strided"},
	},
	{
		name: "k/2 zeros on each side for an even kernel, as the post says",
		apply: func(k *kit) {
			half := func(n, kk, s int) (int, int) {
				if kk%2 == 0 {
					return kk / 2, kk / 2
				}
				b, a, _ := spadding.SamePadding(n, kk, s)
				return b, a
			}
			k.padding.SamePadding = func(n, kk, s int) (int, int, error) {
				if _, _, err := spadding.SamePadding(n, kk, s); err != nil {
					return 0, 0, err
				}
				b, a := half(n, kk, s)
				return b, a, nil
			}
			k.filters.Conv2DStrided = func(x, kernel *tensor.Tensor, bias []float32, s [2]int, p string) (*tensor.Tensor, error) {
				return convPaddedByHand(x, kernel, bias, s, p, half)
			}
		},
		caughtBy: []string{"padding/same_padding", "filters/conv2d_strided"},
	},
	{
		name: "average pooling that divides by the whole window under 'same'",
		apply: func(k *kit) {
			k.pooling.AveragePooling2D = func(x *tensor.Tensor, ps [2]int, strides []int, p string) (*tensor.Tensor, error) {
				if _, err := spooling.AveragePooling2D(x, ps, strides, p); err != nil || p != "same" {
					return spooling.AveragePooling2D(x, ps, strides, p)
				}
				// Pad with real zeros, then average every full window.
				s := [2]int{ps[0], ps[1]}
				if len(strides) == 2 {
					s = [2]int{strides[0], strides[1]}
				}
				var pads [][2]int
				for a := range 2 {
					b, af, _ := spadding.SamePadding(x.Shape[1+a], ps[a], s[a])
					pads = append(pads, [2]int{b, af})
				}
				padded, err := spadding.ZeroPadding(x, pads)
				if err != nil {
					return nil, err
				}
				return spooling.AveragePooling2D(padded, ps, s[:], "valid")
			}
		},
		caughtBy: []string{"pooling/average_pooling_same"},
	},
	{
		name: "pooling strides that default to 1 instead of pool_size",
		apply: func(k *kit) {
			one := func(s []int) []int {
				if len(s) == 0 {
					return []int{1, 1}
				}
				return s
			}
			k.pooling.PoolOutputShape = func(in [3]int, ps [2]int, s []int, p string) ([3]int, error) {
				return spooling.PoolOutputShape(in, ps, one(s), p)
			}
			k.pooling.MaxPooling2D = func(x *tensor.Tensor, ps [2]int, s []int, p string) (*tensor.Tensor, error) {
				return spooling.MaxPooling2D(x, ps, one(s), p)
			}
			k.pooling.AveragePooling2D = func(x *tensor.Tensor, ps [2]int, s []int, p string) (*tensor.Tensor, error) {
				return spooling.AveragePooling2D(x, ps, one(s), p)
			}
		},
		caughtBy: []string{"pooling/pool_output_shape", "pooling/max_pooling", "pooling/average_pooling_valid", "pooling/average_pooling_same"},
	},
	{
		name: "a flipped kernel (the convolution of signal processing)",
		apply: func(k *kit) {
			k.filters.Conv2D = func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
				return sfilters.Conv2D(x, flip(kernel), bias)
			}
			k.filters.Conv2DStrided = func(x, kernel *tensor.Tensor, bias []float32, s [2]int, p string) (*tensor.Tensor, error) {
				return sfilters.Conv2DStrided(x, flip(kernel), bias, s, p)
			}
			k.filters.Conv2DDilated = func(x, kernel *tensor.Tensor, bias []float32, s, d [2]int, p string) (*tensor.Tensor, error) {
				return sfilters.Conv2DDilated(x, flip(kernel), bias, s, d, p)
			}
			k.filters.Conv1D = func(x, kernel *tensor.Tensor, bias []float32, s, d int, p string) (*tensor.Tensor, error) {
				return sfilters.Conv1D(x, flip(kernel), bias, s, d, p)
			}
		},
		caughtBy: []string{"filters/conv2d_valid", "filters/conv2d_strided", "filters/conv2d_dilated", "filters/conv1d"},
	},
	{
		name: "an off-by-one output length under 'valid': (n − k) / s, without the + 1",
		apply: func(k *kit) {
			k.padding.OutputLength = func(n, kk, s int, p string) (int, error) {
				out, err := spadding.OutputLength(n, kk, s, p)
				if err == nil && p == "valid" {
					out = (n - kk) / s
				}
				return out, err
			}
			k.filters.ConvOutputShape = func(in [3]int, f int, kk, s [2]int, p string) ([3]int, error) {
				out, err := sfilters.ConvOutputShape(in, f, kk, s, p)
				if err == nil && strings.EqualFold(p, "valid") {
					out[0], out[1] = (in[0]-kk[0])/s[0], (in[1]-kk[1])/s[1]
				}
				return out, err
			}
		},
		caughtBy: []string{"padding/output_length", "filters/conv_output_shape"},
	},
	{
		name: "channels-first indexing of channels-last data",
		apply: func(k *kit) {
			k.filters.Conv2D = func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
				return channelsFirst(x, func(x *tensor.Tensor) (*tensor.Tensor, error) { return sfilters.Conv2D(x, kernel, bias) })
			}
			k.filters.Conv2DStrided = func(x, kernel *tensor.Tensor, bias []float32, s [2]int, p string) (*tensor.Tensor, error) {
				return channelsFirst(x, func(x *tensor.Tensor) (*tensor.Tensor, error) { return sfilters.Conv2DStrided(x, kernel, bias, s, p) })
			}
			k.pooling.MaxPooling2D = func(x *tensor.Tensor, ps [2]int, s []int, p string) (*tensor.Tensor, error) {
				return channelsFirst(x, func(x *tensor.Tensor) (*tensor.Tensor, error) { return spooling.MaxPooling2D(x, ps, s, p) })
			}
			k.pooling.AveragePooling2D = func(x *tensor.Tensor, ps [2]int, s []int, p string) (*tensor.Tensor, error) {
				return channelsFirst(x, func(x *tensor.Tensor) (*tensor.Tensor, error) { return spooling.AveragePooling2D(x, ps, s, p) })
			}
		},
		caughtBy: []string{"filters/conv2d_valid", "filters/conv2d_strided", "pooling/max_pooling", "pooling/average_pooling_valid", "pooling/average_pooling_same"},
	},
	{
		name: "a missing bias",
		apply: func(k *kit) {
			k.filters.Conv2D = func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
				if bias != nil && len(bias) != kernel.Shape[kernel.Rank()-1] {
					return sfilters.Conv2D(x, kernel, bias) // keep the error
				}
				return sfilters.Conv2D(x, kernel, nil)
			}
			k.stacking.Dense = func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
				if bias != nil && len(bias) != kernel.Shape[kernel.Rank()-1] {
					return sstacking.Dense(x, kernel, bias)
				}
				return sstacking.Dense(x, kernel, nil)
			}
		},
		caughtBy: []string{"filters/conv2d_valid", "stacking/flatten_dense"},
	},
}

// TestMistakesAreCaught proves that each mistake on the list fails the
// exercises it is aimed at, with a message that points at the value.
func TestMistakesAreCaught(t *testing.T) {
	for _, m := range mistakes {
		t.Run(strings.ReplaceAll(m.name, " ", "_"), func(t *testing.T) {
			k := solutions()
			m.apply(&k)
			results := runAll(k.tests())
			var failed []string
			for id, r := range results {
				if r.Failed() {
					failed = append(failed, id)
				}
			}
			sort.Strings(failed)
			if len(failed) == 0 {
				t.Fatalf("no exercise catches %s", m.name)
			}
			for _, id := range m.caughtBy {
				if !results[id].Failed() {
					t.Errorf("%s does not catch %s", id, m.name)
				} else if log := results[id].Log(); strings.Contains(log, "not implemented") || !strings.Contains(log, "hint: go run ./tools/checker hint "+id) {
					t.Errorf("%s catches %s with an unexpected message:\n%s", id, m.name, log)
				}
			}
			t.Logf("%s fails %s", m.name, strings.Join(failed, ", "))
		})
	}
}

// TestCorrectVariantsPass runs correct implementations that compute in
// another order or precision: they must pass every exercise, so the
// tolerance accepts any summation order.
func TestCorrectVariantsPass(t *testing.T) {
	k := solutions()
	// Convolutions summed from the last tap and channel to the first, in float64.
	k.filters.Conv2D = func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
		return convReordered(x, kernel, bias, [2]int{1, 1}, [2]int{1, 1}, "valid")
	}
	k.filters.Conv2DStrided = func(x, kernel *tensor.Tensor, bias []float32, s [2]int, p string) (*tensor.Tensor, error) {
		return convReordered(x, kernel, bias, s, [2]int{1, 1}, p)
	}
	k.filters.Conv2DDilated = convReordered
	// Averages as a reversed sum times a rounded reciprocal.
	k.pooling.AveragePooling2D = avgReciprocal
	k.pooling.GlobalAveragePooling2D = func(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error) {
		y, err := spooling.GlobalAveragePooling2D(x, keepdims)
		if err != nil {
			return nil, err
		}
		n, hw, c := x.Shape[0], x.Shape[1]*x.Shape[2], x.Shape[3]
		for b := 0; b < n; b++ {
			for ch := 0; ch < c; ch++ {
				var sum float32
				for p := hw - 1; p >= 0; p-- {
					sum += x.Data[(b*hw+p)*c+ch]
				}
				y.Data[b*c+ch] = sum * (1 / float32(hw))
			}
		}
		return y, nil
	}
	for id, r := range runAll(k.tests()) {
		if r.Failed() {
			t.Errorf("a correct variant fails %s:\n%s", id, r.Log())
		}
	}
}

// TestFailureMessage checks the parts of a value failure: the call, the
// shape, the first differing index with got and want, the grid, the case
// file and the hint.
func TestFailureMessage(t *testing.T) {
	k := solutions()
	k.filters.Conv2D = func(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
		return sfilters.Conv2D(x, flip(kernel), bias)
	}
	r := golden.NewRecorder("TestConv2DValid")
	k.filters.TestConv2DValid(r)
	log := r.Log()
	for _, want := range []string{
		"Conv2D(x, kernel, bias): shape 1×2×2×1 is right, but",
		"first difference at index [n=0 h=0 w=0 c=0]: got",
		"* marks a difference",
		"got",
		"want",
		"row 0",
		"case: golden/testdata/filters/TestConv2DValid/asymmetric_kernel.golden.json",
		"hint: go run ./tools/checker hint filters/conv2d_valid",
		"x:      tensor 1×5×5×1",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the failure message lacks %q:\n%s", want, log)
		}
	}
	t.Logf("a failure as a learner sees it:\n%s", log)
}

// flip reverses a kernel's spatial axes: kh×kw×C×F or k×C×F.
func flip(kernel *tensor.Tensor) *tensor.Tensor {
	out := kernel.Clone()
	sp := kernel.Shape[:kernel.Rank()-2]
	inner := kernel.Shape[kernel.Rank()-2] * kernel.Shape[kernel.Rank()-1]
	cells := tensor.Shape(sp).Size()
	for i := 0; i < cells; i++ {
		copy(out.Data[(cells-1-i)*inner:][:inner], kernel.Data[i*inner:][:inner])
	}
	return out
}

// channelsFirst runs f as an implementation that reads x and writes its
// result as if they were N×C×H×W: it gives f the channels-last tensor
// that such reading sees, and reinterprets f's answer the same way.
func channelsFirst(x *tensor.Tensor, f func(*tensor.Tensor) (*tensor.Tensor, error)) (*tensor.Tensor, error) {
	if x.Rank() != 4 {
		return f(x)
	}
	y, err := f(reinterpret(x, false))
	if err != nil || y.Rank() != 4 {
		return y, err
	}
	return reinterpret(y, true), nil
}

// reinterpret moves values between NHWC and NCHW offsets of one shape.
func reinterpret(x *tensor.Tensor, back bool) *tensor.Tensor {
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	out := x.Clone()
	for b := 0; b < n; b++ {
		for i := 0; i < h; i++ {
			for j := 0; j < w; j++ {
				for ch := 0; ch < c; ch++ {
					nhwc := ((b*h+i)*w+j)*c + ch
					nchw := ((b*c+ch)*h+i)*w + j
					if back {
						out.Data[nchw] = x.Data[nhwc]
					} else {
						out.Data[nhwc] = x.Data[nchw]
					}
				}
			}
		}
	}
	return out
}

// convPaddedByHand is a Conv2DStrided that pads 'same' inputs itself with
// split, then convolves under 'valid', as learners often do.
func convPaddedByHand(x, kernel *tensor.Tensor, bias []float32, s [2]int, p string, split func(n, k, s int) (int, int)) (*tensor.Tensor, error) {
	if _, err := sfilters.Conv2DStrided(x, kernel, bias, s, p); err != nil || !strings.EqualFold(p, "same") {
		return sfilters.Conv2DStrided(x, kernel, bias, s, p)
	}
	var pads [][2]int
	for a := range 2 {
		b, af := split(x.Shape[1+a], kernel.Shape[a], s[a])
		pads = append(pads, [2]int{b, af})
	}
	padded, err := spadding.ZeroPadding(x, pads)
	if err != nil {
		return nil, err
	}
	return sfilters.Conv2DStrided(padded, kernel, bias, s, "valid")
}

// convReordered is a correct Conv2DDilated that sums in the opposite order,
// in float64, and rounds once: it must pass as the solution does.
func convReordered(x, kernel *tensor.Tensor, bias []float32, s, d [2]int, p string) (*tensor.Tensor, error) {
	y, err := sfilters.Conv2DDilated(x, kernel, bias, s, d, p) // for the shape and the errors
	if err != nil {
		return nil, err
	}
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	kh, kw, f := kernel.Shape[0], kernel.Shape[1], kernel.Shape[3]
	oh, ow := y.Shape[1], y.Shape[2]
	var top, left int
	if strings.EqualFold(p, "same") {
		top, _, _ = spadding.SamePadding(h, (kh-1)*d[0]+1, s[0])
		left, _, _ = spadding.SamePadding(w, (kw-1)*d[1]+1, s[1])
	}
	for b := 0; b < n; b++ {
		for i := 0; i < oh; i++ {
			for j := 0; j < ow; j++ {
				for ff := 0; ff < f; ff++ {
					var acc float64
					for a := kh - 1; a >= 0; a-- {
						for bb := kw - 1; bb >= 0; bb-- {
							r, col := i*s[0]-top+a*d[0], j*s[1]-left+bb*d[1]
							if r < 0 || r >= h || col < 0 || col >= w {
								continue
							}
							for ch := c - 1; ch >= 0; ch-- {
								acc += float64(x.Data[((b*h+r)*w+col)*c+ch]) * float64(kernel.Data[((a*kw+bb)*c+ch)*f+ff])
							}
						}
					}
					if bias != nil {
						acc += float64(bias[ff])
					}
					y.Data[((b*oh+i)*ow+j)*f+ff] = float32(acc)
				}
			}
		}
	}
	return y, nil
}

// avgReciprocal is a correct AveragePooling2D that sums each window
// backwards and multiplies by a rounded reciprocal of the count.
func avgReciprocal(x *tensor.Tensor, ps [2]int, strides []int, p string) (*tensor.Tensor, error) {
	y, err := spooling.AveragePooling2D(x, ps, strides, p)
	if err != nil {
		return nil, err
	}
	s := ps
	if len(strides) == 2 {
		s = [2]int{strides[0], strides[1]}
	}
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	oh, ow := y.Shape[1], y.Shape[2]
	var top, left int
	if p == "same" {
		top, _, _ = spadding.SamePadding(h, ps[0], s[0])
		left, _, _ = spadding.SamePadding(w, ps[1], s[1])
	}
	for b := 0; b < n; b++ {
		for i := 0; i < oh; i++ {
			for j := 0; j < ow; j++ {
				r0, c0 := max(i*s[0]-top, 0), max(j*s[1]-left, 0)
				r1, c1 := min(i*s[0]-top+ps[0], h), min(j*s[1]-left+ps[1], w)
				for ch := 0; ch < c; ch++ {
					var sum float32
					for r := r1 - 1; r >= r0; r-- {
						for col := c1 - 1; col >= c0; col-- {
							sum += x.Data[((b*h+r)*w+col)*c+ch]
						}
					}
					y.Data[((b*oh+i)*ow+j)*c+ch] = sum * (1 / float32((r1-r0)*(c1-c0)))
				}
			}
		}
	}
	return y, nil
}
