// Package pool implements the Keras 3 pooling layers for float32 data,
// channels_last or channels_first: MaxPooling1D/2D/3D and AveragePooling1D/2D/3D (type Pool),
// and GlobalMaxPooling1D/2D/3D and GlobalAveragePooling1D/2D/3D (type
// Global). None of them has weights.
//
// Shapes. Inputs and outputs are row-major with channels last, and pooling
// keeps the channels:
//
//	1-D  N×W×C      → N×W'×C
//	2-D  N×H×W×C    → N×H'×W'×C
//	3-D  N×D×H×W×C  → N×D'×H'×W'×C
//
// Global pooling reduces every spatial axis: N×…×C → N×C, or N×1×…×1×C with
// keepdims.
//
// With DataFormat "channels_first" the channels follow the batch instead:
// N×C×H×W → N×C×H'×W' for 2-D, N×C×… → N×C or N×C×1×…×1 for global
// pooling. The values are those of channels_last on the moved data; the
// layers move the data to channels-last around the kernels, which costs
// one pass over the input and one over the output. The format string is
// compared case-insensitively, as Keras lower-cases it.
//
// Output length along an axis of n cells for pool size k and stride s:
//
//	valid: floor((n − k) / s) + 1   (an error when ≤ 0)
//	same:  ceil(n / s)
//
// Under 'same' the window is padded as TensorFlow pads it: the total is
// max(0, (out−1)·s + k − n), floor(total/2) cells go before and the rest,
// which holds the odd cell, after (see package padding). Padded cells take
// no part: max pooling never picks one, and average pooling divides by the
// number of real cells in the window, not by the window size
// (count_include_pad=False). For the 3×3 input [[1,2,3],[4,5,6],[7,8,9]],
// AveragePooling2D with pool 3, stride 1 and 'same' gives 12/4 = 3 in the
// corner, not 12/9.
//
// Defaults follow Keras 3. Strides default to the pool size, which is why
// MaxPooling2D((2, 2)) halves a 10×10 input to 5×5. MaxPooling's pool size
// defaults to 2 on every axis. AveragePooling's pool size is required, as in
// Keras 3 (Keras 2 and TensorFlow.js default it to 2): leaving it out is an
// error of kind padding.ErrMissingArgument. The padding string must be
// "valid" (the default, also written "") or "same" in lower case: the Keras
// pooling layers compare it exactly, so "causal" is rejected too. Keras accepts strides of 0 and then
// fails dividing by zero; convlings rejects them.
//
// Averaging rule. Every average is a float32 sum divided once by the
// number of cells, because every Keras 3 backend (JAX, TensorFlow, torch,
// numpy) accumulates float32 inputs in float32: the average of
// [3e38, 3e38] is +Inf in AveragePooling and GlobalAveragePooling alike,
// as in Keras (a float64 sum would give 3e38). AveragePooling adds a
// window's cells in row-major order, starting from +0. GlobalAveragePooling
// adds runs of up to 64 cells the same way and then the runs' sums
// pairwise, so its rounding error grows with the logarithm of the input
// size rather than linearly, as the backends' tree reductions do; up to 64
// cells it equals AveragePooling with a window the size of the input, to
// the bit. The backends' own summation orders are unspecified, so results
// whose rounding depends on the order can differ from theirs in the last
// bits, and sums that overflow in some orders but not in others can differ
// in whether they overflow.
//
// NaN. Max pooling returns NaN for any window that holds a NaN, as Keras's
// JAX and torch backends do, and Go's max: max(NaN, x) is NaN. It picks +0
// over −0.
//
// Bounds. Every dimension of an input must be between 1 and
// padding.MaxArg, or None (-1) in a shape; Forward returns an error of kind
// padding.ErrTooLarge, before allocating, for an output of more than
// tensor.MaxElements values; and ForwardInto rejects a dst that shares
// memory with x.
//
// Errors are *padding.Error values that name the layer, the argument and
// the value, and wrap one of the padding.Err* kinds; test them with
// errors.Is.
package pool
