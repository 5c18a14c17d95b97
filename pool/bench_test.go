package pool

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/convlings/convlings/tensor"
)

// benchCase is one layer of issue 5's pooling benchmarks: NHWC float32.
type benchCase struct {
	name       string
	avg        bool
	n, h, w, c int
	k, s       int
	padding    string
}

var (
	maxCase = benchCase{"p1_maxpool3s2_112x112x64", false, 1, 112, 112, 64, 3, 2, "same"}
	avgCase = benchCase{"p2_avgpool2s2_56x56x256", true, 1, 56, 56, 256, 2, 2, "valid"}
)

// layer builds bc's layer, a random input and an output of the right shape.
func (bc benchCase) layer(b testing.TB) (l *Pool, x, y *tensor.Tensor, g geom) {
	ctor := NewMaxPooling2D
	if bc.avg {
		ctor = NewAveragePooling2D
	}
	l, err := ctor(Config{PoolSize: []int{bc.k}, Strides: []int{bc.s}, Padding: bc.padding})
	if err != nil {
		b.Fatal(err)
	}
	x, err = tensor.New(bc.n, bc.h, bc.w, bc.c)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, uint64(bc.c)))
	for i := range x.Data {
		x.Data[i] = r.Float32()*2 - 1
	}
	out, err := l.OutputShape(x.Shape)
	if err != nil {
		b.Fatal(err)
	}
	if y, err = tensor.New(out...); err != nil {
		b.Fatal(err)
	}
	if g, err = l.geometry(x.Shape); err != nil {
		b.Fatal(err)
	}
	return l, x, y, g
}

// The benchmarks loop over b.N rather than using b.Loop: a b.Loop
// sub-benchmark measures its first -count sample in the probe run, under
// the GOMAXPROCS that the previous -cpu value left behind, so "-cpu 1,2"
// would mislabel one sample in each group.

// reportBytes reports GB/s, counting the input read and the output written
// once each.
func reportBytes(b *testing.B, x, y *tensor.Tensor) {
	bytes := 4 * (len(x.Data) + len(y.Data))
	b.ReportMetric(float64(bytes)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
}

func benchLayer(b *testing.B, bc benchCase) {
	b.Run(bc.name, func(b *testing.B) {
		l, x, y, _ := bc.layer(b)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if err := l.ForwardInto(y, x); err != nil {
				b.Fatal(err)
			}
		}
		reportBytes(b, x, y)
	})
}

// BenchmarkMaxPooling2D runs issue 5's max-pooling layer through the
// public API, with the output allocated once outside the loop.
func BenchmarkMaxPooling2D(b *testing.B) { benchLayer(b, maxCase) }

// BenchmarkAveragePooling2D runs issue 5's average-pooling layer through
// the public API.
func BenchmarkAveragePooling2D(b *testing.B) { benchLayer(b, avgCase) }

// BenchmarkPoolKernels runs both layers on every kernel set this CPU has:
// "go" is the pure-Go path that -tags purego and other architectures use.
func BenchmarkPoolKernels(b *testing.B) {
	for _, k := range kernelSets() {
		for _, bc := range []benchCase{maxCase, avgCase} {
			b.Run(k.name+"/"+bc.name, func(b *testing.B) {
				_, x, y, g := bc.layer(b)
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					poolWith(k, y.Data, x.Data, &g, bc.avg)
				}
				reportBytes(b, x, y)
			})
		}
	}
}

// BenchmarkPoolNaive runs both layers through the specification loops,
// maxGeneric and avgGeneric, as the baseline.
func BenchmarkPoolNaive(b *testing.B) {
	for _, bc := range []benchCase{maxCase, avgCase} {
		b.Run(bc.name, func(b *testing.B) {
			_, x, y, g := bc.layer(b)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if bc.avg {
					avgGeneric(y.Data, x.Data, &g)
				} else {
					maxGeneric(y.Data, x.Data, &g)
				}
			}
			reportBytes(b, x, y)
		})
	}
}

// BenchmarkMemBandwidth measures copy bandwidth, counting the bytes read
// and written, on a buffer of the pooling tensors' size (4 MiB: input plus
// output, in the caches) and on one far larger than the caches. Read the
// pooling GB/s against them.
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
