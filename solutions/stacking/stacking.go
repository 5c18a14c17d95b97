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
//
// 한국어: 이 레슨의 레이어는 여러분이 레슨 1~3에서 작성한 함수입니다. OutputShape와
// Forward는 아래 이름으로 그 함수들을 부르므로, 레슨 4를 마치면 여러분이 만든 것을
// 조합하게 됩니다. (그중 하나가 아직 스텁이면 이 레슨의 테스트가 어느 함수를 아직
// 구현하지 않았는지 알려 줍니다.)
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
// 한국어: OutputShape는 모양이 in인 입력에 레이어 하나를 적용했을 때의 출력 모양을
// 돌려줍니다. 모양에는 배치 축이 맨 앞에 들어가고, 알 수 없으면 None(-1)입니다.
// None은 어느 레이어를 거쳐도 그대로 남으며, 나머지 값은 모두 양수여야 합니다.
//
// 클래스별 Keras 규칙(모두 앞 레슨에서 다룬 것입니다):
//   - Conv2D: 랭크 4 입력, 출력 (N, H', W', Units). H'와 W'는 Size, Strides(기본값 1),
//     Padding으로 출력 길이 규칙을 적용해 구합니다.
//   - MaxPooling2D, AveragePooling2D: 랭크 4 입력, 출력 (N, H', W', C). Size를
//     윈도우 크기로 삼아 같은 규칙을 적용하며, Strides의 기본값은 Size입니다.
//   - ZeroPadding2D: 랭크 4 입력, 출력 (N, top+H+bottom, left+W+right, C).
//   - GlobalMaxPooling2D, GlobalAveragePooling2D: 랭크 4 입력, 출력 (N, C).
//   - Flatten: 출력 (N, 나머지 모든 축의 곱).
//   - Dense: 랭크 2 이상 입력, 마지막 축을 Units로 바꿉니다.
//
// Keras가 에러를 내는 경우에는 에러를 돌려줍니다. 모르는 Class, 랭크가 맞지 않거나
// (배치를 뺀) 값 중에 ≤ 0인 것이 있는 입력, 범위를 벗어난 Units, 크기, 스트라이드,
// 패딩 값, 모르는 padding, 입력 안에 들어가지 않는 'valid' 윈도우, Size가 없는
// AveragePooling2D가 그런 경우입니다.
//
// 예: 글의 첫 번째 모델입니다. in = (None, 10, 10, 3)에
// Layer{Class: "Conv2D", Units: 10, Size: [2]int{3, 3}, Padding: "valid"}를
// 적용하면 결과는 (None, 8, 8, 10)이고, (None, 10, 10, 10)에
// Layer{Class: "Flatten"}을 적용하면 (None, 1000)입니다.
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
// 한국어: ParamCount는 모양이 in인 입력(OutputShape와 마찬가지로 배치 축이 맨 앞)에
// 대해 레이어 하나의 가중치 개수를, model.summary()가 Param # 열에서 세는 방식대로
// 돌려줍니다.
//
// Keras 규칙: 가중치가 있는 레이어는 Conv2D와 Dense뿐이며, 개수는 위의 식과
// 같습니다. NoBias가 설정되어 있으면 + Units를 빼고, 다른 레이어는 모두 0입니다.
//
// 같은 입력에 대해 OutputShape가 에러를 내는 경우에는 이 함수도 에러를 돌려줍니다.
// 만들 수 없는 레이어는 파라미터 수도 셀 수 없습니다.
//
// 예: 글의 Conv2D(10, (3, 3))를 (None, 10, 10, 3)에 적용하면
// 3·3·3·10 + 10 = 280개이고, 노트북에서 (None, 1000)을 받는 Flatten 뒤의
// Dense(50)은 1000·50 + 50 = 50050개이며, Keras는 이를 50,050으로 출력합니다.
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
// 한국어: Summary는 입력 모양(Keras의 input_shape처럼 배치 축을 뺀 모양)과 레이어
// 목록으로 이루어진 Sequential 모델에 대해, Keras의 model.summary()가 보여 주는
// 내용, 즉 레이어마다 Row 하나와 전체 파라미터 수를 돌려줍니다.
//
// Keras 규칙: 각 레이어의 입력은 바로 앞 레이어의 출력이고, 첫 레이어의 입력은
// (None,) + input입니다. Row 하나에는 다음이 들어갑니다.
//   - Layer: 레이어 이름과 괄호 안의 클래스 이름, "conv2d (Conv2D)". 이름은 클래스
//     이름을 snake_case로 바꾼 것이고(Conv2D → conv2d, MaxPooling2D →
//     max_pooling2d, GlobalMaxPooling2D → global_max_pooling2d, Dense → dense),
//     모델 안에서 같은 클래스의 두 번째, 세 번째, … 레이어에는 _1, _2, …를
//     붙입니다.
//   - OutputShape: 파이썬이 튜플을 출력하는 방식으로, 배치 자리에 None을 쓴 출력
//     모양, "(None, 8, 8, 10)".
//   - Params: 그 레이어의 ParamCount.
//
// 레이어 중 하나라도 실패하면 그 레이어를 밝힌 에러를 돌려줍니다.
//
// 예: 노트북의 마지막 모델, 즉 (10, 10, 3) 입력에 Conv2D(10, (3,3), padding='same'),
// Flatten(), Dense(50)을 차례로 쌓은 모델의 요약은 위와 같습니다.
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
// 한국어: Flatten은 Keras Flatten 레이어의 출력, 즉 모양이 N×d1×…×dk인 x를
// N×(d1·…·dk)로 바꾼 결과를 돌려줍니다.
//
// Keras 규칙: 채널이 마지막 축인 순서에서는 배치 항목 하나의 값이 이미 행 우선
// 순서로 한 줄로 늘어서 있으므로, Flatten은 값을 옮기지 않고 모양만 바꿉니다.
// (채널이 맨 앞 축인 모델이라면 값의 순서를 바꾸겠지만, Keras의 channels_last에서는
// 바꾸지 않습니다.) 랭크 1 입력 N은 N×1이 됩니다. x 자체는 바뀌면 안 되므로 새
// 텐서를 돌려주세요.
//
// 예: 픽셀이 (1, 2), (3, 4), (5, 6), (7, 8)인(채널이 가장 안쪽) 1×2×2×2 텐서는
// 1×8 텐서 [1 2 3 4 5 6 7 8]로 펼쳐집니다. 노트북의 Flatten은 (None, 10, 10, 10)을
// (None, 1000)으로 바꿉니다.
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
// 한국어: Dense는 활성화 함수가 없는 Keras Dense 레이어의 출력, 즉 마지막 축을 따라
// 계산한 y = x·kernel + bias를 돌려줍니다.
//
// 모양: x는 N×in(또는 N×…×in으로, 앞쪽 인덱스 조합 하나하나가 각각 한 행)이고,
// kernel은 in×units(Keras와 같은 축 순서), bias는 units개의 값이거나
// nil(바이어스 없음)이며, 결과는 N×units(N×…×units)입니다.
//
// x의 랭크가 2보다 작거나, kernel의 랭크가 2가 아니거나, kernel의 in이 x의 마지막
// 축과 다르거나, bias가 nil도 아니고 길이가 units도 아니면 에러를 돌려줍니다.
//
// 예: x = [[1, 2]](1×2), kernel [[1, 0, 1], [0, 1, 1]](2×3), bias
// [0.5, 0.5, 0.5]이면 결과는 [[1.5, 2.5, 3.5]]입니다.
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
// 한국어: Forward는 x를 레이어에 차례로 통과시키며 각 레이어에 바로 앞 레이어의
// 출력을 넣고, 마지막 출력을 돌려줍니다. Keras Sequential 모델의 predict가
// (활성화 함수 없이) 하는 일과 같습니다. 레이어가 없으면 x를 그대로 돌려줍니다.
//
// 모양: 첫 레이어의 입력 x는 N×H×W×C이고, 그다음부터는 앞 레이어의 출력이 입력이
// 되며, 그 모양은 OutputShape가 계산하는 대로입니다.
//
// Keras 규칙: 모델은 레이어를 차례로 합성한 것일 뿐입니다. Conv2D에는
// Kernel(Size[0]×Size[1]×C×Units)과, NoBias가 아니면 Bias(Units개의 값)가
// 필요합니다. Dense에는 in×Units 모양의 Kernel과, NoBias가 아니면 Bias가
// 필요합니다. 풀링과 제로 패딩은 레슨 1과 3을, Flatten과 Dense는 연습 문제 4를
// 따릅니다.
//
// layer.Class에 따라 분기해서, 레슨 1~3에서 작성한 함수를 이 파일 맨 위의 이름
// (conv2DStrided, maxPooling2D, averagePooling2D, globalMaxPooling2D,
// globalAveragePooling2D, zeroPadding)으로 부르세요. Conv2D의 Strides 기본값은
// (1, 1), 풀링의 Size {0, 0}은 (2, 2)를 뜻하고, Padding ""은 "valid"입니다.
//
// 처음으로 실패한 레이어에서 그 레이어를 밝힌 에러를 돌려줍니다. OutputShape가
// 보고하는 모든 에러에 더해, Kernel이 없을 때, Kernel의 모양이 Size, Units, 입력의
// 채널 수와 맞지 않을 때, NoBias가 아닌데 Bias가 없을 때, NoBias인데 Bias가 있을
// 때도 에러입니다.
//
// 예: 1×4×4×1 입력이 Conv2D(필터 1개, 2×2, 'valid'), MaxPooling2D(2×2, 스트라이드 1),
// Flatten, Dense(2)를 거치면 1×4×4×1 → 1×3×3×1 → 1×2×2×1 → 1×4 → 1×2가 됩니다.
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
