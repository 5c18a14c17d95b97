package padding_test

import (
	"fmt"
	"log"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// The blog's ZeroPadding2D(padding=(1,1)) on a 10×10×3 input.
func ExampleNewZeroPadding2D() {
	z, err := padding.NewZeroPadding2D([]int{1, 1})
	if err != nil {
		log.Fatal(err)
	}
	out, err := z.OutputShape(tensor.Shape{tensor.None, 10, 10, 3})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out)
	// Output: (None, 12, 12, 3)
}

// Every Keras form of the padding argument, normalised to (before, after)
// pairs per axis.
func ExamplePairs() {
	for _, arg := range []any{
		nil,
		2,
		[]int{1, 2},
		[][2]int{{0, 1}, {2, 3}},
		[]any{1, []int{2, 3}},
	} {
		p, err := padding.Pairs("ZeroPadding2D", arg, 2)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p)
	}
	// Output:
	// [[1 1] [1 1]]
	// [[2 2] [2 2]]
	// [[1 1] [2 2]]
	// [[0 1] [2 3]]
	// [[1 1] [2 3]]
}

// Forward adds the zeros: one column on the left, two on the right.
func ExampleZeroPadding_Forward() {
	z, err := padding.NewZeroPadding1D([]int{1, 2})
	if err != nil {
		log.Fatal(err)
	}
	x, err := tensor.FromData(tensor.Shape{1, 3, 1}, []float32{1, 2, 3})
	if err != nil {
		log.Fatal(err)
	}
	y, err := z.Forward(x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(y.Shape, y.Data)
	// Output: (1, 6, 1) [0 1 2 3 0 0]
}

// OutputLength and SameSplit along one axis: 'valid' drops what does not
// fit; 'same' keeps ceil(n/s) outputs and puts the odd padding cell after.
func ExampleSameSplit() {
	fmt.Println(padding.OutputLength(10, 3, 1, 1, padding.Valid), padding.OutputLength(10, 3, 1, 1, padding.Same))
	for _, c := range []struct{ n, k, s, d int }{{5, 2, 1, 1}, {6, 3, 2, 1}, {7, 3, 2, 1}, {5, 3, 1, 2}} {
		before, after := padding.SameSplit(c.n, c.k, c.s, c.d)
		fmt.Printf("n=%d k=%d s=%d d=%d: (%d, %d)\n", c.n, c.k, c.s, c.d, before, after)
	}
	// Output:
	// 8 10
	// n=5 k=2 s=1 d=1: (0, 1)
	// n=6 k=3 s=2 d=1: (0, 1)
	// n=7 k=3 s=2 d=1: (1, 1)
	// n=5 k=3 s=1 d=2: (2, 2)
}
