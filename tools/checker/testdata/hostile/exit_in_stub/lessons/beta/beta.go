// Package beta: Total is right; Length exits with status 1.
package beta

import (
	"os"

	"github.com/convlings/convlings/tensor"
)

// Total returns the sum of x's values.
func Total(x *tensor.Tensor) float32 {
	var s float32
	for _, v := range x.Data {
		s += v
	}
	return s
}

// Length exits.
func Length(n, k int) (int, error) {
	os.Exit(1)
	return 0, nil
}
