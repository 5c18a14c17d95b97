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
// Exercises, easy to hard (run one with go test ./lessons/filters -run '^TestName$'):
//
//	1 ConvOutputShape  TestConvOutputShape
//	2 ConvParams       TestConvParams
//	3 Conv2D           TestConv2DValid
//	4 Conv2DStrided    TestConv2DStrided
//	5 Conv2DDilated    TestConv2DDilated
//	6 Conv1D           TestConv1D
package filters
