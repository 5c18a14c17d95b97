package padding

import (
	"github.com/convlings/convlings/tensor"
)

// OutputLength returns the number of positions a window of k cells takes
// along an axis of n cells, moving stride cells at a time, under the Keras
// padding mode "valid" or "same".
//
// The Keras rule in words:
//   - "valid" adds no padding. The window must lie entirely inside the
//     input, so out = floor((n − k) / stride) + 1. When even one window does
//     not fit (n < k), Keras raises "Computed output size would be zero or
//     negative": return an error.
//   - "same" adds zeros so that every stride step gives an output:
//     out = ceil(n / stride), whatever k is.
//
// It returns an error when n, k or stride is not positive, or padding is
// neither "valid" nor "same".
//
// Example: the post's Conv2D slides a 3×3 kernel over a 10×10 image with
// stride 1. Along each axis OutputLength(10, 3, 1, "valid") = 8 (the window
// starts at 0, 1, …, 7) and OutputLength(10, 3, 1, "same") = 10, hence the
// printed shapes (None, 8, 8, 10) and (None, 10, 10, 10).
//
// 한국어: OutputLength는 길이가 n칸인 축에서 폭 k칸인 윈도우가 stride칸씩 움직일
// 때 놓이는 위치의 개수를, Keras의 패딩 방식 "valid"나 "same"에 따라 돌려줍니다.
//
// Keras의 규칙:
//   - "valid"는 패딩을 하지 않습니다. 윈도우가 입력 안에 완전히 들어가야 하므로
//     out = floor((n − k) / stride) + 1입니다. 윈도우가 하나도 들어가지 않으면
//     (n < k) Keras는 "Computed output size would be zero or negative" 에러를
//     내므로, 에러를 돌려주세요.
//   - "same"은 윈도우가 stride만큼 움직일 때마다 출력이 하나씩 생기도록 0을
//     붙입니다. k와 상관없이 out = ceil(n / stride)입니다.
//
// n, k, stride가 양수가 아니거나 padding이 "valid"도 "same"도 아니면 에러를
// 돌려줍니다.
//
// 예: 글의 Conv2D는 10×10 이미지 위에서 3×3 커널을 stride 1로 움직입니다. 축마다
// OutputLength(10, 3, 1, "valid") = 8(윈도우가 0, 1, …, 7에서 시작)이고
// OutputLength(10, 3, 1, "same") = 10이므로, 출력 모양이 (None, 8, 8, 10)과
// (None, 10, 10, 10)이 됩니다.
//
// Blog section: 패딩(Padding). Run: go test ./lessons/padding -run '^TestOutputLength$'
func OutputLength(n, k, stride int, padding string) (int, error) {
	// TODO: write OutputLength as its comment says. / 주석에 적힌 대로 OutputLength 함수를 작성하세요.
	// Run / 실행: go test ./lessons/padding -run '^TestOutputLength$'
	panic(todo("OutputLength"))
}

// SamePadding returns how many zeros the padding mode "same" adds before
// (top/left) and after (bottom/right) an axis of n cells, for a window of k
// cells moving stride cells at a time.
//
// The Keras rule in words (every Keras backend pads the way TensorFlow
// does): first count the zeros needed so that ceil(n / stride) windows fit,
//
//	out   = ceil(n / stride)
//	total = max(0, (out − 1)·stride + k − n)
//
// then put half of them, rounded down, before, and the rest after. When the
// total is odd, the extra zero goes after: at the bottom or on the right.
//
// The post says 'same' pads k/2 on each side. That is right for an odd k
// with stride 1 (k = 3 gives (1, 1)), but not for an even k (k = 2 needs one
// zero in all, and it goes after: (0, 1)), nor for a stride above 1 (n = 6,
// k = 3, stride 2 needs only one zero: (0, 1)).
//
// It returns an error when n, k or stride is not positive.
//
// Example: SamePadding(5, 2, 1) = (0, 1): five windows of two cells need
// six cells, one zero, placed after.
//
// 한국어: SamePadding은 패딩 방식 "same"이 길이 n칸인 축의 앞(위/왼쪽)과
// 뒤(아래/오른쪽)에 붙이는 0의 개수를 돌려줍니다. 윈도우의 폭은 k칸이고 stride칸씩
// 움직입니다.
//
// Keras의 규칙(모든 Keras 백엔드가 TensorFlow와 같은 방식으로 패딩합니다): 먼저
// ceil(n / stride)개의 윈도우가 들어가는 데 필요한 0의 개수 total을 위의 식으로
// 구하고, 그 절반(내림)을 앞에, 나머지를 뒤에 붙입니다. total이 홀수이면 남는 0
// 하나는 뒤, 즉 아래나 오른쪽에 붙습니다.
//
// 글에서는 'same'이 양쪽에 k/2씩 패딩한다고 설명합니다. k가 홀수이고 stride가
// 1이면 맞지만(k = 3이면 (1, 1)), k가 짝수일 때(k = 2이면 0이 모두 하나만 필요하고
// 뒤에 붙으므로 (0, 1))나 stride가 1보다 클 때(n = 6, k = 3, stride 2이면 0이
// 하나만 필요하므로 (0, 1))는 맞지 않습니다.
//
// n, k, stride가 양수가 아니면 에러를 돌려줍니다.
//
// 예: SamePadding(5, 2, 1) = (0, 1). 폭이 두 칸인 윈도우 다섯 개에는 여섯 칸이 필요하므로
// 0 하나를 뒤에 붙입니다.
//
// Blog section: 패딩(Padding). Run: go test ./lessons/padding -run '^TestSamePadding$'
func SamePadding(n, k, stride int) (before, after int, err error) {
	// TODO: write SamePadding as its comment says. / 주석에 적힌 대로 SamePadding 함수를 작성하세요.
	// Run / 실행: go test ./lessons/padding -run '^TestSamePadding$'
	panic(todo("SamePadding"))
}

