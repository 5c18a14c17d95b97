package pool_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

var globals = map[string]func(pool.GlobalConfig) *pool.Global{
	"GlobalMaxPooling1D": pool.NewGlobalMaxPooling1D, "GlobalMaxPooling2D": pool.NewGlobalMaxPooling2D,
	"GlobalMaxPooling3D": pool.NewGlobalMaxPooling3D, "GlobalAveragePooling1D": pool.NewGlobalAveragePooling1D,
	"GlobalAveragePooling2D": pool.NewGlobalAveragePooling2D, "GlobalAveragePooling3D": pool.NewGlobalAveragePooling3D,
}

// TestGlobalMatchesSlowReference compares global pooling with the slow
// pooling reference using one window the size of the input.
func TestGlobalMatchesSlowReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 1))
	for class, newG := range globals {
		for i := 0; i < 30; i++ {
			rank := int(class[len(class)-2] - '0')
			in := []int{1 + rng.IntN(3)}
			for a := 0; a < rank; a++ {
				in = append(in, 1+rng.IntN(6))
			}
			in = append(in, 1+rng.IntN(5))
			keep := rng.IntN(2) == 0
			t.Run(fmt.Sprintf("%s_in%v_keepdims_%v", class, in, keep), func(t *testing.T) {
				g := newG(pool.GlobalConfig{Keepdims: keep})
				x := &tensor.Tensor{Shape: tensor.Shape(in), Data: data(tensor.Shape(in).Size(), uint64(i), i%2 == 0)}
				y, err := g.Forward(x)
				if err != nil {
					t.Fatal(err)
				}
				shape, want, _ := slowPool(x, in[1:rank+1], in[1:rank+1], false, g.Average())
				if !keep {
					shape = []int{in[0], in[rank+1]}
				}
				tol := 0.0
				if g.Average() {
					tol = 1e-6
				}
				checkClose(t, "Forward", y, shape, want, tol, x)
				os, err := g.OutputShape(tensor.Shape{tensor.None})
				if err == nil {
					t.Errorf("OutputShape((None,)) = %v, want an error", os)
				}
			})
		}
	}
}

func TestGlobalShapes(t *testing.T) {
	for _, c := range []struct {
		g    *pool.Global
		in   tensor.Shape
		want string
	}{
		{pool.NewGlobalMaxPooling2D(pool.GlobalConfig{}), tensor.Shape{tensor.None, 10, 10, 10}, "(None, 10)"},
		{pool.NewGlobalMaxPooling2D(pool.GlobalConfig{Keepdims: true}), tensor.Shape{tensor.None, 10, 10, 10}, "(None, 1, 1, 10)"},
		{pool.NewGlobalAveragePooling1D(pool.GlobalConfig{Keepdims: true}), tensor.Shape{4, tensor.None, 3}, "(4, 1, 3)"},
		{pool.NewGlobalAveragePooling3D(pool.GlobalConfig{}), tensor.Shape{tensor.None, 2, 2, 2, tensor.None}, "(None, None)"},
	} {
		got, err := c.g.OutputShape(c.in)
		if err != nil || got.String() != c.want {
			t.Errorf("%s(keepdims=%v).OutputShape(%s) = %v, %v; want %s", c.g.Class(), c.g.Keepdims(), c.in, got, err, c.want)
		}
		if p := c.g.ParamCount(c.in); p != 0 {
			t.Errorf("%s.ParamCount = %d, want 0", c.g.Class(), p)
		}
	}
}

// TestGlobalAverageIsAccurate: a mean of many float32 values is summed in
// float32 in runs whose sums are added pairwise, so its error stays near
// float32's rounding: a plain left-to-right float32 sum of 65536 × 0.1
// would be off by 6e-4. The cells are counted over every spatial axis, so
// the large counts spread over two axes: every dimension stays within
// padding.MaxArg (2^15 on 32-bit machines) and the test is the same on
// every platform.
func TestGlobalAverageIsAccurate(t *testing.T) {
	for _, c := range []struct {
		g  *pool.Global
		in tensor.Shape
	}{
		{pool.NewGlobalAveragePooling1D(pool.GlobalConfig{}), tensor.Shape{1, 1 << 15, 1}},
		{pool.NewGlobalAveragePooling2D(pool.GlobalConfig{}), tensor.Shape{1, 256, 256, 1}},
		{pool.NewGlobalAveragePooling2D(pool.GlobalConfig{}), tensor.Shape{1, 101, 9901, 1}}, // 1000001 cells, no power of 2
		{pool.NewGlobalAveragePooling3D(pool.GlobalConfig{}), tensor.Shape{1, 7, 11, 12987, 1}},
	} {
		n := c.in.Size()
		x := &tensor.Tensor{Shape: c.in, Data: make([]float32, n)}
		for i := range x.Data {
			x.Data[i] = 0.1
		}
		y, err := c.g.Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(float64(y.Data[0])/0.1 - 1); !(d < 2e-6) {
			t.Errorf("%s: mean of %s = %d × 0.1 = %v, relative error %g, want < 2e-6", c.g.Class(), c.in, n, y.Data[0], d)
		}
	}
}

