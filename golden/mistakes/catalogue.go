package mistakes

// Mistake is one entry of the catalogue.
type Mistake struct {
	ID      string // lower_snake, unique: "flipped_kernel"
	Teaches string // the exercise that teaches the rule it breaks: "filters/conv2d_valid"
	// En and Ko finish the sentence "This is what you get when …" /
	// "이 답은 …": what was done, then what Keras does.
	En, Ko string
	Rules  Rules // the implementation: Rules with the mistake's switch on
}

// Text returns the diagnosis in Korean or English.
func (m *Mistake) Text(korean bool) string {
	if korean {
		return m.Ko
	}
	return m.En
}

// All returns the catalogue in course order.
func All() []*Mistake {
	out := make([]*Mistake, len(catalogue))
	for i := range catalogue {
		out[i] = &catalogue[i]
	}
	return out
}

// For returns the catalogue with the mistakes that exercise teaches first:
// the order in which a failing answer is compared with them.
func For(exercise string) []*Mistake {
	var first, rest []*Mistake
	for _, m := range All() {
		if m.Teaches == exercise {
			first = append(first, m)
		} else {
			rest = append(rest, m)
		}
	}
	return append(first, rest...)
}

// Variant is a correct implementation that computes differently: it must
// pass every golden case.
type Variant struct {
	Name  string
	Rules Rules
}

// Variants returns the correct-but-different implementations.
func Variants() []Variant {
	return []Variant{
		{"sums in float64, rounded once", Rules{SumFloat64: true}},
		{"sums from the last tap and channel to the first", Rules{ReverseOrder: true}},
		{"float64 sums in reverse order", Rules{SumFloat64: true, ReverseOrder: true}},
		{"'same' as zero padding, then 'valid'", Rules{PadThenValid: true}},
		{"convolution through im2col", Rules{Im2col: true}},
		{"im2col summed in reverse", Rules{Im2col: true, ReverseOrder: true}},
		{"averages as sum · (1/count)", Rules{Reciprocal: true}},
	}
}

