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
// Exercises, easy to hard (run one with go test ./lessons/stacking -run '^TestName$'):
//
//	1 OutputShape    TestLayerOutputShape
//	2 ParamCount     TestLayerParams
//	3 Summary        TestSummary
//	4 Flatten, Dense TestFlattenDense
//	5 Forward        TestForward
package stacking
