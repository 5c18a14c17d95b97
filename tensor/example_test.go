package tensor_test

import (
	"fmt"
	"log"

	"github.com/convlings/convlings/tensor"
)

// A 1×2×2×3 NHWC image prints one grid per channel.
func ExampleTensor_String() {
	x, err := tensor.FromData(tensor.Shape{1, 2, 2, 3}, []float32{
		1, 10, 100, 2, 20, 200,
		3, 30, 300, 4, 40, 400,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(x)
	// Output:
	// tensor 1×2×2×3
	// [n=0 c=0]
	// 1 2
	// 3 4
	// [n=0 c=1]
	// 10 20
	// 30 40
	// [n=0 c=2]
	// 100 200
	// 300 400
}

// Channels are innermost: the element (n, h, w, c) of an N×H×W×C tensor is at
// ((n·H + h)·W + w)·C + c.
func ExampleTensor_Offset() {
	x, err := tensor.New(2, 10, 10, 3)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(x.Offset(0, 0, 0, 1), x.Offset(0, 0, 1, 0), x.Offset(0, 1, 0, 0), x.Offset(1, 0, 0, 0))
	// Output: 1 3 30 300
}

func ExampleShape_String() {
	fmt.Println(tensor.Shape{tensor.None, 8, 8, 10})
	// Output: (None, 8, 8, 10)
}

func ExampleFill() {
	x, err := tensor.New(1, 2, 3, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(tensor.Fill(x, 1))
	// Output:
	// tensor 1×2×3×1
	// [n=0 c=0]
	// 0.5    -2 -2
	//   1 -1.25 -2
}
