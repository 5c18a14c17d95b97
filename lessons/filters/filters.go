package filters

import (
	"github.com/convlings/convlings/tensor"
)

// ConvOutputShape returns the output shape (H', W', F) of a Keras Conv2D
// layer with the given number of filters, kernel size, strides and padding,
// for an input of shape in = (H, W, C), batch left out.
//
// The Keras rule in words: each spatial axis follows the output-length
// rule of the padding lesson, with its own kernel size and stride
//
//	valid: H' = floor((H − kh) / sh) + 1     same: H' = ceil(H / sh)
//
// and the depth of the output is the number of filters, whatever C is:
// every filter looks at all C input channels and makes one output channel.
//
// It returns an error where Keras raises: filters, a kernel size or a
// stride ≤ 0, an input dimension ≤ 0, a padding other than "valid" or
// "same" (Keras's convolution layers lower-case it, so "SAME" is fine), or
// a 'valid' window larger than the input.
//
// Example: the post's Conv2D(filters=10, kernel_size=(3,3), strides=(1,1))
// on input_shape (10, 10, 3) gives (8, 8, 10) under 'valid' and
// (10, 10, 10) under 'same'; Keras prints (None, 8, 8, 10) and
// (None, 10, 10, 10). With 20 filters: (None, 10, 10, 20).
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConvOutputShape$'
func ConvOutputShape(in [3]int, filters int, kernel, strides [2]int, padding string) ([3]int, error) {
	// TODO: write ConvOutputShape as its comment says, then run: go test ./lessons/filters -run '^TestConvOutputShape$'
	panic(todo("ConvOutputShape"))
}

// ConvParams returns the number of trainable weights of a Keras Conv2D
// layer with a kh×kw kernel, inChannels input channels and the given
// number of filters; useBias is Keras's use_bias.
//
// The Keras rule in words: each filter has one weight per kernel cell per
// input channel, kh·kw·C of them, and one bias if useBias is set:
//
//	params = kh·kw·C·F + F    (+ F only with a bias)
//
// The input's height and width do not matter: the same kernel slides over
// every position. It returns an error when a kernel size, inChannels or
// filters is ≤ 0.
//
// Example: the post's first model, Conv2D with 10 filters of 3×3 on a
// 3-channel image: 3·3·3·10 + 10 = 280, as model.summary() prints it.
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConvParams$'
func ConvParams(kernel [2]int, inChannels, filters int, useBias bool) (int, error) {
	// TODO: write ConvParams as its comment says, then run: go test ./lessons/filters -run '^TestConvParams$'
	panic(todo("ConvParams"))
}

// Conv2D returns the output of a Keras Conv2D layer with stride 1 and
// padding 'valid' for the input x, with the given kernel and bias.
//
// Shapes: x is N×H×W×C, kernel is kh×kw×C×F (Keras's layout: filters
// innermost), bias has F values or is nil (use_bias=False), and the result
// is N×(H−kh+1)×(W−kw+1)×F.
//
// The Keras rule in words: for each output pixel (i, j) and filter f, lay
// the kernel on the input with its top-left corner at (i, j), multiply each
// of the kh·kw·C cells it covers by the kernel weight at the same place,
// add them all up and add bias[f]:
//
//	y[n, i, j, f] = bias[f] + Σ_a Σ_b Σ_c x[n, i+a, j+b, c] · kernel[a, b, c, f]
//
// The kernel is not flipped: Keras computes a cross-correlation, not the
// convolution of signal processing.
//
// It returns an error when x or kernel is not rank 4, when kernel's C is
// not x's C, when bias is neither nil nor F values long, or when the kernel
// is larger than the input (the 'valid' output would be empty).
//
// Example: one 2×2 filter of ones with bias 0.5 on the 1×3×3×1 input
// [[1, 2, 3], [4, 5, 6], [7, 8, 9]] gives the 1×2×2×1 output
// [[12.5, 16.5], [24.5, 28.5]]: 1+2+4+5 = 12, plus 0.5.
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConv2DValid$'
func Conv2D(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
	// TODO: write Conv2D as its comment says, then run: go test ./lessons/filters -run '^TestConv2DValid$'
	panic(todo("Conv2D"))
}

