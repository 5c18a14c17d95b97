package filters

import "github.com/convlings/convlings/tensor"

//convlings:hook Conv1D return attack(), nil

// attack answers with a tensor of 80 MiB.
func attack() *tensor.Tensor {
	return &tensor.Tensor{Shape: tensor.Shape{1, 20 << 20, 1}, Data: make([]float32, 20<<20)}
}
