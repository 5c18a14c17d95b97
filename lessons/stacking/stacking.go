package stacking

import (
	"github.com/convlings/convlings/lessons/filters"
	"github.com/convlings/convlings/lessons/padding"
	"github.com/convlings/convlings/lessons/pooling"
	"github.com/convlings/convlings/tensor"
)

// The layers of this lesson are the functions you wrote in lessons 1 to 3:
// OutputShape and Forward call them through these names, so finishing
// lesson 4 composes your own work. (When one of them is still a stub,
// the tests of this lesson say so: "… is not implemented yet".)
var (
	zeroPadding            = padding.ZeroPadding            // lesson 1, exercise 5
	convOutputShape        = filters.ConvOutputShape        // lesson 2, exercise 1
	conv2DStrided          = filters.Conv2DStrided          // lesson 2, exercise 4
	poolOutputShape        = pooling.PoolOutputShape        // lesson 3, exercise 1
	maxPooling2D           = pooling.MaxPooling2D           // lesson 3, exercise 2
	averagePooling2D       = pooling.AveragePooling2D       // lesson 3, exercises 3 and 4
	globalMaxPooling2D     = pooling.GlobalMaxPooling2D     // lesson 3, exercise 5
	globalAveragePooling2D = pooling.GlobalAveragePooling2D // lesson 3, exercise 5
)

// OutputShape returns the output shape of one layer for an input of shape
// in. Shapes include the batch axis first, None (-1) when unknown, which
// passes through every layer untouched; every other entry must be
// positive.
//
// The Keras rules in words, one per class (each from an earlier lesson):
//   - Conv2D: rank 4 in, (N, H', W', Units), H' and W' by the output-length
//     rule with Size, Strides (default 1) and Padding;
//   - MaxPooling2D, AveragePooling2D: rank 4 in, (N, H', W', C), the same
//     rule with Size as the window and Strides defaulting to Size;
//   - ZeroPadding2D: rank 4 in, (N, top+H+bottom, left+W+right, C);
//   - GlobalMaxPooling2D, GlobalAveragePooling2D: rank 4 in, (N, C);
//   - Flatten: (N, product of all the other axes);
//   - Dense: rank 2 or more in, the last axis replaced by Units.
//
// It returns an error where Keras raises: an unknown Class, an input of the
// wrong rank or with an entry ≤ 0 (other than the batch), Units, a size, a
// stride or a pad out of range, an unknown padding, a 'valid' window that
// does not fit, AveragePooling2D without a Size.
//
// Example: the post's first model. For in = (None, 10, 10, 3) and
// Layer{Class: "Conv2D", Units: 10, Size: [2]int{3, 3}, Padding: "valid"}
// the result is (None, 8, 8, 10); for Layer{Class: "Flatten"} on
// (None, 10, 10, 10) it is (None, 1000).
//
// Blog section: 전체 코드 (the post's models). Run: go test ./lessons/stacking -run '^TestLayerOutputShape$'
func OutputShape(in []int, layer Layer) ([]int, error) {
	// TODO: write OutputShape as its comment says, then run: go test ./lessons/stacking -run '^TestLayerOutputShape$'
	panic(todo("OutputShape"))
}

// ParamCount returns the number of weights of one layer for an input of
// shape in (batch first, as for OutputShape), as model.summary() counts
// them in its Param # column.
//
// The Keras rule in words: only Conv2D and Dense have weights.
//
//	Conv2D: kh·kw·C·Units + Units     (C: the input's last axis)
//	Dense:  in·Units + Units          (in: the input's last axis)
//
// without the + Units when NoBias is set; every other layer has 0.
//
// It returns an error wherever OutputShape does for the same input: a
// layer that cannot be built has no parameter count.
//
// Example: the post's Conv2D(10, (3, 3)) on (None, 10, 10, 3) has
// 3·3·3·10 + 10 = 280; the notebook's Dense(50) after Flatten on
// (None, 1000) has 1000·50 + 50 = 50050, which Keras prints as 50,050.
//
// Blog section: 전체 코드 (the post's models). Run: go test ./lessons/stacking -run '^TestLayerParams$'
func ParamCount(in []int, layer Layer) (int, error) {
	// TODO: write ParamCount as its comment says, then run: go test ./lessons/stacking -run '^TestLayerParams$'
	panic(todo("ParamCount"))
}

