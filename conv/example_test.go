package conv_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// The blog's first layer: 10 filters of 3×3 on a 10×10×3 input, 'valid'.
func ExampleConv_OutputShape() {
	c, err := conv.NewConv2D(conv.Config{Filters: 10, KernelSize: []int{3, 3}, Strides: []int{1, 1}, Padding: "valid"})
	if err != nil {
		log.Fatal(err)
	}
	in := tensor.Shape{tensor.None, 10, 10, 3}
	out, err := c.OutputShape(in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out, c.ParamCount(in))
	// Output: (None, 8, 8, 10) 280
}

// A 2×2 kernel of ones sums each window; the bias adds 0.5. Under 'same'
// the odd padding cell goes after, so the last row and column see zeros.
func ExampleConv_Forward() {
	c, err := conv.NewConv2D(conv.Config{
		Filters:    1,
		KernelSize: []int{2},
		Padding:    "same",
		Kernel:     []float32{1, 1, 1, 1}, // 2×2×1×1
		Bias:       []float32{0.5},
	})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 3, 3, 1}, []float32{
		1, 2, 3,
		4, 5, 6,
		7, 8, 9,
	})
	if err != nil {
		log.Fatal(err)
	}
	y, err := c.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(y)
	// Output:
	// tensor 1×3×3×1
	// [n=0 c=0]
	// 12.5 16.5  9.5
	// 24.5 28.5 15.5
	// 15.5 17.5  9.5
}

// Conv1D with two filters: the kernel is (k, in, filters), filters
// innermost. Filter 0 takes the difference of neighbours, filter 1 copies
// the first cell of each window.
func ExampleNewConv1D() {
	c, err := conv.NewConv1D(conv.Config{
		Filters:    2,
		KernelSize: []int{2},
		NoBias:     true,
		Kernel: []float32{
			-1, 1, // tap 0: filter 0, filter 1
			1, 0, // tap 1
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 4, 1}, []float32{1, 4, 9, 16})
	if err != nil {
		log.Fatal(err)
	}
	y, err := c.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(y.Shape, y.Data)
	// Output: (1, 3, 2) [3 1 5 4 7 9]
}

// Dilation spreads the taps: a 3-tap kernel with dilation 2 spans 5 cells.
func ExampleConfig_dilation() {
	c, err := conv.NewConv1D(conv.Config{Filters: 1, KernelSize: []int{3}, DilationRate: []int{2}, NoBias: true,
		Kernel: []float32{1, 1, 1}})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 6, 1}, []float32{1, 2, 3, 4, 5, 6})
	if err != nil {
		log.Fatal(err)
	}
	y, err := c.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(y.Data) // 1+3+5, 2+4+6
	// Output: [9 12]
}

// Errors name the layer, the argument and the value, and have a kind to
// test with errors.Is.
func ExampleNewConv2D_errors() {
	_, err := conv.NewConv2D(conv.Config{Filters: 8, KernelSize: []int{3}, Strides: []int{2, 1}, DilationRate: []int{1, 2}})
	fmt.Println(err)
	fmt.Println(errors.Is(err, padding.ErrStrideDilationConflict))

	c, err := conv.NewConv2D(conv.Config{Filters: 8, KernelSize: []int{3}})
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.OutputShape(tensor.Shape{tensor.None, 2, 2, 3})
	fmt.Println(padding.Kind(err))
	// Output:
	// conv: Conv2D strides=(2, 1): strides > 1 not supported in conjunction with dilation_rate > 1: received strides=(2, 1) and dilation_rate=(1, 2)
	// true
	// nonpositive_output
}
