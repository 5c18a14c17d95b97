// Package padding is lesson 1 of convlings, after the section 패딩(Padding)
// of the post "케라스와 함께하는 쉬운 딥러닝 (8) - CNN 구조 이해하기 2"
// (lessons/padding/README.md retells it).
//
// A window of k cells slides along an axis of n cells, stride cells at a
// time. Keras offers two padding modes: 'valid' adds nothing and drops the
// positions where the window would stick out, and 'same' adds zeros so that
// there is one output per stride step. The post says 'same' adds k/2 zeros
// on every side; that holds for odd k with stride 1 only, and the exercises
// show where it stops holding. Zero padding can also be a layer of its own,
// ZeroPadding1D/2D, whose argument comes in several forms.
//
// Conventions: tensors are float32, channels last (N×W×C for 1-D, N×H×W×C
// for 2-D), and a function returns an error wherever Keras raises one.
//
// Exercises, easy to hard (run one with go test ./lessons/padding -run '^TestName$'):
//
//	1 OutputLength   TestOutputLength
//	2 SamePadding    TestSamePadding
//	3 DilatedAxis    TestDilatedAxis
//	4 PaddingPairs   TestPaddingPairs
//	5 ZeroPadding    TestZeroPadding
package padding
