package main

import (
	"encoding/json"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/internal/reference"
	"github.com/convlings/convlings/tensor"
)

func genPadding(g *gen) {
	ex := lookup("TestOutputLength")
	length := func(name, about string, n, k, s int, mode string) {
		call := golden.AxisCall{N: n, Kernel: k, Stride: s, Padding: mode}
		w, err := reference.OutputLength(call)
		add(g, ex, name, about, call, w, err)
	}
	length("post_valid", "the post's Conv2D, kernel 3, 'valid', on 10 pixels: (None, 8, 8, 10) along each axis", 10, 3, 1, "valid")
	length("post_same", "the post's Conv2D, kernel 3, 'same', on 10 pixels: (None, 10, 10, 10) along each axis", 10, 3, 1, "same")
	length("valid_even_kernel", "an even kernel under 'valid': starts 0..6", 10, 4, 1, "valid")
	length("valid_kernel_fills_input", "a window as long as the input fits once", 5, 5, 1, "valid")
	length("valid_stride2", "stride 2: windows start at 0, 2, 4, 6", 10, 3, 2, "valid")
	length("valid_stride3_drops_last_cell", "stride 3: windows at 0, 3, 6; cell 9 is never read", 10, 3, 3, "valid")
	length("valid_stride_wider_than_kernel", "stride 4 with kernel 2: windows at 0, 4, 8", 10, 2, 4, "valid")
	length("same_stride2_odd_length", "'same' with stride 2 on 7 cells: ceil(7/2)", 7, 3, 2, "same")
	length("same_stride3", "'same' with stride 3 on 10 cells: ceil(10/3)", 10, 2, 3, "same")
	length("same_even_kernel", "'same' with an even kernel, stride 1: still 10; k/2 zeros on each side and 'valid' would give 11", 10, 4, 1, "same")
	length("same_kernel_larger_than_input", "'same' ignores the kernel size, even when it is larger than the input", 3, 5, 1, "same")
	length("error_valid_kernel_larger_than_input", "Keras: computed output size would be zero or negative", 3, 5, 1, "valid")
	length("error_zero_stride", "strides must be > 0", 10, 3, 0, "valid")
	length("error_zero_kernel", "kernel_size must be > 0", 10, 0, 1, "same")
	length("error_empty_input", "an axis of 0 cells", 0, 1, 1, "same")
	length("error_unknown_padding", "padding must be 'valid' or 'same'", 10, 3, 1, "full")

	ex = lookup("TestSamePadding")
	split := func(name, about string, n, k, s int) {
		call := golden.AxisCall{N: n, Kernel: k, Stride: s}
		w, err := reference.SamePadding(call)
		add(g, ex, name, about, call, w, err)
	}
	split("odd_kernel_3", "odd kernel, stride 1: k/2 on each side, as the post says", 10, 3, 1)
	split("odd_kernel_5", "odd kernel, stride 1: k/2 on each side", 10, 5, 1)
	split("even_kernel_2", "even kernel: one zero in all, and it goes after, not k/2 = 1 on each side", 5, 2, 1)
	split("even_kernel_4", "even kernel: three zeros, the odd one after", 10, 4, 1)
	split("stride2_odd_total", "stride 2 on 6 cells: 3 windows need 7 cells, one zero, after", 6, 3, 2)
	split("stride2_even_total", "stride 2 on 7 cells: 4 windows need 9 cells, one zero each side", 7, 3, 2)
	split("stride3_no_zeros", "stride 3 on 9 cells with kernel 3: the windows tile exactly, no zeros", 9, 3, 3)
	split("kernel_larger_than_input", "kernel 6 on 3 cells: five zeros, two before and three after", 3, 6, 1)
	split("stride_wider_than_kernel", "stride 3, kernel 1 on 5 cells: the total would be negative, so no zeros", 5, 1, 3)
	split("stride2_even_kernel", "kernel 4, stride 2 on 6 cells: 3 windows need 8 cells, (1, 1); not k/2 = 2 on each side, nor k − 1 = 3 zeros", 6, 4, 2)
	split("kernel_1", "a 1-cell kernel needs no zeros", 4, 1, 1)
	split("error_zero_stride", "strides must be > 0", 10, 3, 0)
	split("error_zero_kernel", "kernel_size must be > 0", 10, 0, 1)

	ex = lookup("TestDilatedAxis")
	dil := func(name, about string, n, k, s, d int, mode string) {
		call := golden.AxisCall{N: n, Kernel: k, Stride: s, Dilation: d, Padding: mode}
		w, err := reference.DilatedAxis(call)
		add(g, ex, name, about, call, w, err)
	}
	dil("no_dilation_valid", "dilation 1 is the plain kernel", 10, 3, 1, 1, "valid")
	dil("dilation2_valid", "taps 0, 2, 4 span 5 cells: 3 positions in 7", 7, 3, 1, 2, "valid")
	dil("dilation2_same", "span 5 under 'same': two zeros each side", 5, 3, 1, 2, "same")
	dil("dilation3_even_kernel_same", "kernel 2, dilation 3: span 4, three zeros, the odd one after", 8, 2, 1, 3, "same")
	dil("dilation2_kernel4_same", "kernel 4, dilation 2: span 7, six zeros", 6, 4, 1, 2, "same")
	dil("dilation2_span_larger_than_input", "span 5 on 3 cells under 'same'", 3, 3, 1, 2, "same")
	dil("stride2_same", "no dilation, stride 2 on 6 cells: (0, 1)", 6, 3, 2, 1, "same")
	dil("error_stride_and_dilation", "Keras: strides > 1 not supported in conjunction with dilation_rate > 1", 10, 3, 2, 2, "same")
	dil("error_dilated_span_too_wide", "span 5 does not fit in 4 cells under 'valid'", 4, 3, 1, 2, "valid")
	dil("error_zero_dilation", "dilation_rate must be > 0", 10, 3, 1, 0, "valid")

	ex = lookup("TestPaddingPairs")
	pairs := func(name, about string, arg any, rank int) {
		raw, err := json.Marshal(arg)
		if err != nil {
			panic(err)
		}
		call := golden.PairsCall{Padding: raw, Rank: rank}
		p, err := reference.PaddingPairs(call)
		add(g, ex, name, about, call, p, err)
	}
	pairs("post_tuple_1_1", "the post's ZeroPadding2D(padding=(1, 1))", []int{1, 1}, 2)
	pairs("int", "ZeroPadding2D(padding=2): 2 on every side", 2, 2)
	pairs("int_zero", "ZeroPadding2D(padding=0): nothing", 0, 2)
	pairs("height_width", "ZeroPadding2D(padding=(1, 2)): (1, 1) rows, (2, 2) columns", []int{1, 2}, 2)
	pairs("explicit_pairs", "ZeroPadding2D(padding=((1, 2), (3, 4)))", []any{[]int{1, 2}, []int{3, 4}}, 2)
	pairs("mixed_int_then_pair", "ZeroPadding2D(padding=(1, (2, 3))): Keras accepts mixed forms", []any{1, []int{2, 3}}, 2)
	pairs("mixed_pair_then_int", "ZeroPadding2D(padding=((0, 1), 2))", []any{[]int{0, 1}, 2}, 2)
	pairs("default", "ZeroPadding2D(): the default is 1 on every side", nil, 2)
	pairs("rank1_int", "ZeroPadding1D(padding=2)", 2, 1)
	pairs("rank1_pair", "ZeroPadding1D(padding=(1, 3)): one pair, (left, right)", []int{1, 3}, 1)
	pairs("rank1_default", "ZeroPadding1D(): 1 on each side", nil, 1)
	pairs("error_three_entries", "ZeroPadding2D wants two entries, one per axis", []int{1, 2, 3}, 2)
	pairs("error_one_entry", "a tuple of one entry is not an int", []int{1}, 2)
	pairs("error_negative_int", "negative padding (convlings rejects it everywhere)", -1, 2)
	pairs("error_negative_in_pair", "a negative entry in a pair", []any{[]int{1, -1}, []int{0, 0}}, 2)
	pairs("error_pair_of_three", "an entry of three values", []any{[]int{1, 2, 3}, []int{0, 0}}, 2)
	pairs("error_rank1_nested", "ZeroPadding1D takes no nested pairs", []any{1, []int{2, 3}}, 1)
	pairs("error_rank1_three", "ZeroPadding1D wants (left, right)", []int{1, 2, 3}, 1)

	ex = lookup("TestZeroPadding")
	zp := func(name, about string, x *tensor.Tensor, pads [][2]int) {
		call := golden.ZeroPaddingCall{X: golden.NewTensor(x), Pads: pads}
		w, err := reference.ZeroPadding(call)
		add(g, ex, name, about, call, w, err)
	}
	zp("small_2d", "the doc comment's example: one zero around a 2×2 image", seq(1, 1, 2, 2, 1), [][2]int{{1, 1}, {1, 1}})
	zp("post_10x10x3", "the post: ZeroPadding2D(padding=(1, 1)) on (10, 10, 3) gives (None, 12, 12, 3)", fill(11, 1, 10, 10, 3), [][2]int{{1, 1}, {1, 1}})
	zp("asymmetric_2d", "((top, bottom), (left, right)) = ((0, 1), (2, 0)), two channels", fill(12, 1, 3, 2, 2), [][2]int{{0, 1}, {2, 0}})
	zp("batch2_channels3", "two images, three channels", fill(13, 2, 2, 3, 3), [][2]int{{1, 0}, {0, 1}})
	zp("no_padding_2d", "((0, 0), (0, 0)) returns a copy", fill(14, 1, 2, 3, 1), [][2]int{{0, 0}, {0, 0}})
	zp("one_d", "ZeroPadding1D((1, 2)) on N×W×C", fill(15, 1, 4, 2), [][2]int{{1, 2}})
	zp("one_d_batch2", "ZeroPadding1D((0, 3)), two sequences", fill(16, 2, 3, 1), [][2]int{{0, 3}})
	zp("error_rank_mismatch", "one pair of pads is for N×W×C inputs, not N×H×W×C", fill(17, 1, 4, 4, 1), [][2]int{{1, 1}})
	zp("error_negative", "negative padding", fill(18, 1, 3, 3, 1), [][2]int{{-1, 0}, {0, 0}})
}
