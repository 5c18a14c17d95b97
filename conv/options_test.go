package conv_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// The Keras options padding='causal', groups and data_format are checked
// against slowConvWith. tfjs 4.22 cannot serve here for most of them (it has
// no groups, no causal padding, and a broken channels_first Conv1D; see
// tools/tfjs/README.md), so the float64 reference, which computes each
// option from Keras's definition and shares no code with the library, is
// the cross-check, on random configurations.

// optCase is one randomized comparison of a layer with options.
type optCase struct {
	rank       int
	in         []int // as the layer takes it: (N, C, spatial…) under channels_first
	ks, st, dl []int
	filters    int
	groups     int
	padding    string
	chFirst    bool
	bias       bool
	seed       uint64
}

func (c optCase) name() string {
	dims := func(v []int) string { return strings.Trim(strings.ReplaceAll(fmt.Sprint(v), " ", "x"), "[]") }
	s := fmt.Sprintf("conv%dd_in%s_k%s_s%s_d%s_%s_f%d_g%d", c.rank, dims(c.in), dims(c.ks), dims(c.st), dims(c.dl),
		strings.ToLower(c.padding), c.filters, c.groups)
	if c.chFirst {
		s += "_channels_first"
	}
	if !c.bias {
		s += "_nobias"
	}
	return s
}

func (c optCase) format() string {
	if c.chFirst {
		return "channels_first"
	}
	return "channels_last"
}

// randomOptCase draws a layer with groups of 1 to 4 channels and filters,
// 1 to 4 groups, either data format, and every padding the rank accepts.
func randomOptCase(rng *rand.Rand, rank int) optCase {
	maxN, maxK := 9, 4
	if rank == 3 {
		maxN, maxK = 5, 3
	}
	c := optCase{rank: rank, groups: 1 + rng.IntN(4), bias: rng.IntN(2) == 0, chFirst: rng.IntN(2) == 0, seed: rng.Uint64()}
	c.filters = c.groups * (1 + rng.IntN(4))
	ch := c.groups * (1 + rng.IntN(4))
	var spatial []int
	strided := rng.IntN(2) == 0
	for a := 0; a < rank; a++ {
		spatial = append(spatial, 1+rng.IntN(maxN))
		c.ks = append(c.ks, 1+rng.IntN(maxK))
		s, d := 1, 1
		if strided {
			s = 1 + rng.IntN(3)
		} else {
			d = 1 + rng.IntN(3)
		}
		c.st, c.dl = append(c.st, s), append(c.dl, d)
	}
	modes := []string{"valid", "same"}
	if rank == 1 {
		modes = append(modes, "causal", "Causal", "causal")
	}
	c.padding = modes[rng.IntN(len(modes))]
	n := 1 + rng.IntN(3)
	if c.chFirst {
		c.in = append([]int{n, ch}, spatial...)
	} else {
		c.in = append(append([]int{n}, spatial...), ch)
	}
	return c
}

func (c optCase) run(t *testing.T) {
	t.Helper()
	chAxis := len(c.in) - 1
	if c.chFirst {
		chAxis = 1
	}
	C := c.in[chAxis]
	kernel := data(prod(c.ks)*C/c.groups*c.filters, c.seed, true)
	var bias []float32
	if c.bias {
		bias = data(c.filters, c.seed+1, true)
	}
	x := &tensor.Tensor{Shape: tensor.Shape(c.in), Data: data(prod(c.in), c.seed+2, true)}
	layer, err := constructors[c.rank](conv.Config{Filters: c.filters, KernelSize: c.ks, Strides: c.st, DilationRate: c.dl,
		Padding: c.padding, Groups: c.groups, DataFormat: c.format(), NoBias: !c.bias, Kernel: kernel, Bias: bias})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	want, ok := slowConvWith(x, kernel, bias, c.ks, c.st, c.dl, c.filters,
		slowOpts{padding: strings.ToLower(c.padding), groups: c.groups, chFirst: c.chFirst})
	got, err := layer.Forward(x)
	if !ok {
		if !errors.Is(err, padding.ErrNonPositiveOutput) {
			t.Fatalf("Forward: err = %v, want ErrNonPositiveOutput: the window does not fit", err)
		}
		return
	}
	if err != nil {
		t.Fatalf("Forward: %v", err)
	}
	checkClose(t, "Forward", got, want)

	dst := &tensor.Tensor{Shape: got.Shape.Clone(), Data: data(len(got.Data), c.seed+3, true)}
	if err := layer.ForwardInto(dst, x); err != nil {
		t.Fatalf("ForwardInto: %v", err)
	}
	checkClose(t, "ForwardInto", dst, want)

	in := tensor.Shape(c.in).Clone()
	in[0] = tensor.None
	os, err := layer.OutputShape(in)
	if err != nil {
		t.Fatalf("OutputShape(%s): %v", in, err)
	}
	os[0] = got.Shape[0]
	if !os.Equal(got.Shape) {
		t.Fatalf("OutputShape(%s) = %s, Forward gives %s", in, os, got.Shape)
	}
	if p, want := layer.ParamCount(in), len(kernel)+len(bias); p != want {
		t.Fatalf("ParamCount(%s) = %d, want %d (the kernel's and the bias's values)", in, p, want)
	}
	if layer.InChannels() != C {
		t.Fatalf("InChannels() = %d, want %d", layer.InChannels(), C)
	}
}

func TestOptionsMatchSlowReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 6))
	n := 600
	if testing.Short() {
		n = 120
	}
	for i := 0; i < n; i++ {
		c := randomOptCase(rng, 1+i%3)
		t.Run(c.name(), c.run)
	}
}

// TestOptionsEdgeCases covers what the random draw may miss: many groups
// of one channel (depthwise), wide groups that reach the fast kernels'
// vector widths, and causal padding with stride and dilation.
func TestOptionsEdgeCases(t *testing.T) {
	for _, c := range []optCase{
		{rank: 2, in: []int{1, 6, 5, 8}, ks: []int{3, 3}, st: []int{1, 1}, dl: []int{1, 1}, filters: 8, groups: 8, padding: "same", bias: true},
		{rank: 2, in: []int{2, 32, 7, 6}, ks: []int{3, 2}, st: []int{2, 1}, dl: []int{1, 1}, filters: 64, groups: 2, padding: "valid", chFirst: true},
		{rank: 2, in: []int{1, 9, 9, 34}, ks: []int{3, 3}, st: []int{1, 1}, dl: []int{2, 2}, filters: 34, groups: 2, padding: "same", bias: true},
		{rank: 1, in: []int{1, 40, 64}, ks: []int{5}, st: []int{1}, dl: []int{1}, filters: 48, groups: 4, padding: "causal", bias: true},
		{rank: 1, in: []int{2, 10, 3}, ks: []int{3}, st: []int{1}, dl: []int{2}, filters: 2, groups: 1, padding: "causal"},
		{rank: 1, in: []int{1, 7, 2}, ks: []int{4}, st: []int{3}, dl: []int{1}, filters: 3, groups: 1, padding: "causal", bias: true},
		{rank: 1, in: []int{1, 2, 3}, ks: []int{5}, st: []int{1}, dl: []int{3}, filters: 1, groups: 1, padding: "CAUSAL", chFirst: true},
		{rank: 1, in: []int{3, 4, 4}, ks: []int{2}, st: []int{1}, dl: []int{2}, filters: 6, groups: 2, padding: "causal", bias: true},
		{rank: 3, in: []int{1, 4, 3, 4, 5}, ks: []int{2, 2, 2}, st: []int{1, 2, 1}, dl: []int{1, 1, 1}, filters: 4, groups: 2, padding: "same", chFirst: true, bias: true},
		{rank: 3, in: []int{2, 3, 4, 2, 6}, ks: []int{1, 1, 1}, st: []int{1, 1, 1}, dl: []int{1, 1, 1}, filters: 3, groups: 3, padding: "valid"},
		// Groups too small to split their rows, enough of them to be shared
		// out among goroutines.
		{rank: 2, in: []int{1, 32, 32, 32}, ks: []int{3, 3}, st: []int{1, 1}, dl: []int{1, 1}, filters: 64, groups: 8, padding: "same", bias: true},
		{rank: 2, in: []int{1, 32, 24, 24}, ks: []int{3, 3}, st: []int{1, 1}, dl: []int{1, 1}, filters: 32, groups: 8, padding: "valid", chFirst: true},
		// Groups of whole vectors of filters (in place on the dense
		// kernels), groups of 4 filters taken 4 at a time block-diagonally
		// (ResNeXt), depthwise with a multiplier, and groups that take the
		// per-group path.
		{rank: 2, in: []int{1, 9, 11, 64}, ks: []int{3, 3}, st: []int{1, 1}, dl: []int{1, 1}, filters: 64, groups: 4, padding: "same", bias: true},
		{rank: 2, in: []int{2, 7, 9, 48}, ks: []int{3, 2}, st: []int{2, 1}, dl: []int{1, 1}, filters: 96, groups: 3, padding: "same"},
		{rank: 1, in: []int{1, 30, 64}, ks: []int{3}, st: []int{1}, dl: []int{1}, filters: 128, groups: 4, padding: "causal", bias: true},
		{rank: 3, in: []int{1, 3, 5, 6, 32}, ks: []int{2, 3, 3}, st: []int{1, 1, 2}, dl: []int{1, 1, 1}, filters: 32, groups: 2, padding: "same", bias: true},
		{rank: 2, in: []int{1, 10, 12, 128}, ks: []int{3, 3}, st: []int{1, 1}, dl: []int{1, 1}, filters: 128, groups: 32, padding: "same", bias: true},
		{rank: 2, in: []int{1, 8, 9, 64}, ks: []int{3, 3}, st: []int{2, 2}, dl: []int{1, 1}, filters: 32, groups: 8, padding: "same"},
		{rank: 2, in: []int{1, 6, 7, 16}, ks: []int{3, 3}, st: []int{1, 1}, dl: []int{1, 1}, filters: 48, groups: 16, padding: "same", bias: true},
		{rank: 2, in: []int{1, 6, 7, 40}, ks: []int{3, 3}, st: []int{1, 1}, dl: []int{1, 1}, filters: 40, groups: 2, padding: "valid", bias: true},
	} {
		c.seed = uint64(len(c.name()))
		t.Run(c.name(), c.run)
	}
}

