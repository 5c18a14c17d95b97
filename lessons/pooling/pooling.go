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
// 한국어: PoolOutputShape는 Keras MaxPooling2D나 AveragePooling2D 레이어가 배치를
// 뺀 모양 in = (H, W, C)인 입력을 받았을 때의 출력 모양 (H', W', C)를 돌려줍니다.
//
// Keras의 규칙: strides가 nil(또는 비어 있음)이면 "정하지 않음"이고, 이때 strides는
// poolSize와 같아서 윈도우들이 겹치지 않고 타일처럼 이미지를 덮습니다. strides를
// 준다면 양수 두 개여야 합니다. 그다음 축마다 패딩 레슨의 출력 길이 규칙(위의 식)을
// 따르고, 채널 수는 그대로입니다(C' = C).
//
// Keras가 에러를 내는 경우에 에러를 돌려줍니다. pool 크기나 스트라이드가 0 이하일
// 때, strides가 nil도 아니고 값 두 개도 아닐 때, 입력 차원이 0 이하일 때, padding이
// "valid"나 "same"이 아닐 때(풀링 레이어는 그대로 비교하므로 "SAME"은 에러입니다),
// 'valid'에서 윈도우가 입력보다 클 때입니다.
//
// 예: 글은 (10, 10, 10)을 출력하는 Conv2D 뒤에 MaxPooling2D(pool_size=(2,2))를
// 둡니다. strides가 없으면 (2, 2)가 되어 출력은 (5, 5, 10), 화면에는
// (None, 5, 5, 10)이 나오고, strides=(1,1)이면 (9, 9, 10), 화면에는
// (None, 9, 9, 10)이 나옵니다.
//
// Blog section: 풀링(pooling). Run: go test ./lessons/pooling -run '^TestPoolOutputShape$'
func PoolOutputShape(in [3]int, poolSize [2]int, strides []int, padding string) ([3]int, error) {
	// TODO: write PoolOutputShape as its comment says. / 주석에 적힌 대로 PoolOutputShape 함수를 작성하세요.
	// Run / 실행: go test ./lessons/pooling -run '^TestPoolOutputShape$'
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
// 한국어: MaxPooling2D는 Keras MaxPooling2D 레이어의 출력, 즉 윈도우 위치마다,
// 채널마다 윈도우 안에서 가장 큰 입력값을 돌려줍니다.
//
// 모양: x는 N×H×W×C이고 결과는 N×H'×W'×C이며, H'과 W'은 PoolOutputShape가 계산하는
// 대로입니다. strides가 nil이면 poolSize와 같습니다.
//
// Keras의 규칙: 윈도우 (i, j)는 입력의 i·sh − top … i·sh − top + ph − 1행과 그에
// 대응하는 열을 덮습니다. top과 left는 각 축 앞쪽의 'same' 패딩이고 'valid'에서는
// 0입니다. 패딩된 칸은 값이 아니어서 맥스 풀링은 절대 고르지 않습니다. 그래서
// 패딩 옆에 있는 윈도우의 값이 모두 음수이면 최댓값도 음수입니다. 0을 읽는 대신
// 윈도우를 이미지 범위 안으로 잘라 내세요.
//
// x의 rank가 4가 아니거나, PoolOutputShape가 에러를 내는 경우에 에러를
// 돌려줍니다.
//
// 예: 위의 그림은 1×4×4×1 입력에 맥스 풀링을 적용한 결과입니다.
//
// Blog section: 풀링(pooling). Run: go test ./lessons/pooling -run '^TestMaxPooling$'
func MaxPooling2D(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error) {
	// TODO: write MaxPooling2D as its comment says. / 주석에 적힌 대로 MaxPooling2D 함수를 작성하세요.
	// Run / 실행: go test ./lessons/pooling -run '^TestMaxPooling$'
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
// 한국어: AveragePooling2D는 Keras AveragePooling2D 레이어의 출력, 즉 윈도우
// 위치마다, 채널마다 윈도우 안에 있는 입력값의 평균을 돌려줍니다.
//
// 모양: MaxPooling2D와 같습니다.
//
// Keras의 규칙: 윈도우는 MaxPooling2D와 같습니다. 'valid'에서는 모든 윈도우가
// 이미지 안에 있으므로 ph·pw로 나눕니다. 'same'에서는 윈도우가 가장자리 밖으로
// 걸칠 수 있는데, Keras는 패딩된 칸을 평균에서 아예 뺍니다. ph·pw가 아니라 윈도우
// 안의 실제 칸 수로 나눕니다(count_include_pad=False).
//
// MaxPooling2D와 같은 경우에 에러를 돌려줍니다.
//
// 예('same'): [[1, 2, 3], [4, 5, 6], [7, 8, 9]]에 pool (3, 3), strides (1, 1)을
// 적용하면 사방에 0이 하나씩 붙고, 왼쪽 위 윈도우에는 실제 칸 1, 2, 4, 5가
// 있습니다. 평균은 12/9가 아니라 12/4 = 3입니다. 출력 전체는
// [[3, 3.5, 4], [4.5, 5, 5.5], [6, 6.5, 7]]입니다.
//
// Blog section: 풀링(pooling). Run: go test ./lessons/pooling -run '^TestAveragePooling(Valid|Same)$'
func AveragePooling2D(x *tensor.Tensor, poolSize [2]int, strides []int, padding string) (*tensor.Tensor, error) {
	// TODO: write AveragePooling2D as its comment says. / 주석에 적힌 대로 AveragePooling2D 함수를 작성하세요.
	// Run / 실행: go test ./lessons/pooling -run '^TestAveragePoolingValid$'
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
// 한국어: GlobalMaxPooling2D는 Keras GlobalMaxPooling2D 레이어의 출력, 즉 이미지
// 전체에서 채널마다 가장 큰 값을 돌려줍니다.
//
// 모양: x는 N×H×W×C이고, 결과는 N×C이거나 keepdims이면 N×1×1×C(공간 축이 길이
// 1로 남음)입니다.
//
// x의 rank가 4가 아니면 에러를 돌려줍니다.
//
// 예: 글의 바탕이 된 노트북은 필터 10개짜리 Conv2D 뒤에 GlobalMaxPooling2D를
// 둡니다. (None, 10, 10, 10)이 필터마다 숫자 하나인 (None, 10)이 됩니다.
//
// Blog section: 풀링(pooling). Run: go test ./lessons/pooling -run '^TestGlobalPooling$'
func GlobalMaxPooling2D(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error) {
	// TODO: write GlobalMaxPooling2D as its comment says. / 주석에 적힌 대로 GlobalMaxPooling2D 함수를 작성하세요.
	// Run / 실행: go test ./lessons/pooling -run '^TestGlobalPooling$'
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
// 한국어: GlobalAveragePooling2D는 Keras GlobalAveragePooling2D 레이어의 출력, 즉
// 이미지 전체 H·W개 값에 대한 채널별 평균을 돌려줍니다.
//
// 모양과 에러는 GlobalMaxPooling2D와 같습니다. 긴 합에서도 정밀도를 잃지 않도록
// H·W개의 값을 float64로 더한 뒤 한 번만 나누세요.
//
// 예: 1×2×2×1 입력 [[1, 2], [3, 4]]의 결과는 1×1 텐서 [[2.5]]이고, keepdims이면
// 1×1×1×1입니다.
//
// Blog section: 풀링(pooling). Run: go test ./lessons/pooling -run '^TestGlobalPooling$'
func GlobalAveragePooling2D(x *tensor.Tensor, keepdims bool) (*tensor.Tensor, error) {
	// TODO: write GlobalAveragePooling2D as its comment says. / 주석에 적힌 대로 GlobalAveragePooling2D 함수를 작성하세요.
	// Run / 실행: go test ./lessons/pooling -run '^TestGlobalPooling$'
	panic(todo("GlobalAveragePooling2D"))
}
