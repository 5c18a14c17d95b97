package pool_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

var constructors = map[string]func(pool.Config) (*pool.Pool, error){
	"MaxPooling1D": pool.NewMaxPooling1D, "MaxPooling2D": pool.NewMaxPooling2D, "MaxPooling3D": pool.NewMaxPooling3D,
	"AveragePooling1D": pool.NewAveragePooling1D, "AveragePooling2D": pool.NewAveragePooling2D, "AveragePooling3D": pool.NewAveragePooling3D,
}

type poolCase struct {
	class   string
	in      []int
	ps, st  []int // st nil: the default, the pool size
	padding string
	random  bool
	seed    uint64
}

func (c poolCase) rank() int { return len(c.in) - 2 }
func (c poolCase) avg() bool { return strings.HasPrefix(c.class, "Average") }

func (c poolCase) name() string {
	dims := func(v []int) string { return strings.Trim(strings.ReplaceAll(fmt.Sprint(v), " ", "x"), "[]") }
	st := "default"
	if c.st != nil {
		st = dims(c.st)
	}
	p := c.padding
	if p == "" {
		p = "default"
	}
	s := fmt.Sprintf("%s_in%s_pool%s_s%s_%s", strings.ToLower(c.class), dims(c.in), dims(c.ps), st, p)
	if c.random {
		s += "_random"
	}
	return s
}

func randomPoolCase(rng *rand.Rand, class string) poolCase {
	rank := int(class[len(class)-2] - '0')
	maxN, maxK := 9, 5
	if rank == 3 {
		maxN, maxK = 6, 4
	}
	c := poolCase{class: class, random: rng.IntN(2) == 0, seed: rng.Uint64()}
	c.in = append(c.in, 1+rng.IntN(3))
	defaultStrides := rng.IntN(3) == 0
	for a := 0; a < rank; a++ {
		c.in = append(c.in, 1+rng.IntN(maxN))
		c.ps = append(c.ps, 1+rng.IntN(maxK))
		if !defaultStrides {
			c.st = append(c.st, 1+rng.IntN(3))
		}
	}
	c.in = append(c.in, 1+rng.IntN(4))
	c.padding = []string{"valid", "same", ""}[rng.IntN(3)]
	return c
}

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

func (c poolCase) run(t *testing.T) {
	t.Helper()
	layer, err := constructors[c.class](pool.Config{PoolSize: c.ps, Strides: c.st, Padding: c.padding})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	x := &tensor.Tensor{Shape: tensor.Shape(c.in), Data: data(tensor.Shape(c.in).Size(), c.seed, c.random)}
	st := c.st
	if st == nil {
		st = c.ps
	}
	shape, want, ok := slowPool(x, c.ps, st, c.padding == "same", c.avg())
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
	tol := 0.0 // max pooling picks a value: exact
	if c.avg() {
		tol = 1e-5
	}
	checkClose(t, "Forward", got, shape, want, tol, x)
	dst := &tensor.Tensor{Shape: got.Shape.Clone(), Data: data(len(got.Data), c.seed+1, true)}
	if err := layer.ForwardInto(dst, x); err != nil {
		t.Fatalf("ForwardInto: %v", err)
	}
	checkClose(t, "ForwardInto", dst, shape, want, tol, x)
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
	if p := layer.ParamCount(in); p != 0 {
		t.Fatalf("ParamCount = %d, want 0", p)
	}
}

func TestForwardMatchesSlowReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 1))
	classes := []string{"MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D"}
	n := 900
	if testing.Short() {
		n = 150
	}
	for i := 0; i < n; i++ {
		c := randomPoolCase(rng, classes[i%len(classes)])
		t.Run(c.name(), c.run)
	}
}

func TestForwardEdgeCases(t *testing.T) {
	for _, c := range []poolCase{
		// Pool larger than the input under 'same'.
		{class: "MaxPooling2D", in: []int{1, 2, 3, 2}, ps: []int{5, 4}, st: []int{1, 1}, padding: "same"},
		{class: "AveragePooling2D", in: []int{1, 2, 3, 2}, ps: []int{5, 4}, st: []int{1, 1}, padding: "same"},
		// Stride above the pool under 'same': total padding clamped at 0
		// (TensorFlow.js 3-D does not clamp; Keras does).
		{class: "MaxPooling3D", in: []int{1, 5, 1, 1, 1}, ps: []int{1, 1, 1}, st: []int{3, 1, 1}, padding: "same"},
		{class: "AveragePooling1D", in: []int{1, 5, 1}, ps: []int{1}, st: []int{3}, padding: "same"},
		// All negative values: padding must never win a max.
		{class: "MaxPooling2D", in: []int{2, 3, 3, 3}, ps: []int{2, 2}, st: []int{1, 1}, padding: "same", random: true, seed: 99},
		// Many channels.
		{class: "AveragePooling2D", in: []int{1, 6, 6, 35}, ps: []int{3, 3}, st: []int{2, 2}, padding: "same", random: true},
		{class: "MaxPooling1D", in: []int{1, 30, 33}, ps: []int{4}, padding: "valid", random: true},
	} {
		t.Run(c.name(), c.run)
	}
}

