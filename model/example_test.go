package model_test

import (
	"fmt"
	"log"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/model"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

// The examples below follow the blog post and its notebook in order, and
// print exactly what they print.

// conv2D is the notebook's Conv2D(input_shape=(10, 10, 3), filters=filters,
// kernel_size=(3,3), strides=(1,1), padding=pad) in a new model.
func conv2D(filters int, pad string) *model.Sequential {
	m := model.NewSequential(10, 10, 3)
	c, err := conv.NewConv2D(conv.Config{Filters: filters, KernelSize: []int{3, 3}, Strides: []int{1, 1}, Padding: pad})
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Add(c); err != nil {
		log.Fatal(err)
	}
	return m
}

// Padding 'valid': 10×10 shrinks to 8×8.
func ExampleSequential_paddingValid() {
	m := conv2D(10, "valid")
	fmt.Println(m.OutputShape())
	// Output: (None, 8, 8, 10)
}

// Padding 'same': 10×10 stays 10×10.
func ExampleSequential_paddingSame() {
	m := conv2D(10, "same")
	fmt.Println(m.OutputShape())
	// Output: (None, 10, 10, 10)
}

// User-defined padding: ZeroPadding2D((1, 1)) adds one row or column of
// zeros on every side. The notebook builds this with Keras's functional
// API; a Sequential gives the same shape.
func ExampleSequential_zeroPadding() {
	m := model.NewSequential(10, 10, 3)
	z, err := padding.NewZeroPadding2D([]int{1, 1})
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Add(z); err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.OutputShape())
	// Output: (None, 12, 12, 3)
}

// Ten filters give an output of depth 10.
func ExampleSequential_filters10() {
	m := conv2D(10, "same")
	fmt.Println(m.OutputShape())
	// Output: (None, 10, 10, 10)
}

// Twenty filters give an output of depth 20.
func ExampleSequential_filters20() {
	m := conv2D(20, "same")
	fmt.Println(m.OutputShape())
	// Output: (None, 10, 10, 20)
}

// Max pooling with pool_size (2, 2): the strides default to the pool size,
// so 10×10 halves to 5×5.
func ExampleSequential_maxPooling() {
	m := conv2D(10, "same")
	fmt.Println(m.OutputShape())
	p, err := pool.NewMaxPooling2D(pool.Config{PoolSize: []int{2, 2}, Padding: "valid"})
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Add(p); err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.OutputShape())
	// Output:
	// (None, 10, 10, 10)
	// (None, 5, 5, 10)
}

// Max pooling with pool_size (2, 2) and strides (1, 1): 10×10 becomes 9×9.
func ExampleSequential_maxPoolingStride1() {
	m := conv2D(10, "same")
	p, err := pool.NewMaxPooling2D(pool.Config{PoolSize: []int{2, 2}, Strides: []int{1, 1}, Padding: "valid"})
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Add(p); err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.OutputShape())
	// Output: (None, 9, 9, 10)
}

// Average pooling gives the same shape as max pooling (but other values).
func ExampleSequential_averagePooling() {
	m := conv2D(10, "same")
	p, err := pool.NewAveragePooling2D(pool.Config{PoolSize: []int{2, 2}, Padding: "valid"})
	if err != nil {
		log.Fatal(err)
	}
	if err := m.Add(p); err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.OutputShape())
	// Output: (None, 5, 5, 10)
}

// Global max pooling keeps one value per channel: 10 filters, 10 values.
func ExampleSequential_globalMaxPooling() {
	m := conv2D(10, "same")
	if err := m.Add(pool.NewGlobalMaxPooling2D(pool.GlobalConfig{})); err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.OutputShape())
	// Output: (None, 10)
}

// Flatten turns 10×10×10 into 1000 values.
func ExampleSequential_flatten() {
	m := conv2D(10, "same")
	fmt.Println(m.OutputShape())
	if err := m.Add(model.NewFlatten()); err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.OutputShape())
	// Output:
	// (None, 10, 10, 10)
	// (None, 1000)
}

