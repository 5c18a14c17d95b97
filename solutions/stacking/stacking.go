package stacking

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/convlings/convlings/solutions/filters"
	"github.com/convlings/convlings/solutions/padding"
	"github.com/convlings/convlings/solutions/pooling"
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
	// BEGIN SOLUTION
	if len(in) == 0 {
		return nil, errors.New("stacking: empty input shape")
	}
	for _, d := range in[1:] {
		if d <= 0 {
			return nil, fmt.Errorf("stacking: %s: input shape %s: every axis but the batch must be positive", layer.Class, formatShape(in))
		}
	}
	needRank4 := func() error {
		if len(in) != 4 {
			return fmt.Errorf("stacking: %s expects an input of rank 4 (N, H, W, C), got %s", layer.Class, formatShape(in))
		}
		return nil
	}
	switch layer.Class {
	case "Conv2D":
		if err := needRank4(); err != nil {
			return nil, err
		}
		strides, err := convStrides(layer)
		if err != nil {
			return nil, err
		}
		out, err := convOutputShape([3]int{in[1], in[2], in[3]}, layer.Units, layer.Size, strides, orValid(layer.Padding))
		if err != nil {
			return nil, err
		}
		return []int{in[0], out[0], out[1], out[2]}, nil
	case "MaxPooling2D", "AveragePooling2D":
		if err := needRank4(); err != nil {
			return nil, err
		}
		size, err := poolSize(layer)
		if err != nil {
			return nil, err
		}
		out, err := poolOutputShape([3]int{in[1], in[2], in[3]}, size, layer.Strides, orValid(layer.Padding))
		if err != nil {
			return nil, err
		}
		return []int{in[0], out[0], out[1], out[2]}, nil
	case "ZeroPadding2D":
		if err := needRank4(); err != nil {
			return nil, err
		}
		p := layer.Pads
		if p[0][0] < 0 || p[0][1] < 0 || p[1][0] < 0 || p[1][1] < 0 {
			return nil, fmt.Errorf("stacking: ZeroPadding2D padding=%v: every entry must be >= 0", p)
		}
		return []int{in[0], p[0][0] + in[1] + p[0][1], p[1][0] + in[2] + p[1][1], in[3]}, nil
	case "GlobalMaxPooling2D", "GlobalAveragePooling2D":
		if err := needRank4(); err != nil {
			return nil, err
		}
		return []int{in[0], in[3]}, nil
	case "Flatten":
		size := 1
		for _, d := range in[1:] {
			size *= d
		}
		return []int{in[0], size}, nil
	case "Dense":
		if len(in) < 2 {
			return nil, fmt.Errorf("stacking: Dense expects an input of rank 2 or more, got %s", formatShape(in))
		}
		if layer.Units <= 0 {
			return nil, fmt.Errorf("stacking: Dense units=%d: must be positive", layer.Units)
		}
		out := append([]int(nil), in...)
		out[len(out)-1] = layer.Units
		return out, nil
	}
	return nil, fmt.Errorf("stacking: unknown layer class %q", layer.Class)
	// END SOLUTION
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
	// BEGIN SOLUTION
	if _, err := OutputShape(in, layer); err != nil {
		return 0, err
	}
	n := 0
	switch layer.Class {
	case "Conv2D":
		n = layer.Size[0] * layer.Size[1] * in[len(in)-1] * layer.Units
	case "Dense":
		n = in[len(in)-1] * layer.Units
	default:
		return 0, nil
	}
	if !layer.NoBias {
		n += layer.Units
	}
	return n, nil
	// END SOLUTION
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
	// BEGIN SOLUTION
	shape := append([]int{None}, input...)
	seen := map[string]int{}
	for i, l := range layers {
		out, err := OutputShape(shape, l)
		if err != nil {
			return nil, 0, fmt.Errorf("stacking: layer %d (%s): %w", i, l.Class, err)
		}
		params, err := ParamCount(shape, l)
		if err != nil {
			return nil, 0, fmt.Errorf("stacking: layer %d (%s): %w", i, l.Class, err)
		}
		name := snakeCase(l.Class)
		if k := seen[name]; k > 0 {
			name += "_" + strconv.Itoa(k)
		}
		seen[snakeCase(l.Class)]++
		rows = append(rows, Row{Layer: name + " (" + l.Class + ")", OutputShape: formatShape(out), Params: params})
		total += params
		shape = out
	}
	return rows, total, nil
	// END SOLUTION
}

// BEGIN SOLUTION

