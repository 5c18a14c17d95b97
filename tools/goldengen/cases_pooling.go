package main

import (
	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/internal/reference"
	"github.com/convlings/convlings/tensor"
)

func genPooling(g *gen) {
	ex := lookup("TestPoolOutputShape")
	shape := func(name, about string, in [3]int, ps [2]int, strides []int, mode string) {
		call := golden.PoolShapeCall{InputShape: in, PoolSize: ps, Strides: strides, Padding: mode}
		w, err := reference.PoolOutputShape(call)
		add(g, ex, name, about, call, w, err)
	}
	two := [2]int{2, 2}
	shape("post_strides_default", "the post: MaxPooling2D(pool_size=(2,2), padding='valid') after (None, 10, 10, 10): strides default to (2, 2) → (None, 5, 5, 10)", [3]int{10, 10, 10}, two, nil, "valid")
	shape("post_strides_1", "the post: the same with strides=(1,1) → (None, 9, 9, 10)", [3]int{10, 10, 10}, two, []int{1, 1}, "valid")
	shape("odd_input_default_strides", "7 cells in windows of 2: the last cell is dropped", [3]int{7, 7, 3}, two, nil, "valid")
	shape("pool3_default_strides", "pool 3 moves 3 at a time", [3]int{10, 10, 1}, [2]int{3, 3}, nil, "valid")
	shape("same_default_strides", "'same' with strides = pool size: ceil(7/2) = 4", [3]int{7, 7, 3}, two, nil, "same")
	shape("rectangular_pool", "pool (2, 3): strides (2, 3)", [3]int{8, 9, 2}, [2]int{2, 3}, nil, "valid")
	shape("stride3_same", "explicit strides 3 under 'same'", [3]int{10, 10, 4}, two, []int{3, 3}, "same")
	shape("pool_larger_than_input_same", "a 4×4 pool on 2×3 under 'same': one window", [3]int{2, 3, 1}, [2]int{4, 4}, nil, "same")
	shape("error_pool_larger_than_input_valid", "Keras: computed output size would be zero or negative", [3]int{3, 3, 1}, [2]int{4, 4}, nil, "valid")
	shape("error_uppercase_padding", "Keras's pooling layers compare padding exactly: 'SAME' is rejected", [3]int{10, 10, 10}, two, nil, "SAME")
	shape("error_zero_stride", "strides must be > 0", [3]int{10, 10, 10}, two, []int{0, 1}, "valid")
	shape("error_zero_pool_size", "pool_size must be > 0", [3]int{10, 10, 10}, [2]int{0, 2}, nil, "valid")

	answers := map[string]func(golden.PoolCall) (golden.Tensor, error){
		"TestMaxPooling": reference.MaxPooling, "TestAveragePoolingValid": reference.AveragePoolingValid, "TestAveragePoolingSame": reference.AveragePoolingSame,
	}
	poolCase := func(test, name, about string, x *tensor.Tensor, ps [2]int, strides []int, mode string) {
		call := golden.PoolCall{X: golden.NewTensor(x), PoolSize: ps, Strides: strides, Padding: mode}
		w, err := answers[test](call)
		add(g, lookup(test), name, about, call, w, err)
	}
	negative := seq(1, 1, 3, 3, 1)
	for i := range negative.Data {
		negative.Data[i] = -negative.Data[i] // −1 … −9
	}

	maxp := func(name, about string, x *tensor.Tensor, ps [2]int, strides []int, mode string) {
		poolCase("TestMaxPooling", name, about, x, ps, strides, mode)
	}
	maxp("tiles_4x4", "the doc comment's example: 2×2 windows tiling 1…16", seq(1, 1, 4, 4, 1), two, nil, "valid")
	maxp("strides1_overlapping", "strides (1, 1): windows overlap", fill(201, 1, 5, 5, 1), two, []int{1, 1}, "valid")
	maxp("channels_batch2", "two images, three channels, pool (2, 3): channels are pooled apart", fill(202, 2, 4, 6, 3), [2]int{2, 3}, nil, "valid")
	maxp("pool3_stride2", "pool 3, stride 2: windows share a row", fill(203, 1, 7, 6, 2), [2]int{3, 3}, []int{2, 2}, "valid")
	maxp("valid_all_negative", "all negative under 'valid': a maximum started at 0 would give 0, not −1", negative, two, []int{1, 1}, "valid")
	maxp("same_odd_input", "'same' on 5×5 with pool 2: one zero after each axis", fill(204, 1, 5, 5, 2), two, nil, "same")
	maxp("same_all_negative", "all negative under 'same': padded cells never win, the corner stays −9", negative, two, []int{1, 1}, "same")
	maxp("same_stride3", "pool 3, stride 3, 'same' on 7: (1, 1) zeros per axis", fill(205, 1, 7, 7, 1), [2]int{3, 3}, nil, "same")
	maxp("error_pool_larger_than_input", "Keras: computed output size would be zero or negative", fill(206, 1, 2, 2, 1), [2]int{3, 3}, nil, "valid")
	maxp("error_uppercase_padding", "Keras's pooling layers reject 'SAME'", fill(207, 1, 4, 4, 1), two, nil, "SAME")
	maxp("error_input_rank3", "MaxPooling2D wants N×H×W×C", fill(208, 1, 4, 1), two, nil, "valid")

	avgv := func(name, about string, x *tensor.Tensor, ps [2]int, strides []int) {
		poolCase("TestAveragePoolingValid", name, about, x, ps, strides, "valid")
	}
	avgv("tiles_4x4", "2×2 windows tiling 1…16: means 3.5, 5.5, 11.5, 13.5", seq(1, 1, 4, 4, 1), two, nil)
	avgv("strides1_overlapping", "strides (1, 1)", fill(211, 1, 4, 4, 1), two, []int{1, 1})
	avgv("channels_batch2", "two images, three channels", fill(212, 2, 4, 4, 3), two, nil)
	avgv("pool3_thirds", "pool 3: means of nine values, not exact in float32", fill(213, 1, 3, 6, 1), [2]int{3, 3}, nil)
	avgv("rectangular_stride3", "pool (2, 3), strides (3, 3), two channels", fill(214, 1, 8, 9, 2), [2]int{2, 3}, []int{3, 3})
	avgv("error_pool_larger_than_input", "Keras: computed output size would be zero or negative", fill(215, 1, 2, 2, 1), [2]int{3, 3}, nil)
	avgv("error_zero_pool_size", "pool_size must be > 0", fill(216, 1, 4, 4, 1), [2]int{0, 2}, nil)

	avgs := func(name, about string, x *tensor.Tensor, ps [2]int, strides []int, mode string) {
		poolCase("TestAveragePoolingSame", name, about, x, ps, strides, mode)
	}
	avgs("keras_3x3_pool3", "Keras leaves padded cells out of the mean (count_include_pad=False): pool 3 pads (1, 1), and the corner window holds only 1, 2, 4, 5, so 12/4 = 3, not 12/9 (AveragePooling2D's doc comment in lessons/pooling)", seq(1, 1, 3, 3, 1), [2]int{3, 3}, []int{1, 1}, "same")
	avgs("keras_3x3_pool2", "pool 2 pads (0, 1), the odd zero after: the bottom-right window holds only 9, and its mean is 9 (padded cells are left out of the count)", seq(1, 1, 3, 3, 1), two, []int{1, 1}, "same")
	avgs("default_strides_odd_input", "strides = pool 2 on 5×5: the last windows have one real row or column", fill(221, 1, 5, 5, 2), two, nil, "same")
	avgs("pool3_stride2_odd_total", "pool 3, stride 2 on 6: one zero, after", fill(222, 1, 6, 6, 1), [2]int{3, 3}, []int{2, 2}, "same")
	avgs("channels_batch2", "two images, three channels, pool 3, stride 1", fill(223, 2, 5, 4, 3), [2]int{3, 3}, []int{1, 1}, "same")
	avgs("pool_larger_than_input", "a 4×4 pool on 2×3: one window, the mean of all six cells", fill(224, 1, 2, 3, 1), [2]int{4, 4}, nil, "same")
	avgs("error_capitalised_padding", "Keras's pooling layers reject 'Same'", fill(225, 1, 4, 4, 1), two, nil, "Same")
	avgs("error_zero_stride", "strides must be > 0", fill(226, 1, 4, 4, 1), two, []int{1, 0}, "same")

	ex = lookup("TestGlobalPooling")
	global := func(name, about string, layerName string, x *tensor.Tensor, keepdims bool) {
		call := golden.GlobalCall{Layer: layerName, X: golden.NewTensor(x), Keepdims: keepdims}
		w, err := reference.GlobalPooling(call)
		add(g, ex, name, about, call, w, err)
	}
	global("max_ten_filters", "the notebook: GlobalMaxPooling2D after 10 filters gives (None, 10)", "GlobalMaxPooling2D", fill(231, 1, 5, 5, 10), false)
	global("max_keepdims_batch2", "keepdims=True: N×1×1×C", "GlobalMaxPooling2D", fill(232, 2, 3, 3, 2), true)
	global("max_all_negative", "all negative: the max is negative", "GlobalMaxPooling2D", negative, false)
	global("average_batch2", "the mean of 12 values per channel", "GlobalAveragePooling2D", fill(233, 2, 3, 4, 3), false)
	global("average_keepdims", "the doc comment's example: mean of 1, 2, 3, 4", "GlobalAveragePooling2D", seq(1, 1, 2, 2, 1), true)
	global("error_max_input_rank3", "GlobalMaxPooling2D wants N×H×W×C", "GlobalMaxPooling2D", fill(234, 1, 4, 2), false)
	global("error_average_input_rank3", "GlobalAveragePooling2D wants N×H×W×C", "GlobalAveragePooling2D", fill(235, 1, 4, 2), false)
}
