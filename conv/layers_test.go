package conv

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/convlings/convlings/tensor"
)

// netLayer is a convolution taken from a real network, for the benchmarks
// that tools/ortbench compares with onnxruntime. Shapes are per spatial
// axis, without the batch and channel axes.
type netLayer struct {
	name    string
	n       int
	in      []int // spatial input shape; its length is the rank
	c, f    int
	k, s, d []int // per spatial axis
	padding string
	groups  int // 0 or 1: no groups
}

// netLayers lists issue 5's layers (c1–c6) and the real-network layers of
// issue 12, each named after the network it comes from.
var netLayers = []netLayer{
	{"c1_blog_10x10x3_k3_valid", 1, []int{10, 10}, 3, 10, []int{3, 3}, []int{1, 1}, []int{1, 1}, "valid", 0},
	{"c2_b32_32x32x3_k3_same", 32, []int{32, 32}, 3, 32, []int{3, 3}, []int{1, 1}, []int{1, 1}, "same", 0},
	{"c3_56x56x64_k3_same", 1, []int{56, 56}, 64, 64, []int{3, 3}, []int{1, 1}, []int{1, 1}, "same", 0},
	{"c4_28x28x128_k3_same", 1, []int{28, 28}, 128, 128, []int{3, 3}, []int{1, 1}, []int{1, 1}, "same", 0},
	{"c5_224x224x3_k7s2_same", 1, []int{224, 224}, 3, 64, []int{7, 7}, []int{2, 2}, []int{1, 1}, "same", 0},
	{"c6_56x56x64_k1_to256", 1, []int{56, 56}, 64, 256, []int{1, 1}, []int{1, 1}, []int{1, 1}, "valid", 0},
	{"resnet_7x7x512_k3_same", 1, []int{7, 7}, 512, 512, []int{3, 3}, []int{1, 1}, []int{1, 1}, "same", 0},
	{"resnet_14x14x256_k3_same", 1, []int{14, 14}, 256, 256, []int{3, 3}, []int{1, 1}, []int{1, 1}, "same", 0},
	{"alexnet_27x27x96_k5_to256_same", 1, []int{27, 27}, 96, 256, []int{5, 5}, []int{1, 1}, []int{1, 1}, "same", 0},
	{"deeplab_64x64x256_k3d2_same", 1, []int{64, 64}, 256, 256, []int{3, 3}, []int{1, 1}, []int{2, 2}, "same", 0},
	{"yolov3_13x13x1024_k1_to255", 1, []int{13, 13}, 1024, 255, []int{1, 1}, []int{1, 1}, []int{1, 1}, "valid", 0},
	{"tcn_conv1d_4000x64_k3_same", 1, []int{4000}, 64, 64, []int{3}, []int{1}, []int{1}, "same", 0},
	{"c3d_8x28x28x64_k3_to128_same", 1, []int{8, 28, 28}, 64, 128, []int{3, 3, 3}, []int{1, 1, 1}, []int{1, 1, 1}, "same", 0},
	// Depthwise (groups = channels) from MobileNet v1, and ResNeXt-50's
	// grouped 3×3 (32 groups of 4 channels, and of 16 further down).
	{"mobilenet_56x56x128_k3_dw", 1, []int{56, 56}, 128, 128, []int{3, 3}, []int{1, 1}, []int{1, 1}, "same", 128},
	{"mobilenet_112x112x64_k3s2_dw", 1, []int{112, 112}, 64, 64, []int{3, 3}, []int{2, 2}, []int{1, 1}, "same", 64},
	{"mobilenet_14x14x512_k3_dw", 1, []int{14, 14}, 512, 512, []int{3, 3}, []int{1, 1}, []int{1, 1}, "same", 512},
	{"resnext_56x56x128_k3_g32", 1, []int{56, 56}, 128, 128, []int{3, 3}, []int{1, 1}, []int{1, 1}, "same", 32},
	{"resnext_14x14x512_k3_g32", 1, []int{14, 14}, 512, 512, []int{3, 3}, []int{1, 1}, []int{1, 1}, "same", 32},
}

// build makes nl's layer with random weights, its random input and an
// output tensor of the right shape.
func (nl netLayer) build(tb testing.TB) (c *Conv, x, y *tensor.Tensor, g geom) {
	r := rand.New(rand.NewPCG(uint64(nl.c), uint64(nl.f)))
	kn := nl.c / max(nl.groups, 1) * nl.f
	for _, k := range nl.k {
		kn *= k
	}
	kernel := make([]float32, kn)
	bias := make([]float32, nl.f)
	randSlice(r, kernel)
	randSlice(r, bias)
	ctor := [...]func(Config) (*Conv, error){1: NewConv1D, 2: NewConv2D, 3: NewConv3D}[len(nl.in)]
	c, err := ctor(Config{Filters: nl.f, KernelSize: nl.k, Strides: nl.s, DilationRate: nl.d, Padding: nl.padding,
		Groups: nl.groups, Kernel: kernel, Bias: bias})
	if err != nil {
		tb.Fatal(err)
	}
	shape := append(append([]int{nl.n}, nl.in...), nl.c)
	if x, err = tensor.New(shape...); err != nil {
		tb.Fatal(err)
	}
	randSlice(r, x.Data)
	out, err := c.OutputShape(x.Shape)
	if err != nil {
		tb.Fatal(err)
	}
	if y, err = tensor.New(out...); err != nil {
		tb.Fatal(err)
	}
	if g, err = c.prepare(x); err != nil {
		tb.Fatal(err)
	}
	return c, x, y, g
}

