package model_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/model"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// TestAddTypedNil: the README's own `c, _ := conv.NewConv2D(bad); m.Add(c)`
// used to panic; it is the documented missing_argument error.
func TestAddTypedNil(t *testing.T) {
	c, err := conv.NewConv2D(conv.Config{})
	if err == nil || c != nil {
		t.Fatalf("NewConv2D(zero Config) = %v, %v; want nil and an error", c, err)
	}
	var d *model.Dense
	for _, l := range []model.Layer{c, d, nil, (*model.Flatten)(nil), (*padding.ZeroPadding)(nil)} {
		m := model.NewSequential(10, 10, 3)
		err := m.Add(l)
		var le *model.LayerError
		if !errors.Is(err, padding.ErrMissingArgument) || !errors.As(err, &le) || le.Index != 0 {
			t.Errorf("Add(%T nil) = %v, want a *LayerError of kind missing_argument", l, err)
		}
		if m.Len() != 0 {
			t.Errorf("Add(%T nil) changed the model", l)
		}
	}
}

// TestFlattenDoesNotWrap: Flatten of (None, 65536, 65536, 65536, 65536)
// used to print (None, 0).
func TestFlattenDoesNotWrap(t *testing.T) {
	if padding.MaxArg < 1<<31 {
		t.Skip("32-bit: dimensions above padding.MaxArg (2^15) are rejected first")
	}
	f := model.NewFlatten()
	for _, in := range []tensor.Shape{{tensor.None, 65536, 65536, 65536, 65536}, {tensor.None, 1 << 17, 1 << 17}} {
		out, err := f.OutputShape(in)
		if !errors.Is(err, padding.ErrTooLarge) {
			t.Errorf("Flatten.OutputShape(%s) = %v, %v; want a too_large error", in, out, err)
		}
	}
	out, err := f.OutputShape(tensor.Shape{tensor.None, 16384, 16384})
	if err != nil || out.String() != "(None, 268435456)" {
		t.Errorf("Flatten.OutputShape(None, 16384, 16384) = %v, %v; want (None, 268435456)", out, err)
	}
}

// TestDenseUnitsBounded: Dense units are bounded like every other count,
// so its parameter count cannot wrap.
func TestDenseUnitsBounded(t *testing.T) {
	for _, u := range []int{padding.MaxArg + 1, math.MaxInt} {
		_, err := model.NewDense(model.DenseConfig{Units: u})
		if !errors.Is(err, padding.ErrNonPositiveArgument) || !strings.Contains(err.Error(), "units") {
			t.Errorf("NewDense(units=%d) = %v, want nonpositive_argument naming units", u, err)
		}
	}
}

// TestTotalParamsDoNotWrap: four Conv2D of 2^31−1 filters used to give
// total_params −8589934592.
func TestTotalParamsDoNotWrap(t *testing.T) {
	if padding.MaxArg < 1<<31 {
		t.Skip("32-bit: MaxArg is too small for this model")
	}
	m := model.NewSequential(1, 1, 1<<31-1)
	var err error
	for i := 0; i < 4 && err == nil; i++ {
		var c *conv.Conv
		c, err = conv.NewConv2D(conv.Config{Filters: 1<<31 - 1, KernelSize: []int{1}})
		if err != nil {
			t.Fatal(err)
		}
		err = m.Add(c)
	}
	if !errors.Is(err, padding.ErrTooLarge) {
		t.Fatalf("Add = %v, want a too_large error; total %d", err, m.TotalParams())
	}
	if m.TotalParams() < 0 || !strings.Contains(m.Summary(), "Total params: ") || strings.Contains(m.Summary(), "params: -") {
		t.Errorf("TotalParams = %d, summary:\n%s", m.TotalParams(), m.Summary())
	}
}

// TestSequentialForwardWrappingShape: issue 12's tensor used to panic in
// Sequential.Forward.
func TestSequentialForwardWrappingShape(t *testing.T) {
	m := model.NewSequential(2147418113, 1718039348, 5)
	x := &tensor.Tensor{Shape: tensor.Shape{1, 2147418113, 1718039348, 5}, Data: make([]float32, 4)}
	if _, err := m.Forward(x); !errors.Is(err, padding.ErrInvalidArgumentShape) {
		t.Errorf("Forward = %v, want invalid_argument_shape", err)
	}
	if err := m.Add(model.NewFlatten()); padding.MaxArg >= 1<<31 && !errors.Is(err, padding.ErrTooLarge) {
		t.Errorf("Add(Flatten) = %v, want too_large", err)
	}
}

// TestDenseForwardTooLarge: a Dense output beyond tensor.MaxElements is an
// error before allocating.
func TestDenseForwardTooLarge(t *testing.T) {
	if padding.MaxArg < 1<<31 {
		t.Skip("32-bit")
	}
	d, err := model.NewDense(model.DenseConfig{Units: 1 << 17, NoBias: true, Kernel: make([]float32, 1<<17)})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := tensor.New(1<<16, 1) // 2^33 outputs
	if _, err := d.Forward(x); !errors.Is(err, padding.ErrTooLarge) {
		t.Errorf("Forward = %v, want too_large", err)
	}
}
