package reference

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// Answers is one function per exercise of the kit, from the call as a
// golden file stores it to the expected answer, or to the error Keras
// raises. The field is the exercise's test without "Test".
type Answers struct {
	OutputLength func(golden.AxisCall) (int, error)
	SamePadding  func(golden.AxisCall) (golden.AxisWant, error)
	DilatedAxis  func(golden.AxisCall) (golden.AxisWant, error)
	PaddingPairs func(golden.PairsCall) ([][2]int, error)
	ZeroPadding  func(golden.ZeroPaddingCall) (golden.Tensor, error)

	ConvOutputShape func(golden.ConvShapeCall) ([3]int, error)
	ConvParams      func(golden.ConvParamsCall) (int, error)
	Conv2DValid     func(golden.ConvCall) (golden.Tensor, error)
	Conv2DStrided   func(golden.ConvCall) (golden.Tensor, error)
	Conv2DDilated   func(golden.ConvCall) (golden.Tensor, error)
	Conv1D          func(golden.ConvCall) (golden.Tensor, error)

	PoolOutputShape     func(golden.PoolShapeCall) ([3]int, error)
	MaxPooling          func(golden.PoolCall) (golden.Tensor, error)
	AveragePoolingValid func(golden.PoolCall) (golden.Tensor, error)
	AveragePoolingSame  func(golden.PoolCall) (golden.Tensor, error)
	GlobalPooling       func(golden.GlobalCall) (golden.Tensor, error)

	LayerOutputShape func(golden.LayerCall) ([]int, error)
	LayerParams      func(golden.LayerCall) (int, error)
	Summary          func(golden.SummaryCall) (golden.SummaryWant, error)
	FlattenDense     func(golden.FlattenDenseCall) (golden.Tensor, error)
	Forward          func(golden.ForwardCall) (golden.ForwardWant, error)
}

// Library returns the reference library's answers: the functions of this
// package.
func Library() Answers {
	return Answers{
		OutputLength: OutputLength, SamePadding: SamePadding, DilatedAxis: DilatedAxis, PaddingPairs: PaddingPairs, ZeroPadding: ZeroPadding,
		ConvOutputShape: ConvOutputShape, ConvParams: ConvParams, Conv2DValid: Conv2DValid, Conv2DStrided: Conv2DStrided, Conv2DDilated: Conv2DDilated, Conv1D: Conv1D,
		PoolOutputShape: PoolOutputShape, MaxPooling: MaxPooling, AveragePoolingValid: AveragePoolingValid, AveragePoolingSame: AveragePoolingSame, GlobalPooling: GlobalPooling,
		LayerOutputShape: LayerOutputShape, LayerParams: LayerParams, Summary: Summary, FlattenDense: FlattenDense, Forward: Forward,
	}
}

// ErrUnknownLayer is the error of a lesson-4 layer whose class the kit
// does not know ("Conv3D", "Dropout"): the lesson rejects it, and no layer
// of the library is made for it.
var ErrUnknownLayer = errors.New("unknown layer class")

// Kind returns the name a golden file records for err: the library's kind
// (padding.Kind), "unknown_layer" for ErrUnknownLayer, or "" for nil and
// for an error of no kind.
func Kind(err error) string {
	if k := padding.Kind(err); k != "" {
		return k
	}
	if errors.Is(err, ErrUnknownLayer) {
		return "unknown_layer"
	}
	return ""
}

// NewCase returns the case of call whose answer is want, or err where the
// library rejects the call: Error then holds err's kind and message. It
// fails on an error of no kind (see Kind), which no answer of this package
// returns for a call the library could judge.
func NewCase[C, W any](about string, order int, call C, want W, err error) (golden.Case[C, W], error) {
	c := golden.Case[C, W]{About: about, Order: order, Call: call}
	if err != nil {
		kind := Kind(err)
		if kind == "" {
			return c, fmt.Errorf("reference: an error of no known kind: %w", err)
		}
		c.Error = &golden.Error{Kind: kind, Message: err.Error()}
		return c, nil
	}
	c.Want = &want
	return c, nil
}

// Check decodes one case of the exercise whose test is test, from a golden
// file's bytes, answers its call with a, and returns an error that says
// how they differ unless the case's answer is exactly a's: the same JSON
// for a value, the same kind and message for an error.
func Check(a Answers, test string, data []byte) error {
	f, ok := checkers(a)[test]
	if !ok {
		return fmt.Errorf("reference: no exercise %s", test)
	}
	return f(data)
}

// Tests returns the tests of the exercises Check knows: every exercise of
// the kit (a test of this package holds it to golden.Exercises).
func Tests() []string {
	var out []string
	for _, ex := range golden.Exercises() {
		if _, ok := checkers(Answers{})[ex.Test]; ok {
			out = append(out, ex.Test)
		}
	}
	return out
}

