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

// Causal padding puts k_eff − 1 zeros before the sequence and none after:
// the output keeps the input's length, and output o reads inputs up to o
// only. With dilation 2 the taps are x[o−4], x[o−2] and x[o].
func ExampleNewConv1D_causal() {
	c, err := conv.NewConv1D(conv.Config{Filters: 1, KernelSize: []int{3}, DilationRate: []int{2}, Padding: "causal", NoBias: true,
		Kernel: []float32{100, 10, 1}})
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
	fmt.Println(y.Shape, y.Data)
	_, err = conv.NewConv2D(conv.Config{Filters: 1, KernelSize: []int{3}, Padding: "causal"})
	fmt.Println(padding.Kind(err))
	// Output:
	// (1, 6, 1) [1 2 13 24 135 246]
	// invalid_padding_mode
}

// Groups split the channels and the filters into contiguous blocks: with
// 4 channels and 2 groups, filters 0–1 see channels 0–1 and filters 2–3
// see channels 2–3. The kernel has C/groups input channels, so
// Conv2D(8, 3, groups=2) on 4 channels has 3·3·2·8 + 8 = 152 parameters.
func ExampleConv_Groups() {
	c, err := conv.NewConv1D(conv.Config{Filters: 4, KernelSize: []int{1}, Groups: 2, NoBias: true,
		Kernel: []float32{
			1, 0, 1, 0, // kernel channel 0: filters 0–3
			0, 1, 0, 1, // kernel channel 1
		}})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 1, 4}, []float32{10, 20, 30, 40})
	if err != nil {
		log.Fatal(err)
	}
	y, err := c.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Groups(), y.Data)

	c2, err := conv.NewConv2D(conv.Config{Filters: 8, KernelSize: []int{3}, Groups: 2})
	if err != nil {
		log.Fatal(err)
	}
	in := tensor.Shape{tensor.None, 10, 10, 4}
	out, err := c2.OutputShape(in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out, c2.ParamCount(in))
	_, err = c2.OutputShape(tensor.Shape{tensor.None, 10, 10, 3})
	fmt.Println(err)
	// Output:
	// 2 [10 20 30 40]
	// (None, 8, 8, 8) 152
	// conv: Conv2D inputs=shape (None, 10, 10, 3): argument has the wrong shape: the number of input channels must be evenly divisible by the number of groups: received groups=2, but the input has 3 channels
}

// Under channels_first the channels follow the batch, in the input and in
// the output; the kernel keeps Keras's (k…, C, F) layout, so weights load
// unchanged into either format.
func ExampleConv_DataFormat() {
	c, err := conv.NewConv2D(conv.Config{Filters: 2, KernelSize: []int{1}, DataFormat: "channels_first", NoBias: true,
		Kernel: []float32{
			1, 10, // input channel 0: filters 0, 1
			100, 1000, // input channel 1
		}})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 2, 1, 2}, []float32{
		1, 2, // channel 0, a 1×2 image
		3, 4, // channel 1
	})
	if err != nil {
		log.Fatal(err)
	}
	y, err := c.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.DataFormat(), y.Shape, y.Data)

	c2, err := conv.NewConv2D(conv.Config{Filters: 16, KernelSize: []int{3}, DataFormat: "channels_first"})
	if err != nil {
		log.Fatal(err)
	}
	in := tensor.Shape{tensor.None, 3, 32, 32}
	out, err := c2.OutputShape(in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out, c2.ParamCount(in))
	// Output:
	// channels_first (1, 2, 1, 2) [301 402 3010 4020]
	// (None, 16, 30, 30) 448
}