// reportCPU reports the process's CPU time per op since cpu0, user and
// system, all threads: on a busy machine the time a thread waits for a core
// counts in ns/op but not here, which makes one-thread runs comparable
// across rounds. With several threads it sums their time.
func reportCPU(b *testing.B, cpu0 int64) {
	if cpu0 > 0 {
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkLayers runs every layer of netLayers through the public
// ForwardInto, the output allocated once outside the loop. tools/ortbench
// runs the same layers in onnxruntime and prints the ratios.
func BenchmarkLayers(b *testing.B) {
	for _, nl := range netLayers {
		b.Run(nl.name, func(b *testing.B) {
			c, x, y, g := nl.build(b)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for range b.N {
				if err := c.ForwardInto(y, x); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu0)
			reportFlops(b, g.flops()/max(nl.groups, 1))
		})
	}
}

// BenchmarkLayersKernels runs netLayers on every kernel set this CPU has
// ("go" is the pure-Go path of -tags purego and of arm64).
func BenchmarkLayersKernels(b *testing.B) {
	for _, k := range kernelSets() {
		for _, nl := range netLayers {
			if nl.groups > 1 {
				continue // grouped layers do not run as one dense call
			}
			b.Run(k.name+"/"+nl.name, func(b *testing.B) {
				c, x, y, g := nl.build(b)
				b.ReportAllocs()
				b.ResetTimer()
				cpu0 := cpuTime()
				for range b.N {
					forwardWith(k, y.Data, x.Data, c.w, c.b, &g)
				}
				reportCPU(b, cpu0)
				reportFlops(b, g.flops())
			})
		}
	}
}

// layerSpec is how TestExportLayers describes a layer to tools/ortbench.
// Spatial lists run over the layer's axes; Pads holds the zeros before each
// axis, then the zeros after each axis (ONNX's order).
type layerSpec struct {
	Name     string `json:"name"`
	Op       string `json:"op"` // "Conv"
	N        int    `json:"n"`
	In       []int  `json:"in"`
	C        int    `json:"c"`
	F        int    `json:"f"`
	Out      []int  `json:"out"`
	Kernel   []int  `json:"kernel"`
	Strides  []int  `json:"strides"`
	Dilation []int  `json:"dilation"`
	Pads     []int  `json:"pads"`
	Groups   int    `json:"groups"`
	Flops    int    `json:"flops"`
	// Data names the little-endian float32 file that holds, one after the
	// other: x (channels last), the kernel (Keras layout), the bias and the
	// output the library computed (channels last).
	Data string `json:"data"`
}

// TestExportLayers writes every layer of netLayers, with its input, weights
// and the library's output, to the folder named by $CONVLINGS_LAYER_DUMP,
// for tools/ortbench to check onnxruntime against. Without the variable it
// does nothing.
func TestExportLayers(t *testing.T) {
	dir := os.Getenv("CONVLINGS_LAYER_DUMP")
	if dir == "" {
		t.Skip("CONVLINGS_LAYER_DUMP not set")
	}
	var specs []layerSpec
	for _, nl := range netLayers {
		c, x, y, g := nl.build(t)
		if err := c.ForwardInto(y, x); err != nil {
			t.Fatal(err)
		}
		rank := len(nl.in)
		sp := layerSpec{Name: nl.name, Op: "Conv", N: nl.n, In: nl.in, C: nl.c, F: nl.f, Kernel: nl.k, Strides: nl.s,
			Dilation: nl.d, Groups: max(nl.groups, 1), Flops: g.flops() / max(nl.groups, 1), Data: "conv_" + nl.name + ".f32"}
		after := make([]int, rank)
		for i := 0; i < rank; i++ {
			a := 3 - rank + i
			sp.Out = append(sp.Out, g.Out[a])
			sp.Pads = append(sp.Pads, g.Pad[a])
			keff := (g.K[a]-1)*g.Dilation[a] + 1
			after[i] = max(0, (g.Out[a]-1)*g.Stride[a]+keff-g.In[a]-g.Pad[a])
		}
		sp.Pads = append(sp.Pads, after...)
		kernel, bias := c.Weights()
		if err := writeF32(filepath.Join(dir, sp.Data), x.Data, kernel, bias, y.Data); err != nil {
			t.Fatal(err)
		}
		specs = append(specs, sp)
	}
	b, err := json.MarshalIndent(specs, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "conv.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeF32 writes the slices to path as little-endian float32 values.
func writeF32(path string, s ...[]float32) error {
	n := 0
	for _, v := range s {
		n += len(v)
	}
	buf := make([]byte, 0, 4*n)
	for _, v := range s {
		for _, f := range v {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(f))
		}
	}
	return os.WriteFile(path, buf, 0o644)
}
