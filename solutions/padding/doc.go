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
// 한국어: padding 패키지는 convlings의 레슨 1로, 「케라스와 함께하는 쉬운 딥러닝
// (8) - CNN 구조 이해하기 2」의 패딩(Padding) 절을 따라갑니다
// (lessons/padding/README.ko.md에 풀어 썼습니다).
//
// 폭 k칸인 윈도우가 길이 n칸인 축을 따라 stride칸씩 움직입니다. Keras의 패딩
// 방식은 두 가지입니다. 'valid'는 아무것도 붙이지 않고 윈도우가 입력 밖으로 나가는
// 위치를 버리며, 'same'은 윈도우가 stride만큼 움직일 때마다 출력이 하나씩 생기도록
// 0을 붙입니다. 글은 'same'이 사방에 k/2개의 0을 붙인다고 설명하는데, 이는 k가
// 홀수이고 stride가 1일 때만 맞으며, 연습 문제에서 어디서부터 맞지 않는지
// 확인합니다. 제로 패딩은 ZeroPadding1D/2D라는 별도의 레이어로도 할 수 있고, 그
// 인자는 여러 형태로 들어옵니다.
//
// 규칙: 텐서는 float32이고 채널이 마지막 축입니다(1-D는 N×W×C, 2-D는 N×H×W×C).
// Keras가 에러를 내는 곳에서는 함수도 에러를 돌려줍니다.
//
// Exercises, easy to hard (run one with go test ./lessons/padding -run '^TestName$'):
//
//	1 OutputLength   TestOutputLength
//	2 SamePadding    TestSamePadding
//	3 DilatedAxis    TestDilatedAxis
//	4 PaddingPairs   TestPaddingPairs
//	5 ZeroPadding    TestZeroPadding
package padding
