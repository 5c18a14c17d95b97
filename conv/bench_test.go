package conv

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/convlings/convlings/tensor"
)

// benchCase is one layer of issue 5's benchmark list: NHWC float32, bias
// included.
type benchCase struct {
	name       string
	n, h, w, c int
	f, k, s    int
	padding    string
}

var benchCases = []benchCase{
	{"c1_blog_10x10x3_k3_valid", 1, 10, 10, 3, 10, 3, 1, "valid"},
	{"c2_b32_32x32x3_k3_same", 32, 32, 32, 3, 32, 3, 1, "same"},
	{"c3_56x56x64_k3_same", 1, 56, 56, 64, 64, 3, 1, "same"},
	{"c4_28x28x128_k3_same", 1, 28, 28, 128, 128, 3, 1, "same"},
	{"c5_224x224x3_k7s2_same", 1, 224, 224, 3, 64, 7, 2, "same"},
	{"c6_56x56x64_k1_to256", 1, 56, 56, 64, 256, 1, 1, "valid"},
}

// layer builds bc's layer with random weights, its input and an output
// tensor of the right shape.
func (bc benchCase) layer(b testing.TB) (c *Conv, x, y *tensor.Tensor, g geom) {
	r := rand.New(rand.NewPCG(uint64(bc.k), uint64(bc.c)))
	kernel := make([]float32, bc.k*bc.k*bc.c*bc.f)
	bias := make([]float32, bc.f)
	randSlice(r, kernel)
	randSlice(r, bias)
	c, err := NewConv2D(Config{Filters: bc.f, KernelSize: []int{bc.k}, Strides: []int{bc.s}, Padding: bc.padding,
		Kernel: kernel, Bias: bias})
	if err != nil {
		b.Fatal(err)
	}
	x, err = tensor.New(bc.n, bc.h, bc.w, bc.c)
	if err != nil {
		b.Fatal(err)
	}
	randSlice(r, x.Data)
	out, err := c.OutputShape(x.Shape)
	if err != nil {
		b.Fatal(err)
	}
	y, err = tensor.New(out...)
	if err != nil {
		b.Fatal(err)
	}
	g, err = c.prepare(x)
	if err != nil {
		b.Fatal(err)
	}
	return c, x, y, g
}

// The benchmarks loop over b.N rather than using b.Loop: a b.Loop
// sub-benchmark measures its first -count sample in the probe run, under
// the GOMAXPROCS that the previous -cpu value left behind, so "-cpu 1,2"
// would mislabel one sample in each group.

func reportFlops(b *testing.B, flops int) {
	b.ReportMetric(float64(flops)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkConv2D runs issue 5's layers through the public API, with the
// output allocated once outside the loop.
func BenchmarkConv2D(b *testing.B) {
	for _, bc := range benchCases {
		b.Run(bc.name, func(b *testing.B) {
			c, x, y, g := bc.layer(b)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := c.ForwardInto(y, x); err != nil {
					b.Fatal(err)
				}
			}
			reportFlops(b, g.flops())
		})
	}
}

// BenchmarkConv2DKernels runs the same layers on every kernel set this CPU
// has, one goroutine or many as forward would: "go" is the pure-Go path
// that -tags purego and other architectures use.
func BenchmarkConv2DKernels(b *testing.B) {
	for _, k := range kernelSets() {
		for _, bc := range benchCases {
			b.Run(k.name+"/"+bc.name, func(b *testing.B) {
				c, x, y, g := bc.layer(b)
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					forwardWith(k, y.Data, x.Data, c.w, c.b, &g)
				}
				reportFlops(b, g.flops())
			})
		}
	}
}

// BenchmarkConv2DNaive runs the same layers through naiveConv, the
// textbook loop, as the baseline.
func BenchmarkConv2DNaive(b *testing.B) {
	for _, bc := range benchCases {
		b.Run(bc.name, func(b *testing.B) {
			c, x, y, g := bc.layer(b)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				naiveConv(y.Data, x.Data, c.w, c.b, &g)
			}
			reportFlops(b, g.flops())
		})
	}
}

