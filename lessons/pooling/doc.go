// Package pooling is lesson 3 of convlings, after the section 풀링(pooling)
// of the post "케라스와 함께하는 쉬운 딥러닝 (8) - CNN 구조 이해하기 2"
// (lessons/pooling/README.md retells it).
//
// A pooling layer slides a window over each channel and keeps one number
// per position: the largest (max pooling) or the mean (average pooling).
// It has no weights. pool_size plays the part of kernel_size, padding works
// as for convolution, and when strides are not given they equal pool_size.
// Global pooling takes one window as large as the whole image.
//
// Conventions: tensors are float32 and channels last (N×H×W×C); pooling
// keeps the channels, each one pooled on its own. Under 'same', padded
// cells take no part: max pooling never picks one, and average pooling
// divides by the number of real cells in the window. Every function returns
// an error wherever Keras raises one.
//
// 한국어: pooling 패키지는 convlings의 레슨 3으로, 「케라스와 함께하는 쉬운
// 딥러닝 (8) - CNN 구조 이해하기 2」의 풀링(pooling) 절을 따라갑니다
// (lessons/pooling/README.ko.md에 풀어 썼습니다).
//
// 풀링 레이어는 채널마다 윈도우를 옮겨 가며 위치마다 숫자 하나, 즉 가장 큰 값(맥스
// 풀링)이나 평균(애버리지 풀링)을 남깁니다. 가중치는 없습니다. pool_size는
// kernel_size와 같은 역할을 하고, 패딩은 합성곱과 같은 방식으로 정하며, strides를
// 주지 않으면 pool_size와 같아집니다. 글로벌 풀링은 이미지 전체 크기의 윈도우 하나로
// 풀링합니다.
//
// 규칙: 텐서는 float32이고 채널이 마지막 축입니다(N×H×W×C). 풀링은 채널 수를 그대로
// 두고 채널마다 따로 풀링합니다. 'same'에서 패딩된 칸은 계산에 끼지 않습니다. 맥스
// 풀링은 패딩된 칸을 절대 고르지 않고, 애버리지 풀링은 윈도우 안의 실제 칸 수로
// 나눕니다. Keras가 에러를 내는 곳에서는 함수도 에러를 돌려줍니다.
//
// Exercises, easy to hard (run one with go test ./lessons/pooling -run '^TestName$'):
//
//	1 PoolOutputShape                            TestPoolOutputShape
//	2 MaxPooling2D                               TestMaxPooling
//	3 AveragePooling2D, 'valid'                  TestAveragePoolingValid
//	4 AveragePooling2D, 'same'                   TestAveragePoolingSame
//	5 GlobalMaxPooling2D, GlobalAveragePooling2D TestGlobalPooling
package pooling
