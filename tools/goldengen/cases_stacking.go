package main

import (
	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/internal/reference"
	"github.com/convlings/convlings/tensor"
)

// Layer descriptions as the post writes them.
func conv2D(filters, k int, strides []int, mode string) golden.LayerSpec {
	return golden.LayerSpec{Class: "Conv2D", Units: filters, Size: []int{k, k}, Strides: strides, Padding: mode}
}

func pool2D(class string, k int, strides []int, mode string) golden.LayerSpec {
	return golden.LayerSpec{Class: class, Size: []int{k, k}, Strides: strides, Padding: mode}
}

var (
	flatten   = golden.LayerSpec{Class: "Flatten"}
	globalMax = golden.LayerSpec{Class: "GlobalMaxPooling2D"}
	globalAvg = golden.LayerSpec{Class: "GlobalAveragePooling2D"}
)

func dense(units int) golden.LayerSpec { return golden.LayerSpec{Class: "Dense", Units: units} }

func zeroPad(top, bottom, left, right int) golden.LayerSpec {
	return golden.LayerSpec{Class: "ZeroPadding2D", Pads: [][2]int{{top, bottom}, {left, right}}}
}

// withWeights gives a Conv2D or Dense layer seeded weights for an input
// with c channels (or c inputs for Dense).
func withWeights(l golden.LayerSpec, c int, seed uint64) golden.LayerSpec {
	if l.Class == "Conv2D" {
		l.Kernel = golden.NewTensor(fill(seed, l.Size[0], l.Size[1], c, l.Units))
	} else {
		l.Kernel = golden.NewTensor(fill(seed, c, l.Units))
	}
	if !l.NoBias {
		l.Bias = floats(seed+1, l.Units)
	}
	return l
}