func checkers(a Answers) map[string]func([]byte) error {
	return map[string]func([]byte) error{
		"TestOutputLength": check(a.OutputLength), "TestSamePadding": check(a.SamePadding), "TestDilatedAxis": check(a.DilatedAxis),
		"TestPaddingPairs": check(a.PaddingPairs), "TestZeroPadding": check(a.ZeroPadding),
		"TestConvOutputShape": check(a.ConvOutputShape), "TestConvParams": check(a.ConvParams), "TestConv2DValid": check(a.Conv2DValid),
		"TestConv2DStrided": check(a.Conv2DStrided), "TestConv2DDilated": check(a.Conv2DDilated), "TestConv1D": check(a.Conv1D),
		"TestPoolOutputShape": check(a.PoolOutputShape), "TestMaxPooling": check(a.MaxPooling), "TestAveragePoolingValid": check(a.AveragePoolingValid),
		"TestAveragePoolingSame": check(a.AveragePoolingSame), "TestGlobalPooling": check(a.GlobalPooling),
		"TestLayerOutputShape": check(a.LayerOutputShape), "TestLayerParams": check(a.LayerParams), "TestSummary": check(a.Summary),
		"TestFlattenDense": check(a.FlattenDense), "TestForward": check(a.Forward),
	}
}

func check[C, W any](answer func(C) (W, error)) func([]byte) error {
	return func(data []byte) error {
		var c golden.Case[C, W]
		if err := json.Unmarshal(data, &c); err != nil {
			return fmt.Errorf("decoding the case: %w", err)
		}
		if answer == nil {
			return errors.New("no answer for this exercise")
		}
		want, err := answer(c.Call)
		switch {
		case err != nil && c.Error == nil:
			return fmt.Errorf("the case expects a value, the library raises %s: %v", Kind(err), err)
		case err != nil:
			if k := Kind(err); k != c.Error.Kind || err.Error() != c.Error.Message {
				return fmt.Errorf("the case expects the error %s: %s; the library raises %s: %v", c.Error.Kind, c.Error.Message, k, err)
			}
			return nil
		case c.Error != nil:
			return fmt.Errorf("the case expects the error %s: %s; the library answers", c.Error.Kind, c.Error.Message)
		case c.Want == nil:
			return errors.New("the case has neither an answer nor an error")
		}
		got, gerr := json.Marshal(want)
		exp, eerr := json.Marshal(*c.Want)
		if gerr != nil || eerr != nil {
			return fmt.Errorf("encoding the answers: %v", errors.Join(gerr, eerr))
		}
		if !bytes.Equal(got, exp) {
			return fmt.Errorf("the case expects %s; the library answers %s", exp, got)
		}
		return nil
	}
}

// input returns a copy of t as the library's tensor, or an error for a
// call that lacks it.
func input(t *golden.Tensor, name string) (*tensor.Tensor, error) {
	if t == nil {
		return nil, fmt.Errorf("reference: the call has no %s", name)
	}
	if len(t.Shape) == 0 {
		return nil, fmt.Errorf("reference: the call's %s has no shape", name)
	}
	return t.Tensor(), nil
}

// result is the library's output y as a case's answer.
func result(y *tensor.Tensor, err error) (golden.Tensor, error) {
	if err != nil {
		return golden.Tensor{}, err
	}
	if y == nil {
		return golden.Tensor{}, errors.New("reference: the library returned neither a tensor nor an error")
	}
	return *golden.NewTensor(y), nil
}

// shapeOf is an input shape with the batch axis None.
func shapeOf(in ...int) tensor.Shape { return append(tensor.Shape{tensor.None}, in...) }

// lessonMode applies the lessons' contract where it is narrower than the
// library's API: the padding argument of a function of lessons 1–3 is
// "valid" or "same" (the library then decides case and the rest). The
// library also takes "", its Go default for 'valid', which Keras itself
// rejects (standardize_padding), and Conv1D's "causal", which the kit
// leaves out (lessons/filters, Conv1D); for those two the lessons' rule,
// and so the answer, is the library's error kind for a padding it does
// not know, ErrInvalidPaddingMode.
func lessonMode(pkg, class, s string) error {
	var detail string
	switch strings.ToLower(s) {
	case "":
		detail = "must be 'valid' or 'same' (the lessons' functions have no default)"
	case "causal":
		detail = "must be 'valid' or 'same' (Keras's Conv1D also takes 'causal'; the lessons leave it out)"
	default:
		return nil
	}
	return &padding.Error{Pkg: pkg, Layer: class, Arg: "padding", Value: strconv.Quote(s), Kind: padding.ErrInvalidPaddingMode, Detail: detail}
}
