package model_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/model"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

// Every layer of the library is a model.Layer.
var (
	_ model.Layer = (*conv.Conv)(nil)
	_ model.Layer = (*pool.Pool)(nil)
	_ model.Layer = (*pool.Global)(nil)
	_ model.Layer = (*padding.ZeroPadding)(nil)
	_ model.Layer = (*model.Dense)(nil)
	_ model.Layer = (*model.Flatten)(nil)
)

func randData(rng *rand.Rand, n int) []float32 {
	d := make([]float32, n)
	for i := range d {
		d[i] = rng.Float32()*2 - 1
	}
	return d
}

// TestDenseMatchesSlowReference compares Dense with a float64 matrix
// product along the last axis, for inputs of rank 2 to 4.
func TestDenseMatchesSlowReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 1))
	for i := 0; i < 60; i++ {
		in := tensor.Shape{1 + rng.IntN(3)}
		for r := rng.IntN(3); r > 0; r-- {
			in = append(in, 1+rng.IntN(3))
		}
		in = append(in, 1+rng.IntN(9))
		units, bias := 1+rng.IntN(9), rng.IntN(2) == 0
		t.Run(fmt.Sprintf("dense%d_in%s_bias_%v", units, in.Dims(), bias), func(t *testing.T) {
			k := in[len(in)-1]
			kernel := randData(rng, k*units)
			var b []float32
			if bias {
				b = randData(rng, units)
			}
			d, err := model.NewDense(model.DenseConfig{Units: units, NoBias: !bias, Kernel: kernel, Bias: b})
			if err != nil {
				t.Fatal(err)
			}
			x := &tensor.Tensor{Shape: in, Data: randData(rng, in.Size())}
			y, err := d.Forward(x)
			if err != nil {
				t.Fatal(err)
			}
			want := in.Clone()
			want[len(want)-1] = units
			if !y.Shape.Equal(want) {
				t.Fatalf("shape %s, want %s", y.Shape.Dims(), want.Dims())
			}
			for r := 0; r < in.Size()/k; r++ {
				for u := 0; u < units; u++ {
					acc, abs := 0.0, 0.0
					if bias {
						acc, abs = float64(b[u]), math.Abs(float64(b[u]))
					}
					for j := 0; j < k; j++ {
						p := float64(x.Data[r*k+j]) * float64(kernel[j*units+u])
						acc += p
						abs += math.Abs(p)
					}
					if g := float64(y.Data[r*units+u]); math.Abs(g-acc) > 1e-5*abs+1e-6 {
						t.Fatalf("at %v got %v, want %v", y.Unravel(r*units+u), g, acc)
					}
				}
			}
			if p := d.ParamCount(in); p != len(kernel)+len(b) {
				t.Errorf("ParamCount = %d, want %d", p, len(kernel)+len(b))
			}
		})
	}
}