var catalogue = []Mistake{
	// Lesson 1: padding.
	{ID: "valid_no_plus_one", Teaches: "padding/output_length", Rules: Rules{ValidNoPlusOne: true},
		En: "the + 1 is left out under 'valid': a window of 3 on 10 cells starts at 0, 1, …, 7, which is 8 positions, (10 − 3) / 1 + 1.",
		Ko: "'valid'에서 + 1을 빠뜨렸을 때 나오는 값입니다. 길이 10인 축에서 크기 3인 윈도우는 0, 1, …, 7에서 시작하므로 (10 − 3) / 1 + 1 = 8개입니다."},
	{ID: "valid_ceil", Teaches: "padding/output_length", Rules: Rules{ValidCeil: true},
		En: "(n − k) / s is rounded up under 'valid': Keras rounds down, because a window must fit entirely; cells left over at the end are never read.",
		Ko: "'valid'에서 (n − k) / s를 올림했을 때 나오는 값입니다. 윈도우는 입력 안에 완전히 들어가야 하므로 Keras는 내림합니다. 끝에 남는 칸은 읽지 않습니다."},
	{ID: "same_ignores_stride", Teaches: "padding/output_length", Rules: Rules{SameIgnoresStride: true},
		En: "'same' is taken to keep the input's length whatever the stride: Keras gives ceil(n / stride), one output per stride step.",
		Ko: "스트라이드와 상관없이 'same'이 입력 길이를 그대로 유지한다고 보았을 때 나오는 값입니다. Keras에서는 윈도우가 스트라이드만큼 움직일 때마다 출력이 하나씩 생기므로 ceil(n / stride)입니다."},
	{ID: "same_floor", Teaches: "padding/output_length", Rules: Rules{SameFloor: true},
		En: "'same' divides n by the stride rounding down: Keras rounds up, ceil(n / stride), so the last partial step still gives an output.",
		Ko: "'same'에서 n을 스트라이드로 나눌 때 내림했을 때 나오는 값입니다. Keras는 올림(ceil(n / stride))하므로 끝에 남은 칸에서도 출력이 하나 나옵니다."},
	{ID: "same_keeps_kernel", Teaches: "padding/output_length", Rules: Rules{SameKeepsKernel: true},
		En: "'same' is computed as k/2 zeros on each side followed by 'valid': for an even kernel that gives one output too many. Keras's 'same' length is ceil(n / stride), whatever k is.",
		Ko: "'same'을 양쪽에 k/2개씩 0을 붙인 뒤 'valid'로 센 값입니다. 커널이 짝수이면 출력이 하나 많아집니다. Keras의 'same' 길이는 k와 상관없이 ceil(n / stride)입니다."},
	{ID: "pad_k_half", Teaches: "padding/same_padding", Rules: Rules{PadKHalf: true},
		En: "'same' pads k/2 on each side, as the post says: that is right only for an odd kernel with stride 1. Keras counts the zeros needed, max(0, (out − 1)·s + k − n), and puts the odd one after.",
		Ko: "글에 나온 대로 'same'이 사방으로 k/2씩 패딩한다고 보았을 때 나오는 값입니다. 이 규칙은 커널이 홀수이고 스트라이드가 1일 때만 맞습니다. Keras는 필요한 0의 개수, 즉 max(0, (out − 1)·s + k − n)개를 세고, 남는 하나는 뒤에 붙입니다."},
	{ID: "odd_zero_before", Teaches: "padding/same_padding", Rules: Rules{OddBefore: true},
		En: "the odd zero of 'same' goes before (top/left): Keras puts it after, at the bottom or on the right.",
		Ko: "'same' 패딩에서 남는 0 하나를 앞(위/왼쪽)에 붙였을 때 나오는 값입니다. Keras는 뒤(아래/오른쪽)에 붙입니다."},
	{ID: "no_clamp", Teaches: "padding/same_padding", Rules: Rules{NoClamp: true},
		En: "the number of 'same' zeros is not clamped at 0: when the stride is wider than the kernel the count is negative, and Keras pads nothing.",
		Ko: "'same' 패딩에 붙일 0의 개수가 음수로 나왔는데 0으로 맞추지 않았을 때 나오는 값입니다. 스트라이드가 커널보다 크면 이 개수가 음수가 되며, Keras는 이때 패딩을 하지 않습니다."},
	{ID: "total_k_minus_1", Teaches: "padding/same_padding", Rules: Rules{TotalKMinus1: true},
		En: "'same' always adds k − 1 zeros: that is the stride-1 rule. With a stride, Keras needs only max(0, (out − 1)·s + k − n).",
		Ko: "'same'이 항상 0을 k − 1개 붙인다고 보았을 때 나오는 값입니다. 이것은 스트라이드가 1일 때의 규칙이고, 스트라이드가 있으면 Keras는 max(0, (out − 1)·s + k − n)개만 붙입니다."},
	{ID: "dilation_ignored", Teaches: "padding/dilated_axis", Rules: Rules{DilationIgnored: true},
		En: "the dilation is ignored: a dilated kernel spans (k − 1)·d + 1 cells, and Keras uses that span in the length and padding rules.",
		Ko: "팽창(dilation)을 무시했을 때 나오는 값입니다. 팽창된 커널은 (k − 1)·d + 1칸에 걸치며, Keras는 길이와 패딩 규칙에 이 크기를 씁니다."},
	{ID: "dilation_k_times_d", Teaches: "padding/dilated_axis", Rules: Rules{DilationKTimesD: true},
		En: "a dilated kernel is taken to span k·d cells: its taps are d apart, so it spans (k − 1)·d + 1.",
		Ko: "팽창된 커널이 k·d칸에 걸친다고 보았을 때 나오는 값입니다. 커널 원소 사이가 d칸씩 떨어져 있으므로 실제로는 (k − 1)·d + 1칸입니다."},
	{ID: "stride_with_dilation", Teaches: "padding/dilated_axis", Rules: Rules{StrideDilationOK: true},
		En: "a stride above 1 is accepted together with a dilation above 1: Keras refuses that combination with an error.",
		Ko: "1보다 큰 스트라이드와 1보다 큰 팽창을 함께 받아들였을 때 나오는 값입니다. Keras는 이 조합을 에러로 거부합니다."},
	{ID: "pairs_swapped", Teaches: "padding/padding_pairs", Rules: Rules{PairsSwapped: true},
		En: "padding=(h, w) is read as (w, h): Keras's first entry is for the rows (top and bottom), the second for the columns.",
		Ko: "padding=(h, w)를 (w, h)로 읽었을 때 나오는 값입니다. Keras에서 첫 값은 행(위와 아래), 둘째 값은 열에 쓰입니다."},
	{ID: "pairs_flat_is_one_axis", Teaches: "padding/padding_pairs", Rules: Rules{PairsFlatIsOneAxis: true},
		En: "padding=(a, b) is read as (before, after): for ZeroPadding2D Keras reads it as a rows and b columns, each on both sides, ((a, a), (b, b)).",
		Ko: "padding=(a, b)를 (앞, 뒤)로 읽었을 때 나오는 값입니다. ZeroPadding2D에서 Keras는 행에 a, 열에 b를 양쪽으로 붙여 ((a, a), (b, b))로 읽습니다."},
	{ID: "pairs_default_zero", Teaches: "padding/padding_pairs", Rules: Rules{PairsDefaultZero: true},
		En: "no padding argument means no padding: Keras's default is 1 on every side.",
		Ko: "padding 인자가 없으면 패딩을 하지 않는다고 보았을 때 나오는 값입니다. Keras의 기본값은 사방으로 1입니다."},
	{ID: "pairs_unchecked", Teaches: "padding/padding_pairs", Rules: Rules{PairsUnchecked: true},
		En: "a padding with the wrong number of entries or a negative entry is accepted: Keras rejects it with an error.",
		Ko: "개수가 틀리거나 음수가 든 padding을 받아들였을 때 나오는 값입니다. Keras는 에러로 거부합니다."},
	{ID: "zero_pad_axes_swapped", Teaches: "padding/zero_padding", Rules: Rules{ZeroPadAxesSwapped: true},
		En: "the row padding is put on the columns and the column padding on the rows: pads[0] is (top, bottom), pads[1] is (left, right).",
		Ko: "행 패딩을 열에, 열 패딩을 행에 붙였을 때 나오는 값입니다. pads[0]은 (위, 아래), pads[1]은 (왼쪽, 오른쪽)입니다."},
	{ID: "zero_pad_sides_swapped", Teaches: "padding/zero_padding", Rules: Rules{ZeroPadSidesSwapped: true},
		En: "each pair is applied as (after, before): Keras's pairs are (before, after), (top, bottom) and (left, right).",
		Ko: "각 쌍을 (뒤, 앞)으로 붙였을 때 나오는 값입니다. Keras의 쌍은 (앞, 뒤), 즉 (위, 아래)와 (왼쪽, 오른쪽)입니다."},
	{ID: "zero_pad_wh", Teaches: "padding/zero_padding", Rules: Rules{ZeroPadWH: true},
		En: "the input is indexed as N×W×H×C: Keras's channels-last layout is N×H×W×C, rows before columns.",
		Ko: "입력을 N×W×H×C 순서로 인덱싱했을 때 나오는 값입니다. Keras의 channels-last 순서는 N×H×W×C로, 행이 열보다 먼저입니다."},

	// Lesson 2: filters.
	{ID: "depth_is_channels", Teaches: "filters/conv_output_shape", Rules: Rules{DepthIsChannels: true},
		En: "the output keeps the input's depth: a Conv2D's output is as deep as its number of filters, whatever the input's channels.",
		Ko: "출력 깊이를 입력 채널 수로 두었을 때 나오는 값입니다. Conv2D 출력의 깊이는 입력 채널 수와 상관없이 필터 수입니다."},
	{ID: "row_stride_both_axes", Teaches: "filters/conv_output_shape", Rules: Rules{RowStrideBothAxes: true},
		En: "the row stride is used for the columns too: each axis has its own stride, strides = (rows, columns).",
		Ko: "행 스트라이드를 열에도 썼을 때 나오는 값입니다. 축마다 스트라이드가 따로 있습니다: strides = (행, 열)."},
	{ID: "conv_case_exact", Teaches: "filters/conv_output_shape", Rules: Rules{ConvCaseExact: true},
		En: "'SAME' is rejected: Keras's convolution layers lower-case the padding, so any case works (its pooling layers do not).",
		Ko: "'SAME'을 거부했을 때 나오는 값입니다. Keras의 합성곱 레이어는 padding을 소문자로 바꾸므로 대소문자와 상관없이 받아들입니다(풀링 레이어는 그렇지 않습니다)."},
	{ID: "params_no_channels", Teaches: "filters/conv_params", Rules: Rules{ParamsNoChannels: true},
		En: "the input's channels are left out of the count: every filter has kh·kw weights per input channel, kh·kw·C·F in all.",
		Ko: "파라미터 수에서 입력 채널을 빠뜨렸을 때 나오는 값입니다. 필터마다 입력 채널 하나당 kh·kw개의 가중치가 있어 모두 kh·kw·C·F개입니다."},
	{ID: "params_bias_always", Teaches: "filters/conv_params", Rules: Rules{ParamsBiasAlways: true},
		En: "the bias is counted with use_bias=False too: without a bias there are only kh·kw·C·F weights.",
		Ko: "use_bias=False인데도 바이어스(bias)를 셌을 때 나오는 값입니다. 바이어스가 없으면 가중치는 kh·kw·C·F개뿐입니다."},
	{ID: "flipped_kernel", Teaches: "filters/conv2d_valid", Rules: Rules{FlipKernel: true},
		En: "the kernel is flipped: Keras does not flip it, it computes a cross-correlation (the kernel laid on the input as it is).",
		Ko: "커널을 뒤집었을 때 나오는 값입니다. Keras는 커널을 뒤집지 않고 그대로 입력 위에 겹쳐 계산합니다(교차 상관)."},
	{ID: "kernel_transposed", Teaches: "filters/conv2d_valid", Rules: Rules{KernelTransposed: true},
		En: "the kernel's two spatial axes are swapped: kernel[a, b, c, f] is row a, column b of the filter.",
		Ko: "커널의 두 공간 축을 바꿔 읽었을 때 나오는 값입니다. kernel[a, b, c, f]는 필터의 a행 b열입니다."},
	{ID: "kernel_out_in", Teaches: "filters/conv2d_valid", Rules: Rules{KernelOutIn: true},
		En: "the kernel is read as kh×kw×F×C, (out, in) as in PyTorch: Keras's kernel is kh×kw×C×F, filters innermost.",
		Ko: "커널을 PyTorch처럼 kh×kw×F×C (출력, 입력) 순서로 읽었을 때 나오는 값입니다. Keras의 커널은 kh×kw×C×F로 필터 축이 가장 안쪽입니다."},
	{ID: "channels_first", Teaches: "filters/conv2d_valid", Rules: Rules{ChannelsFirst: true},
		En: "the data is indexed as N×C×H×W (channels first): Keras's default is channels last, N×H×W×C.",
		Ko: "데이터를 N×C×H×W(channels first)로 인덱싱했을 때 나오는 값입니다. Keras의 기본값은 channels last, N×H×W×C입니다."},
	{ID: "missing_bias", Teaches: "filters/conv2d_valid", Rules: Rules{NoBias: true},
		En: "the bias is left out: each filter's bias[f] is added once to every one of its outputs.",
		Ko: "바이어스(bias)를 빠뜨렸을 때 나오는 값입니다. 필터마다 bias[f]를 그 필터의 모든 출력에 한 번씩 더합니다."},
	{ID: "bias_per_channel", Teaches: "filters/conv2d_valid", Rules: Rules{BiasPerChannel: true},
		En: "the bias is added once per input channel: it is added once per output value, after the sum over all channels.",
		Ko: "바이어스를 입력 채널마다 더했을 때 나오는 값입니다. 바이어스는 모든 채널에 걸친 합을 구한 뒤 출력 값 하나에 한 번만 더합니다."},
	{ID: "first_channel_only", Teaches: "filters/conv2d_valid", Rules: Rules{FirstChannelOnly: true},
		En: "only the first input channel is summed: every filter sums over all C channels of the window.",
		Ko: "첫 번째 입력 채널만 더했을 때 나오는 값입니다. 필터는 윈도우 안의 C개 채널을 모두 더합니다."},
	{ID: "stride_not_in_window", Teaches: "filters/conv2d_strided", Rules: Rules{StrideNotInWindow: true},
		En: "output (i, j) reads the window at (i, j): with a stride it starts at (i·sh − top, j·sw − left).",
		Ko: "출력 (i, j)가 입력 (i, j)에서 시작하는 윈도우를 읽었을 때 나오는 값입니다. 스트라이드가 있으면 윈도우는 (i·sh − top, j·sw − left)에서 시작합니다."},
	{ID: "conv1d_channels_first", Teaches: "filters/conv1d", Rules: Rules{Conv1DChannelsFirst: true},
		En: "Conv1D's input is indexed as N×C×W: Keras's is N×W×C, the channels of one step side by side.",
		Ko: "Conv1D 입력을 N×C×W로 인덱싱했을 때 나오는 값입니다. Keras에서는 N×W×C로, 한 위치의 채널들이 나란히 있습니다."},

	// Lesson 3: pooling.
	{ID: "pool_strides_one", Teaches: "pooling/pool_output_shape", Rules: Rules{PoolStridesOne: true},
		En: "pooling's strides default to 1: when strides are not given, Keras sets them to pool_size, as the post says.",
		Ko: "풀링의 strides 기본값을 1로 두었을 때 나오는 값입니다. 글에 나온 대로 strides를 주지 않으면 Keras는 pool_size와 같게 둡니다."},
	{ID: "pool_lower_cases", Teaches: "pooling/pool_output_shape", Rules: Rules{PoolLowerCases: true},
		En: "'SAME' is accepted by pooling: Keras's pooling layers compare the padding exactly and reject it.",
		Ko: "풀링에서 'SAME'을 받아들였을 때 나오는 값입니다. Keras의 풀링 레이어는 padding 값을 대소문자까지 그대로 비교하므로 이를 거부합니다."},
	{ID: "max_starts_at_zero", Teaches: "pooling/max_pooling", Rules: Rules{MaxStartsAtZero: true},
		En: "the running maximum starts at 0: a window of negative numbers then gives 0. Start from −∞ (or the window's first cell).",
		Ko: "최댓값의 초깃값을 0으로 두었을 때 나오는 값입니다. 그러면 음수만 있는 윈도우에서 0이 나옵니다. 초깃값은 −∞(또는 윈도우의 첫 칸 값)로 두세요."},
	{ID: "padded_zeros_count", Teaches: "pooling/max_pooling", Rules: Rules{PaddedZerosCount: true},
		En: "the 'same' padding zeros take part in the maximum: padded cells are not values, and Keras's max pooling never picks one.",
		Ko: "'same' 패딩으로 붙인 0까지 최댓값 비교에 넣었을 때 나오는 값입니다. 패딩 칸은 값이 아니며, Keras의 맥스 풀링은 패딩 칸을 고르지 않습니다."},
	{ID: "pool_across_channels", Teaches: "pooling/max_pooling", Rules: Rules{PoolAcrossChannels: true},
		En: "one window spans every channel: pooling works on each channel apart, so the output keeps C channels.",
		Ko: "윈도우 하나가 모든 채널에 걸쳤을 때 나오는 값입니다. 풀링은 채널마다 따로 하므로 출력에도 채널이 C개 남습니다."},
	{ID: "pool_stride_not_in_window", Teaches: "pooling/max_pooling", Rules: Rules{PoolStrideNotInWindow: true},
		En: "pooling output (i, j) reads the window at (i, j): windows move by the stride, so it starts at (i·sh − top, j·sw − left).",
		Ko: "풀링 출력 (i, j)가 입력 (i, j)에서 시작하는 윈도우를 읽었을 때 나오는 값입니다. 윈도우는 스트라이드만큼 움직이므로 (i·sh − top, j·sw − left)에서 시작합니다."},
	{ID: "avg_divides_by_stride", Teaches: "pooling/average_pooling_valid", Rules: Rules{AvgDividesByStride: true},
		En: "the average divides by sh·sw: it divides by the number of cells in the window, ph·pw under 'valid'.",
		Ko: "평균을 sh·sw로 나눴을 때 나오는 값입니다. 평균은 윈도우 안의 칸 수, 'valid'에서는 ph·pw로 나눕니다."},
	{ID: "avg_sum_only", Teaches: "pooling/average_pooling_valid", Rules: Rules{AvgSumOnly: true},
		En: "the window's sum is never divided: average pooling divides it by the number of cells.",
		Ko: "윈도우의 합을 나누지 않았을 때 나오는 값입니다. 애버리지 풀링은 합을 칸 수로 나눕니다."},
	{ID: "count_include_pad", Teaches: "pooling/average_pooling_same", Rules: Rules{CountIncludePad: true},
		En: "the 'same' average divides by the whole window, padding included: Keras divides by the real cells only (count_include_pad=False), 12/4 = 3 and not 12/9 in the 3×3 corner.",
		Ko: "'same' 평균을 패딩을 포함한 윈도우 전체 칸 수로 나눴을 때 나오는 값입니다. Keras는 실제 칸 수로만 나눕니다(count_include_pad=False). 3×3 모서리라면 12/9가 아니라 12/4 = 3입니다."},
	{ID: "keepdims_ignored", Teaches: "pooling/global_pooling", Rules: Rules{KeepdimsIgnored: true},
		En: "keepdims is ignored: with keepdims=True Keras keeps the two spatial axes with length 1, N×1×1×C.",
		Ko: "keepdims를 무시했을 때 나오는 값입니다. keepdims=True이면 Keras는 두 공간 축을 길이 1로 남겨 N×1×1×C를 돌려줍니다."},
	{ID: "global_over_batch", Teaches: "pooling/global_pooling", Rules: Rules{GlobalOverBatch: true},
		En: "global pooling runs over every image of the batch at once: each image is pooled on its own.",
		Ko: "배치의 모든 이미지를 한꺼번에 글로벌 풀링했을 때 나오는 값입니다. 이미지마다 따로 풀링해야 합니다."},

	// Lesson 4: stacking.
	{ID: "dense_flattens", Teaches: "stacking/layer_output_shape", Rules: Rules{DenseFlattens: true},
		En: "Dense flattens its input first: Keras's Dense acts on the last axis only, (None, 4, 4, 3) → (None, 4, 4, units).",
		Ko: "Dense가 입력을 먼저 펼친다고 보았을 때 나오는 값입니다. Keras의 Dense는 마지막 축에만 작용합니다: (None, 4, 4, 3) → (None, 4, 4, units)."},
	{ID: "names_no_suffix", Teaches: "stacking/summary", Rules: Rules{NamesNoSuffix: true},
		En: "every layer of a class gets the same name: Keras adds _1, _2, … to the second, third, … of a class.",
		Ko: "같은 클래스의 레이어에 모두 같은 이름을 붙였을 때 나오는 값입니다. Keras는 두 번째, 세 번째, … 레이어에 _1, _2, …를 붙입니다."},
	{ID: "names_no_underscore", Teaches: "stacking/summary", Rules: Rules{NamesNoUnderscore: true},
		En: "the class name is only lower-cased: Keras's names are snake_case, MaxPooling2D → max_pooling2d.",
		Ko: "클래스 이름을 소문자로만 바꿨을 때 나오는 값입니다. Keras의 이름은 snake_case입니다: MaxPooling2D → max_pooling2d."},
	{ID: "names_from_one", Teaches: "stacking/summary", Rules: Rules{NamesFromOne: true},
		En: "the first layer of a class is numbered _1: Keras names the first conv2d, the second conv2d_1.",
		Ko: "클래스의 첫 레이어에 _1을 붙였을 때 나오는 값입니다. Keras는 첫 번째 레이어를 conv2d, 두 번째를 conv2d_1이라고 이름 붙입니다."},
	{ID: "shape_as_list", Teaches: "stacking/summary", Rules: Rules{ShapeAsList: true},
		En: "the shape is printed as a list: Keras prints a Python tuple, (None, 8, 8, 10).",
		Ko: "모양을 리스트로 출력했을 때 나오는 값입니다. Keras는 파이썬 튜플로 (None, 8, 8, 10)처럼 출력합니다."},
	{ID: "flatten_channels_first", Teaches: "stacking/flatten_dense", Rules: Rules{FlattenChannelsFirst: true},
		En: "Flatten reorders the values channel by channel: in channels-last order the values of one image already lie in one run, and Flatten only changes the shape.",
		Ko: "Flatten이 값을 채널별로 다시 늘어놓았을 때 나오는 값입니다. channels-last에서는 이미지 하나의 값이 이미 한 줄로 이어져 있으므로 Flatten은 모양만 바꿉니다."},
	{ID: "flatten_whole_batch", Teaches: "stacking/flatten_dense", Rules: Rules{FlattenWholeBatch: true},
		En: "Flatten makes one row of the whole batch: it keeps the batch axis, one row per image, N×(H·W·C).",
		Ko: "Flatten이 배치 전체를 한 줄로 만들었을 때 나오는 값입니다. Flatten은 배치 축을 남겨 이미지마다 한 행, 즉 N×(H·W·C)를 만듭니다."},
	{ID: "dense_kernel_transposed", Teaches: "stacking/flatten_dense", Rules: Rules{DenseKernelTransposed: true},
		En: "the Dense kernel is read as units×in: Keras's kernel is in×units, y[r, u] = Σ x[r, i]·kernel[i, u].",
		Ko: "Dense 커널을 units×in으로 읽었을 때 나오는 값입니다. Keras의 커널은 in×units이고, y[r, u] = Σ x[r, i]·kernel[i, u]입니다."},
	{ID: "dense_bias_per_row", Teaches: "stacking/flatten_dense", Rules: Rules{DenseBiasPerRow: true},
		En: "bias[r] is added to row r: the bias has one value per unit, bias[u] added to column u of every row.",
		Ko: "bias[r]을 r행에 더했을 때 나오는 값입니다. 바이어스는 유닛마다 하나씩 있어, 모든 행의 u열에 bias[u]를 더합니다."},
}
