package golden

// Exercise names one exercise of the kit, as lessons/manifest.json does.
type Exercise struct {
	Lesson   string // the lesson package: "padding"
	Name     string // unique in the kit: "output_length"
	Test     string // the test function: "TestOutputLength"
	Anchor   string // the section of lessons/<Lesson>/README.md: "1-output-length"
	AnchorKo string // the section of lessons/<Lesson>/README.ko.md: "1-출력-길이"
}

// ID returns the exercise's full name, "padding/output_length".
func (e Exercise) ID() string { return e.Lesson + "/" + e.Name }

// README returns the link to the exercise's section of its lesson's README.
func (e Exercise) README() string { return "lessons/" + e.Lesson + "/README.md#" + e.Anchor }

// Hint returns the command that prints the exercise's hints.
func (e Exercise) Hint() string { return "go run ./tools/checker hint " + e.ID() }

// Test is one exercise's test in a suite: Run is what the lesson's test
// function of the same name calls.
type Test struct {
	Exercise Exercise
	Run      func(t T)
}

// The kit's exercises, lesson by lesson in the post's order. A test in this
// package checks that lessons/manifest.json says the same.
var (
	exOutputLength = Exercise{"padding", "output_length", "TestOutputLength", "1-output-length", "1-출력-길이"}
	exSamePadding  = Exercise{"padding", "same_padding", "TestSamePadding", "2-same-padding", "2-same-패딩"}
	exDilatedAxis  = Exercise{"padding", "dilated_axis", "TestDilatedAxis", "3-dilation", "3-팽창과-유효-커널"}
	exPaddingPairs = Exercise{"padding", "padding_pairs", "TestPaddingPairs", "4-padding-arguments", "4-패딩-인자"}
	exZeroPadding  = Exercise{"padding", "zero_padding", "TestZeroPadding", "5-zero-padding", "5-제로-패딩"}

	exConvOutputShape = Exercise{"filters", "conv_output_shape", "TestConvOutputShape", "1-output-shape", "1-출력-모양"}
	exConvParams      = Exercise{"filters", "conv_params", "TestConvParams", "2-parameter-count", "2-파라미터-수"}
	exConv2DValid     = Exercise{"filters", "conv2d_valid", "TestConv2DValid", "3-conv2d-valid", "3-conv2d-valid-합성곱"}
	exConv2DStrided   = Exercise{"filters", "conv2d_strided", "TestConv2DStrided", "4-strides-and-same", "4-스트라이드와-same"}
	exConv2DDilated   = Exercise{"filters", "conv2d_dilated", "TestConv2DDilated", "5-dilation", "5-팽창"}
	exConv1D          = Exercise{"filters", "conv1d", "TestConv1D", "6-conv1d", "6-conv1d"}

	exPoolOutputShape = Exercise{"pooling", "pool_output_shape", "TestPoolOutputShape", "1-output-shape", "1-출력-모양"}
	exMaxPooling      = Exercise{"pooling", "max_pooling", "TestMaxPooling", "2-max-pooling", "2-맥스-풀링"}
	exAvgPoolingValid = Exercise{"pooling", "average_pooling_valid", "TestAveragePoolingValid", "3-average-pooling-valid", "3-애버리지-풀링-valid"}
	exAvgPoolingSame  = Exercise{"pooling", "average_pooling_same", "TestAveragePoolingSame", "4-average-pooling-same", "4-애버리지-풀링-same"}
	exGlobalPooling   = Exercise{"pooling", "global_pooling", "TestGlobalPooling", "5-global-pooling", "5-글로벌-풀링"}

	exLayerOutputShape = Exercise{"stacking", "layer_output_shape", "TestLayerOutputShape", "1-output-shape-of-a-layer", "1-레이어의-출력-모양"}
	exLayerParams      = Exercise{"stacking", "layer_params", "TestLayerParams", "2-parameters-of-a-layer", "2-레이어의-파라미터-수"}
	exSummary          = Exercise{"stacking", "summary", "TestSummary", "3-summary", "3-모델-요약"}
	exFlattenDense     = Exercise{"stacking", "flatten_dense", "TestFlattenDense", "4-flatten-and-dense", "4-flatten과-dense"}
	exForward          = Exercise{"stacking", "forward", "TestForward", "5-forward-pass", "5-순전파"}
)

// Exercises returns every exercise of the kit in course order.
func Exercises() []Exercise {
	return []Exercise{
		exOutputLength, exSamePadding, exDilatedAxis, exPaddingPairs, exZeroPadding,
		exConvOutputShape, exConvParams, exConv2DValid, exConv2DStrided, exConv2DDilated, exConv1D,
		exPoolOutputShape, exMaxPooling, exAvgPoolingValid, exAvgPoolingSame, exGlobalPooling,
		exLayerOutputShape, exLayerParams, exSummary, exFlattenDense, exForward,
	}
}