// Dense(50) after Flatten gives 50 outputs.
func ExampleSequential_dense() {
	m := conv2D(10, "same")
	d, err := model.NewDense(model.DenseConfig{Units: 50})
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range []model.Layer{model.NewFlatten(), d} {
		if err := m.Add(l); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println(m.OutputShape())
	// Output: (None, 50)
}

// The summary of the post's first model: 3·3·3·10 kernel weights plus 10
// biases make 280 parameters, 1120 bytes as float32.
func ExampleSequential_Summary() {
	m := conv2D(10, "valid")
	fmt.Print(m.Summary())
	// Output:
	// Model: "sequential"
	// ┏━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
	// ┃ Layer (type)    ┃ Output Shape     ┃ Param # ┃
	// ┡━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
	// │ conv2d (Conv2D) │ (None, 8, 8, 10) │     280 │
	// └─────────────────┴──────────────────┴─────────┘
	//  Total params: 280 (1.09 KB)
	//  Trainable params: 280 (1.09 KB)
	//  Non-trainable params: 0 (0.00 B)
}

// A summary of a longer model: names of repeated classes get _1, _2, …,
// and counts get thousands separators.
func ExampleSequential_Summary_stack() {
	m := conv2D(10, "same")
	c, err := conv.NewConv2D(conv.Config{Filters: 10, KernelSize: []int{3}, Padding: "same"})
	if err != nil {
		log.Fatal(err)
	}
	p, err := pool.NewMaxPooling2D(pool.Config{})
	if err != nil {
		log.Fatal(err)
	}
	d, err := model.NewDense(model.DenseConfig{Units: 50})
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range []model.Layer{c, p, model.NewFlatten(), d} {
		if err := m.Add(l); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Print(m.Summary())
	// Output:
	// Model: "sequential"
	// ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
	// ┃ Layer (type)                 ┃ Output Shape       ┃ Param # ┃
	// ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
	// │ conv2d (Conv2D)              │ (None, 10, 10, 10) │     280 │
	// ├──────────────────────────────┼────────────────────┼─────────┤
	// │ conv2d_1 (Conv2D)            │ (None, 10, 10, 10) │     910 │
	// ├──────────────────────────────┼────────────────────┼─────────┤
	// │ max_pooling2d (MaxPooling2D) │ (None, 5, 5, 10)   │       0 │
	// ├──────────────────────────────┼────────────────────┼─────────┤
	// │ flatten (Flatten)            │ (None, 250)        │       0 │
	// ├──────────────────────────────┼────────────────────┼─────────┤
	// │ dense (Dense)                │ (None, 50)         │  12,550 │
	// └──────────────────────────────┴────────────────────┴─────────┘
	//  Total params: 13,740 (53.67 KB)
	//  Trainable params: 13,740 (53.67 KB)
	//  Non-trainable params: 0 (0.00 B)
}

// Forward runs a batch through every layer. Here a 2×2 convolution that
// sums its window, then global max pooling.
func ExampleSequential_Forward() {
	m := model.NewSequential(3, 3, 1)
	c, err := conv.NewConv2D(conv.Config{Filters: 1, KernelSize: []int{2}, NoBias: true,
		Kernel: []float32{1, 1, 1, 1}})
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range []model.Layer{c, pool.NewGlobalMaxPooling2D(pool.GlobalConfig{})} {
		if err := m.Add(l); err != nil {
			log.Fatal(err)
		}
	}
	x, err := tensor.FromData(tensor.Shape{1, 3, 3, 1}, []float32{1, 2, 3, 4, 5, 6, 7, 8, 9})
	if err != nil {
		log.Fatal(err)
	}
	y, err := m.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(y)
	// Output:
	// tensor 1×1
	// 28
}

// Dense multiplies the last axis by the kernel, laid out (in, units), and
// adds the bias.
func ExampleDense_Forward() {
	d, err := model.NewDense(model.DenseConfig{Units: 2,
		Kernel: []float32{1, 0, 0, 1, 1, -1}, // in=3 × units=2
		Bias:   []float32{0.5, 0}})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 3}, []float32{1, 2, 3})
	if err != nil {
		log.Fatal(err)
	}
	y, err := d.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(y)
	// Output:
	// tensor 1×2
	// 4.5 -1
}

// Flatten keeps the channels-last order: the channels of a pixel stay next
// to each other.
func ExampleFlatten_Forward() {
	x, err := tensor.FromData(tensor.Shape{1, 2, 2, 2}, []float32{1, 10, 2, 20, 3, 30, 4, 40})
	if err != nil {
		log.Fatal(err)
	}
	y, err := model.NewFlatten().Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(y)
	// Output:
	// tensor 1×8
	// 1 10 2 20 3 30 4 40
}

// A channels_first model as Keras prints it (keras-semantics.md §14): the
// channels follow the batch, and the parameter counts do not change. The
// grouped convolution has a (3, 3, 8, 16) kernel, 16 input channels in 2
// groups: 3·3·8·16 + 16 = 1,168 parameters.
func ExampleSequential_Summary_channelsFirst() {
	m := model.NewSequential(3, 32, 32)
	c1, err := conv.NewConv2D(conv.Config{Filters: 16, KernelSize: []int{3}, DataFormat: "channels_first"})
	if err != nil {
		log.Fatal(err)
	}
	c2, err := conv.NewConv2D(conv.Config{Filters: 16, KernelSize: []int{3}, Groups: 2, Padding: "same", DataFormat: "channels_first"})
	if err != nil {
		log.Fatal(err)
	}
	p, err := pool.NewMaxPooling2D(pool.Config{DataFormat: "channels_first"})
	if err != nil {
		log.Fatal(err)
	}
	g := pool.NewGlobalMaxPooling2D(pool.GlobalConfig{DataFormat: "channels_first"})
	for _, l := range []model.Layer{c1, c2, p, g} {
		if err := m.Add(l); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Print(m.Summary())
	// Output:
	// Model: "sequential"
	// ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
	// ┃ Layer (type)                              ┃ Output Shape       ┃ Param # ┃
	// ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
	// │ conv2d (Conv2D)                           │ (None, 16, 30, 30) │     448 │
	// ├───────────────────────────────────────────┼────────────────────┼─────────┤
	// │ conv2d_1 (Conv2D)                         │ (None, 16, 30, 30) │   1,168 │
	// ├───────────────────────────────────────────┼────────────────────┼─────────┤
	// │ max_pooling2d (MaxPooling2D)              │ (None, 16, 15, 15) │       0 │
	// ├───────────────────────────────────────────┼────────────────────┼─────────┤
	// │ global_max_pooling2d (GlobalMaxPooling2D) │ (None, 16)         │       0 │
	// └───────────────────────────────────────────┴────────────────────┴─────────┘
	//  Total params: 1,616 (6.31 KB)
	//  Trainable params: 1,616 (6.31 KB)
	//  Non-trainable params: 0 (0.00 B)
}