func TestFlatten(t *testing.T) {
	f := model.NewFlatten()
	for _, c := range []struct {
		in   tensor.Shape
		want string
	}{
		{tensor.Shape{tensor.None, 10, 10, 10}, "(None, 1000)"},
		{tensor.Shape{4, 2, 3}, "(4, 6)"},
		{tensor.Shape{tensor.None}, "(None, 1)"},
		{tensor.Shape{tensor.None, 3, tensor.None}, "(None, None)"},
	} {
		got, err := f.OutputShape(c.in)
		if err != nil || got.String() != c.want {
			t.Errorf("Flatten.OutputShape(%s) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
	x := &tensor.Tensor{Shape: tensor.Shape{2, 2, 2}, Data: []float32{1, 2, 3, 4, 5, 6, 7, 8}}
	y, err := f.Forward(x)
	if err != nil || y.Shape.String() != "(2, 4)" || fmt.Sprint(y.Data) != fmt.Sprint(x.Data) {
		t.Errorf("Flatten.Forward(2×2×2) = %v, %v; want 2×4 with the same order", y, err)
	}
}

func TestLayerErrors(t *testing.T) {
	dense := func(cfg model.DenseConfig) (*model.Dense, error) { return model.NewDense(cfg) }
	for _, c := range []struct {
		name  string
		run   func() error
		kind  error
		words []string
	}{
		{"dense_units_zero", func() error { _, err := dense(model.DenseConfig{}); return err }, padding.ErrNonPositiveArgument, []string{"Dense", "units", "0"}},
		{"dense_kernel_length", func() error { _, err := dense(model.DenseConfig{Units: 3, Kernel: make([]float32, 4)}); return err },
			padding.ErrInvalidArgumentShape, []string{"Dense", "kernel", "4 values"}},
		{"dense_bias_length", func() error {
			_, err := dense(model.DenseConfig{Units: 3, Kernel: make([]float32, 6), Bias: make([]float32, 2)})
			return err
		}, padding.ErrInvalidArgumentShape, []string{"Dense", "bias", "2 values"}},
		{"dense_bias_without_use_bias", func() error {
			_, err := dense(model.DenseConfig{Units: 3, NoBias: true, Bias: make([]float32, 3)})
			return err
		},
			padding.ErrInvalidArgumentShape, []string{"bias", "3 values"}},
		{"dense_rank_1", func() error {
			d, _ := dense(model.DenseConfig{Units: 2})
			_, err := d.OutputShape(tensor.Shape{tensor.None})
			return err
		}, padding.ErrInputRank, []string{"Dense", "inputs", "min_ndim=2"}},
		{"dense_last_axis_none", func() error {
			d, _ := dense(model.DenseConfig{Units: 2})
			_, err := d.OutputShape(tensor.Shape{tensor.None, tensor.None})
			return err
		}, padding.ErrInvalidArgumentShape, []string{"Dense", "(None, None)"}},
		{"dense_last_axis_mismatch", func() error {
			d, _ := dense(model.DenseConfig{Units: 2, Kernel: make([]float32, 6)})
			_, err := d.OutputShape(tensor.Shape{tensor.None, 4})
			return err
		}, padding.ErrInvalidArgumentShape, []string{"Dense", "(None, 4)", "3"}},
		{"dense_forward_without_kernel", func() error {
			d, _ := dense(model.DenseConfig{Units: 2})
			_, err := d.Forward(&tensor.Tensor{Shape: tensor.Shape{1, 3}, Data: make([]float32, 3)})
			return err
		}, padding.ErrMissingArgument, []string{"Dense", "kernel", "None"}},
		{"dense_forward_without_bias", func() error {
			d, _ := dense(model.DenseConfig{Units: 2, Kernel: make([]float32, 6)})
			_, err := d.Forward(&tensor.Tensor{Shape: tensor.Shape{1, 3}, Data: make([]float32, 3)})
			return err
		}, padding.ErrMissingArgument, []string{"Dense", "bias", "None"}},
		{"flatten_rank_0", func() error { _, err := model.NewFlatten().OutputShape(tensor.Shape{}); return err },
			padding.ErrInputRank, []string{"Flatten", "inputs"}},
		{"flatten_data_length", func() error {
			_, err := model.NewFlatten().Forward(&tensor.Tensor{Shape: tensor.Shape{1, 3}, Data: make([]float32, 2)})
			return err
		}, padding.ErrInvalidArgumentShape, []string{"Flatten", "inputs", "(1, 3)", "2"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			if !errors.Is(err, c.kind) {
				t.Fatalf("err = %v, want kind %v", err, c.kind)
			}
			for _, w := range c.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not name %q", err, w)
				}
			}
		})
	}
}

func mustConv(t *testing.T, cfg conv.Config) *conv.Conv {
	t.Helper()
	c, err := conv.NewConv2D(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSequentialAddErrors(t *testing.T) {
	m := model.NewSequential(10, 10, 3)
	if err := m.Add(mustConv(t, conv.Config{Filters: 10, KernelSize: []int{3}})); err != nil {
		t.Fatal(err)
	}
	p, err := pool.NewMaxPooling2D(pool.Config{PoolSize: []int{9}})
	if err != nil {
		t.Fatal(err)
	}
	err = m.Add(p)
	var le *model.LayerError
	if !errors.As(err, &le) || le.Index != 1 || le.Class != "MaxPooling2D" || le.Name != "max_pooling2d" {
		t.Fatalf("Add(MaxPooling2D(9)) on 8×8 = %v, want a *LayerError for layer 1, max_pooling2d, MaxPooling2D", err)
	}
	if !errors.Is(err, padding.ErrNonPositiveOutput) || padding.Kind(err) != "nonpositive_output" {
		t.Errorf("errors.Is(%v, ErrNonPositiveOutput) = false, want true", err)
	}
	for _, w := range []string{"layer 1", "MaxPooling2D", "pool_size=(9, 9)", "(None, 8, 8, 10)"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message %q does not name %q", err, w)
		}
	}
	// The failed layer is not added and takes no name.
	if m.Len() != 1 || m.OutputShape() != "(None, 8, 8, 10)" {
		t.Errorf("after a failed Add: %d layers, output %s; want 1 and (None, 8, 8, 10)", m.Len(), m.OutputShape())
	}
	if err := m.Add(nil); !errors.Is(err, padding.ErrMissingArgument) {
		t.Errorf("Add(nil) = %v, want ErrMissingArgument", err)
	}
	bad := model.NewSequential(10, 0, 3)
	if err := bad.Add(model.NewFlatten()); !errors.Is(err, padding.ErrInvalidArgumentShape) || !strings.Contains(err.Error(), "(None, 10, 0, 3)") {
		t.Errorf("Add to NewSequential(10, 0, 3) = %v, want ErrInvalidArgumentShape naming the shape", err)
	}
	wrongRank := model.NewSequential(10, 3)
	if err := wrongRank.Add(mustConv(t, conv.Config{Filters: 1, KernelSize: []int{3}})); !errors.Is(err, padding.ErrInputRank) ||
		!strings.Contains(err.Error(), "layer 0") {
		t.Errorf("Conv2D on (None, 10, 3) = %v, want ErrInputRank naming layer 0", err)
	}
}

func TestSequentialAccessors(t *testing.T) {
	m := model.NewSequential(10, 10, 3)
	if m.OutputShape() != "(None, 10, 10, 3)" || m.Len() != 0 || m.TotalParams() != 0 {
		t.Errorf("empty model: output %s, %d layers, %d params", m.OutputShape(), m.Len(), m.TotalParams())
	}
	d, _ := model.NewDense(model.DenseConfig{Units: 50})
	mp, _ := pool.NewMaxPooling2D(pool.Config{})
	for _, l := range []model.Layer{
		mustConv(t, conv.Config{Filters: 10, KernelSize: []int{3}, Padding: "same"}),
		mustConv(t, conv.Config{Filters: 4, KernelSize: []int{1}, NoBias: true}),
		mp,
		mustConv(t, conv.Config{Filters: 2, KernelSize: []int{2}}),
		model.NewFlatten(),
		d,
	} {
		if err := m.Add(l); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := fmt.Sprint(m.Names()), "[conv2d conv2d_1 max_pooling2d conv2d_2 flatten dense]"; got != want {
		t.Errorf("Names() = %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(m.OutputShapes()), "[(None, 10, 10, 10) (None, 10, 10, 4) (None, 5, 5, 4) (None, 4, 4, 2) (None, 32) (None, 50)]"; got != want {
		t.Errorf("OutputShapes() = %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(m.ParamCounts()), "[280 40 0 34 0 1650]"; got != want {
		t.Errorf("ParamCounts() = %s, want %s", got, want)
	}
	if m.TotalParams() != 2004 || len(m.Layers()) != 6 || m.InputShape().String() != "(None, 10, 10, 3)" {
		t.Errorf("TotalParams %d, %d layers, input %s", m.TotalParams(), len(m.Layers()), m.InputShape())
	}
	s := m.Summary()
	for _, w := range []string{"conv2d_2 (Conv2D)", "max_pooling2d (MaxPooling2D)", "(None, 32)", "1,650",
		" Total params: 2,004 (7.83 KB)\n", " Trainable params: 2,004 (7.83 KB)\n", " Non-trainable params: 0 (0.00 B)\n"} {
		if !strings.Contains(s, w) {
			t.Errorf("Summary() does not contain %q:\n%s", w, s)
		}
	}
	// Every table line has the same width.
	lines := strings.Split(s, "\n")
	width := len([]rune(lines[1]))
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, " ") || l == "" {
			break
		}
		if len([]rune(l)) != width {
			t.Errorf("summary line %q is %d wide, want %d", l, len([]rune(l)), width)
		}
	}
}

func TestSequentialForward(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 1))
	c := mustConv(t, conv.Config{Filters: 3, KernelSize: []int{2}, Padding: "same", Kernel: randData(rng, 2*2*2*3), Bias: randData(rng, 3)})
	p, _ := pool.NewAveragePooling2D(pool.Config{PoolSize: []int{2}})
	d, _ := model.NewDense(model.DenseConfig{Units: 2, Kernel: randData(rng, 12*2), Bias: randData(rng, 2)})
	layers := []model.Layer{c, p, model.NewFlatten(), d}
	m := model.NewSequential(4, 4, 2)
	for _, l := range layers {
		if err := m.Add(l); err != nil {
			t.Fatal(err)
		}
	}
	x := &tensor.Tensor{Shape: tensor.Shape{2, 4, 4, 2}, Data: randData(rng, 64)}
	got, err := m.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	// The model is the layers applied in turn.
	want := x
	for _, l := range layers {
		if want, err = l.Forward(want); err != nil {
			t.Fatal(err)
		}
	}
	if !got.Shape.Equal(want.Shape) || fmt.Sprint(got.Data) != fmt.Sprint(want.Data) {
		t.Errorf("Forward = %v, want the layers in turn: %v", got, want)
	}
	for _, c := range []struct {
		name string
		x    *tensor.Tensor
		kind error
	}{
		{"wrong_rank", &tensor.Tensor{Shape: tensor.Shape{1, 4, 8}, Data: make([]float32, 32)}, padding.ErrInputRank},
		{"wrong_dims", &tensor.Tensor{Shape: tensor.Shape{1, 4, 4, 3}, Data: make([]float32, 48)}, padding.ErrInvalidArgumentShape},
		{"short_data", &tensor.Tensor{Shape: tensor.Shape{1, 4, 4, 2}, Data: make([]float32, 31)}, padding.ErrInvalidArgumentShape},
		{"nil", nil, padding.ErrMissingArgument},
	} {
		if _, err := m.Forward(c.x); !errors.Is(err, c.kind) || !strings.Contains(err.Error(), "Sequential") {
			t.Errorf("Forward(%s) = %v, want %v naming Sequential", c.name, err, c.kind)
		}
	}
	// A layer that fails at Forward is named with its index.
	noWeights := model.NewSequential(4, 4, 2)
	if err := noWeights.Add(mustConv(t, conv.Config{Filters: 1, KernelSize: []int{2}})); err != nil {
		t.Fatal(err)
	}
	_, err = noWeights.Forward(x)
	var le *model.LayerError
	if !errors.As(err, &le) || le.Index != 0 || !errors.Is(err, padding.ErrMissingArgument) {
		t.Errorf("Forward without weights = %v, want a *LayerError for layer 0 wrapping ErrMissingArgument", err)
	}
}
