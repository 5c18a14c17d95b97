package filters

import (
	"errors"
	"fmt"
	"strings"

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
// 한국어: ConvOutputShape는 필터 수, 커널 크기, 스트라이드, 패딩이 주어진 Keras
// Conv2D 레이어가 배치를 뺀 모양 in = (H, W, C)인 입력을 받았을 때의 출력 모양
// (H', W', F)를 돌려줍니다.
//
// Keras의 규칙: 공간 축마다 자기 커널 크기와 스트라이드로 패딩 레슨의 출력 길이
// 규칙(위의 식)을 따르고, 출력의 깊이는 C와 상관없이 필터 수입니다. 필터마다 입력
// 채널 C개를 모두 보고 출력 채널 하나를 만들기 때문입니다.
//
// Keras가 에러를 내는 경우에 에러를 돌려줍니다. 필터 수, 커널 크기, 스트라이드가 0
// 이하일 때, 입력 차원이 0 이하일 때, padding이 "valid"나 "same"이 아닐 때(Keras의
// 합성곱 레이어는 소문자로 바꿔서 비교하므로 "SAME"은 괜찮습니다), 'valid'에서
// 윈도우가 입력보다 클 때입니다.
//
// 예: 글의 Conv2D(filters=10, kernel_size=(3,3), strides=(1,1))에 input_shape
// (10, 10, 3)을 주면 'valid'에서 (8, 8, 10), 'same'에서 (10, 10, 10)이 되고, Keras는
// (None, 8, 8, 10)과 (None, 10, 10, 10)을 출력합니다. 필터가 20개이면
// (None, 10, 10, 20)입니다.
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConvOutputShape$'
func ConvOutputShape(in [3]int, filters int, kernel, strides [2]int, padding string) ([3]int, error) {
	// BEGIN SOLUTION
	if filters <= 0 {
		return [3]int{}, fmt.Errorf("filters: filters=%d: must be positive", filters)
	}
	if in[2] <= 0 {
		return [3]int{}, fmt.Errorf("filters: input shape %v: every dimension must be positive", in)
	}
	out := [3]int{0, 0, filters}
	for a := range 2 {
		n, _, err := axis(in[a], kernel[a], strides[a], 1, padding)
		if err != nil {
			return [3]int{}, err
		}
		out[a] = n
	}
	return out, nil
	// END SOLUTION
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
// every position. (So convolution does not "reduce the number of
// parameters", as the post says: however much the image shrinks, the count
// stays the same.) It returns an error when a kernel size, inChannels or
// filters is ≤ 0.
//
// Example: the post's first model, Conv2D with 10 filters of 3×3 on a
// 3-channel image: 3·3·3·10 + 10 = 280, as model.summary() prints it.
//
// 한국어: ConvParams는 kh×kw 커널, 입력 채널 inChannels개, 주어진 필터 수를 가진
// Keras Conv2D 레이어의 학습 가능한 가중치 개수를 돌려줍니다. useBias는 Keras의
// use_bias입니다.
//
// Keras의 규칙: 필터마다 커널의 칸마다, 입력 채널마다 가중치가 하나씩, 즉
// kh·kw·C개가 있고, useBias이면 바이어스가 하나 더 있습니다(위의 식).
//
// 입력의 높이와 너비는 상관없습니다. 윈도우가 어느 위치에 있든 같은 커널을
// 공유하기 때문입니다. (그래서 글의 "합성곱은 파라미터의 수를 줄여 나간다"는 말은
// 맞지 않습니다. 이미지가 작아져도 파라미터 수는 그대로입니다.) 커널 크기,
// inChannels, filters가 0 이하이면 에러를 돌려줍니다.
//
// 예: 글의 첫 모델, 즉 3채널 이미지에 3×3 필터 10개를 쓰는 Conv2D는
// 3·3·3·10 + 10 = 280이고, model.summary()도 이 값을 출력합니다.
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConvParams$'
func ConvParams(kernel [2]int, inChannels, filters int, useBias bool) (int, error) {
	// BEGIN SOLUTION
	if kernel[0] <= 0 || kernel[1] <= 0 || inChannels <= 0 || filters <= 0 {
		return 0, fmt.Errorf("filters: kernel %v, %d input channels, %d filters: every one must be positive", kernel, inChannels, filters)
	}
	n := kernel[0] * kernel[1] * inChannels * filters
	if useBias {
		n += filters
	}
	return n, nil
	// END SOLUTION
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
// 한국어: Conv2D는 스트라이드 1, 패딩 'valid'인 Keras Conv2D 레이어에 입력 x와
// 주어진 커널, 바이어스를 적용한 출력을 돌려줍니다.
//
// 모양: x는 N×H×W×C, kernel은 kh×kw×C×F(Keras의 축 순서: 필터 축이 가장 안쪽),
// bias는 F개 값이거나 nil(use_bias=False)이고, 결과는 N×(H−kh+1)×(W−kw+1)×F입니다.
//
// Keras의 규칙: 출력 픽셀 (i, j)와 필터 f마다, 커널의 왼쪽 위 모서리를 (i, j)에
// 맞춰 입력 위에 겹쳐 놓고, 커널이 덮는 kh·kw·C개의 칸에 같은 위치의 커널
// 가중치를 곱해 모두 더한 뒤 bias[f]를 더합니다(위의 식). 커널은 뒤집지 않습니다.
// Keras가 계산하는 것은 신호 처리의 합성곱이 아니라 교차 상관(cross-correlation)입니다.
//
// x나 kernel의 rank가 4가 아니거나, kernel의 C가 x의 C와 다르거나, bias가 nil도
// 아니고 길이 F도 아니거나, 커널이 입력보다 크면('valid' 출력이 비게 되면) 에러를
// 돌려줍니다.
//
// 예: 1×3×3×1 입력 [[1, 2, 3], [4, 5, 6], [7, 8, 9]]에 값이 모두 1인 2×2 필터
// 하나와 바이어스 0.5를 적용하면 1×2×2×1 출력 [[12.5, 16.5], [24.5, 28.5]]가
// 나옵니다. 1+2+4+5 = 12에 0.5를 더한 값이 첫 칸입니다.
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConv2DValid$'
func Conv2D(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {
	// BEGIN SOLUTION
	return conv2D(x, kernel, bias, [2]int{1, 1}, [2]int{1, 1}, "valid")
	// END SOLUTION
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
// 한국어: Conv2DStrided는 스트라이드(행, 열)와 패딩("valid" 또는 "same")이 주어진
// Keras Conv2D 레이어의 출력을 돌려줍니다.
//
// 모양: Conv2D와 같고, H'과 W'은 패딩 레슨의 출력 길이 규칙을 따릅니다('same'에서는
// ceil(H / sh)).
//
// Keras의 규칙: 출력 픽셀 (i, j)를 계산할 때는 커널의 왼쪽 위 모서리를 입력의
// i·sh − top행, j·sw − left열에 놓습니다. (top, left)는 각 축 앞쪽의 'same'
// 패딩이고 'valid'에서는 (0, 0)입니다. 이미지 밖의 칸은 0이어서 더해도 아무것도
// 바뀌지 않으니 건너뛰세요. 패딩은 패딩 레슨의 SamePadding이 계산하는 대로 나누고,
// 홀수일 때 남는 0은 뒤(아래/오른쪽)에 붙습니다(위의 그림).
//
// Conv2D와 같은 경우에 에러를 돌려주고, 스트라이드가 0 이하이거나 padding이
// "valid"나 "same"이 아닐 때(대소문자는 상관없습니다. Keras가 소문자로 바꿉니다)도
// 에러를 돌려줍니다.
//
// 예: 1×5×5×1 입력에 3×3 커널, strides (2, 2), 'same'을 적용하면 1×3×3×F가 되고,
// 0은 축마다 (1, 1)로 나뉩니다.
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConv2DStrided$'
func Conv2DStrided(x, kernel *tensor.Tensor, bias []float32, strides [2]int, padding string) (*tensor.Tensor, error) {
	// BEGIN SOLUTION
	return conv2D(x, kernel, bias, strides, [2]int{1, 1}, padding)
	// END SOLUTION
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
// 한국어: Conv2DDilated는 strides, dilation_rate, padding을 모두 받는, 완전한 Keras
// Conv2D 레이어의 출력을 돌려줍니다.
//
// Keras의 규칙: 팽창률 d는 커널의 칸을 d칸 간격으로 벌리므로, 출력 i를 계산할 때
// 커널의 a번째 칸은 입력의 i·s − top + a·d행을 읽고, 커널은
// k_eff = (k − 1)·d + 1칸에 걸칩니다. 출력 길이와 'same' 패딩 규칙에는 k_eff를
// 쓰세요. Keras는 어느 축에서든 스트라이드가 1보다 크고 어느 축에서든 팽창률이
// 1보다 크면(strides (1, 2)와 dilation (2, 1)도) 거부합니다. 이때는 에러를
// 돌려주고, 팽창률이 0 이하일 때와 Conv2DStrided의 에러 경우에도 에러를
// 돌려주세요(위의 그림).
//
// 예: 1×7×7×1 입력에 3×3 커널과 dilation (2, 2)를 적용하면 'valid'에서 1×3×3×F,
// 'same'에서 1×7×7×F이고, 'same'의 0은 축마다 (2, 2)입니다.
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConv2DDilated$'
func Conv2DDilated(x, kernel *tensor.Tensor, bias []float32, strides, dilation [2]int, padding string) (*tensor.Tensor, error) {
	// BEGIN SOLUTION
	return conv2D(x, kernel, bias, strides, dilation, padding)
	// END SOLUTION
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
// 한국어: Conv1D는 Keras Conv1D 레이어의 출력을 돌려줍니다. 텍스트나 신호처럼 공간
// 축이 하나인 데이터에 대한 합성곱입니다.
//
// 모양: x는 N×W×C, kernel은 k×C×F, bias는 F개 값이거나 nil이고, 결과는
// N×W'×F입니다. W'은 출력 길이 규칙을 따릅니다(stride, dilation, padding "valid"나
// "same"은 Conv2DDilated와 같고, 축이 하나일 뿐입니다).
//
// Keras의 규칙: Conv1D는 높이가 한 줄인 이미지에 대한 Conv2D입니다(위의 식).
//
// Conv2DDilated가 에러를 내는 경우에 에러를 돌려주되, rank는 4가 아니라 x도 3,
// kernel도 3입니다. (Keras의 "causal" 패딩은 이 키트에서 다루지 않으니 알 수 없는
// padding으로 취급하세요.)
//
// 예: 1×5×1 입력 [1, 2, 3, 4, 5]에 커널 [1, 0, -1](3×1×1)을 바이어스 없이
// 적용하면 'valid'에서 [-2, -2, -2], 'same'에서 [-2, -2, -2, -2, 4]입니다('same'의
// 0은 (1, 1)이고, 마지막 윈도우는 4 + 0·5 − 0입니다).
//
// Blog section: 필터/커널(Filter/kernel). Run: go test ./lessons/filters -run '^TestConv1D$'
func Conv1D(x, kernel *tensor.Tensor, bias []float32, stride, dilation int, padding string) (*tensor.Tensor, error) {
	// BEGIN SOLUTION
	if err := checkTensor("x", x); err != nil {
		return nil, err
	}
	if err := checkTensor("kernel", kernel); err != nil {
		return nil, err
	}
	if x.Rank() != 3 || kernel.Rank() != 3 {
		return nil, fmt.Errorf("filters: Conv1D wants x N×W×C and kernel k×C×F, got %s and %s", x.Shape.Dims(), kernel.Shape.Dims())
	}
	// A 1-D convolution is a 2-D one over an image one row high: same data, new shapes.
	x2 := &tensor.Tensor{Shape: tensor.Shape{x.Shape[0], 1, x.Shape[1], x.Shape[2]}, Data: x.Data}
	k2 := &tensor.Tensor{Shape: tensor.Shape{1, kernel.Shape[0], kernel.Shape[1], kernel.Shape[2]}, Data: kernel.Data}
	y, err := conv2D(x2, k2, bias, [2]int{1, stride}, [2]int{1, dilation}, padding)
	if err != nil {
		return nil, err
	}
	y.Shape = tensor.Shape{y.Shape[0], y.Shape[2], y.Shape[3]}
	return y, nil
	// END SOLUTION
}

// BEGIN SOLUTION

// checkTensor rejects a nil tensor, and one whose data does not fill its
// shape exactly: a function returns an error for bad input, never panics.
func checkTensor(name string, x *tensor.Tensor) error {
	if x == nil {
		return fmt.Errorf("filters: %s is nil", name)
	}
	if n := x.Shape.Size(); n == 0 || len(x.Data) != n {
		return fmt.Errorf("filters: %s has shape %s but %d values", name, x.Shape.Dims(), len(x.Data))
	}
	return nil
}

// axis returns the output length and the zeros before one axis of n cells
// for a kernel of k taps with stride s and dilation d.
func axis(n, k, s, d int, padding string) (out, before int, err error) {
	if n <= 0 || k <= 0 || s <= 0 || d <= 0 {
		return 0, 0, fmt.Errorf("filters: input %d, kernel %d, stride %d, dilation %d: every one must be positive", n, k, s, d)
	}
	kEff := (k-1)*d + 1
	switch strings.ToLower(padding) {
	case "valid":
		if n < kEff {
			return 0, 0, fmt.Errorf("filters: kernel spanning %d cells does not fit in %d under 'valid': computed output size would be zero or negative", kEff, n)
		}
		return (n-kEff)/s + 1, 0, nil
	case "same":
		out = (n + s - 1) / s
		total := max(0, (out-1)*s+kEff-n)
		return out, total / 2, nil
	}
	return 0, 0, fmt.Errorf("filters: padding=%q: must be \"valid\" or \"same\"", padding)
}

// conv2D is the full Conv2D. The loops keep the filter axis innermost, so
// every multiply-add walks contiguous memory in the kernel and the output:
// the layout that vectorises.
func conv2D(x, kernel *tensor.Tensor, bias []float32, strides, dilation [2]int, padding string) (*tensor.Tensor, error) {
	if err := checkTensor("x", x); err != nil {
		return nil, err
	}
	if err := checkTensor("kernel", kernel); err != nil {
		return nil, err
	}
	if x.Rank() != 4 || kernel.Rank() != 4 {
		return nil, fmt.Errorf("filters: Conv2D wants x N×H×W×C and kernel kh×kw×C×F, got %s and %s", x.Shape.Dims(), kernel.Shape.Dims())
	}
	n, h, w, c := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	kh, kw, kc, f := kernel.Shape[0], kernel.Shape[1], kernel.Shape[2], kernel.Shape[3]
	if kc != c {
		return nil, fmt.Errorf("filters: kernel %s is for %d input channels, x %s has %d", kernel.Shape.Dims(), kc, x.Shape.Dims(), c)
	}
	if bias != nil && len(bias) != f {
		return nil, fmt.Errorf("filters: bias has %d values, want %d (one per filter)", len(bias), f)
	}
	if (strides[0] > 1 || strides[1] > 1) && (dilation[0] > 1 || dilation[1] > 1) {
		return nil, errors.New("filters: strides > 1 not supported in conjunction with dilation_rate > 1")
	}
	oh, top, err := axis(h, kh, strides[0], dilation[0], padding)
	if err != nil {
		return nil, err
	}
	ow, left, err := axis(w, kw, strides[1], dilation[1], padding)
	if err != nil {
		return nil, err
	}
	y, err := tensor.New(n, oh, ow, f)
	if err != nil {
		return nil, err
	}
	for b := 0; b < n; b++ {
		for i := 0; i < oh; i++ {
			for j := 0; j < ow; j++ {
				acc := y.Data[((b*oh+i)*ow+j)*f:][:f]
				copy(acc, bias) // nothing to copy without a bias: acc stays 0
				for a := 0; a < kh; a++ {
					r := i*strides[0] - top + a*dilation[0]
					if r < 0 || r >= h {
						continue // a row of padding zeros
					}
					for bb := 0; bb < kw; bb++ {
						col := j*strides[1] - left + bb*dilation[1]
						if col < 0 || col >= w {
							continue
						}
						px := x.Data[((b*h+r)*w+col)*c:][:c]
						wk := kernel.Data[(a*kw+bb)*c*f:][:c*f]
						for ch, v := range px {
							for k, wv := range wk[ch*f : ch*f+f] {
								acc[k] += v * wv
							}
						}
					}
				}
			}
		}
	}
	return y, nil
}

// END SOLUTION
