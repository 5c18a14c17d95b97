// Package padding holds the window arithmetic that every Keras layer in
// convlings shares, the error kinds those layers return, and the
// ZeroPadding1D, ZeroPadding2D and ZeroPadding3D layers.
//
// Conventions (Keras 3, channels_last, float32). Along one spatial axis with
// input length n, window size k, stride s and dilation d, the window covers
// k_eff = (k−1)·d + 1 cells and the output length is
//
//	valid: out = floor((n − k_eff) / s) + 1   (an error when out ≤ 0)
//	same:  out = ceil(n / s)                  (independent of k and d)
//
// Under 'same' the zeros are placed the TensorFlow way, which every Keras
// backend follows:
//
//	total  = max(0, (out−1)·s + k_eff − n)
//	before = floor(total / 2)    top, left, front
//	after  = total − before      bottom, right, back: the odd cell goes here
//
// Conv1D's 'causal' mode (Mode Causal) pads k_eff − 1 zeros before the axis
// and none after, so out = ceil(n / s) as under 'same'.
//
// The blog's "'same' pads k/2 on each side" holds only for odd k with
// stride 1. With k = 2 the single padding cell goes after; with n = 6, k = 3,
// s = 2 the split is (0, 1), not (1, 1).
//
// Bounds, the same for every layer: every size, stride, dilation, padding,
// count and input dimension is at most MaxArg (2^31 on 64-bit machines,
// 2^15 on 32-bit ones), so that the product of any two fits in an int; None
// is only -1; an output of more than tensor.MaxElements values is an
// ErrTooLarge error, returned before allocating; and ForwardInto rejects a
// dst that shares memory with its input.
//
// Errors are *Error values that name the layer, the argument and its value,
// and wrap one of the Err* kinds, so callers can test them with errors.Is and
// tools can print a stable kind with Kind. Values in messages are cut after
// about 200 bytes.
package padding