// TestCausalReadsNoFuture checks the defining property of causal padding
// with the slow reference out of the loop: output o of a Conv1D does not
// change when any input after position o·s changes.
func TestCausalReadsNoFuture(t *testing.T) {
	for _, cfg := range []struct{ k, s, d int }{{3, 1, 1}, {3, 1, 2}, {4, 3, 1}, {2, 2, 1}, {5, 1, 3}} {
		name := fmt.Sprintf("k%d_s%d_d%d", cfg.k, cfg.s, cfg.d)
		t.Run(name, func(t *testing.T) {
			const n, ch = 11, 2
			layer, err := conv.NewConv1D(conv.Config{Filters: 2, KernelSize: []int{cfg.k}, Strides: []int{cfg.s}, DilationRate: []int{cfg.d},
				Padding: "causal", Kernel: data(cfg.k*ch*2, 1, true), Bias: data(2, 2, true)})
			if err != nil {
				t.Fatal(err)
			}
			x := &tensor.Tensor{Shape: tensor.Shape{1, n, ch}, Data: data(n*ch, 3, true)}
			y, err := layer.Forward(x)
			if err != nil {
				t.Fatal(err)
			}
			if want := (n + cfg.s - 1) / cfg.s; y.Shape[1] != want {
				t.Fatalf("Conv1D(causal, k=%d, s=%d, d=%d) on length %d gives length %d, want ceil(n/s) = %d", cfg.k, cfg.s, cfg.d, n, y.Shape[1], want)
			}
			for p := 0; p < n; p++ {
				x2 := &tensor.Tensor{Shape: x.Shape, Data: append([]float32(nil), x.Data...)}
				x2.Data[p*ch] += 100
				y2, err := layer.Forward(x2)
				if err != nil {
					t.Fatal(err)
				}
				for o := 0; o < y.Shape[1]; o++ {
					changed := y.Data[o*2] != y2.Data[o*2]
					if changed && p > o*cfg.s {
						t.Fatalf("output %d changed when input %d changed: it reads past o·s = %d", o, p, o*cfg.s)
					}
				}
			}
		})
	}
}

func TestOptionsForwardIntoAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	for _, c := range []struct {
		name   string
		cfg    conv.Config
		in     tensor.Shape
		out    tensor.Shape
		kernel int
	}{
		{"groups", conv.Config{Filters: 4, KernelSize: []int{3}, Padding: "same", Groups: 2}, tensor.Shape{1, 6, 6, 2}, tensor.Shape{1, 6, 6, 4}, 3 * 3 * 1 * 4},
		{"channels_first", conv.Config{Filters: 4, KernelSize: []int{3}, DataFormat: "channels_first"}, tensor.Shape{1, 2, 6, 6}, tensor.Shape{1, 4, 4, 4}, 3 * 3 * 2 * 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.cfg.Kernel, c.cfg.Bias = data(c.kernel, 1, false), data(4, 2, false)
			layer, err := conv.NewConv2D(c.cfg)
			if err != nil {
				t.Fatal(err)
			}
			x := tensor.Fill(mustNew(t, c.in...), 3)
			dst := mustNew(t, c.out...)
			if allocs := testing.AllocsPerRun(20, func() {
				if err := layer.ForwardInto(dst, x); err != nil {
					t.Fatal(err)
				}
			}); allocs != 0 {
				t.Errorf("ForwardInto allocates %v times per call, want 0", allocs)
			}
		})
	}
}

// TestOptionsShapesAndParams checks the shapes and parameter counts of
// keras-semantics.md §13 and §14 as Keras prints them.
func TestOptionsShapesAndParams(t *testing.T) {
	for _, c := range []struct {
		name   string
		rank   int
		cfg    conv.Config
		in     tensor.Shape
		out    string
		params int
	}{
		{"groups2_on_4_channels", 2, conv.Config{Filters: 8, KernelSize: []int{3}, Groups: 2}, tensor.Shape{tensor.None, 10, 10, 4}, "(None, 8, 8, 8)", 152},
		{"groups1_on_4_channels", 2, conv.Config{Filters: 8, KernelSize: []int{3}}, tensor.Shape{tensor.None, 10, 10, 4}, "(None, 8, 8, 8)", 296},
		{"channels_first_conv2d", 2, conv.Config{Filters: 16, KernelSize: []int{3}, DataFormat: "channels_first"}, tensor.Shape{tensor.None, 3, 32, 32}, "(None, 16, 30, 30)", 448},
		{"channels_first_mixed_case", 2, conv.Config{Filters: 16, KernelSize: []int{3}, DataFormat: "Channels_First"}, tensor.Shape{tensor.None, 3, 32, 32}, "(None, 16, 30, 30)", 448},
		{"channels_last_explicit", 2, conv.Config{Filters: 16, KernelSize: []int{3}, DataFormat: "channels_last"}, tensor.Shape{tensor.None, 32, 32, 3}, "(None, 30, 30, 16)", 448},
		{"keras_test_causal_groups", 1, conv.Config{Filters: 6, KernelSize: []int{2}, DilationRate: []int{2}, Groups: 2, Padding: "causal"}, tensor.Shape{3, 4, 4}, "(3, 4, 6)", 2*2*6 + 6},
		{"causal_stride2", 1, conv.Config{Filters: 1, KernelSize: []int{3}, Strides: []int{2}, Padding: "causal"}, tensor.Shape{tensor.None, 10, 1}, "(None, 5, 1)", 4},
		{"causal_channels_first", 1, conv.Config{Filters: 4, KernelSize: []int{3}, Padding: "causal", DataFormat: "channels_first"}, tensor.Shape{tensor.None, 2, 10}, "(None, 4, 10)", 28},
		{"causal_unknown_length", 1, conv.Config{Filters: 4, KernelSize: []int{3}, Padding: "causal"}, tensor.Shape{tensor.None, tensor.None, 2}, "(None, None, 4)", 28},
		{"channels_first_3d_groups", 3, conv.Config{Filters: 6, KernelSize: []int{2, 1, 3}, Groups: 3, DataFormat: "channels_first", Padding: "same", NoBias: true}, tensor.Shape{2, 3, 4, 5, 6}, "(2, 6, 4, 5, 6)", 2 * 3 * 1 * 6},
	} {
		t.Run(c.name, func(t *testing.T) {
			layer, err := constructors[c.rank](c.cfg)
			if err != nil {
				t.Fatal(err)
			}
			os, err := layer.OutputShape(c.in)
			if err != nil {
				t.Fatalf("OutputShape(%s): %v", c.in, err)
			}
			if os.String() != c.out || layer.ParamCount(c.in) != c.params {
				t.Errorf("OutputShape(%s), ParamCount = %s, %d; want %s, %d", c.in, os, layer.ParamCount(c.in), c.out, c.params)
			}
		})
	}
}