// DilatedAxis returns the output length and the padding before and after an
// axis of n cells, for a kernel of k taps with the given stride and
// dilation, under "valid" or "same".
//
// The Keras rule in words: dilation d puts d − 1 skipped cells between
// neighbouring kernel taps, so the kernel spans k_eff = (k − 1)·d + 1 cells.
// Everything else is the rule of OutputLength and SamePadding with k_eff in
// place of k. Under "valid" the padding is (0, 0). Keras refuses a stride
// above 1 together with a dilation above 1, and so must you: return an
// error. Errors are also as for OutputLength.
//
// Example: DilatedAxis(7, 3, 1, 2, "valid") = (3, 0, 0): the taps at
// offsets 0, 2, 4 span 5 cells, which fit at 3 positions of 7. Under "same",
// DilatedAxis(5, 3, 1, 2, "same") = (5, 2, 2).
//
//	dilation 2, k = 3:  x . x . x     k_eff = 5
//
// 한국어: DilatedAxis는 길이가 n칸인 축에 대해, k칸짜리 커널을 주어진 stride와
// 팽창률(dilation)로 "valid"나 "same" 방식으로 적용할 때의 출력 길이와 앞뒤
// 패딩을 돌려줍니다.
//
// Keras의 규칙: 팽창률 d는 이웃한 커널 칸 사이에 d − 1칸을 건너뛰게 하므로, 커널은
// k_eff = (k − 1)·d + 1칸에 걸칩니다. 나머지는 k 대신 k_eff를 쓴 OutputLength와
// SamePadding의 규칙 그대로입니다. "valid"에서는 패딩이 (0, 0)입니다. Keras는
// stride가 1보다 크면서 팽창률도 1보다 큰 설정을 거부하므로 이때는 에러를
// 돌려주세요. 그 밖의 에러는 OutputLength와 같습니다.
//
// 예: DilatedAxis(7, 3, 1, 2, "valid") = (3, 0, 0). 오프셋 0, 2, 4에 있는 칸들이
// 5칸에 걸치고, 이 폭은 7칸 안에 3군데 들어갑니다. "same"에서는
// DilatedAxis(5, 3, 1, 2, "same") = (5, 2, 2)입니다.
//
// Blog section: 패딩(Padding). Run: go test ./lessons/padding -run '^TestDilatedAxis$'
func DilatedAxis(n, k, stride, dilation int, padding string) (out, before, after int, err error) {
	// TODO: write DilatedAxis as its comment says. / 주석에 적힌 대로 DilatedAxis 함수를 작성하세요.
	// Run / 실행: go test ./lessons/padding -run '^TestDilatedAxis$'
	panic(todo("DilatedAxis"))
}