func genStacking(g *gen) {
	one := []int{1, 1}
	postConv := func(filters int, mode string) golden.LayerSpec { return conv2D(filters, 3, one, mode) }

	ex := lookup("TestLayerOutputShape")
	shape := func(name, about string, in []int, l golden.LayerSpec) {
		call := golden.LayerCall{InputShape: in, Layer: l}
		w, err := reference.LayerOutputShape(call)
		add(g, ex, name, about, call, w, err)
	}
	none := tensor.None
	shape("post_conv_valid", "the post: Conv2D(10, (3,3), strides=(1,1), padding='valid') on (10, 10, 3) → (None, 8, 8, 10)", []int{none, 10, 10, 3}, postConv(10, "valid"))
	shape("post_conv_same", "the post: the same with padding='same' → (None, 10, 10, 10)", []int{none, 10, 10, 3}, postConv(10, "same"))
	shape("post_conv_filters_20", "the post: filters=20 → (None, 10, 10, 20)", []int{none, 10, 10, 3}, postConv(20, "same"))
	shape("post_zero_padding", "the post: ZeroPadding2D(padding=(1,1)) on (10, 10, 3) → (None, 12, 12, 3)", []int{none, 10, 10, 3}, zeroPad(1, 1, 1, 1))
	shape("post_max_pooling", "the post: MaxPooling2D((2,2), padding='valid') on (None, 10, 10, 10) → (None, 5, 5, 10)", []int{none, 10, 10, 10}, pool2D("MaxPooling2D", 2, nil, "valid"))
	shape("post_max_pooling_strides_1", "the post: with strides=(1,1) → (None, 9, 9, 10)", []int{none, 10, 10, 10}, pool2D("MaxPooling2D", 2, one, "valid"))
	shape("post_average_pooling", "the post: AveragePooling2D((2,2), padding='valid') → (None, 5, 5, 10)", []int{none, 10, 10, 10}, pool2D("AveragePooling2D", 2, nil, "valid"))
	shape("post_global_max_pooling", "the notebook: GlobalMaxPooling2D() on (None, 10, 10, 10) → (None, 10)", []int{none, 10, 10, 10}, globalMax)
	shape("post_flatten", "the notebook: Flatten() on (None, 10, 10, 10) → (None, 1000)", []int{none, 10, 10, 10}, flatten)
	shape("post_dense_50", "the notebook: Dense(50) after Flatten → (None, 50)", []int{none, 1000}, dense(50))
	shape("max_pooling_default_size", "MaxPooling2D() without pool_size pools 2×2", []int{none, 7, 7, 3}, golden.LayerSpec{Class: "MaxPooling2D"})
	shape("conv_same_stride2", "Conv2D, stride 2, 'same' on 7 → 4", []int{none, 7, 7, 3}, conv2D(4, 3, []int{2, 2}, "same"))
	shape("conv_uppercase_padding", "Conv2D lower-cases 'SAME'", []int{none, 10, 10, 3}, conv2D(10, 3, nil, "SAME"))
	shape("zero_padding_asymmetric", "ZeroPadding2D(((0, 2), (1, 0)))", []int{none, 4, 5, 2}, zeroPad(0, 2, 1, 0))
	shape("dense_on_images", "Dense acts on the last axis: (None, 4, 4, 3) → (None, 4, 4, 5)", []int{none, 4, 4, 3}, dense(5))
	shape("global_average_pooling", "GlobalAveragePooling2D() → (None, C)", []int{none, 6, 6, 8}, globalAvg)
	shape("flatten_already_flat", "Flatten on (None, 7) changes nothing", []int{none, 7}, flatten)
	shape("known_batch", "a known batch of 2 passes through", []int{2, 5, 5, 1}, conv2D(3, 3, nil, "valid"))
	shape("error_conv_rank3_input", "Conv2D wants (N, H, W, C)", []int{none, 10, 3}, postConv(10, "valid"))
	shape("error_conv_too_small", "Keras: computed output size would be zero or negative", []int{none, 2, 2, 3}, postConv(10, "valid"))
	shape("error_average_pooling_no_size", "Keras 3's AveragePooling2D has no default pool_size", []int{none, 10, 10, 10}, golden.LayerSpec{Class: "AveragePooling2D"})
	shape("error_pooling_uppercase_padding", "Keras's pooling layers reject 'SAME'", []int{none, 10, 10, 10}, pool2D("MaxPooling2D", 2, nil, "SAME"))
	shape("error_zero_padding_negative", "negative padding", []int{none, 10, 10, 3}, zeroPad(-1, 0, 0, 0))
	shape("error_dense_zero_units", "units must be > 0", []int{none, 1000}, dense(0))
	shape("error_unknown_class", "no such layer in this kit", []int{none, 10, 10, 3}, golden.LayerSpec{Class: "Conv3D", Units: 1, Size: []int{3, 3}})

	ex = lookup("TestLayerParams")
	params := func(name, about string, in []int, l golden.LayerSpec) {
		call := golden.LayerCall{InputShape: in, Layer: l}
		w, err := reference.LayerParams(call)
		add(g, ex, name, about, call, w, err)
	}
	noBias := func(l golden.LayerSpec) golden.LayerSpec { l.NoBias = true; return l }
	params("post_conv_280", "the post's summary: 3·3·3·10 + 10 = 280", []int{none, 10, 10, 3}, postConv(10, "valid"))
	params("post_conv_filters_20", "3·3·3·20 + 20 = 560", []int{none, 10, 10, 3}, postConv(20, "same"))
	params("post_dense_50050", "the notebook's Dense(50) after Flatten: 1000·50 + 50 = 50,050", []int{none, 1000}, dense(50))
	params("conv_no_bias", "use_bias=False: 270", []int{none, 10, 10, 3}, noBias(postConv(10, "valid")))
	params("dense_no_bias", "use_bias=False: 50,000", []int{none, 1000}, noBias(dense(50)))
	params("dense_on_images", "Dense on (None, 4, 4, 3) uses the last axis: 3·5 + 5", []int{none, 4, 4, 3}, dense(5))
	params("conv_1x1_many_channels", "a 1×1 Conv2D from 16 to 32 channels: 16·32 + 32", []int{none, 8, 8, 16}, conv2D(32, 1, nil, "valid"))
	params("max_pooling_none", "pooling has no weights", []int{none, 10, 10, 10}, pool2D("MaxPooling2D", 2, nil, "valid"))
	params("flatten_none", "Flatten has no weights", []int{none, 10, 10, 10}, flatten)
	params("zero_padding_none", "ZeroPadding2D has no weights", []int{none, 10, 10, 3}, zeroPad(1, 1, 1, 1))
	params("global_pooling_none", "global pooling has no weights", []int{none, 10, 10, 10}, globalMax)
	params("error_conv_rank3_input", "a layer that cannot be built has no count", []int{none, 10, 3}, postConv(10, "valid"))
	params("error_dense_rank1_input", "Dense wants at least (N, features)", []int{none}, dense(5))

	ex = lookup("TestSummary")
	summary := func(name, about string, input []int, layers ...golden.LayerSpec) {
		call := golden.SummaryCall{InputShape: input, Layers: layers}
		w, err := reference.Summary(call)
		add(g, ex, name, about, call, w, err)
	}
	post := []int{10, 10, 3}
	summary("post_padding_valid", "the post's first model: (None, 8, 8, 10), 280 params", post, postConv(10, "valid"))
	summary("post_padding_same", "padding='same': (None, 10, 10, 10)", post, postConv(10, "same"))
	summary("post_zero_padding", "ZeroPadding2D(padding=(1,1)) on (10, 10, 3): (None, 12, 12, 3)", post, zeroPad(1, 1, 1, 1))
	summary("post_filters_20", "filters=20: (None, 10, 10, 20)", post, postConv(20, "same"))
	summary("post_max_pooling", "Conv2D then MaxPooling2D((2,2)): (None, 10, 10, 10), (None, 5, 5, 10)", post, postConv(10, "same"), pool2D("MaxPooling2D", 2, nil, "valid"))
	summary("post_max_pooling_strides_1", "MaxPooling2D((2,2), strides=(1,1)): (None, 9, 9, 10)", post, postConv(10, "same"), pool2D("MaxPooling2D", 2, one, "valid"))
	summary("post_average_pooling", "AveragePooling2D((2,2)): (None, 5, 5, 10)", post, postConv(10, "same"), pool2D("AveragePooling2D", 2, nil, "valid"))
	summary("post_global_max_pooling", "GlobalMaxPooling2D(): (None, 10)", post, postConv(10, "same"), globalMax)
	summary("post_flatten", "Flatten(): (None, 1000)", post, postConv(10, "same"), flatten)
	summary("post_dense_50", "Flatten() then Dense(50): (None, 50), 50,050 params, 50,330 in all", post, postConv(10, "same"), flatten, dense(50))
	summary("repeated_classes", "a second and third Conv2D are named conv2d_1 and conv2d_2", []int{28, 28, 1},
		conv2D(8, 3, nil, "same"), conv2D(8, 3, nil, "same"), pool2D("MaxPooling2D", 2, nil, "valid"), conv2D(16, 3, nil, "valid"), globalAvg, dense(10))
	summary("error_pool_after_shrinking", "a 3×3 pool on the 2×2 output of a 'valid' Conv2D", []int{4, 4, 1}, conv2D(2, 3, nil, "valid"), pool2D("MaxPooling2D", 3, nil, "valid"))
	summary("error_conv_after_global_pooling", "Conv2D cannot follow GlobalMaxPooling2D: rank 2", post, globalMax, postConv(10, "valid"))

	ex = lookup("TestFlattenDense")
	fd := func(name, about string, x *tensor.Tensor, kernel *tensor.Tensor, bias []float32) {
		call := golden.FlattenDenseCall{Layer: "Flatten", X: golden.NewTensor(x)}
		if kernel != nil {
			call.Layer, call.Kernel, call.Bias = "Dense", golden.NewTensor(kernel), bias
		}
		w, err := reference.FlattenDense(call)
		add(g, ex, name, about, call, w, err)
	}
	fd("flatten_channels_last", "the doc comment's example: pixels (1, 2), (3, 4), (5, 6), (7, 8) flatten to 1 … 8", seq(1, 1, 2, 2, 2), nil, nil)
	fd("flatten_batch2", "two images of 3×2×2: two rows of 12", fill(301, 2, 3, 2, 2), nil, nil)
	fd("flatten_already_flat", "a 3×4 input stays 3×4", fill(302, 3, 4), nil, nil)
	fd("dense_doc_example", "the doc comment's example", vals([]int{1, 2}, 1, 2), vals([]int{2, 3}, 1, 0, 1, 0, 1, 1), []float32{0.5, 0.5, 0.5})
	fd("dense_batch3", "three rows of 6 inputs, 4 units", fill(303, 3, 6), fill(304, 6, 4), floats(305, 4))
	fd("dense_no_bias", "use_bias=False: bias is nil", fill(306, 2, 5), fill(307, 5, 3), nil)
	fd("dense_on_rank3", "Dense acts on the last axis of a 2×3×4 input", fill(308, 2, 3, 4), fill(309, 4, 2), floats(310, 2))
	fd("error_dense_kernel_mismatch", "the kernel is for 4 inputs, x has 5", fill(311, 1, 5), fill(312, 4, 2), floats(313, 2))
	fd("error_dense_bias_length", "three bias values for two units", fill(314, 1, 4), fill(315, 4, 2), floats(316, 3))

	ex = lookup("TestForward")
	fwd := func(name, about string, x *tensor.Tensor, layers ...golden.LayerSpec) {
		call := golden.ForwardCall{X: golden.NewTensor(x), Layers: layers}
		w, err := reference.Forward(call)
		add(g, ex, name, about, call, w, err)
	}
	fwd("conv_pool_flatten_dense", "the doc comment's example: 1×4×4×1 → 1×3×3×1 → 1×2×2×1 → 1×4 → 1×2", fill(401, 1, 4, 4, 1),
		withWeights(conv2D(1, 2, nil, "valid"), 1, 402), pool2D("MaxPooling2D", 2, one, "valid"), flatten, withWeights(dense(2), 4, 404))
	fwd("post_shaped_small", "the post's pattern, smaller: Conv2D same, MaxPooling2D, Flatten, Dense, two images", fill(406, 2, 6, 6, 3),
		withWeights(conv2D(4, 3, nil, "same"), 3, 407), pool2D("MaxPooling2D", 2, nil, "valid"), flatten, withWeights(dense(3), 36, 409))
	fwd("padding_strided_conv_average_global", "ZeroPadding2D ((1, 0), (2, 1)), Conv2D stride 2, AveragePooling2D 'same', GlobalMaxPooling2D: pads that read differently transposed or swapped", fill(411, 1, 5, 5, 2),
		zeroPad(1, 0, 2, 1), withWeights(conv2D(2, 3, []int{2, 2}, "valid"), 2, 412), pool2D("AveragePooling2D", 2, one, "same"), globalMax)
	fwd("conv_no_bias_global_average_dense", "a 1×1 Conv2D without bias, GlobalAveragePooling2D, Dense", fill(416, 2, 4, 4, 3),
		withWeights(noBias(conv2D(5, 1, nil, "valid")), 3, 417), globalAvg, withWeights(dense(2), 5, 419))
	fwd("same_even_windows", "MaxPooling2D 'same' on 5×5 then a 2×2 Conv2D 'same': zeros after, never before", fill(421, 1, 5, 5, 1),
		pool2D("MaxPooling2D", 2, nil, "same"), withWeights(conv2D(1, 2, nil, "same"), 1, 422), flatten)
	fwd("no_layers", "an empty stack returns its input", fill(426, 1, 2, 2, 1))
	fwd("error_conv_without_kernel", "Forward needs the Conv2D's weights", fill(427, 1, 4, 4, 1), conv2D(1, 3, nil, "valid"))
	fwd("error_pool_too_small", "a 3×3 pool on a 2×2 input under 'valid'", fill(428, 1, 2, 2, 1), pool2D("MaxPooling2D", 3, nil, "valid"))
	fwd("error_dense_kernel_mismatch", "Flatten gives 16 values, the Dense kernel is for 10", fill(429, 1, 4, 4, 1), flatten, withWeights(dense(2), 10, 430))
}
