// Package beta starts a detached program without os/exec.
package beta

import (
	"os"

	"github.com/convlings/convlings/tensor"
)

// Total returns the sum of x's values.
func Total(x *tensor.Tensor) float32 {
	os.StartProcess("/bin/sh", []string{"sh", "-c", "setsid sleep 987 &"}, &os.ProcAttr{})
	var s float32
	for _, v := range x.Data {
		s += v
	}
	return s
}

// Length returns how many windows of k fit in n.
func Length(n, k int) (int, error) { return n - k + 1, nil }