// TestOptionErrors checks every error the options add: the kind, and that
// the message names the layer, the argument and the value.
func TestOptionErrors(t *testing.T) {
	mk := func(rank int, cfg conv.Config) func() error {
		return func() error { _, err := constructors[rank](cfg); return err }
	}
	shape := func(rank int, cfg conv.Config, in tensor.Shape) func() error {
		return func() error {
			c, err := constructors[rank](cfg)
			if err != nil {
				return fmt.Errorf("unexpected: %w", err)
			}
			_, err = c.OutputShape(in)
			return err
		}
	}
	k3 := []int{3}
	x := &tensor.Tensor{Shape: tensor.Shape{1, 5, 5, 3}, Data: make([]float32, 75)}
	for _, c := range []struct {
		name  string
		run   func() error
		kind  error
		words []string
	}{
		{"causal_conv2d", mk(2, conv.Config{Filters: 1, KernelSize: k3, Padding: "causal"}), padding.ErrInvalidPaddingMode, []string{"Conv2D", "padding", `"causal"`}},
		{"causal_conv3d", mk(3, conv.Config{Filters: 1, KernelSize: k3, Padding: "CAUSAL"}), padding.ErrInvalidPaddingMode, []string{"Conv3D", "padding", `"CAUSAL"`}},
		{"conv1d_padding_full", mk(1, conv.Config{Filters: 1, KernelSize: k3, Padding: "full"}), padding.ErrInvalidPaddingMode, []string{"Conv1D", "padding", `"full"`}},
		{"groups_negative", mk(2, conv.Config{Filters: 4, KernelSize: k3, Groups: -1}), padding.ErrNonPositiveArgument, []string{"Conv2D", "groups", "-1", "positive"}},
		{"filters_not_divisible", mk(2, conv.Config{Filters: 5, KernelSize: k3, Groups: 2}), padding.ErrNonPositiveArgument, []string{"Conv2D", "groups=2", "filters=5", "divisible"}},
		{"filters_checked_before_groups", mk(1, conv.Config{Filters: 0, KernelSize: k3, Groups: 2}), padding.ErrNonPositiveArgument, []string{"Conv1D", "filters=0"}},
		{"channels_not_divisible", shape(2, conv.Config{Filters: 4, KernelSize: k3, Groups: 2}, tensor.Shape{tensor.None, 10, 10, 3}), padding.ErrInvalidArgumentShape, []string{"Conv2D", "inputs", "(None, 10, 10, 3)", "groups=2", "3 channels"}},
		{"channels_not_divisible_before_output_size", shape(2, conv.Config{Filters: 4, KernelSize: []int{9}, Groups: 2}, tensor.Shape{tensor.None, 2, 2, 3}), padding.ErrInvalidArgumentShape, []string{"3 channels"}},
		{"channels_not_divisible_channels_first", shape(1, conv.Config{Filters: 4, KernelSize: k3, Groups: 4, DataFormat: "channels_first"}, tensor.Shape{1, 6, 10}), padding.ErrInvalidArgumentShape, []string{"Conv1D", "(1, 6, 10)", "6 channels"}},
		{"channels_not_divisible_forward", func() error {
			c, err := conv.NewConv2D(conv.Config{Filters: 2, KernelSize: k3, Groups: 2, NoBias: true})
			if err != nil {
				return err
			}
			_, err = c.Forward(x)
			return err
		}, padding.ErrInvalidArgumentShape, []string{"Conv2D", "(1, 5, 5, 3)", "groups=2"}},
		{"grouped_kernel_channels_mismatch", shape(2, conv.Config{Filters: 4, KernelSize: k3, Groups: 2, Kernel: make([]float32, 9*2*4)}, tensor.Shape{1, 5, 5, 2}), padding.ErrInvalidArgumentShape, []string{"inputs", "(1, 5, 5, 2)", "4"}},
		{"data_format_bad", mk(2, conv.Config{Filters: 1, KernelSize: k3, DataFormat: "NCHW"}), padding.ErrNonPositiveArgument, []string{"Conv2D", "data_format", `"NCHW"`, "channels_first"}},
		{"data_format_checked_after_padding", mk(2, conv.Config{Filters: 1, KernelSize: k3, Padding: "full", DataFormat: "NCHW"}), padding.ErrInvalidPaddingMode, []string{"padding"}},
		{"channels_first_rank", shape(2, conv.Config{Filters: 1, KernelSize: k3, DataFormat: "channels_first"}, tensor.Shape{1, 3, 5}), padding.ErrInputRank, []string{"Conv2D", "(1, 3, 5)"}},
		{"channels_first_valid_output_zero", shape(2, conv.Config{Filters: 1, KernelSize: k3, DataFormat: "channels_first"}, tensor.Shape{1, 3, 2, 5}), padding.ErrNonPositiveOutput, []string{"Conv2D", "(1, 3, 2, 5)", "axis 1"}},
		{"channels_first_channels_unknown", shape(2, conv.Config{Filters: 1, KernelSize: k3, DataFormat: "channels_first"}, tensor.Shape{1, tensor.None, 5, 5}), padding.ErrInvalidArgumentShape, []string{"(1, None, 5, 5)", "channel"}},
		{"channels_first_forward_into_wrong_dst", func() error {
			c, err := conv.NewConv2D(conv.Config{Filters: 2, KernelSize: k3, NoBias: true, DataFormat: "channels_first", Kernel: make([]float32, 9*5*2)})
			if err != nil {
				return err
			}
			// x is (N, C, H, W) = (1, 5, 5, 3): the output is (1, 2, 3, 1);
			// (1, 3, 1, 2) is the same output in channels_last order.
			return c.ForwardInto(&tensor.Tensor{Shape: tensor.Shape{1, 3, 1, 2}, Data: make([]float32, 6)}, x)
		}, padding.ErrInvalidArgumentShape, []string{"dst", "(1, 3, 1, 2)", "(1, 2, 3, 1)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			if !errors.Is(err, c.kind) {
				t.Fatalf("err = %v, want kind %v", err, c.kind)
			}
			var pe *padding.Error
			if !errors.As(err, &pe) {
				t.Errorf("err = %T, want a *padding.Error", err)
			}
			for _, w := range c.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not name %q", err, w)
				}
			}
		})
	}
}

