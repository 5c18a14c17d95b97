// Package stacking is lesson 4 of convlings, the closing one: it stacks the
// layers of the first three lessons the way the post's Sequential models
// do, and reproduces every shape the post and its notebook print (the
// section 전체 코드 links the notebook; lessons/stacking/README.md retells
// the models).
//
// A Keras Sequential model feeds each layer the previous layer's output.
// Its output_shape is the last layer's, printed with None for the batch:
// (None, 8, 8, 10). model.summary() lists every layer with its output shape
// and number of parameters, and the total. The exercises compute a layer's
// output shape and parameter count, the summary of a model, the forward
// pass of Flatten and Dense, and finally a forward pass through a stack.
//
// Conventions: shapes include the batch axis first, -1 standing for None
// (unknown). Tensors are float32 and channels last. A layer is described
// by a Layer value, as the post writes it in Python. Every function
// returns an error wherever Keras raises one.
//
// 한국어: stacking 패키지는 convlings의 마지막 레슨인 레슨 4입니다. 앞의 세 레슨에서
// 만든 레이어를 글의 Sequential 모델처럼 쌓고, 글과 노트북에 나오는 모든 출력
// 모양을 그대로 재현합니다(노트북 링크는 글의 전체 코드 절에 있고, 모델들은
// lessons/stacking/README.ko.md에 풀어 썼습니다).
//
// Keras Sequential 모델은 각 레이어에 바로 앞 레이어의 출력을 넣습니다. 모델의
// output_shape는 마지막 레이어의 출력 모양이며, 배치 자리에 None을 써서
// (None, 8, 8, 10)처럼 출력됩니다. model.summary()는 레이어마다 출력 모양과
// 파라미터 수를 보여 주고, 마지막에 합계를 보여 줍니다. 연습 문제에서는 레이어
// 하나의 출력 모양과 파라미터 수, 모델의 요약, Flatten과 Dense의 순전파를 차례로
// 계산하고, 마지막으로 레이어를 쌓은 모델 전체의 순전파를 계산합니다.
//
// 규칙: 모양에는 배치 축이 맨 앞에 들어가며, -1은 None(알 수 없는 크기)을
// 뜻합니다. 텐서는 float32이고 채널이 마지막 축입니다. 레이어 하나는 글이
// 파이썬으로 쓴 인자를 그대로 담은 Layer 값으로 나타냅니다. Keras가 에러를 내는
// 곳에서는 함수도 에러를 돌려줍니다.
//
// Exercises, easy to hard (run one with go test ./lessons/stacking -run '^TestName$'):
//
//	1 OutputShape    TestLayerOutputShape
//	2 ParamCount     TestLayerParams
//	3 Summary        TestSummary
//	4 Flatten, Dense TestFlattenDense
//	5 Forward        TestForward
package stacking
