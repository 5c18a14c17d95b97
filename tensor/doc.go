// Package tensor is the float32 container shared by every part of convlings.
//
// A Tensor is a Shape and a flat []float32 in row-major order with the
// channels axis last, as Keras stores channels_last data:
//
//	1-D layers: N×W×C      (NWC)
//	2-D layers: N×H×W×C    (NHWC)
//	3-D layers: N×D×H×W×C  (NDHWC)
//
// The element at index (i0, i1, …, ik) lives at Data[((i0·d1 + i1)·d2 + …)·dk + ik].
// Channels are innermost and contiguous, so the loops that read a pixel's
// channels, or a kernel row's filters, walk memory with stride 1: the layout
// SIMD kernels want.
//
// Shapes as Keras prints them use None for an unknown batch; in a Shape that
// is the value None (-1), accepted by Shape.String but not by New or FromData.
// None is the one spelling of an unknown dimension: other negative values
// are invalid everywhere.
//
// Counts never wrap around: Shape.NumElements computes a shape's element
// count with overflow checks, and no tensor the library makes has more than
// MaxElements values (2^30 on 64-bit machines, 2^28 on 32-bit ones); New
// returns ErrTooLarge, before allocating, for larger shapes.
//
// Fill gives every tensor a reproducible content from a seed, with the
// algorithm documented there, so golden files and tests can name their inputs
// by seed.
package tensor
