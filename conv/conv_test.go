package conv_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

var constructors = map[int]func(conv.Config) (*conv.Conv, error){
	1: conv.NewConv1D, 2: conv.NewConv2D, 3: conv.NewConv3D,
}

// convCase is one randomized comparison with the slow reference.
type convCase struct {
	rank         int
	in           []int // N, spatial…, C
	ks, st, dl   []int
	filters      int
	padding      string
	bias, random bool
	seed         uint64
}

func (c convCase) name() string {
	dims := func(v []int) string { return strings.Trim(strings.ReplaceAll(fmt.Sprint(v), " ", "x"), "[]") }
	s := fmt.Sprintf("conv%dd_in%s_k%s_s%s_d%s_%s_f%d", c.rank, dims(c.in), dims(c.ks), dims(c.st), dims(c.dl),
		strings.ToLower(c.padding), c.filters)
	if !c.bias {
		s += "_nobias"
	}
	if c.random {
		s += "_random"
	}
	return s
}

// randomConvCase draws a configuration: both paddings (in any case),
// strides 1 to 3, dilations 1 to 3 (when the strides are all 1), odd and
// even kernels, kernels larger than the input, batches up to 3 and 1 to 4
// channels.
func randomConvCase(rng *rand.Rand, rank int) convCase {
	maxN, maxK := 9, 5
	if rank == 3 {
		maxN, maxK = 5, 3
	}
	c := convCase{rank: rank, filters: 1 + rng.IntN(5), bias: rng.IntN(2) == 0, random: rng.IntN(2) == 0, seed: rng.Uint64()}
	c.in = append(c.in, 1+rng.IntN(3))
	strided := rng.IntN(2) == 0
	for a := 0; a < rank; a++ {
		c.in = append(c.in, 1+rng.IntN(maxN))
		c.ks = append(c.ks, 1+rng.IntN(maxK))
		s, d := 1, 1
		if strided {
			s = 1 + rng.IntN(3)
		} else {
			d = 1 + rng.IntN(3)
		}
		c.st, c.dl = append(c.st, s), append(c.dl, d)
	}
	c.in = append(c.in, 1+rng.IntN(4))
	c.padding = []string{"valid", "same", "SAME", "Valid", ""}[rng.IntN(5)]
	return c
}

// data returns n values: Fill's exact quarters, or uniform values in
// [-1, 1) that make float32 rounding visible.
func data(n int, seed uint64, random bool) []float32 {
	t := &tensor.Tensor{Data: make([]float32, n)}
	if !random {
		return tensor.Fill(t, seed).Data
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	for i := range t.Data {
		t.Data[i] = rng.Float32()*2 - 1
	}
	return t.Data
}

func (c convCase) run(t *testing.T) {
	t.Helper()
	C := c.in[len(c.in)-1]
	kernel := data(prod(c.ks)*C*c.filters, c.seed, c.random)
	var bias []float32
	if c.bias {
		bias = data(c.filters, c.seed+1, c.random)
	}
	x := &tensor.Tensor{Shape: tensor.Shape(c.in), Data: data(prod(c.in), c.seed+2, c.random)}
	layer, err := constructors[c.rank](conv.Config{Filters: c.filters, KernelSize: c.ks, Strides: c.st, DilationRate: c.dl,
		Padding: c.padding, NoBias: !c.bias, Kernel: kernel, Bias: bias})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	same := strings.ToLower(c.padding) == "same"
	want, ok := slowConv(x, kernel, bias, c.ks, c.st, c.dl, c.filters, same)
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

	// ForwardInto writes the same values over whatever dst held.
	dst := &tensor.Tensor{Shape: got.Shape.Clone(), Data: data(len(got.Data), c.seed+3, true)}
	if err := layer.ForwardInto(dst, x); err != nil {
		t.Fatalf("ForwardInto: %v", err)
	}
	checkClose(t, "ForwardInto", dst, want)

	// OutputShape with an unknown batch agrees with Forward.
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
	wantParams := len(kernel) + len(bias)
	if p := layer.ParamCount(in); p != wantParams {
		t.Fatalf("ParamCount(%s) = %d, want %d", in, p, wantParams)
	}
}

func prod(v []int) int {
	p := 1
	for _, x := range v {
		p *= x
	}
	return p
}

func TestForwardMatchesSlowReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 1))
	n := 900
	if testing.Short() {
		n = 150
	}
	for i := 0; i < n; i++ {
		c := randomConvCase(rng, 1+i%3)
		t.Run(c.name(), c.run)
	}
}

