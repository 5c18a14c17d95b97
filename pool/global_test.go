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

// TestGlobalAverageIsAccurate: a mean of many float32 values is rounded
// once, from a float64 sum.
func TestGlobalAverageIsAccurate(t *testing.T) {
	n := 1 << 16
	x := &tensor.Tensor{Shape: tensor.Shape{1, n, 1}, Data: make([]float32, n)}
	for i := range x.Data {
		x.Data[i] = 0.1
	}
	y, err := pool.NewGlobalAveragePooling1D(pool.GlobalConfig{}).Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	if y.Data[0] != float32(0.1) {
		t.Errorf("mean of %d × 0.1 = %v, want %v", n, y.Data[0], float32(0.1))
	}
	if math.IsNaN(float64(y.Data[0])) {
		t.Fatal("NaN")
	}
}