// naiveConv is the direct loop as a textbook writes it: one output value
// at a time, the sum over the window and the channels innermost, the
// weights read with a stride of F.
func naiveConv(dst, x, w, bias []float32, g *geom) {
	for n := 0; n < g.N; n++ {
		for oh := 0; oh < g.Out[1]; oh++ {
			for ow := 0; ow < g.Out[2]; ow++ {
				for f := 0; f < g.F; f++ {
					sum := bias[f]
					for kh := 0; kh < g.K[1]; kh++ {
						ih := oh*g.Stride[1] - g.Pad[1] + kh*g.Dilation[1]
						if ih < 0 || ih >= g.In[1] {
							continue
						}
						for kw := 0; kw < g.K[2]; kw++ {
							iw := ow*g.Stride[2] - g.Pad[2] + kw*g.Dilation[2]
							if iw < 0 || iw >= g.In[2] {
								continue
							}
							for c := 0; c < g.C; c++ {
								sum += x[((n*g.In[1]+ih)*g.In[2]+iw)*g.C+c] * w[((kh*g.K[2]+kw)*g.C+c)*g.F+f]
							}
						}
					}
					dst[((n*g.Out[1]+oh)*g.Out[2]+ow)*g.F+f] = sum
				}
			}
		}
	}
}

// BenchmarkFMAPeak measures the machine's FP32 FMA peak on one goroutine:
// independent FMA chains on the widest vectors the CPU has. Read the
// GFLOP/s of BenchmarkConv2D against it.
func BenchmarkFMAPeak(b *testing.B) {
	if !hasFMAPeak() {
		b.Skip("no FMA-peak loop in this build")
	}
	const iters = 1 << 16
	flops := 0
	b.ResetTimer()
	cpu0 := cpuTime()
	for range b.N {
		flops = fmaPeak(iters)
	}
	reportCPU(b, cpu0)
	reportFlops(b, flops)
}

// BenchmarkMemBandwidth measures copy bandwidth, counting the bytes read
// and written, on a buffer that fits the caches like the pooling
// benchmarks' tensors and on one that does not.
func BenchmarkMemBandwidth(b *testing.B) {
	for _, mib := range []int{4, 256} {
		b.Run(fmt.Sprintf("copy_%dMiB", mib), func(b *testing.B) {
			src := make([]byte, mib<<20)
			dst := make([]byte, mib<<20)
			for i := range src { // fault every page in before timing
				src[i] = byte(i)
			}
			copy(dst, src)
			b.ResetTimer()
			for range b.N {
				copy(dst, src)
			}
			b.ReportMetric(float64(2*len(src))*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
		})
	}
}

// BenchmarkMicroKernel runs each register block of the assembly kernel sets
// on data in the L1 cache: one tap of 128 channels, j vectors of filters,
// p pixels. It is how the block shapes in tools/asmgen were chosen; run
// it with -bench MicroKernel.
func BenchmarkMicroKernel(b *testing.B) {
	for _, k := range kernelSets() {
		if k.name == "go" {
			continue
		}
		for j := 1; j < len(k.maxP); j++ {
			for P := 1; P <= k.maxP[j]; P++ {
				b.Run(fmt.Sprintf("%s/j%dp%d", k.name, j, P), func(b *testing.B) {
					const n = 128
					nf := j * k.lanes
					r := rand.New(rand.NewPCG(1, 2))
					x := make([]float32, P*n)
					w := make([]float32, n*nf)
					bias := make([]float32, nf)
					dst := make([]float32, P*nf)
					randSlice(r, x)
					randSlice(r, w)
					taps := []tap{{x: 0, w: 0, n: n}}
					b.ResetTimer()
					cpu0 := cpuTime()
					for range b.N {
						k.block(dst, x, w, bias, taps, 0, n, nf, nf, nf, P, 1, false)
					}
					reportCPU(b, cpu0)
					reportFlops(b, 2*P*nf*n)
				})
			}
		}
	}
}
