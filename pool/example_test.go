package pool_test

import (
	"fmt"
	"log"

	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

// The strides default to the pool size: MaxPooling2D((2, 2)) halves 10×10.
func ExamplePool_OutputShape() {
	p, err := pool.NewMaxPooling2D(pool.Config{PoolSize: []int{2, 2}, Padding: "valid"})
	if err != nil {
		log.Fatal(err)
	}
	out, err := p.OutputShape(tensor.Shape{tensor.None, 10, 10, 10})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out)
	// Output: (None, 5, 5, 10)
}

// Max pooling with 2×2 windows: the largest value of each window.
func ExamplePool_Forward() {
	p, err := pool.NewMaxPooling2D(pool.Config{PoolSize: []int{2}})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 4, 4, 1}, []float32{
		1, 5, 2, 0,
		3, 4, 8, 1,
		0, 0, 1, 1,
		9, 0, 1, 2,
	})
	if err != nil {
		log.Fatal(err)
	}
	y, err := p.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(y)
	// Output:
	// tensor 1×2×2×1
	// [n=0 c=0]
	// 5 8
	// 9 2
}

// Average pooling under 'same' divides by the real cells only: the corner
// window of a 3×3 pool holds 4 cells, so it gives (1+2+4+5)/4 = 3.
func ExampleNewAveragePooling2D() {
	p, err := pool.NewAveragePooling2D(pool.Config{PoolSize: []int{3}, Strides: []int{1}, Padding: "same"})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 3, 3, 1}, []float32{1, 2, 3, 4, 5, 6, 7, 8, 9})
	if err != nil {
		log.Fatal(err)
	}
	y, err := p.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(y)
	// Output:
	// tensor 1×3×3×1
	// [n=0 c=0]
	//   3 3.5   4
	// 4.5   5 5.5
	//   6 6.5   7
}

// With pool 2 the single padding cell goes after: the bottom-right window
// holds only 9.
func ExampleNewAveragePooling2D_evenPool() {
	p, err := pool.NewAveragePooling2D(pool.Config{PoolSize: []int{2}, Strides: []int{1}, Padding: "same"})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 3, 3, 1}, []float32{1, 2, 3, 4, 5, 6, 7, 8, 9})
	if err != nil {
		log.Fatal(err)
	}
	y, err := p.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(y)
	// Output:
	// tensor 1×3×3×1
	// [n=0 c=0]
	//   3   4 4.5
	//   6   7 7.5
	// 7.5 8.5   9
}

// AveragePooling has no default pool size in Keras 3.
func ExampleNewAveragePooling2D_missingPoolSize() {
	_, err := pool.NewAveragePooling2D(pool.Config{})
	fmt.Println(err)
	// Output: pool: AveragePooling2D pool_size=None: missing argument: pool_size is required
}

// Global max pooling keeps the largest value of every channel.
func ExampleGlobal_Forward() {
	g := pool.NewGlobalMaxPooling2D(pool.GlobalConfig{})
	x, err := tensor.FromData(tensor.Shape{1, 2, 2, 2}, []float32{1, -1, 7, -5, 3, -2, 0, -3})
	if err != nil {
		log.Fatal(err)
	}
	y, err := g.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(y.Shape, y.Data)
	// Output: (1, 2) [7 -1]
}

// The blog's GlobalMaxPooling2D after 10 filters, with and without keepdims.
func ExampleNewGlobalMaxPooling2D() {
	in := tensor.Shape{tensor.None, 10, 10, 10}
	for _, keep := range []bool{false, true} {
		out, err := pool.NewGlobalMaxPooling2D(pool.GlobalConfig{Keepdims: keep}).OutputShape(in)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(out)
	}
	// Output:
	// (None, 10)
	// (None, 1, 1, 10)
}

// Under channels_first the channels follow the batch: each channel's 2×2
// image pools to one value.
func ExamplePool_DataFormat() {
	p, err := pool.NewMaxPooling2D(pool.Config{PoolSize: []int{2}, DataFormat: "channels_first"})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 2, 2, 2}, []float32{
		1, 5, 3, 2, // channel 0
		8, 6, 7, 4, // channel 1
	})
	if err != nil {
		log.Fatal(err)
	}
	y, err := p.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.DataFormat(), y.Shape, y.Data)
	out, err := p.OutputShape(tensor.Shape{tensor.None, 16, 30, 30})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out)
	// Output:
	// channels_first (1, 2, 1, 1) [5 8]
	// (None, 16, 15, 15)
}

// Global pooling under channels_first reduces the axes after the channels;
// keepdims keeps them with length 1.
func ExampleGlobal_DataFormat() {
	g := pool.NewGlobalAveragePooling2D(pool.GlobalConfig{DataFormat: "channels_first", Keepdims: true})
	x, err := tensor.FromData(tensor.Shape{1, 2, 2, 2}, []float32{
		1, 5, 3, 3, // channel 0
		8, 6, 7, 3, // channel 1
	})
	if err != nil {
		log.Fatal(err)
	}
	y, err := g.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(y.Shape, y.Data)
	// Output: (1, 2, 1, 1) [3 6]
}
