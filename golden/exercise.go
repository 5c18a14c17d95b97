package golden

// Exercise names one exercise of the kit, as lessons/manifest.json does.
type Exercise struct {
	Lesson string // the lesson package: "padding"
	Name   string // unique in the kit: "output_length"
	Test   string // the test function: "TestOutputLength"
	Anchor string // the section of lessons/<Lesson>/README.md: "1-output-length"
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
	exOutputLength = Exercise{"padding", "output_length", "TestOutputLength", "1-output-length"}
	exSamePadding  = Exercise{"padding", "same_padding", "TestSamePadding", "2-same-padding"}
	exDilatedAxis  = Exercise{"padding", "dilated_axis", "TestDilatedAxis", "3-dilation"}
	exPaddingPairs = Exercise{"padding", "padding_pairs", "TestPaddingPairs", "4-padding-arguments"}
	exZeroPadding  = Exercise{"padding", "zero_padding", "TestZeroPadding", "5-zero-padding"}

	exConvOutputShape = Exercise{"filters", "conv_output_shape", "TestConvOutputShape", "1-output-shape"}
	exConvParams      = Exercise{"filters", "conv_params", "TestConvParams", "2-parameter-count"}
	exConv2DValid     = Exercise{"filters", "conv2d_valid", "TestConv2DValid", "3-conv2d-valid"}
	exConv2DStrided   = Exercise{"filters", "conv2d_strided", "TestConv2DStrided", "4-strides-and-same"}
	exConv2DDilated   = Exercise{"filters", "conv2d_dilated", "TestConv2DDilated", "5-dilation"}
	exConv1D          = Exercise{"filters", "conv1d", "TestConv1D", "6-conv1d"}

	exPoolOutputShape = Exercise{"pooling", "pool_output_shape", "TestPoolOutputShape", "1-output-shape"}
	exMaxPooling      = Exercise{"pooling", "max_pooling", "TestMaxPooling", "2-max-pooling"}
	exAvgPoolingValid = Exercise{"pooling", "average_pooling_valid", "TestAveragePoolingValid", "3-average-pooling-valid"}
	exAvgPoolingSame  = Exercise{"pooling", "average_pooling_same", "TestAveragePoolingSame", "4-average-pooling-same"}
	exGlobalPooling   = Exercise{"pooling", "global_pooling", "TestGlobalPooling", "5-global-pooling"}

	exLayerOutputShape = Exercise{"stacking", "layer_output_shape", "TestLayerOutputShape", "1-output-shape-of-a-layer"}
	exLayerParams      = Exercise{"stacking", "layer_params", "TestLayerParams", "2-parameters-of-a-layer"}
	exSummary          = Exercise{"stacking", "summary", "TestSummary", "3-summary"}
	exFlattenDense     = Exercise{"stacking", "flatten_dense", "TestFlattenDense", "4-flatten-and-dense"}
	exForward          = Exercise{"stacking", "forward", "TestForward", "5-forward-pass"}
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