// TestForwardKnownValues checks the keras-semantics.md examples.
func TestForwardKnownValues(t *testing.T) {
	x, _ := tensor.FromData(tensor.Shape{1, 3, 3, 1}, []float32{1, 2, 3, 4, 5, 6, 7, 8, 9})
	neg, _ := tensor.FromData(tensor.Shape{1, 3, 3, 1}, []float32{-1, -2, -3, -4, -5, -6, -7, -8, -9})
	for _, c := range []struct {
		name string
		new  func(pool.Config) (*pool.Pool, error)
		cfg  pool.Config
		x    *tensor.Tensor
		want []float32
	}{
		{"average_pool3_same", pool.NewAveragePooling2D, pool.Config{PoolSize: []int{3}, Strides: []int{1}, Padding: "same"}, x,
			[]float32{3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7}},
		{"average_pool2_same_extra_after", pool.NewAveragePooling2D, pool.Config{PoolSize: []int{2}, Strides: []int{1}, Padding: "same"}, x,
			[]float32{3, 4, 4.5, 6, 7, 7.5, 7.5, 8.5, 9}},
		{"max_negative_same_never_padding", pool.NewMaxPooling2D, pool.Config{PoolSize: []int{3}, Strides: []int{1}, Padding: "same"}, neg,
			[]float32{-1, -1, -2, -1, -1, -2, -4, -4, -5}},
		{"max_default_2x2", pool.NewMaxPooling2D, pool.Config{}, x, []float32{5}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := c.new(c.cfg)
			if err != nil {
				t.Fatal(err)
			}
			y, err := p.Forward(c.x)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(y.Data) != fmt.Sprint(c.want) {
				t.Errorf("%s%+v on %v = %v, want %v", p.Class(), c.cfg, c.x.Data, y.Data, c.want)
			}
		})
	}
}

func TestDefaultsAndAccessors(t *testing.T) {
	p, err := pool.NewMaxPooling3D(pool.Config{})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintln(p.Class(), p.Rank(), p.Average(), p.PoolSize(), p.Strides(), p.Padding())
	if want := "MaxPooling3D 3 false [2 2 2] [2 2 2] valid\n"; got != want {
		t.Errorf("NewMaxPooling3D(Config{}) = %s, want %s", got, want)
	}
	a, err := pool.NewAveragePooling1D(pool.Config{PoolSize: []int{3}, Strides: []int{1}, Padding: "same"})
	if err != nil {
		t.Fatal(err)
	}
	got = fmt.Sprintln(a.Class(), a.Rank(), a.Average(), a.PoolSize(), a.Strides(), a.Padding())
	if want := "AveragePooling1D 1 true [3] [1] same\n"; got != want {
		t.Errorf("NewAveragePooling1D(3, 1, same) = %s, want %s", got, want)
	}
	os, err := p.OutputShape(tensor.Shape{tensor.None, tensor.None, 5, 4, tensor.None})
	if err != nil || os.String() != "(None, None, 2, 2, None)" {
		t.Errorf("OutputShape((None, None, 5, 4, None)) = %v, %v; want (None, None, 2, 2, None)", os, err)
	}
}

func TestForwardIntoAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	for _, newP := range []func(pool.Config) (*pool.Pool, error){pool.NewMaxPooling2D, pool.NewAveragePooling2D} {
		p, err := newP(pool.Config{PoolSize: []int{3}, Strides: []int{2}, Padding: "same"})
		if err != nil {
			t.Fatal(err)
		}
		x := &tensor.Tensor{Shape: tensor.Shape{1, 8, 8, 4}, Data: data(256, 1, false)}
		dst := &tensor.Tensor{Shape: tensor.Shape{1, 4, 4, 4}, Data: make([]float32, 64)}
		if allocs := testing.AllocsPerRun(20, func() {
			if err := p.ForwardInto(dst, x); err != nil {
				t.Fatal(err)
			}
		}); allocs != 0 {
			t.Errorf("%s.ForwardInto allocates %v times per call, want 0", p.Class(), allocs)
		}
	}
}