// TestForwardEdgeCases covers shapes the random draw may miss.
func TestForwardEdgeCases(t *testing.T) {
	for _, c := range []convCase{
		// A kernel larger than the input under 'same'.
		{rank: 2, in: []int{1, 2, 3, 2}, ks: []int{5, 7}, st: []int{1, 1}, dl: []int{1, 1}, filters: 3, padding: "same", bias: true},
		// Even kernel, stride 2, the odd padding cell after.
		{rank: 2, in: []int{2, 6, 7, 1}, ks: []int{4, 2}, st: []int{2, 2}, dl: []int{1, 1}, filters: 2, padding: "same"},
		// Stride larger than the kernel under 'same': total padding clamped at 0.
		{rank: 3, in: []int{1, 5, 5, 5, 1}, ks: []int{1, 1, 2}, st: []int{3, 3, 3}, dl: []int{1, 1, 1}, filters: 1, padding: "same"},
		{rank: 1, in: []int{1, 5, 1}, ks: []int{1}, st: []int{3}, dl: []int{1}, filters: 1, padding: "same"},
		// Dilation with the window exactly the input.
		{rank: 1, in: []int{3, 7, 3}, ks: []int{3}, st: []int{1}, dl: []int{3}, filters: 4, padding: "valid", bias: true, random: true},
		// Many channels and filters (the fast kernels' vector widths).
		{rank: 2, in: []int{1, 5, 5, 17}, ks: []int{3, 3}, st: []int{1, 1}, dl: []int{1, 1}, filters: 19, padding: "same", bias: true, random: true},
		{rank: 2, in: []int{2, 9, 11, 8}, ks: []int{3, 2}, st: []int{2, 1}, dl: []int{1, 1}, filters: 33, padding: "valid", random: true},
		{rank: 2, in: []int{1, 12, 12, 3}, ks: []int{3, 3}, st: []int{1, 1}, dl: []int{2, 2}, filters: 16, padding: "same", bias: true, random: true},
		{rank: 1, in: []int{1, 40, 64}, ks: []int{5}, st: []int{1}, dl: []int{1}, filters: 64, padding: "same", random: true},
	} {
		c.seed = uint64(len(c.name()))
		t.Run(c.name(), c.run)
	}
}

// TestForwardKnownValues checks hand-checkable outputs: a kernel of ones
// sums each window, and the bias is added once.
func TestForwardKnownValues(t *testing.T) {
	c, err := conv.NewConv2D(conv.Config{Filters: 1, KernelSize: []int{2}, Padding: "same", Kernel: []float32{1, 1, 1, 1}, Bias: []float32{0.5}})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := tensor.FromData(tensor.Shape{1, 3, 3, 1}, []float32{1, 2, 3, 4, 5, 6, 7, 8, 9})
	y, err := c.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	// Pad (0, 1) on each axis: the windows start at the cell itself.
	want := []float32{12.5, 16.5, 9.5, 24.5, 28.5, 15.5, 15.5, 17.5, 9.5}
	if fmt.Sprint(y.Data) != fmt.Sprint(want) {
		t.Errorf("Conv2D(1, 2, same, ones, 0.5) on 1..9 = %v, want %v", y.Data, want)
	}
}

func TestForwardIntoAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	layer, err := conv.NewConv2D(conv.Config{Filters: 4, KernelSize: []int{3}, Padding: "same",
		Kernel: data(3*3*2*4, 1, false), Bias: data(4, 2, false)})
	if err != nil {
		t.Fatal(err)
	}
	x := tensor.Fill(mustNew(t, 1, 6, 6, 2), 3)
	dst := mustNew(t, 1, 6, 6, 4)
	if allocs := testing.AllocsPerRun(20, func() {
		if err := layer.ForwardInto(dst, x); err != nil {
			t.Fatal(err)
		}
	}); allocs != 0 {
		t.Errorf("ForwardInto allocates %v times per call, want 0", allocs)
	}
}