// PaddingPairs normalises the argument of a Keras ZeroPadding1D (rank 1) or
// ZeroPadding2D (rank 2) layer into one (before, after) pair per spatial
// axis: pairs[0] is (top, bottom) and pairs[1] is (left, right) in 2-D, and
// pairs[0] is (left, right) in 1-D.
//
// The argument comes as Go values that mirror Keras's Python forms:
//
//	rank 1  p                     → (p, p)
//	        []int{a, b}           → (a, b)
//	rank 2  p                     → (p, p), (p, p)
//	        []int{h, w}           → (h, h), (w, w)
//	        []any{[]int{t, b}, []int{l, r}} → (t, b), (l, r)
//	        []any{h, []int{l, r}} → (h, h), (l, r)   mixed forms are legal
//	both    nil                   → the Keras default, 1 everywhere
//
// p, h, w are ints. Anything else is an error: a list of the wrong length,
// an entry that is neither an int nor a pair of ints, a nested list in 1-D,
// a negative number anywhere, or a rank other than 1 or 2.
//
// Example: the post's ZeroPadding2D(padding=(1, 1)) is
// PaddingPairs([]int{1, 1}, 2) = [(1, 1), (1, 1)], one zero on every side,
// so a 10×10 input becomes 12×12.
//
// 한국어: PaddingPairs는 Keras ZeroPadding1D(rank 1)나 ZeroPadding2D(rank 2)
// 레이어의 인자를 공간 축마다 (before, after) 쌍 하나로 풀어 씁니다. 2-D에서
// pairs[0]은 (위, 아래), pairs[1]은 (왼쪽, 오른쪽)이고, 1-D에서 pairs[0]은
// (왼쪽, 오른쪽)입니다.
//
// 인자는 Keras의 파이썬 형태를 그대로 옮긴 Go 값으로 들어옵니다(위의 표). p, h, w는
// int입니다. 그 밖의 형태는 모두 에러입니다. 길이가 틀린 목록, int도 아니고 int의
// 쌍도 아닌 원소, 1-D에서의 중첩 목록, 어디에 있든 음수, 그리고 1이나 2가 아닌
// rank가 그렇습니다.
//
// 예: 글의 ZeroPadding2D(padding=(1, 1))은 PaddingPairs([]int{1, 1}, 2) =
// [(1, 1), (1, 1)]입니다. 사방에 0이 하나씩 붙으므로 10×10 입력이 12×12가 됩니다.
//
// Blog section: 패딩(Padding). Run: go test ./lessons/padding -run '^TestPaddingPairs$'
func PaddingPairs(padding any, rank int) ([][2]int, error) {
	// TODO: write PaddingPairs as its comment says. / 주석에 적힌 대로 PaddingPairs 함수를 작성하세요.
	// Run / 실행: go test ./lessons/padding -run '^TestPaddingPairs$'
	panic(todo("PaddingPairs"))
}

// ZeroPadding returns x with zeros added around its spatial axes, as the
// Keras layers ZeroPadding1D and ZeroPadding2D do. pads holds one
// (before, after) pair per spatial axis, as PaddingPairs returns them.
//
// Shapes: with one pair x is N×W×C and the result N×(left+W+right)×C; with
// two pairs x is N×H×W×C and the result N×(top+H+bottom)×(left+W+right)×C.
// Batch and channels are untouched, and x itself must not change.
//
// It returns an error when x's rank is not len(pads) + 2, when pads has
// neither 1 nor 2 pairs, or when a pad is negative.
//
// Example: the post pads a 10×10×3 input with ZeroPadding2D((1, 1)) and
// Keras prints (None, 12, 12, 3). On a 1×2×2×1 input [[1, 2], [3, 4]] with
// pads [(1, 1), (1, 1)] the result is the 1×4×4×1 tensor
//
//	0 0 0 0
//	0 1 2 0
//	0 3 4 0
//	0 0 0 0
//
// 한국어: ZeroPadding은 Keras의 ZeroPadding1D, ZeroPadding2D 레이어처럼 x의 공간
// 축 둘레에 0을 붙인 결과를 돌려줍니다. pads에는 PaddingPairs가 돌려주는 것과 같은
// 형태로 공간 축마다 (before, after) 쌍이 하나씩 들어 있습니다.
//
// 모양: 쌍이 하나이면 x는 N×W×C이고 결과는 N×(left+W+right)×C, 쌍이 둘이면 x는
// N×H×W×C이고 결과는 N×(top+H+bottom)×(left+W+right)×C입니다. 배치와 채널은
// 그대로이고, x 자체는 바뀌면 안 됩니다.
//
// x의 rank가 len(pads) + 2가 아니거나, pads의 쌍이 1개도 2개도 아니거나, 패딩이
// 음수이면 에러를 돌려줍니다.
//
// 예: 글에서는 10×10×3 입력에 ZeroPadding2D((1, 1))을 적용하고 Keras가
// (None, 12, 12, 3)을 출력합니다. 1×2×2×1 입력 [[1, 2], [3, 4]]에 pads
// [(1, 1), (1, 1)]을 적용하면 결과는 위의 1×4×4×1 텐서입니다.
//
// Blog section: 패딩(Padding). Run: go test ./lessons/padding -run '^TestZeroPadding$'
func ZeroPadding(x *tensor.Tensor, pads [][2]int) (*tensor.Tensor, error) {
	// TODO: write ZeroPadding as its comment says. / 주석에 적힌 대로 ZeroPadding 함수를 작성하세요.
	// Run / 실행: go test ./lessons/padding -run '^TestZeroPadding$'
	panic(todo("ZeroPadding"))
}