func TestErrors(t *testing.T) {
	newP := func(f func(pool.Config) (*pool.Pool, error), cfg pool.Config) func() error {
		return func() error { _, err := f(cfg); return err }
	}
	shape := func(cfg pool.Config, in tensor.Shape) func() error {
		return func() error {
			p, err := pool.NewMaxPooling2D(cfg)
			if err != nil {
				return fmt.Errorf("unexpected: %w", err)
			}
			_, err = p.OutputShape(in)
			return err
		}
	}
	for _, c := range []struct {
		name  string
		run   func() error
		kind  error
		words []string
	}{
		{"pool_size_zero", newP(pool.NewMaxPooling2D, pool.Config{PoolSize: []int{0, 2}}), padding.ErrNonPositiveArgument, []string{"MaxPooling2D", "pool_size", "(0, 2)"}},
		{"strides_zero", newP(pool.NewMaxPooling2D, pool.Config{Strides: []int{0}}), padding.ErrNonPositiveArgument, []string{"MaxPooling2D", "strides", "(0,)"}},
		{"strides_negative", newP(pool.NewAveragePooling1D, pool.Config{PoolSize: []int{2}, Strides: []int{-1}}), padding.ErrNonPositiveArgument, []string{"AveragePooling1D", "strides", "(-1,)"}},
		{"pool_size_huge", newP(pool.NewMaxPooling1D, pool.Config{PoolSize: []int{math.MaxInt}}), padding.ErrNonPositiveArgument, []string{"pool_size"}},
		{"pool_size_three_entries", newP(pool.NewMaxPooling2D, pool.Config{PoolSize: []int{2, 2, 2}}), padding.ErrInvalidArgumentShape, []string{"pool_size", "(2, 2, 2)"}},
		{"average_pool_size_missing", newP(pool.NewAveragePooling2D, pool.Config{}), padding.ErrMissingArgument, []string{"AveragePooling2D", "pool_size", "None"}},
		{"padding_upper_case", newP(pool.NewMaxPooling2D, pool.Config{Padding: "SAME"}), padding.ErrInvalidPaddingMode, []string{"MaxPooling2D", "padding", `"SAME"`}},
		{"padding_full", newP(pool.NewAveragePooling3D, pool.Config{PoolSize: []int{2}, Padding: "full"}), padding.ErrInvalidPaddingMode, []string{"AveragePooling3D", "padding", `"full"`}},
		{"valid_output_zero", shape(pool.Config{PoolSize: []int{3}}, tensor.Shape{tensor.None, 2, 9, 1}), padding.ErrNonPositiveOutput, []string{"MaxPooling2D", "inputs", "(None, 2, 9, 1)", "pool_size=(3, 3)"}},
		{"input_rank", shape(pool.Config{}, tensor.Shape{tensor.None, 10, 3}), padding.ErrInputRank, []string{"MaxPooling2D", "inputs", "(None, 10, 3)", "ndim=4"}},
		{"input_zero_dimension", shape(pool.Config{}, tensor.Shape{1, 4, 0, 3}), padding.ErrInvalidArgumentShape, []string{"inputs", "(1, 4, 0, 3)"}},
		{"forward_data_long", func() error {
			p, _ := pool.NewMaxPooling1D(pool.Config{})
			_, err := p.Forward(&tensor.Tensor{Shape: tensor.Shape{1, 4, 1}, Data: make([]float32, 5)})
			return err
		}, padding.ErrInvalidArgumentShape, []string{"MaxPooling1D", "inputs", "(1, 4, 1)", "5"}},
		{"forward_into_wrong_dst", func() error {
			p, _ := pool.NewMaxPooling1D(pool.Config{})
			return p.ForwardInto(&tensor.Tensor{Shape: tensor.Shape{1, 3, 1}, Data: make([]float32, 3)},
				&tensor.Tensor{Shape: tensor.Shape{1, 4, 1}, Data: make([]float32, 4)})
		}, padding.ErrInvalidArgumentShape, []string{"dst", "(1, 3, 1)", "(1, 2, 1)"}},
		{"global_input_rank", func() error {
			_, err := pool.NewGlobalAveragePooling1D(pool.GlobalConfig{}).OutputShape(tensor.Shape{1, 2, 3, 4})
			return err
		}, padding.ErrInputRank, []string{"GlobalAveragePooling1D", "inputs", "(1, 2, 3, 4)", "ndim=3"}},
		{"global_forward_nil", func() error {
			_, err := pool.NewGlobalMaxPooling2D(pool.GlobalConfig{}).Forward(nil)
			return err
		}, padding.ErrMissingArgument, []string{"GlobalMaxPooling2D", "inputs"}},
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