func mustNew(t *testing.T, shape ...int) *tensor.Tensor {
	t.Helper()
	x, err := tensor.New(shape...)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestConfigDefaultsAndAccessors(t *testing.T) {
	c, err := conv.NewConv3D(conv.Config{Filters: 5, KernelSize: []int{3}})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintln(c.Class(), c.Rank(), c.Filters(), c.KernelSize(), c.Strides(), c.DilationRate(), c.Padding(), c.UseBias(), c.InChannels())
	if want := "Conv3D 3 5 [3 3 3] [1 1 1] [1 1 1] valid true 0\n"; got != want {
		t.Errorf("NewConv3D(filters 5, kernel 3) = %s, want %s", got, want)
	}
	if err := c.SetWeights(make([]float32, 27*2*5), make([]float32, 5)); err != nil {
		t.Fatal(err)
	}
	if c.InChannels() != 2 {
		t.Errorf("InChannels after a 3×3×3×2×5 kernel = %d, want 2", c.InChannels())
	}
	// Keras prints None for unknown axes and keeps them.
	os, err := c.OutputShape(tensor.Shape{tensor.None, tensor.None, 7, 3, 2})
	if err != nil || os.String() != "(None, None, 5, 1, 5)" {
		t.Errorf("OutputShape((None, None, 7, 3, 2)) = %v, %v; want (None, None, 5, 1, 5)", os, err)
	}
	if p := c.ParamCount(tensor.Shape{tensor.None, 4, 4, 4, 2}); p != 27*2*5+5 {
		t.Errorf("ParamCount = %d, want %d", p, 27*2*5+5)
	}
	// SetWeights copies: changing the caller's slice changes nothing.
	k := make([]float32, 27*2*5)
	if err := c.SetWeights(k, make([]float32, 5)); err != nil {
		t.Fatal(err)
	}
	k[0] = 1
	if w, _ := c.Weights(); w[0] != 0 {
		t.Error("SetWeights kept the caller's slice; want a copy")
	}
}

// TestErrors checks every kind of error: errors.Is finds the kind, and the
// message names the layer, the argument and the value.
func TestErrors(t *testing.T) {
	x := tensor.Fill(&tensor.Tensor{Shape: tensor.Shape{1, 4, 4, 2}, Data: make([]float32, 32)}, 1)
	type tc struct {
		name  string
		run   func() error
		kind  error
		words []string // what the message must name
	}
	newC := func(cfg conv.Config) func() error {
		return func() error { _, err := conv.NewConv2D(cfg); return err }
	}
	shape := func(cfg conv.Config, in tensor.Shape) func() error {
		return func() error {
			c, err := conv.NewConv2D(cfg)
			if err != nil {
				return fmt.Errorf("unexpected: %w", err)
			}
			_, err = c.OutputShape(in)
			return err
		}
	}
	fwd := func(cfg conv.Config, x *tensor.Tensor) func() error {
		return func() error {
			c, err := conv.NewConv2D(cfg)
			if err != nil {
				return fmt.Errorf("unexpected: %w", err)
			}
			_, err = c.Forward(x)
			return err
		}
	}
	k3 := []int{3}
	for _, c := range []tc{
		{"filters_zero", newC(conv.Config{Filters: 0, KernelSize: k3}), padding.ErrNonPositiveArgument, []string{"Conv2D", "filters", "0"}},
		{"filters_negative", newC(conv.Config{Filters: -2, KernelSize: k3}), padding.ErrNonPositiveArgument, []string{"Conv2D", "filters", "-2"}},
		{"kernel_size_zero", newC(conv.Config{Filters: 1, KernelSize: []int{3, 0}}), padding.ErrNonPositiveArgument, []string{"Conv2D", "kernel_size", "(3, 0)"}},
		{"strides_zero", newC(conv.Config{Filters: 1, KernelSize: k3, Strides: []int{0}}), padding.ErrNonPositiveArgument, []string{"strides", "(0,)"}},
		{"dilation_negative", newC(conv.Config{Filters: 1, KernelSize: k3, DilationRate: []int{1, -1}}), padding.ErrNonPositiveArgument, []string{"dilation_rate", "(1, -1)"}},
		{"kernel_size_huge", newC(conv.Config{Filters: 1, KernelSize: []int{math.MaxInt}}), padding.ErrNonPositiveArgument, []string{"kernel_size"}},
		{"kernel_times_filters_huge", newC(conv.Config{Filters: 1 << 20, KernelSize: []int{1 << 10, 1 << 10}}), padding.ErrNonPositiveArgument, []string{"filters"}},
		{"kernel_size_three_entries", newC(conv.Config{Filters: 1, KernelSize: []int{3, 3, 3}}), padding.ErrInvalidArgumentShape, []string{"kernel_size", "(3, 3, 3)"}},
		{"strides_three_entries", newC(conv.Config{Filters: 1, KernelSize: k3, Strides: []int{1, 1, 1}}), padding.ErrInvalidArgumentShape, []string{"strides", "(1, 1, 1)"}},
		{"kernel_size_missing", newC(conv.Config{Filters: 1}), padding.ErrMissingArgument, []string{"Conv2D", "kernel_size", "None"}},
		{"padding_full", newC(conv.Config{Filters: 1, KernelSize: k3, Padding: "full"}), padding.ErrInvalidPaddingMode, []string{"Conv2D", "padding", `"full"`}},
		{"padding_causal_2d", newC(conv.Config{Filters: 1, KernelSize: k3, Padding: "causal"}), padding.ErrInvalidPaddingMode, []string{"padding", `"causal"`}},
		{"stride_dilation_same_axis", newC(conv.Config{Filters: 1, KernelSize: k3, Strides: []int{2}, DilationRate: []int{2}}), padding.ErrStrideDilationConflict, []string{"Conv2D", "strides", "(2, 2)", "dilation_rate=(2, 2)"}},
		{"stride_dilation_across_axes", newC(conv.Config{Filters: 1, KernelSize: k3, Strides: []int{1, 2}, DilationRate: []int{2, 1}}), padding.ErrStrideDilationConflict, []string{"strides", "(1, 2)", "dilation_rate=(2, 1)"}},
		{"kernel_wrong_length", newC(conv.Config{Filters: 2, KernelSize: k3, Kernel: make([]float32, 17)}), padding.ErrInvalidArgumentShape, []string{"Conv2D", "kernel", "17 values"}},
		{"bias_wrong_length", newC(conv.Config{Filters: 2, KernelSize: k3, Kernel: make([]float32, 18), Bias: make([]float32, 3)}), padding.ErrInvalidArgumentShape, []string{"bias", "3 values"}},
		{"bias_without_use_bias", newC(conv.Config{Filters: 2, KernelSize: k3, NoBias: true, Bias: make([]float32, 2)}), padding.ErrInvalidArgumentShape, []string{"bias", "2 values"}},
		{"valid_output_zero", shape(conv.Config{Filters: 1, KernelSize: k3}, tensor.Shape{tensor.None, 2, 5, 1}), padding.ErrNonPositiveOutput, []string{"Conv2D", "inputs", "(None, 2, 5, 1)", "kernel_size=(3, 3)", "padding=valid"}},
		{"valid_output_zero_dilated", shape(conv.Config{Filters: 1, KernelSize: k3, DilationRate: []int{3}}, tensor.Shape{1, 6, 7, 1}), padding.ErrNonPositiveOutput, []string{"(1, 6, 7, 1)", "dilation_rate=(3, 3)"}},
		{"input_rank_low", shape(conv.Config{Filters: 1, KernelSize: k3}, tensor.Shape{tensor.None, 10, 3}), padding.ErrInputRank, []string{"Conv2D", "inputs", "(None, 10, 3)", "ndim=4"}},
		{"input_rank_high", shape(conv.Config{Filters: 1, KernelSize: k3}, tensor.Shape{1, 1, 10, 10, 3}), padding.ErrInputRank, []string{"(1, 1, 10, 10, 3)"}},
		{"input_zero_dimension", shape(conv.Config{Filters: 1, KernelSize: k3}, tensor.Shape{1, 0, 10, 3}), padding.ErrInvalidArgumentShape, []string{"inputs", "(1, 0, 10, 3)"}},
		{"input_channels_unknown", shape(conv.Config{Filters: 1, KernelSize: k3}, tensor.Shape{1, 5, 5, tensor.None}), padding.ErrInvalidArgumentShape, []string{"inputs", "(1, 5, 5, None)", "channel"}},
		{"input_channels_mismatch", shape(conv.Config{Filters: 1, KernelSize: k3, Kernel: make([]float32, 9*3)}, tensor.Shape{1, 5, 5, 2}), padding.ErrInvalidArgumentShape, []string{"inputs", "(1, 5, 5, 2)", "3"}},
		{"forward_without_kernel", fwd(conv.Config{Filters: 1, KernelSize: k3}, x), padding.ErrMissingArgument, []string{"Conv2D", "kernel", "None"}},
		{"forward_without_bias", fwd(conv.Config{Filters: 1, KernelSize: k3, Kernel: make([]float32, 18)}, x), padding.ErrMissingArgument, []string{"Conv2D", "bias", "None"}},
		{"forward_data_short", fwd(conv.Config{Filters: 1, KernelSize: k3, NoBias: true, Kernel: make([]float32, 18)},
			&tensor.Tensor{Shape: tensor.Shape{1, 4, 4, 2}, Data: make([]float32, 31)}), padding.ErrInvalidArgumentShape, []string{"inputs", "(1, 4, 4, 2)", "31"}},
		{"forward_nil", fwd(conv.Config{Filters: 1, KernelSize: k3}, nil), padding.ErrMissingArgument, []string{"inputs"}},
		{"forward_into_wrong_dst", func() error {
			c, err := conv.NewConv2D(conv.Config{Filters: 1, KernelSize: k3, NoBias: true, Kernel: make([]float32, 18)})
			if err != nil {
				return err
			}
			return c.ForwardInto(&tensor.Tensor{Shape: tensor.Shape{1, 2, 3, 1}, Data: make([]float32, 6)}, x)
		}, padding.ErrInvalidArgumentShape, []string{"dst", "(1, 2, 3, 1)", "(1, 2, 2, 1)"}},
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
