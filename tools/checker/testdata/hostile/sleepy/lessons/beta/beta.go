// Package beta sleeps in every exercise, to make grading slow for all.
package beta

import (
	"time"

	"github.com/convlings/convlings/tensor"
)

// Total sleeps first.
func Total(x *tensor.Tensor) float32 {
	time.Sleep(time.Hour)
	return 0
}

// Length sleeps first.
func Length(n, k int) (int, error) {
	time.Sleep(time.Hour)
	return n - k + 1, nil
}