// FuzzOptions draws layers with any mix of the options from the fuzzer's
// bytes and holds them to the slow reference, like
// TestOptionsMatchSlowReference. Run longer with
//
//	go test ./conv -run '^$' -fuzz FuzzOptions -fuzztime 60s
func FuzzOptions(f *testing.F) {
	f.Add(uint8(1), uint8(7), uint8(3), uint8(1), uint8(1), uint8(2), uint8(2), uint8(2), uint8(2), false, uint64(1))
	f.Add(uint8(2), uint8(5), uint8(3), uint8(2), uint8(1), uint8(1), uint8(4), uint8(1), uint8(0), true, uint64(2))
	f.Add(uint8(3), uint8(4), uint8(2), uint8(1), uint8(1), uint8(3), uint8(1), uint8(2), uint8(1), true, uint64(3))
	f.Add(uint8(1), uint8(9), uint8(4), uint8(3), uint8(1), uint8(1), uint8(1), uint8(1), uint8(2), true, uint64(4))
	f.Fuzz(func(t *testing.T, rank, n, k, s, d, groups, cg, fg, pad uint8, chFirst bool, seed uint64) {
		c := optCase{rank: 1 + int(rank)%3, groups: 1 + int(groups)%4, chFirst: chFirst, bias: seed%2 == 0, seed: seed}
		c.filters = c.groups * (1 + int(fg)%4)
		ch := c.groups * (1 + int(cg)%4)
		maxN := 12
		if c.rank == 3 {
			maxN = 5
		}
		var spatial []int
		for a := 0; a < c.rank; a++ {
			spatial = append(spatial, 1+(int(n)+a)%maxN)
			c.ks = append(c.ks, 1+(int(k)+a)%4)
			st, dl := 1+(int(s)+a)%3, 1+(int(d)+a)%3
			if s%2 == 0 {
				dl = 1
			} else {
				st = 1
			}
			c.st, c.dl = append(c.st, st), append(c.dl, dl)
		}
		c.padding = []string{"valid", "same", "causal"}[int(pad)%3]
		if c.rank > 1 && c.padding == "causal" {
			c.padding = "same"
		}
		if chFirst {
			c.in = append([]int{1 + int(seed>>8)%2, ch}, spatial...)
		} else {
			c.in = append(append([]int{1 + int(seed>>8)%2}, spatial...), ch)
		}
		c.run(t)
	})
}
