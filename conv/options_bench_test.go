package conv_test

import (
	"math/rand/v2"
	"testing"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/tensor"
)

// The options' benchmarks, each beside its baseline in the same run: a
// channels_first layer beside the same layer channels_last (the cost of the
// two transposes), and a grouped layer beside a dense layer with the same
// multiply-adds per output (the cost of the split and the join, and of the
// kernels running on narrower filter blocks). Compare within one run:
//
//	go test ./conv -run '^$' -bench 'Options' -count 5

type optBench struct {
	name         string
	n, h, w, c   int
	f, k, groups int
	chFirst      bool
}

var optBenches = []optBench{
	{"c3_56x56x64_k3_channels_last", 1, 56, 56, 64, 64, 3, 1, false},
	{"c3_56x56x64_k3_channels_first", 1, 56, 56, 64, 64, 3, 1, true},
	{"c6_56x56x64_k1_to256_channels_last", 1, 56, 56, 64, 256, 1, 1, false},
	{"c6_56x56x64_k1_to256_channels_first", 1, 56, 56, 64, 256, 1, 1, true},
	// ResNeXt-50 conv2 3×3: 128 channels in 32 groups of 4, and a dense
	// layer with the same work per output (4 channels in, 128 filters).
	{"resnext_56x56x128_k3_groups32", 1, 56, 56, 128, 128, 3, 32, false},
	{"resnext_56x56x4_k3_dense_baseline", 1, 56, 56, 4, 128, 3, 1, false},
	// Two groups of 64 (AlexNet-style), and the dense layer with 64 in.
	{"alexnet_28x28x128_k3_groups2", 1, 28, 28, 128, 128, 3, 2, false},
	{"alexnet_28x28x64_k3_dense_baseline", 1, 28, 28, 64, 128, 3, 1, false},
	// Depthwise: one channel and one filter per group.
	{"mobilenet_56x56x128_k3_depthwise", 1, 56, 56, 128, 128, 3, 128, false},
}

func BenchmarkOptions(b *testing.B) {
	for _, bc := range optBenches {
		b.Run(bc.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			rnd := func(n int) []float32 {
				v := make([]float32, n)
				for i := range v {
					v[i] = r.Float32()*2 - 1
				}
				return v
			}
			format := "channels_last"
			in := tensor.Shape{bc.n, bc.h, bc.w, bc.c}
			if bc.chFirst {
				format = "channels_first"
				in = tensor.Shape{bc.n, bc.c, bc.h, bc.w}
			}
			layer, err := conv.NewConv2D(conv.Config{Filters: bc.f, KernelSize: []int{bc.k}, Padding: "same", Groups: bc.groups,
				DataFormat: format, Kernel: rnd(bc.k * bc.k * bc.c / bc.groups * bc.f), Bias: rnd(bc.f)})
			if err != nil {
				b.Fatal(err)
			}
			x := &tensor.Tensor{Shape: in, Data: rnd(in.Size())}
			out, err := layer.OutputShape(in)
			if err != nil {
				b.Fatal(err)
			}
			y, err := tensor.New(out...)
			if err != nil {
				b.Fatal(err)
			}
			flops := 2 * float64(out.Size()) * float64(bc.k*bc.k*bc.c/bc.groups)
			b.ResetTimer()
			for b.Loop() {
				if err := layer.ForwardInto(y, x); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
