// Package filters is lesson 2 of convlings, after the section
// 필터/커널(Filter/kernel) of the post "케라스와 함께하는 쉬운 딥러닝 (8) -
// CNN 구조 이해하기 2" (lessons/filters/README.md retells it).
//
// A convolution layer has three arguments that fix the shape of its output:
// filters (how many different kernels, which becomes the output's depth),
// kernel_size (the window) and strides (how far the window moves). The
// exercises compute that shape and the number of weights, then the values:
// a Conv2D with stride 1 and 'valid' first, then 'same' with strides, then
// dilation, then Conv1D.
//
// Conventions: tensors are float32 and channels last. An input image batch
// is N×H×W×C, a Conv2D kernel is kh×kw×C×F in Keras's layout (filters
// innermost), the bias has F values (nil means use_bias=False), and the
// output is N×H'×W'×F. Like Keras, a convolution here is a cross-correlation:
// the kernel is not flipped. Every function returns an error wherever Keras
// raises one.
//
// 한국어: filters 패키지는 convlings의 레슨 2로, 「케라스와 함께하는 쉬운 딥러닝
// (8) - CNN 구조 이해하기 2」의 필터/커널(Filter/kernel) 절을 따라갑니다
// (lessons/filters/README.ko.md에 풀어 썼습니다).
//
// 합성곱 레이어에는 출력 모양을 결정하는 인자가 세 개 있습니다. filters(서로 다른
// 커널의 개수로, 출력의 깊이가 됩니다), kernel_size(윈도우의 크기), strides(윈도우가
// 움직이는 거리)입니다. 연습 문제에서는 먼저 출력 모양과 가중치 개수를 구하고, 이어서
// 출력값을 계산합니다. 스트라이드 1, 'valid'인 Conv2D부터 시작해 스트라이드와
// 'same', 팽창, 그리고 Conv1D 순서입니다.
//
// 규칙: 텐서는 float32이고 채널이 마지막 축입니다. 입력 이미지 배치는 N×H×W×C,
// Conv2D 커널은 Keras의 축 순서대로 kh×kw×C×F(필터 축이 가장 안쪽), 바이어스는
// F개 값(nil은 use_bias=False), 출력은 N×H'×W'×F입니다. Keras처럼 여기서도
// 합성곱은 교차 상관이어서 커널을 뒤집지 않습니다. Keras가 에러를 내는 곳에서는
// 함수도 에러를 돌려줍니다.
//
// Exercises, easy to hard (run one with go test ./lessons/filters -run '^TestName$'):
//
//	1 ConvOutputShape  TestConvOutputShape
//	2 ConvParams       TestConvParams
//	3 Conv2D           TestConv2DValid
//	4 Conv2DStrided    TestConv2DStrided
//	5 Conv2DDilated    TestConv2DDilated
//	6 Conv1D           TestConv1D
package filters
