package pool

import (
	"github.com/convlings/convlings/internal/layout"
	"github.com/convlings/convlings/internal/workers"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// This file holds data_format="channels_first". The kernels pool
// channels-last data; a channels_first layer moves its input there, pools,
// and moves the result back, one transpose per image each way:
//
//	(N, C, spatial…) → (N, spatial…, C) → kernels → (N, spatial'…, C) → (N, C, spatial'…)

// DataFormat returns "channels_last" or "channels_first".
func (p *Pool) DataFormat() string { return padding.DataFormat(p.chFirst) }

// chAxis returns the position of the channel axis in an input or output shape.
func (p *Pool) chAxis() int {
	if p.chFirst {
		return 1
	}
	return p.rank + 1
}

// spAxis returns the position of spatial axis i in an input or output shape.
func (p *Pool) spAxis(i int) int {
	if p.chFirst {
		return 2 + i
	}
	return 1 + i
}

// fits reports whether s is the output shape for the geometry g.
func (p *Pool) fits(s tensor.Shape, g *geom) bool {
	if len(s) != p.rank+2 || s[0] != g.N || s[p.chAxis()] != g.C {
		return false
	}
	for i := 0; i < p.rank; i++ {
		if s[p.spAxis(i)] != g.Out[3-p.rank+i] {
			return false
		}
	}
	return true
}

// buffer is the scratch space of one channels_first call: the input and the
// output in channels-last order.
type buffer struct{ x, y []float32 }

// scratches keeps the buffers of ForwardInto, so that it allocates nothing
// once it has seen a shape; Forward allocates its own.
var scratches workers.FreeList[buffer]

func grow(v []float32, n int) []float32 {
	if cap(v) < n {
		return make([]float32, n)
	}
	return v[:n]
}

// forward pools x into dst, both in the layer's data format, for the
// geometry g. pool supplies the scratch space when it is not nil.
func (p *Pool) forward(dst, x []float32, g *geom, pool *workers.FreeList[buffer]) {
	if !p.chFirst {
		p.run(dst, x, g)
		return
	}
	var b *buffer
	if pool != nil {
		b = pool.Get()
		defer pool.Put(b)
	} else {
		b = new(buffer)
	}
	S := g.In[0] * g.In[1] * g.In[2]
	So := g.Out[0] * g.Out[1] * g.Out[2]
	b.x = grow(b.x, g.N*S*g.C)
	b.y = grow(b.y, g.N*So*g.C)
	for n := 0; n < g.N; n++ {
		layout.Transpose(b.x[n*S*g.C:], x[n*g.C*S:], g.C, S)
	}
	p.run(b.y, b.x, g)
	for n := 0; n < g.N; n++ {
		layout.Transpose(dst[n*g.C*So:], b.y[n*So*g.C:], So, g.C)
	}
}

// DataFormat returns "channels_last" or "channels_first".
func (l *Global) DataFormat() string { return padding.DataFormat(l.chFirst) }

// outShape returns (N, C), or with keepdims (N, 1, …, 1, C), or (N, C, 1,
// …, 1) under channels_first, for an input of shape in.
func (l *Global) outShape(in tensor.Shape) tensor.Shape {
	ch := in[len(in)-1]
	if l.chFirst {
		ch = in[1]
	}
	out := make(tensor.Shape, 0, l.rank+2)
	out = append(out, in[0])
	if l.chFirst {
		out = append(out, ch)
	}
	if l.keepdims {
		for i := 0; i < l.rank; i++ {
			out = append(out, 1)
		}
	}
	if !l.chFirst {
		out = append(out, ch)
	}
	return out
}

// forwardChannelsFirst moves x (N, C, spatial…) to channels-last and
// reduces it there with the channels_last layer, so that both formats
// share one reduction and its rounding. The output, (N, C) or (N, C, 1, …,
// 1), holds the same values in the same order in both formats.
func (l *Global) forwardChannelsFirst(x *tensor.Tensor) (*tensor.Tensor, error) {
	if err := padding.CheckTensor("pool", l.class, "inputs", x); err != nil {
		return nil, err
	}
	os, err := l.OutputShape(x.Shape)
	if err != nil {
		return nil, err
	}
	n, c := x.Shape[0], x.Shape[1]
	cl := make(tensor.Shape, 0, len(x.Shape))
	cl = append(append(append(cl, n), x.Shape[2:]...), c)
	xt, err := tensor.New(cl...)
	if err != nil {
		return nil, err
	}
	S := len(x.Data) / (n * c)
	for b := 0; b < n; b++ {
		layout.Transpose(xt.Data[b*S*c:], x.Data[b*c*S:], c, S)
	}
	twin := &Global{class: l.class, rank: l.rank, avg: l.avg}
	y, err := twin.Forward(xt)
	if err != nil {
		return nil, err
	}
	y.Shape = os
	return y, nil
}
