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
// Exercises, easy to hard (run one with go test ./lessons/pooling -run '^TestName$'):
//
//	1 PoolOutputShape                            TestPoolOutputShape
//	2 MaxPooling2D                               TestMaxPooling
//	3 AveragePooling2D, 'valid'                  TestAveragePoolingValid
//	4 AveragePooling2D, 'same'                   TestAveragePoolingSame
//	5 GlobalMaxPooling2D, GlobalAveragePooling2D TestGlobalPooling
package pooling
