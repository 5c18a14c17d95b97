package pooling

import (
	"github.com/convlings/convlings/tensor"
)

// PoolOutputShape returns the output shape (H', W', C) of a Keras
// MaxPooling2D or AveragePooling2D layer for an input of shape
// in = (H, W, C), batch left out.
//
// The Keras rule in words: strides nil (or empty) means "not given", and
// then the strides equal poolSize: the windows tile the image without
// overlapping. Given strides must hold two positive values. Each axis then
// follows the output-length rule of the padding lesson:
//
//	valid: H' = floor((H − ph) / sh) + 1     same: H' = ceil(H / sh)
//
// and the channels are kept: C' = C.
//
// It returns an error where Keras raises: a pool size or stride ≤ 0,
// strides that are neither nil nor two values, an input dimension ≤ 0, a
// padding other than "valid" or "same" (the pooling layers compare it
// exactly, so "SAME" is an error), or a 'valid' window larger than the
// input.
//
// Example: the post puts MaxPooling2D(pool_size=(2,2)) after a Conv2D that
// outputs (10, 10, 10). Without strides they are (2, 2) and the output is
// (5, 5, 10), printed (None, 5, 5, 10); with strides=(1,1) it is
// (9, 9, 10), printed (None, 9, 9, 10).
//
// Blog section: 풀링(pooling). Run: go test ./lessons/pooling -run '^TestPoolOutputShape$'
func PoolOutputShape(in [3]int, poolSize [2]int, strides []int, padding string) ([3]int, error) {
	// TODO: write PoolOutputShape as its comment says, then run: go test ./lessons/pooling -run '^TestPoolOutputShape$'
	panic(todo("PoolOutputShape"))
}

// MaxPooling2D returns the output of a Keras MaxPooling2D layer: for each
// window position and each channel, the largest input value in the window.
//
// Shapes: x is N×H×W×C and the result N×H'×W'×C, with H' and W' as
// PoolOutputShape computes them; strides nil means poolSize.
//
// The Keras rule in words: window (i, j) covers input rows
// i·sh − top … i·sh − top + ph − 1 and the matching columns, where top and
// left are the 'same' padding before each axis (0 under 'valid'). Padded
// cells are not values: max pooling never picks one, so a window of
// negative numbers next to the padding still yields a negative maximum.
// Clip the window to the image instead of reading zeros.
//
// It returns an error when x is not rank 4, and wherever PoolOutputShape
// does.
//
// Example: the 1×4×4×1 input
//
//	 1  2 | 3  4
//	 5  6 | 7  8       pool (2, 2), strides (2, 2):     6  8
//	------+------                                     14 16
//	 9 10 |11 12
//	13 14 |15 16
//
// Blog section: 풀링(pooling). Run: go test ./lessons/pooling -run '^TestMaxPooling$'
func MaxPooling2D(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error) {
	// TODO: write MaxPooling2D as its comment says, then run: go test ./lessons/pooling -run '^TestMaxPooling$'
	panic(todo("MaxPooling2D"))
}

// AveragePooling2D returns the output of a Keras AveragePooling2D layer:
// for each window position and each channel, the mean of the input values
// in the window.
//
// Shapes: as MaxPooling2D.
//
// The Keras rule in words: the windows are those of MaxPooling2D. Under
// 'valid' every window lies inside the image and the mean divides by
// ph·pw. Under 'same' a window can hang over the edge, and Keras leaves the
// padded cells out of the mean altogether: it divides by the number of
// real cells in the window (count_include_pad=False), not by ph·pw.
//
// It returns an error as MaxPooling2D does.
//
// Example ('same'): on [[1, 2, 3], [4, 5, 6], [7, 8, 9]] with pool (3, 3)
// and strides (1, 1) the padding is one zero on every side, and the
// top-left window holds the real cells 1, 2, 4, 5: the mean is 12/4 = 3,
// not 12/9. The whole output is [[3, 3.5, 4], [4.5, 5, 5.5], [6, 6.5, 7]].
//
// Blog section: 풀링(pooling). Run: go test ./lessons/pooling -run '^TestAveragePooling(Valid|Same)$'
func AveragePooling2D(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error) {
	// TODO: write AveragePooling2D as its comment says, then run: go test ./lessons/pooling -run '^TestAveragePoolingValid$'
	panic(todo("AveragePooling2D"))
}

// GlobalMaxPooling2D returns the output of a Keras GlobalMaxPooling2D
// layer: the largest value of each channel over the whole image.
//
// Shapes: x is N×H×W×C; the result is N×C, or N×1×1×C with keepdims (the
// spatial axes kept with length 1).
//
// It returns an error when x is not rank 4.
//
// Example: the notebook behind the post puts GlobalMaxPooling2D after a
// Conv2D with 10 filters: (None, 10, 10, 10) becomes (None, 10), one number
// per filter.
//
// Blog section: 풀링(pooling). Run: go test ./lessons/pooling -run '^TestGlobalPooling$'
func GlobalMaxPooling2D(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error) {
	// TODO: write GlobalMaxPooling2D as its comment says, then run: go test ./lessons/pooling -run '^TestGlobalPooling$'
	panic(todo("GlobalMaxPooling2D"))
}

// GlobalAveragePooling2D returns the output of a Keras
// GlobalAveragePooling2D layer: the mean of each channel over the whole
// image, H·W values.
//
// Shapes and errors are as for GlobalMaxPooling2D. Add the H·W values in
// float64 and divide once, so long sums lose no precision.
//
// Example: for the 1×2×2×1 input [[1, 2], [3, 4]] the result is the 1×1
// tensor [[2.5]], or 1×1×1×1 with keepdims.
//
// Blog section: 풀링(pooling). Run: go test ./lessons/pooling -run '^TestGlobalPooling$'
func GlobalAveragePooling2D(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error) {
	// TODO: write GlobalAveragePooling2D as its comment says, then run: go test ./lessons/pooling -run '^TestGlobalPooling$'
	panic(todo("GlobalAveragePooling2D"))
}
