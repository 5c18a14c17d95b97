package pool_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

// wrapping has 2^64+4 elements, which wrap to 4 in int arithmetic.
var wrapping = tensor.Shape{1, 2147418113, 1718039348, 5}

// TestWrappingShapeIsAnError: issue 12's tensor used to make MaxPooling2D
// return a value read past x.Data, and global pooling panic.
func TestWrappingShapeIsAnError(t *testing.T) {
	for _, cfg := range []pool.Config{{}, {PoolSize: []int{1}, Strides: []int{min(1<<20, padding.MaxArg)}}} {
		for _, ctor := range []func(pool.Config) (*pool.Pool, error){pool.NewMaxPooling2D, pool.NewAveragePooling2D} {
			if cfg.PoolSize == nil {
				cfg.PoolSize = []int{2}
			}
			p, err := ctor(cfg)
			if err != nil {
				t.Fatal(err)
			}
			x := &tensor.Tensor{Shape: wrapping, Data: make([]float32, 4)}
			if _, err := p.Forward(x); !errors.Is(err, padding.ErrInvalidArgumentShape) {
				t.Errorf("%s%v: Forward = %v, want invalid_argument_shape", p.Class(), cfg, err)
			}
			dst, _ := tensor.New(1, 1, 1, 5)
			if err := p.ForwardInto(dst, x); !errors.Is(err, padding.ErrInvalidArgumentShape) {
				t.Errorf("%s%v: ForwardInto = %v, want invalid_argument_shape", p.Class(), cfg, err)
			}
		}
	}
	for _, g := range []*pool.Global{pool.NewGlobalMaxPooling2D(pool.GlobalConfig{}), pool.NewGlobalAveragePooling2D(pool.GlobalConfig{})} {
		x := &tensor.Tensor{Shape: wrapping, Data: make([]float32, 4)}
		if _, err := g.Forward(x); !errors.Is(err, padding.ErrInvalidArgumentShape) {
			t.Errorf("%s: Forward = %v, want invalid_argument_shape", g.Class(), err)
		}
	}
}

// TestForwardIntoRejectsAliasing: dst must not share memory with x.
func TestForwardIntoRejectsAliasing(t *testing.T) {
	p, err := pool.NewMaxPooling2D(pool.Config{PoolSize: []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := tensor.New(1, 4, 4, 2)
	err = p.ForwardInto(x, x)
	if !errors.Is(err, padding.ErrInvalidArgumentShape) || !strings.Contains(err.Error(), "dst") {
		t.Errorf("ForwardInto(x, x) = %v, want an invalid_argument_shape error naming dst", err)
	}
	// Global pooling reads every cell of a channel before it writes: an
	// output over the input's first values would change what it reads.
	g := pool.NewGlobalAveragePooling2D(pool.GlobalConfig{})
	dst := &tensor.Tensor{Shape: tensor.Shape{1, 2}, Data: x.Data[:2]}
	if err := g.ForwardInto(dst, x); !errors.Is(err, padding.ErrInvalidArgumentShape) || !strings.Contains(err.Error(), "dst") {
		t.Errorf("GlobalAveragePooling2D.ForwardInto(x's first values, x) = %v, want an error naming dst", err)
	}
	w := &tensor.Tensor{Shape: wrapping, Data: make([]float32, 4)}
	if err := g.ForwardInto(dst, w); !errors.Is(err, padding.ErrInvalidArgumentShape) {
		t.Errorf("GlobalAveragePooling2D.ForwardInto(wrapping shape) = %v, want invalid_argument_shape", err)
	}
}

// TestInputShapeNegativeNotNone: only -1 means None, for every pooling layer.
func TestInputShapeNegativeNotNone(t *testing.T) {
	p, _ := pool.NewMaxPooling2D(pool.Config{})
	g := pool.NewGlobalAveragePooling2D(pool.GlobalConfig{})
	for _, in := range []tensor.Shape{{tensor.None, -2, 5, 1}, {-7, 5, 5, 1}, {tensor.None, 5, 5, padding.MaxArg + 1}, {tensor.None, 0, 5, 1}} {
		if _, err := p.OutputShape(in); !errors.Is(err, padding.ErrInvalidArgumentShape) {
			t.Errorf("MaxPooling2D.OutputShape(%v) = %v, want invalid_argument_shape", []int(in), err)
		}
		if _, err := g.OutputShape(in); !errors.Is(err, padding.ErrInvalidArgumentShape) {
			t.Errorf("GlobalAveragePooling2D.OutputShape(%v) = %v, want invalid_argument_shape", []int(in), err)
		}
	}
}
