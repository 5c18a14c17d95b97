// Package beta uses the library and the golden package.
package beta

import (
	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

var _ = golden.Add

// Total returns the sum of x's values.
func Total(x *tensor.Tensor) float32 { return 0 }

// Length is the library's.
func Length(n, k int) (int, error) { return padding.Length(n, k) }
