package conv_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// wrapping has 2^64+4 elements, which wrap to 4 in int arithmetic.
var wrapping = tensor.Shape{1, 2147418113, 1718039348, 5}

// TestWrappingShapeIsAnError: issue 12's tensor used to pass every check,
// and Forward then read past x.Data or faulted.
func TestWrappingShapeIsAnError(t *testing.T) {
	for _, st := range [][]int{nil, {min(1<<20, padding.MaxArg)}} {
		c, err := conv.NewConv2D(conv.Config{Filters: 1, KernelSize: []int{1}, Strides: st, Kernel: make([]float32, 5), Bias: []float32{0}})
		if err != nil {
			t.Fatal(err)
		}
		x := &tensor.Tensor{Shape: wrapping, Data: make([]float32, 4)}
		if _, err := c.Forward(x); !errors.Is(err, padding.ErrInvalidArgumentShape) || !strings.Contains(err.Error(), "inputs") {
			t.Errorf("strides %v: Forward = %v, want an invalid_argument_shape error naming the inputs", st, err)
		}
		dst, _ := tensor.New(1, 1, 1, 1)
		if err := c.ForwardInto(dst, x); !errors.Is(err, padding.ErrInvalidArgumentShape) {
			t.Errorf("strides %v: ForwardInto = %v, want invalid_argument_shape", st, err)
		}
	}
}

// TestForwardTooLarge: Conv2D with 2^20 filters on 1024×1024 asks for 2^40
// values: an error of kind too_large before allocating.
func TestForwardTooLarge(t *testing.T) {
	if padding.MaxArg < 1<<31 {
		t.Skip("32-bit: dimensions above padding.MaxArg (2^15) are rejected first")
	}
	const filters = 1 << 20
	c, err := conv.NewConv2D(conv.Config{Filters: filters, KernelSize: []int{1}, NoBias: true, Kernel: make([]float32, filters)})
	if err != nil {
		t.Fatal(err)
	}
	x, err := tensor.New(1, 1024, 1024, 1)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Forward(x)
	if !errors.Is(err, padding.ErrTooLarge) || padding.Kind(err) != "too_large" {
		t.Fatalf("Forward = %v, want kind too_large", err)
	}
	if !strings.Contains(err.Error(), "Conv2D") || !strings.Contains(err.Error(), "(1, 1024, 1024, 1)") {
		t.Errorf("message %q does not name the layer and the input", err)
	}
}

// TestForwardIntoRejectsAliasing: writing the output over the input used
// to give wrong values (58 of 64 for this layer) and no error.
func TestForwardIntoRejectsAliasing(t *testing.T) {
	c, err := conv.NewConv2D(conv.Config{Filters: 4, KernelSize: []int{3}, Padding: "same", Kernel: make([]float32, 9*4*4), Bias: make([]float32, 4)})
	if err != nil {
		t.Fatal(err)
	}
	x := tensor.Fill(must(tensor.New(1, 4, 4, 4)), 1)
	err = c.ForwardInto(x, x)
	if !errors.Is(err, padding.ErrInvalidArgumentShape) || !strings.Contains(err.Error(), "dst") || !strings.Contains(err.Error(), "shares memory") {
		t.Errorf("ForwardInto(x, x) = %v, want an error naming dst and the shared memory", err)
	}
}

// TestInputShapeNegativeNotNone: only -1 means None.
func TestInputShapeNegativeNotNone(t *testing.T) {
	c, _ := conv.NewConv2D(conv.Config{Filters: 2, KernelSize: []int{3}})
	for _, in := range []tensor.Shape{{tensor.None, -2, 5, 1}, {-7, 5, 5, 1}, {tensor.None, 5, 5, padding.MaxArg + 1}} {
		if _, err := c.OutputShape(in); !errors.Is(err, padding.ErrInvalidArgumentShape) {
			t.Errorf("OutputShape(%v) = %v, want invalid_argument_shape", []int(in), err)
		}
	}
}

func must(x *tensor.Tensor, err error) *tensor.Tensor {
	if err != nil {
		panic(err)
	}
	return x
}
