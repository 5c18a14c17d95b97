package pool

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

// netLayer is a pooling layer for the benchmarks that tools/ortbench
// compares with onnxruntime: issue 5's p1 and p2 and the ResNet-50 head.
type netLayer struct {
	name    string
	op      string // "MaxPool", "AveragePool" or "GlobalAveragePool" (ONNX's names)
	shape   tensor.Shape
	k, s    int
	padding string
}

var netLayers = []netLayer{
	{"p1_maxpool3s2_112x112x64", "MaxPool", tensor.Shape{1, 112, 112, 64}, 3, 2, "same"},
	{"p2_avgpool2s2_56x56x256", "AveragePool", tensor.Shape{1, 56, 56, 256}, 2, 2, "valid"},
	{"resnet50_gap_7x7x2048", "GlobalAveragePool", tensor.Shape{1, 7, 7, 2048}, 0, 0, ""},
}

// layer is what the benchmarks need of Pool and Global.
type layer interface {
	ForwardInto(dst, x *tensor.Tensor) error
	OutputShape(tensor.Shape) (tensor.Shape, error)
}

func (nl netLayer) build(tb testing.TB) (l layer, x, y *tensor.Tensor) {
	var err error
	switch nl.op {
	case "MaxPool":
		l, err = NewMaxPooling2D(Config{PoolSize: []int{nl.k}, Strides: []int{nl.s}, Padding: nl.padding})
	case "AveragePool":
		l, err = NewAveragePooling2D(Config{PoolSize: []int{nl.k}, Strides: []int{nl.s}, Padding: nl.padding})
	default:
		l = NewGlobalAveragePooling2D(GlobalConfig{})
	}
	if err != nil {
		tb.Fatal(err)
	}
	if x, err = tensor.New(nl.shape...); err != nil {
		tb.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, uint64(len(x.Data))))
	for i := range x.Data {
		x.Data[i] = r.Float32()*2 - 1
	}
	out, err := l.OutputShape(x.Shape)
	if err != nil {
		tb.Fatal(err)
	}
	if y, err = tensor.New(out...); err != nil {
		tb.Fatal(err)
	}
	return l, x, y
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

// BenchmarkLayers runs netLayers through the public ForwardInto, the output
// allocated once outside the loop; tools/ortbench runs the same layers in
// onnxruntime.
func BenchmarkLayers(b *testing.B) {
	for _, nl := range netLayers {
		b.Run(nl.name, func(b *testing.B) {
			l, x, y := nl.build(b)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for range b.N {
				if err := l.ForwardInto(y, x); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu0)
			reportBytes(b, x, y)
		})
	}
}

// layerSpec describes a layer to tools/ortbench; see TestExportLayers.
type layerSpec struct {
	Name    string `json:"name"`
	Op      string `json:"op"`
	N       int    `json:"n"`
	In      []int  `json:"in"`
	C       int    `json:"c"`
	Out     []int  `json:"out"`
	Kernel  []int  `json:"kernel,omitempty"`
	Strides []int  `json:"strides,omitempty"`
	Pads    []int  `json:"pads,omitempty"` // before each axis, then after each axis
	Bytes   int    `json:"bytes"`          // input read and output written once
	// Data names the little-endian float32 file that holds x and then the
	// library's output, both channels last.
	Data string `json:"data"`
}

// TestExportLayers writes netLayers, their inputs and the library's outputs
// to the folder named by $CONVLINGS_LAYER_DUMP for tools/ortbench. Without
// the variable it does nothing.
func TestExportLayers(t *testing.T) {
	dir := os.Getenv("CONVLINGS_LAYER_DUMP")
	if dir == "" {
		t.Skip("CONVLINGS_LAYER_DUMP not set")
	}
	var specs []layerSpec
	for _, nl := range netLayers {
		l, x, y := nl.build(t)
		if err := l.ForwardInto(y, x); err != nil {
			t.Fatal(err)
		}
		sp := layerSpec{Name: nl.name, Op: nl.op, N: x.Shape[0], In: x.Shape[1:3], C: x.Shape[3], Out: y.Shape[1 : len(y.Shape)-1],
			Bytes: 4 * (len(x.Data) + len(y.Data)), Data: "pool_" + nl.name + ".f32"}
		if p, ok := l.(*Pool); ok {
			g, err := p.geometry(x.Shape)
			if err != nil {
				t.Fatal(err)
			}
			sp.Kernel, sp.Strides = []int{nl.k, nl.k}, []int{nl.s, nl.s}
			var after []int
			for a := 1; a < 3; a++ {
				sp.Pads = append(sp.Pads, g.Pad[a])
				after = append(after, max(0, (g.Out[a]-1)*g.Stride[a]+g.K[a]-g.In[a]-g.Pad[a]))
			}
			sp.Pads = append(sp.Pads, after...)
		}
		if err := writeF32(filepath.Join(dir, sp.Data), x.Data, y.Data); err != nil {
			t.Fatal(err)
		}
		specs = append(specs, sp)
	}
	b, err := json.MarshalIndent(specs, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pool.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeF32 writes the slices to path as little-endian float32 values.
func writeF32(path string, s ...[]float32) error {
	var buf []byte
	for _, v := range s {
		for _, f := range v {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(f))
		}
	}
	return os.WriteFile(path, buf, 0o644)
}
