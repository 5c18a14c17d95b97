package reference

import (
	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/pool"
)

// PoolOutputShape answers PoolOutputShape(in, poolSize, strides, padding)
// with the library's MaxPooling2D (average pooling's shapes are the same).
func PoolOutputShape(c golden.PoolShapeCall) ([3]int, error) {
	var want [3]int
	if err := lessonMode("pool", "MaxPooling2D", c.Padding); err != nil {
		return want, err
	}
	layer, err := pool.NewMaxPooling2D(pool.Config{PoolSize: c.PoolSize[:], Strides: cloneInts(c.Strides), Padding: c.Padding})
	if err != nil {
		return want, err
	}
	out, err := layer.OutputShape(shapeOf(c.InputShape[:]...))
	if err != nil {
		return want, err
	}
	copy(want[:], out[1:])
	return want, nil
}

// libPool runs the library's pooling layer made by newPool on the call.
func libPool(c golden.PoolCall, class string, newPool func(pool.Config) (*pool.Pool, error)) (golden.Tensor, error) {
	x, err := input(c.X, "x")
	if err != nil {
		return golden.Tensor{}, err
	}
	if err := lessonMode("pool", class, c.Padding); err != nil {
		return golden.Tensor{}, err
	}
	layer, err := newPool(pool.Config{PoolSize: c.PoolSize[:], Strides: cloneInts(c.Strides), Padding: c.Padding})
	if err != nil {
		return golden.Tensor{}, err
	}
	return result(layer.Forward(x))
}

// MaxPooling answers MaxPooling2D(x, poolSize, strides, padding).
func MaxPooling(c golden.PoolCall) (golden.Tensor, error) {
	return libPool(c, "MaxPooling2D", pool.NewMaxPooling2D)
}

// AveragePoolingValid answers AveragePooling2D(x, poolSize, strides,
// padding) in the exercise on 'valid'.
func AveragePoolingValid(c golden.PoolCall) (golden.Tensor, error) {
	return libPool(c, "AveragePooling2D", pool.NewAveragePooling2D)
}

// AveragePoolingSame answers AveragePooling2D(x, poolSize, strides,
// padding) in the exercise on 'same'.
func AveragePoolingSame(c golden.PoolCall) (golden.Tensor, error) {
	return libPool(c, "AveragePooling2D", pool.NewAveragePooling2D)
}

// GlobalPooling answers GlobalAveragePooling2D(x, keepdims) when the call
// names that layer, else GlobalMaxPooling2D(x, keepdims), as the suite
// calls them.
func GlobalPooling(c golden.GlobalCall) (golden.Tensor, error) {
	x, err := input(c.X, "x")
	if err != nil {
		return golden.Tensor{}, err
	}
	cfg := pool.GlobalConfig{Keepdims: c.Keepdims}
	layer := pool.NewGlobalMaxPooling2D(cfg)
	if c.Layer == "GlobalAveragePooling2D" {
		layer = pool.NewGlobalAveragePooling2D(cfg)
	}
	return result(layer.Forward(x))
}

func cloneInts(v []int) []int {
	if v == nil {
		return nil
	}
	return append([]int(nil), v...)
}