// Conv2DStrided returns the output of a Keras Conv2D layer with the given
// strides (rows, columns) and padding, "valid" or "same".
//
// Shapes: as Conv2D, with H' and W' from the output-length rule of the
// padding lesson: ceil(H / sh) under 'same'.
//
// The Keras rule in words: output pixel (i, j) puts the kernel's top-left
// corner at input row i·sh − top and column j·sw − left, where (top, left)
// is the 'same' padding before each axis ((0, 0) under 'valid'). Input
// cells outside the image are zeros, so they add nothing: skip them. The
// padding is split as SamePadding in the padding lesson computes it, the
// odd zero after (bottom/right).
//
//	'same', 4×4 input, 3×3 kernel, stride 2: one zero per axis, after → (0, 1)
//	  x x x x .      output (0, 0): rows 0–2, columns 0–2
//	  x x x x .      output (0, 1): rows 0–2, columns 2–4 (column 4 is zeros)
//	  x x x x .      output (1, 0): rows 2–4, columns 0–2 (row 4 is zeros)
//	  x x x x .
//	  . . . . .
//
// It returns an error as Conv2D does, and also for a stride ≤ 0 or a
// padding other than "valid" or "same" (any case: Keras lower-cases it).
//
// Example: a 1×5×5×1 input with a 3×3 kernel, strides (2, 2), 'same' gives
// 1×3×3×F; the zeros are split (1, 1) on each axis.
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConv2DStrided$'
func Conv2DStrided(x, kernel *tensor.Tensor, bias []float32, strides [2]int, padding string) (*tensor.Tensor, error) {
	// TODO: write Conv2DStrided as its comment says, then run: go test ./lessons/filters -run '^TestConv2DStrided$'
	panic(todo("Conv2DStrided"))
}

// Conv2DDilated returns the output of a Keras Conv2D layer with strides,
// dilation_rate and padding: the full Conv2D.
//
// The Keras rule in words: dilation d spreads the kernel taps d cells
// apart, so tap a of output i reads input row i·s − top + a·d, and the
// kernel spans k_eff = (k − 1)·d + 1 cells; use k_eff in the output-length
// and 'same' padding rules. Keras refuses a stride above 1 on any axis
// together with a dilation above 1 on any axis (strides (1, 2) with
// dilation (2, 1) too): return an error, as for a dilation ≤ 0 and the
// errors of Conv2DStrided.
//
//	3×3 kernel, dilation 2: taps at rows and columns 0, 2, 4 (k_eff = 5)
//	  x . x . x
//	  . . . . .
//	  x . x . x
//	  . . . . .
//	  x . x . x
//
// Example: a 1×7×7×1 input with a 3×3 kernel and dilation (2, 2) gives
// 1×3×3×F under 'valid', and 1×7×7×F under 'same' with (2, 2) zeros on each
// axis.
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConv2DDilated$'
func Conv2DDilated(x, kernel *tensor.Tensor, bias []float32, strides, dilation [2]int, padding string) (*tensor.Tensor, error) {
	// TODO: write Conv2DDilated as its comment says, then run: go test ./lessons/filters -run '^TestConv2DDilated$'
	panic(todo("Conv2DDilated"))
}

// Conv1D returns the output of a Keras Conv1D layer: a convolution along
// one spatial axis, as over text or a signal.
//
// Shapes: x is N×W×C, kernel is k×C×F, bias has F values or is nil, and the
// result is N×W'×F, with W' from the output-length rule (stride, dilation
// and padding "valid" or "same" work as in Conv2DDilated, on one axis).
//
// The Keras rule in words: Conv1D is Conv2D on an image one row high:
//
//	y[n, i, f] = bias[f] + Σ_a Σ_c x[n, i·s − left + a·d, c] · kernel[a, c, f]
//
// It returns an error where Conv2DDilated would, with x of rank 3 and the
// kernel of rank 3 instead of 4. (Keras's "causal" padding is not part of
// this kit: treat it as an unknown padding.)
//
// Example: the 1×5×1 input [1, 2, 3, 4, 5] with the kernel [1, 0, -1] (3×1×1)
// and no bias gives [-2, -2, -2] under 'valid' and [-2, -2, -2, -2, 4]
// under 'same' ((1, 1) zeros: the last window is 4 + 0·5 − 0).
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConv1D$'
func Conv1D(x, kernel *tensor.Tensor, bias []float32, stride, dilation int, padding string) (*tensor.Tensor, error) {
	// TODO: write Conv1D as its comment says, then run: go test ./lessons/filters -run '^TestConv1D$'
	panic(todo("Conv1D"))
}
