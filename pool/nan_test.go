package pool_test

import (
	"math"
	"testing"

	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

// TestMaxPoolingNaN: a window that holds a NaN gives NaN, wherever the NaN
// lies in it, as the package doc says; the other windows are untouched.
func TestMaxPoolingNaN(t *testing.T) {
	nan := float32(math.NaN())
	for pos := 0; pos < 4; pos++ {
		// A 2×4 input, one channel: windows [0 1; 4 5] and [2 3; 6 7].
		x, _ := tensor.New(1, 2, 4, 1)
		for i := range x.Data {
			x.Data[i] = float32(i)
		}
		x.Data[[]int{0, 1, 4, 5}[pos]] = nan
		p, _ := pool.NewMaxPooling2D(pool.Config{})
		y, err := p.Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		if !math.IsNaN(float64(y.Data[0])) || y.Data[1] != 7 {
			t.Errorf("NaN at %d: MaxPooling2D = %v, want [NaN 7]", pos, y.Data)
		}
		g, err := pool.NewGlobalMaxPooling2D(pool.GlobalConfig{}).Forward(x)
		if err != nil {
			t.Fatal(err)
		}
		if !math.IsNaN(float64(g.Data[0])) {
			t.Errorf("NaN at %d: GlobalMaxPooling2D = %v, want NaN", pos, g.Data)
		}
	}
	// A wide row, so that the vector kernels run: NaN in lane 5 of 16 channels.
	x, _ := tensor.New(1, 2, 2, 16)
	x.Data[16+5] = nan
	p, _ := pool.NewMaxPooling2D(pool.Config{})
	y, _ := p.Forward(x)
	for c, v := range y.Data {
		if math.IsNaN(float64(v)) != (c == 5) {
			t.Errorf("16 channels, NaN in channel 5: output channel %d = %v", c, v)
		}
	}
}