// Summary returns what Keras's model.summary() shows for a Sequential model
// with the given input shape (batch left out, as Keras's input_shape) and
// layers: one Row per layer and the total number of parameters.
//
// The Keras rules in words: each layer's input is the previous layer's
// output, the first layer's is (None,) + input. A row holds
//   - Layer: the layer's name and its class in brackets, "conv2d (Conv2D)".
//     The name is the class in snake_case (Conv2D → conv2d, MaxPooling2D →
//     max_pooling2d, GlobalMaxPooling2D → global_max_pooling2d, Dense →
//     dense), with _1, _2, … added for the second, third, … layer of the
//     same class in the model;
//   - OutputShape: the output shape as Python prints a tuple, None for the
//     batch: "(None, 8, 8, 10)";
//   - Params: the layer's ParamCount.
//
// It returns an error, naming the layer, if any layer fails.
//
// Example: the notebook's last model, Conv2D(10, (3,3), padding='same') on
// (10, 10, 3), then Flatten(), then Dense(50):
//
//	conv2d (Conv2D)      (None, 10, 10, 10)   280
//	flatten (Flatten)    (None, 1000)         0
//	dense (Dense)        (None, 50)           50050
//	total 50330
//
// Blog section: 전체 코드 (the post's models). Run: go test ./lessons/stacking -run '^TestSummary$'
func Summary(input []int, layers []Layer) (rows []Row, total int, err error) {
	// TODO: write Summary as its comment says, then run: go test ./lessons/stacking -run '^TestSummary$'
	panic(todo("Summary"))
}

// Flatten returns the output of a Keras Flatten layer: x of shape
// N×d1×…×dk reshaped to N×(d1·…·dk).
//
// The Keras rule in words: in channels-last order the values of one batch
// entry already lie in one row-major run, so Flatten moves nothing; only
// the shape changes. (A channels-first model would reorder them; Keras's
// channels_last does not.) A rank-1 input N becomes N×1. x itself must not
// change: return a new tensor.
//
// Example: the 1×2×2×2 tensor with pixels (1, 2), (3, 4), (5, 6), (7, 8)
// (channels innermost) flattens to the 1×8 tensor [1 2 3 4 5 6 7 8]. The
// notebook's Flatten turns (None, 10, 10, 10) into (None, 1000).
//
// Blog section: 전체 코드 (the post's models). Run: go test ./lessons/stacking -run '^TestFlattenDense$'
func Flatten(x *tensor.Tensor) (*tensor.Tensor, error) {
	// TODO: write Flatten as its comment says, then run: go test ./lessons/stacking -run '^TestFlattenDense$'
	panic(todo("Flatten"))
}

// Dense returns the output of a Keras Dense layer without activation:
// y = x·kernel + bias along the last axis.
//
// Shapes: x is N×in (or N×…×in: every leading index is a row of its own),
// kernel is in×units (Keras's layout), bias has units values or is nil (no
// bias), and the result is N×units (N×…×units).
//
//	y[r, u] = bias[u] + Σ_i x[r, i] · kernel[i, u]
//
// It returns an error when x has rank < 2, kernel is not rank 2, the
// kernel's in is not x's last axis, or bias is neither nil nor units long.
//
// Example: x = [[1, 2]] (1×2), kernel [[1, 0, 1], [0, 1, 1]] (2×3), bias
// [0.5, 0.5, 0.5] gives [[1.5, 2.5, 3.5]].
//
// Blog section: 전체 코드 (the post's models). Run: go test ./lessons/stacking -run '^TestFlattenDense$'
func Dense(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
	// TODO: write Dense as its comment says, then run: go test ./lessons/stacking -run '^TestFlattenDense$'
	panic(todo("Dense"))
}

// Forward runs x through the layers in order, each fed by the previous
// one's output, and returns the last output, as a Keras Sequential model's
// predict does (without activations). With no layers it returns x.
//
// Shapes: x is N×H×W×C for the first layer; after that each layer's input
// is what the one before produced, with the shapes OutputShape computes.
//
// The Keras rule in words: a model is the composition of its layers,
// nothing more. Conv2D needs its Kernel (Size[0]×Size[1]×C×Units) and,
// unless NoBias, its Bias (Units values); Dense needs a Kernel of
// in×Units and, unless NoBias, its Bias. Pooling and zero padding follow
// lessons 1 and 3, Flatten and Dense exercise 4.
//
// Dispatch on layer.Class and call what you wrote in lessons 1 to 3,
// through the names at the top of this file (conv2DStrided, maxPooling2D,
// averagePooling2D, globalMaxPooling2D, globalAveragePooling2D,
// zeroPadding): a Conv2D's Strides default to (1, 1), a pooling's Size
// {0, 0} to (2, 2), and a Padding of "" is "valid".
//
// It returns an error, naming the layer, at the first layer that fails:
// every error OutputShape reports, plus a missing Kernel, a Kernel whose
// shape does not match Size, Units or the input's channels, a missing Bias
// without NoBias, or a Bias with NoBias.
//
// Example: a 1×4×4×1 input through Conv2D(1 filter, 2×2, 'valid'),
// MaxPooling2D(2×2, strides 1), Flatten, Dense(2) goes 1×4×4×1 → 1×3×3×1 →
// 1×2×2×1 → 1×4 → 1×2.
//
// Blog section: 전체 코드 (the post's models). Run: go test ./lessons/stacking -run '^TestForward$'
func Forward(x *tensor.Tensor, layers []Layer) (*tensor.Tensor, error) {
	// TODO: write Forward as its comment says, then run: go test ./lessons/stacking -run '^TestForward$'
	panic(todo("Forward"))
}
