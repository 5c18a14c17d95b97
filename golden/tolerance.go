package golden

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Tolerance is the kit's one definition of "equal" for computed values.
//
// Why these numbers. Golden inputs are quarters in [-2, 2] (tensor.Fill) or
// small integers, so every product and every sum that a convolution, a
// zero padding, a max pooling or a small Dense layer computes here is exact
// in float32, in whatever order it is summed. What is not exact is a
// division: average pooling's sum / count, rounded once in float32, or
// multiplied by a rounded reciprocal, or accumulated in float64 and rounded
// at the end. Those differ by at most a few units in the last place, a
// relative 3e-7 or so. A relative tolerance of 1e-5 (about 80 units in the
// last place) accepts all of them with a wide margin; the absolute margin
// of 1e-6 lets a value that should be 0 come out as a tiny residue.
//
// The mistakes the suites must catch move a value by far more: a flipped
// kernel, a shifted window or a missing bias changes a value by at least
// 1/16 (one quarter times another), and dividing an average by the whole
// window instead of its real cells changes it by a factor such as 4/9.
// catalogue_test.go proves that every mistake of package golden/mistakes
// fails, and that correct implementations summing in other orders, in
// float64, padding first or through im2col pass.
//
// NaNs compare equal to NaNs, so an implementation that produces one where
// Keras does is not blamed for it (no golden case expects one today).
var Tolerance = cmp.Options{cmpopts.EquateApprox(1e-5, 1e-6), cmpopts.EquateNaNs()}

// close32 reports whether got equals want under Tolerance.
func close32(got, want float32) bool { return cmp.Equal(got, want, Tolerance) }