// TestAveragingRule: every average accumulates in float32, as every Keras
// 3 backend does, so [3e38, 3e38] averages to +Inf in AveragePooling and
// GlobalAveragePooling alike (a float64 sum would give 3e38); and global
// average pooling over up to 64 cells is AveragePooling with a window the
// size of the input, to the bit.
func TestAveragingRule(t *testing.T) {
	x := &tensor.Tensor{Shape: tensor.Shape{1, 2, 1}, Data: []float32{3e38, 3e38}}
	ap, err := pool.NewAveragePooling1D(pool.Config{PoolSize: []int{2}})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []interface {
		Forward(*tensor.Tensor) (*tensor.Tensor, error)
		Class() string
	}{ap, pool.NewGlobalAveragePooling1D(pool.GlobalConfig{})} {
		y, err := l.Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		if !math.IsInf(float64(y.Data[0]), 1) {
			t.Errorf("%s of [3e38, 3e38] = %v, want +Inf (a float32 sum)", l.Class(), y.Data[0])
		}
	}
	rng := rand.New(rand.NewPCG(12, 5))
	for _, hw := range [][2]int{{7, 7}, {8, 8}, {1, 1}, {3, 5}} {
		shape := tensor.Shape{2, hw[0], hw[1], 37}
		x := &tensor.Tensor{Shape: shape, Data: make([]float32, shape.Size())}
		for i := range x.Data {
			x.Data[i] = float32(rng.NormFloat64() * 1e3)
		}
		gy, err := pool.NewGlobalAveragePooling2D(pool.GlobalConfig{}).Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		ap, err := pool.NewAveragePooling2D(pool.Config{PoolSize: hw[:]})
		if err != nil {
			t.Fatal(err)
		}
		ay, err := ap.Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		for i := range gy.Data {
			if math.Float32bits(gy.Data[i]) != math.Float32bits(ay.Data[i]) {
				t.Fatalf("%v: GlobalAveragePooling2D[%d] = %v, AveragePooling2D(%v) = %v", shape, i, gy.Data[i], hw, ay.Data[i])
			}
		}
	}
}

// TestGlobalForwardInto: ForwardInto matches Forward, allocates nothing and
// rejects a dst of the wrong shape.
func TestGlobalForwardInto(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 6))
	for class, newG := range globals {
		for _, cfg := range []pool.GlobalConfig{{}, {Keepdims: true}, {DataFormat: "channels_first"}, {Keepdims: true, DataFormat: "channels_first"}} {
			g := newG(cfg)
			in := tensor.Shape{2}
			for a := 0; a < g.Rank(); a++ {
				in = append(in, 3+rng.IntN(40))
			}
			in = append(in, 1+rng.IntN(40))
			x := &tensor.Tensor{Shape: in, Data: data(in.Size(), 3, false)}
			want, err := g.Forward(x)
			if err != nil {
				t.Fatal(err)
			}
			y := &tensor.Tensor{Shape: want.Shape, Data: make([]float32, len(want.Data))}
			if err := g.ForwardInto(y, x); err != nil {
				t.Fatalf("%s: %v", class, err)
			}
			for i := range y.Data {
				if math.Float32bits(y.Data[i]) != math.Float32bits(want.Data[i]) {
					t.Fatalf("%s: ForwardInto[%d] = %v, Forward %v", class, i, y.Data[i], want.Data[i])
				}
			}
			if a := testing.AllocsPerRun(10, func() { g.ForwardInto(y, x) }); a != 0 && cfg.DataFormat == "" {
				t.Errorf("%s: ForwardInto allocates %v times", class, a)
			}
			bad := &tensor.Tensor{Shape: tensor.Shape{2, 1000}, Data: make([]float32, 2000)}
			if err := g.ForwardInto(bad, x); err == nil {
				t.Errorf("%s: ForwardInto into %v: no error", class, bad.Shape)
			}
		}
	}
}

// TestMaxNaN: a window that holds a NaN gives NaN, wherever the NaN is, in
// MaxPooling and GlobalMaxPooling, as in Keras's JAX and torch backends.
func TestMaxNaN(t *testing.T) {
	nan := float32(math.NaN())
	mp, err := pool.NewMaxPooling1D(pool.Config{PoolSize: []int{3}})
	if err != nil {
		t.Fatal(err)
	}
	for pos := 0; pos < 3; pos++ {
		d := []float32{1, 5, -2}
		d[pos] = nan
		x := &tensor.Tensor{Shape: tensor.Shape{1, 3, 1}, Data: d}
		for _, l := range []interface {
			Forward(*tensor.Tensor) (*tensor.Tensor, error)
			Class() string
		}{mp, pool.NewGlobalMaxPooling1D(pool.GlobalConfig{})} {
			y, err := l.Forward(x)
			if err != nil {
				t.Fatal(err)
			}
			if !math.IsNaN(float64(y.Data[0])) {
				t.Errorf("%s of %v = %v, want NaN", l.Class(), d, y.Data[0])
			}
		}
	}
}