// formatShape writes a shape as Python prints a tuple: (None, 8, 8, 10).
func formatShape(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		if d < 0 {
			parts[i] = "None"
		} else {
			parts[i] = strconv.Itoa(d)
		}
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// snakeCase turns a Keras class name into its default layer name:
// an underscore before every capital that starts a new word.
func snakeCase(class string) string {
	var b strings.Builder
	rs := []rune(class)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// END SOLUTION

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
	// BEGIN SOLUTION
	if err := checkTensor("x", x); err != nil {
		return nil, err
	}
	size := 1
	for _, d := range x.Shape[1:] {
		size *= d
	}
	return tensor.FromData(tensor.Shape{x.Shape[0], size}, append([]float32(nil), x.Data...))
	// END SOLUTION
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
	// BEGIN SOLUTION
	if err := checkTensor("x", x); err != nil {
		return nil, err
	}
	if err := checkTensor("kernel", kernel); err != nil {
		return nil, err
	}
	if x.Rank() < 2 || kernel.Rank() != 2 {
		return nil, fmt.Errorf("stacking: Dense wants x N×in and kernel in×units, got %s and %s", x.Shape.Dims(), kernel.Shape.Dims())
	}
	in, units := kernel.Shape[0], kernel.Shape[1]
	if x.Shape[x.Rank()-1] != in {
		return nil, fmt.Errorf("stacking: Dense kernel %s is for inputs of %d values, x %s has %d", kernel.Shape.Dims(), in, x.Shape.Dims(), x.Shape[x.Rank()-1])
	}
	if bias != nil && len(bias) != units {
		return nil, fmt.Errorf("stacking: Dense bias has %d values, want %d", len(bias), units)
	}
	shape := append([]int(nil), x.Shape...)
	shape[len(shape)-1] = units
	y, err := tensor.New(shape...)
	if err != nil {
		return nil, err
	}
	rows := len(x.Data) / in
	for r := 0; r < rows; r++ {
		acc := y.Data[r*units : r*units+units]
		copy(acc, bias)
		for i, v := range x.Data[r*in : r*in+in] {
			for u, w := range kernel.Data[i*units : i*units+units] {
				acc[u] += v * w
			}
		}
	}
	return y, nil
	// END SOLUTION
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
	// BEGIN SOLUTION
	for i, l := range layers {
		y, err := forwardLayer(x, l)
		if err != nil {
			return nil, fmt.Errorf("stacking: layer %d (%s): %w", i, l.Class, err)
		}
		x = y
	}
	return x, nil
	// END SOLUTION
}

// BEGIN SOLUTION

// checkTensor rejects a nil tensor, and one whose data does not fill its
// shape exactly: a function returns an error for bad input, never panics.
func checkTensor(name string, x *tensor.Tensor) error {
	if x == nil {
		return fmt.Errorf("stacking: %s is nil", name)
	}
	if n := x.Shape.Size(); n == 0 || len(x.Data) != n {
		return fmt.Errorf("stacking: %s has shape %s but %d values", name, x.Shape.Dims(), len(x.Data))
	}
	return nil
}

// forwardLayer computes one layer, after checking its shapes with OutputShape.
func forwardLayer(x *tensor.Tensor, l Layer) (*tensor.Tensor, error) {
	if err := checkTensor("x", x); err != nil {
		return nil, err
	}
	if l.Kernel != nil {
		if err := checkTensor("kernel", l.Kernel); err != nil {
			return nil, err
		}
	}
	if _, err := OutputShape(x.Shape, l); err != nil {
		return nil, err
	}
	if err := checkWeights(x.Shape, l); err != nil {
		return nil, err
	}
	switch l.Class {
	case "Conv2D":
		strides, err := convStrides(l)
		if err != nil {
			return nil, err
		}
		return conv2DStrided(x, l.Kernel, l.Bias, strides, orValid(l.Padding))
	case "MaxPooling2D", "AveragePooling2D":
		size, err := poolSize(l)
		if err != nil {
			return nil, err
		}
		if l.Class == "MaxPooling2D" {
			return maxPooling2D(x, size, l.Strides, orValid(l.Padding))
		}
		return averagePooling2D(x, size, l.Strides, orValid(l.Padding))
	case "ZeroPadding2D":
		return zeroPadding(x, [][2]int{l.Pads[0], l.Pads[1]})
	case "GlobalMaxPooling2D":
		return globalMaxPooling2D(x, false)
	case "GlobalAveragePooling2D":
		return globalAveragePooling2D(x, false)
	case "Flatten":
		return Flatten(x)
	case "Dense":
		return Dense(x, l.Kernel, l.Bias)
	}
	return nil, fmt.Errorf("unknown layer class %q", l.Class) // OutputShape has caught it
}

// checkWeights checks a Conv2D's or Dense layer's Kernel and Bias against
// the layer and its input shape in.
func checkWeights(in []int, l Layer) error {
	var want []int
	switch l.Class {
	case "Conv2D":
		want = []int{l.Size[0], l.Size[1], in[len(in)-1], l.Units}
	case "Dense":
		want = []int{in[len(in)-1], l.Units}
	default:
		return nil
	}
	if l.Kernel == nil {
		return fmt.Errorf("%s has no kernel", l.Class)
	}
	if !slicesEqual(l.Kernel.Shape, want) {
		return fmt.Errorf("%s kernel is %s, want %s", l.Class, l.Kernel.Shape.Dims(), tensor.Shape(want).Dims())
	}
	switch {
	case l.NoBias && l.Bias != nil:
		return fmt.Errorf("%s has use_bias=False but a bias", l.Class)
	case !l.NoBias && len(l.Bias) != l.Units:
		return fmt.Errorf("%s bias has %d values, want %d", l.Class, len(l.Bias), l.Units)
	}
	return nil
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// convStrides is a Conv2D's strides: (1, 1) when not given.
func convStrides(l Layer) ([2]int, error) {
	switch len(l.Strides) {
	case 0:
		return [2]int{1, 1}, nil
	case 2:
		return [2]int{l.Strides[0], l.Strides[1]}, nil
	}
	return [2]int{}, fmt.Errorf("Conv2D strides=%v: want two values", l.Strides)
}

// poolSize is a pooling's window: MaxPooling2D's default is (2, 2), and
// Keras 3's AveragePooling2D has none.
func poolSize(l Layer) ([2]int, error) {
	if l.Size != [2]int{} {
		return l.Size, nil
	}
	if l.Class == "AveragePooling2D" {
		return [2]int{}, errors.New("AveragePooling2D needs a pool_size")
	}
	return [2]int{2, 2}, nil
}

// orValid is the padding, "valid" when not given.
func orValid(padding string) string {
	if padding == "" {
		return "valid"
	}
	return padding
}

// END SOLUTION
