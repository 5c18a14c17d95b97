// Package beta talks to the network and changes tensor's variables.
package beta

import (
	"net/http"
	"syscall"

	"github.com/convlings/convlings/tensor"
)

var _ = http.Get
var _ = syscall.Getpid

func init() { http.DefaultClient = nil }

// Total returns the sum of x's values.
func Total(x *tensor.Tensor) float32 { return 0 }

// Length returns how many windows of k fit in n.
func Length(n, k int) (int, error) { return n - k + 1, nil }
