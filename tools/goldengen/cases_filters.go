package main

import (
	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/internal/reference"
	"github.com/convlings/convlings/tensor"
)

func genFilters(g *gen) {
	ex := lookup("TestConvOutputShape")
	shape := func(name, about string, in [3]int, filters int, k, s [2]int, mode string) {
		call := golden.ConvShapeCall{InputShape: in, Filters: filters, KernelSize: k, Strides: s, Padding: mode}
		w, err := reference.ConvOutputShape(call)
		add(g, ex, name, about, call, w, err)
	}
	one := [2]int{1, 1}
	shape("post_valid", "the post: Conv2D(input_shape=(10, 10, 3), filters=10, kernel_size=(3,3), strides=(1,1), padding='valid') → (None, 8, 8, 10)", [3]int{10, 10, 3}, 10, [2]int{3, 3}, one, "valid")
	shape("post_same", "the post: the same with padding='same' → (None, 10, 10, 10)", [3]int{10, 10, 3}, 10, [2]int{3, 3}, one, "same")
	shape("post_filters_20", "the post: filters=20 makes the output 20 deep → (None, 10, 10, 20)", [3]int{10, 10, 3}, 20, [2]int{3, 3}, one, "same")
	shape("even_kernel_valid", "a 2×2 kernel under 'valid'", [3]int{10, 10, 3}, 4, [2]int{2, 2}, one, "valid")
	shape("rectangular_kernel", "kernel 3×1: each axis has its own size", [3]int{10, 8, 1}, 2, [2]int{3, 1}, one, "valid")
	shape("stride2_valid", "stride 2 under 'valid'", [3]int{10, 10, 3}, 6, [2]int{3, 3}, [2]int{2, 2}, "valid")
	shape("stride2_same_odd_input", "stride 2 under 'same' on 7: ceil(7/2) = 4", [3]int{7, 7, 3}, 8, [2]int{3, 3}, [2]int{2, 2}, "same")
	shape("stride3_same", "stride 3 under 'same' on 10: 4", [3]int{10, 10, 1}, 1, [2]int{2, 2}, [2]int{3, 3}, "same")
	shape("mixed_strides", "strides (1, 3): rows and columns differ", [3]int{9, 12, 3}, 5, [2]int{3, 3}, [2]int{1, 3}, "valid")
	shape("kernel_larger_than_input_same", "'same' works even when the kernel is larger than the input", [3]int{2, 2, 1}, 3, [2]int{5, 5}, one, "same")
	shape("uppercase_same", "Keras's Conv2D lower-cases the padding: 'SAME' is 'same'", [3]int{10, 10, 3}, 10, [2]int{3, 3}, one, "SAME")
	shape("error_kernel_larger_than_input_valid", "Keras: computed output size would be zero or negative", [3]int{2, 2, 1}, 3, [2]int{3, 3}, one, "valid")
	shape("error_zero_filters", "filters must be > 0", [3]int{10, 10, 3}, 0, [2]int{3, 3}, one, "valid")
	shape("error_zero_stride", "strides must be > 0", [3]int{10, 10, 3}, 10, [2]int{3, 3}, [2]int{0, 1}, "valid")
	shape("error_unknown_padding", "padding must be 'valid' or 'same'", [3]int{10, 10, 3}, 10, [2]int{3, 3}, one, "full")
	shape("error_zero_input_channels", "an input with no channels", [3]int{10, 10, 0}, 10, [2]int{3, 3}, one, "valid")

	ex = lookup("TestConvParams")
	params := func(name, about string, k [2]int, in, filters int, useBias bool) {
		call := golden.ConvParamsCall{KernelSize: k, InChannels: in, Filters: filters, UseBias: useBias}
		w, err := reference.ConvParams(call)
		add(g, ex, name, about, call, w, err)
	}
	params("post_280", "the post's first model: 3·3·3·10 + 10 = 280", [2]int{3, 3}, 3, 10, true)
	params("post_filters_20", "20 filters: 3·3·3·20 + 20 = 560", [2]int{3, 3}, 3, 20, true)
	params("no_bias", "use_bias=False: 3·3·3·10 = 270", [2]int{3, 3}, 3, 10, false)
	params("one_by_one", "a 1×1 kernel mixing 64 channels into 32", [2]int{1, 1}, 64, 32, true)
	params("rectangular", "a 5×3 kernel on one channel", [2]int{5, 3}, 1, 4, true)
	params("error_zero_filters", "filters must be > 0", [2]int{3, 3}, 3, 0, true)
	params("error_zero_channels", "an input with no channels", [2]int{3, 3}, 0, 10, true)
	params("error_negative_kernel", "kernel_size must be > 0", [2]int{-1, 3}, 3, 10, true)

	answers := map[string]func(golden.ConvCall) (golden.Tensor, error){
		"TestConv2DValid": reference.Conv2DValid, "TestConv2DStrided": reference.Conv2DStrided,
		"TestConv2DDilated": reference.Conv2DDilated, "TestConv1D": reference.Conv1D,
	}
	convCase := func(test, name, about string, x, k *tensor.Tensor, bias []float32, strides, dilation []int, mode string) {
		call := golden.ConvCall{X: golden.NewTensor(x), Kernel: golden.NewTensor(k), Bias: bias, Strides: strides, Dilation: dilation, Padding: mode}
		w, err := answers[test](call)
		add(g, lookup(test), name, about, call, w, err)
	}

	valid := func(name, about string, x, k *tensor.Tensor, bias []float32) {
		convCase("TestConv2DValid", name, about, x, k, bias, nil, nil, "") // Conv2D takes no padding: 'valid'.
	}
	valid("ones_kernel", "the doc comment's example: a 2×2 kernel of ones and bias 0.5", seq(1, 1, 3, 3, 1), vals([]int{2, 2, 1, 1}, 1, 1, 1, 1), []float32{0.5})
	valid("asymmetric_kernel", "a kernel with no symmetry: flipping it gives other values", fill(21, 1, 5, 5, 1), fill(22, 3, 3, 1, 1), []float32{0.25})
	valid("even_kernel_two_filters", "a 2×2 kernel, two filters", fill(23, 1, 4, 5, 1), fill(24, 2, 2, 1, 2), floats(25, 2))
	valid("three_channels", "three input channels, two filters: every filter sums over all channels", fill(26, 1, 4, 4, 3), fill(27, 3, 3, 3, 2), floats(28, 2))
	valid("batch2", "two images, two channels, three filters, a 2×3 kernel", fill(29, 2, 5, 4, 2), fill(30, 2, 3, 2, 3), floats(31, 3))
	valid("no_bias", "use_bias=False: bias is nil", fill(32, 1, 4, 4, 2), fill(33, 3, 3, 2, 1), nil)
	valid("kernel_covers_input", "kernel as large as the input: a 1×1 output", fill(34, 1, 3, 3, 2), fill(35, 3, 3, 2, 1), []float32{-1})
	valid("post_10x10x3_filters10", "the post's first model with values: 10 filters of 3×3 on a 10×10×3 image → 1×8×8×10", fill(36, 1, 10, 10, 3), fill(37, 3, 3, 3, 10), floats(38, 10))
	valid("error_kernel_larger_than_input", "Keras: computed output size would be zero or negative", fill(39, 1, 2, 2, 1), fill(40, 3, 3, 1, 1), []float32{0})
	valid("error_channel_mismatch", "the kernel is for 3 input channels, x has 2", fill(41, 1, 4, 4, 2), fill(42, 3, 3, 3, 1), []float32{0})
	valid("error_bias_length", "two bias values for one filter", fill(43, 1, 4, 4, 1), fill(44, 3, 3, 1, 1), []float32{0, 1})
	valid("error_input_rank3", "Conv2D wants N×H×W×C, not N×W×C", fill(45, 1, 4, 1), fill(46, 1, 1, 1, 1), []float32{0})

	strided := func(name, about string, x, k *tensor.Tensor, bias []float32, s [2]int, mode string) {
		convCase("TestConv2DStrided", name, about, x, k, bias, s[:], nil, mode)
	}
	strided("stride2_valid", "stride 2, 'valid'", fill(51, 1, 5, 5, 1), fill(52, 3, 3, 1, 1), []float32{0.5}, [2]int{2, 2}, "valid")
	strided("stride2_same_even_total", "stride 2, 'same' on 5: two zeros, one each side", fill(53, 1, 5, 5, 1), fill(54, 3, 3, 1, 1), []float32{0}, [2]int{2, 2}, "same")
	strided("stride2_same_odd_total", "stride 2, 'same' on 6: one zero, after (bottom and right)", fill(55, 1, 6, 6, 2), fill(56, 3, 3, 2, 2), floats(57, 2), [2]int{2, 2}, "same")
	strided("stride3_valid_drops_cells", "stride 3, 'valid': the last row and columns are never read", fill(58, 1, 7, 8, 1), fill(59, 2, 2, 1, 1), []float32{1}, [2]int{3, 3}, "valid")
	strided("stride3_same", "stride 3, 'same' on 7: two zeros per axis", fill(60, 1, 7, 7, 1), fill(61, 3, 3, 1, 1), []float32{0}, [2]int{3, 3}, "same")
	strided("same_even_kernel", "a 2×2 kernel, stride 1, 'same': one zero per axis, after, not k/2 = 1 each side", fill(62, 1, 4, 4, 1), fill(63, 2, 2, 1, 1), []float32{0}, one, "same")
	strided("same_kernel_larger_than_input", "a 4×4 kernel on 2×3 under 'same': (1, 2) zeros per axis", fill(64, 1, 2, 3, 1), fill(65, 4, 4, 1, 2), floats(66, 2), one, "same")
	strided("mixed_strides_same_batch2", "strides (1, 2), 'same', two images, three channels", fill(67, 2, 5, 6, 3), fill(68, 3, 2, 3, 2), floats(69, 2), [2]int{1, 2}, "same")
	strided("stride1_valid", "stride 1, 'valid' is exercise 3 again", fill(70, 1, 4, 4, 1), fill(71, 3, 3, 1, 1), []float32{0}, one, "valid")
	strided("uppercase_same", "Keras's Conv2D lower-cases the padding: 'SAME' works", fill(72, 1, 5, 5, 1), fill(73, 2, 2, 1, 1), []float32{0}, one, "SAME")
	strided("error_zero_stride", "strides must be > 0", fill(74, 1, 5, 5, 1), fill(75, 3, 3, 1, 1), []float32{0}, [2]int{0, 1}, "same")
	strided("error_unknown_padding", "padding must be 'valid' or 'same'", fill(76, 1, 5, 5, 1), fill(77, 3, 3, 1, 1), []float32{0}, [2]int{1, 1}, "full")
	strided("error_valid_too_small", "Keras: computed output size would be zero or negative", fill(78, 1, 2, 2, 1), fill(79, 3, 3, 1, 1), []float32{0}, [2]int{2, 2}, "valid")

	dilated := func(name, about string, x, k *tensor.Tensor, bias []float32, s, d [2]int, mode string) {
		convCase("TestConv2DDilated", name, about, x, k, bias, s[:], d[:], mode)
	}
	dilated("dilation2_valid", "dilation 2: taps 0, 2, 4 on each axis, a 5×5 span", fill(81, 1, 7, 7, 1), fill(82, 3, 3, 1, 1), []float32{0.5}, one, [2]int{2, 2}, "valid")
	dilated("dilation2_same", "dilation 2, 'same': (2, 2) zeros per axis", fill(83, 1, 5, 5, 2), fill(84, 3, 3, 2, 1), []float32{0}, one, [2]int{2, 2}, "same")
	dilated("dilation_rows_only_same", "dilation (3, 1): rows span 4, three zeros, the odd one after", fill(85, 1, 6, 7, 1), fill(86, 2, 3, 1, 2), floats(87, 2), one, [2]int{3, 1}, "same")
	dilated("dilation3_even_kernel_same", "a 2×2 kernel with dilation 3: span 4, (1, 2) zeros per axis", fill(88, 1, 6, 6, 1), fill(89, 2, 2, 1, 1), []float32{0}, one, [2]int{3, 3}, "same")
	dilated("dilation2_batch2_valid", "two images, two channels, three filters", fill(90, 2, 6, 6, 2), fill(91, 2, 2, 2, 3), floats(92, 3), one, [2]int{2, 2}, "valid")
	dilated("stride2_no_dilation_same", "the full Conv2D still does strides", fill(93, 1, 6, 6, 1), fill(94, 3, 3, 1, 1), []float32{0}, [2]int{2, 2}, one, "same")
	dilated("error_stride_and_dilation_across_axes", "Keras refuses strides (1, 2) with dilation (2, 1)", fill(95, 1, 8, 8, 1), fill(96, 3, 3, 1, 1), []float32{0}, [2]int{1, 2}, [2]int{2, 1}, "valid")
	dilated("error_zero_dilation", "dilation_rate must be > 0", fill(97, 1, 5, 5, 1), fill(98, 3, 3, 1, 1), []float32{0}, one, [2]int{0, 1}, "valid")
	dilated("error_dilated_kernel_too_wide", "a span of 5 does not fit in 4 under 'valid'", fill(99, 1, 4, 4, 1), fill(100, 3, 3, 1, 1), []float32{0}, one, [2]int{2, 2}, "valid")

	c1 := func(name, about string, x, k *tensor.Tensor, bias []float32, s, d int, mode string) {
		convCase("TestConv1D", name, about, x, k, bias, []int{s}, []int{d}, mode)
	}
	c1("difference_valid", "the doc comment's example: x[i] − x[i+2]", seq(1, 1, 5, 1), vals([]int{3, 1, 1}, 1, 0, -1), nil, 1, 1, "valid")
	c1("difference_same", "the same with 'same': one zero each side", seq(1, 1, 5, 1), vals([]int{3, 1, 1}, 1, 0, -1), nil, 1, 1, "same")
	c1("channels_batch2", "two sequences of three channels, four filters", fill(101, 2, 8, 3), fill(102, 3, 3, 4), floats(103, 4), 1, 1, "valid")
	c1("stride2_same_odd_total", "stride 2, 'same' on 6: one zero, after", fill(104, 1, 6, 2), fill(105, 3, 2, 2), floats(106, 2), 2, 1, "same")
	c1("even_kernel_same", "a kernel of 2 under 'same': one zero, after", fill(107, 1, 5, 1), fill(108, 2, 1, 1), []float32{0.5}, 1, 1, "same")
	c1("dilation2_same", "dilation 2, 'same'", fill(109, 1, 7, 2), fill(110, 3, 2, 1), []float32{0}, 1, 2, "same")
	c1("stride3_valid", "stride 3, 'valid' on 10 with a kernel of 2", fill(111, 1, 10, 1), fill(112, 2, 1, 1), []float32{0}, 3, 1, "valid")
	c1("error_stride_and_dilation", "Keras: strides > 1 not supported in conjunction with dilation_rate > 1", fill(113, 1, 10, 1), fill(114, 3, 1, 1), []float32{0}, 2, 2, "valid")
	c1("error_valid_too_small", "Keras: computed output size would be zero or negative", fill(115, 1, 2, 1), fill(116, 3, 1, 1), []float32{0}, 1, 1, "valid")
	c1("error_channel_mismatch", "the kernel is for 2 channels, x has 1", fill(117, 1, 6, 1), fill(118, 3, 2, 1), []float32{0}, 1, 1, "valid")
}
