package model_test

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/model"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

// cursor reads a fuzz input as a stream of small choices and raw ints;
// past the end it reads zeros.
type cursor struct{ b []byte }

func (c *cursor) byte() byte {
	if len(c.b) == 0 {
		return 0
	}
	v := c.b[0]
	c.b = c.b[1:]
	return v
}

// small returns an int in [lo, hi].
func (c *cursor) small(lo, hi int) int { return lo + int(c.byte())%(hi-lo+1) }

// dim returns a small positive int most of the time, and an arbitrary int
// (from the next 8 bytes) one time in four: the hostile values
// (0, negative, None, huge, overflowing) come from there.
func (c *cursor) dim(lo, hi int) int {
	if c.byte()%4 != 3 {
		return c.small(lo, hi)
	}
	var b [8]byte
	for i := range b {
		b[i] = c.byte()
	}
	return int(int64(binary.LittleEndian.Uint64(b[:])))
}

func (c *cursor) ints(n, lo, hi int) []int {
	v := make([]int, n)
	for i := range v {
		v[i] = c.dim(lo, hi)
	}
	return v
}

// layer builds the next layer, for an input whose last axis is ch (0 when
// unknown), with weights when it can. A failed constructor's typed nil is
// returned as is, for Add to reject.
func (c *cursor) layer(ch int) model.Layer {
	rank := c.small(1, 3)
	padMode := []string{"valid", "same", "causal"}[c.small(0, 2)]
	format := []string{"", "channels_last", "channels_first"}[c.small(0, 2)]
	switch c.small(0, 6) {
	case 0:
		cfg := conv.Config{Filters: c.dim(1, 4), KernelSize: c.ints(rank, 1, 3), Padding: padMode, NoBias: c.small(0, 1) == 0,
			Groups: c.small(0, 2), DataFormat: format}
		if c.small(0, 1) == 0 {
			cfg.Strides = c.ints(rank, 1, 2)
		} else {
			cfg.DilationRate = c.ints(rank, 1, 2)
		}
		l, _ := [...]func(conv.Config) (*conv.Conv, error){conv.NewConv1D, conv.NewConv2D, conv.NewConv3D}[rank-1](cfg)
		if l != nil && ch > 0 && ch%l.Groups() == 0 {
			per, _ := tensor.Shape(append(l.KernelSize(), ch/l.Groups(), l.Filters())).NumElements()
			if per > 0 && per <= 1<<16 {
				var b []float32
				if l.UseBias() {
					b = make([]float32, l.Filters())
				}
				w := tensor.Fill(&tensor.Tensor{Data: make([]float32, per)}, uint64(per))
				if err := l.SetWeights(w.Data, b); err != nil {
					panic(err)
				}
			}
		}
		return l
	case 1:
		cfg := pool.Config{PoolSize: c.ints(rank, 1, 3), Padding: padMode, DataFormat: format}
		if c.small(0, 1) == 0 {
			cfg.Strides = c.ints(rank, 1, 3)
		}
		ctors := [...]func(pool.Config) (*pool.Pool, error){pool.NewMaxPooling1D, pool.NewMaxPooling2D, pool.NewMaxPooling3D,
			pool.NewAveragePooling1D, pool.NewAveragePooling2D, pool.NewAveragePooling3D}
		l, _ := ctors[rank-1+3*c.small(0, 1)](cfg)
		return l
	case 2:
		cfg := pool.GlobalConfig{Keepdims: c.small(0, 1) == 0, DataFormat: format}
		ctors := [...]func(pool.GlobalConfig) *pool.Global{pool.NewGlobalMaxPooling1D, pool.NewGlobalMaxPooling2D, pool.NewGlobalMaxPooling3D,
			pool.NewGlobalAveragePooling1D, pool.NewGlobalAveragePooling2D, pool.NewGlobalAveragePooling3D}
		return ctors[rank-1+3*c.small(0, 1)](cfg)
	case 3:
		var arg any = c.dim(0, 2)
		if c.small(0, 1) == 0 {
			arg = c.ints(rank, 0, 2)
		}
		l, _ := [...]func(any) (*padding.ZeroPadding, error){padding.NewZeroPadding1D, padding.NewZeroPadding2D, padding.NewZeroPadding3D}[rank-1](arg)
		return l
	case 4:
		return model.NewFlatten()
	case 5:
		cfg := model.DenseConfig{Units: c.dim(1, 4), NoBias: c.small(0, 1) == 0}
		if ch > 0 && cfg.Units > 0 && cfg.Units <= 1<<10 && ch <= 1<<10 {
			cfg.Kernel = make([]float32, ch*cfg.Units)
			if !cfg.NoBias {
				cfg.Bias = make([]float32, cfg.Units)
			}
		}
		l, _ := model.NewDense(cfg)
		return l
	}
	return (*conv.Conv)(nil)
}

// FuzzSequential builds arbitrary stacks of every layer, with arbitrary
// (including hostile) arguments and input shapes, and the options causal,
// groups and channels_first, and runs small ones
// forward. Nothing may panic; a rejected layer must leave the model as it
// was with an error of a known kind; shapes and parameter counts must stay
// valid (no None but -1, no wrapped count); Forward must give the shape
// the model promised. Fuzz with
//
//	go test ./model -run '^$' -fuzz FuzzSequential -fuzztime 1m
func FuzzSequential(f *testing.F) {
	f.Add([]byte{3, 10, 10, 3, 0, 0, 1, 2, 2, 2, 1, 0, 4, 5, 2})
	f.Add([]byte{4, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1})
	f.Add([]byte{2, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 2, 4})                                                       // a huge dimension, then Flatten
	f.Add([]byte{4, 3, 0, 0, 1, 0, 0, 0, 0, 0, 3, 0, 0, 1, 0, 0, 0, 0, 0, 3, 0, 0, 1, 0, 0, 0, 0, 0, 3, 0, 0, 1, 0, 0, 0, 0, 0, 4}) // Flatten of 65536^4
	f.Add([]byte{1, 4, 1, 1, 3, 3, 0, 0, 0, 0, 0, 0, 0x40, 0, 0})                                                                   // ZeroPadding of 1<<62
	f.Add([]byte{1, 2, 0, 6, 0, 0})                                                                                                 // a typed nil layer
	f.Add([]byte{3, 3, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 5, 5, 1, 0})                                                 // a negative dimension other than None
	f.Fuzz(func(t *testing.T, data []byte) {
		c := &cursor{b: data}
		in := c.ints(c.small(0, 4), 1, 6)
		m := model.NewSequential(in...)
		for i := c.small(0, 5); i > 0; i-- {
			ch := 0
			if out := m.Output(); len(out) > 0 && out[len(out)-1] > 0 {
				ch = out[len(out)-1]
			}
			l := c.layer(ch)
			before := m.Len()
			err := m.Add(l)
			if err != nil {
				var le *model.LayerError
				if !errors.As(err, &le) || padding.Kind(err) == "" || m.Len() != before {
					t.Fatalf("Add(%T): %v (kind %q), layers %d → %d", l, err, padding.Kind(err), before, m.Len())
				}
			}
		}
		total := 0
		for i, p := range m.ParamCounts() {
			if p < 0 {
				t.Fatalf("layer %d: %d parameters", i, p)
			}
			total += p
		}
		if total != m.TotalParams() || total < 0 {
			t.Fatalf("TotalParams %d, sum of the layers' %d", m.TotalParams(), total)
		}
		for i, s := range m.OutputShapes() {
			for _, d := range s {
				if d < tensor.None || d == 0 {
					t.Fatalf("layer %d output shape %v", i, []int(s))
				}
			}
		}
		_ = m.Summary()

		// Forward, when the input and every layer's output are small
		// enough to make quickly.
		xs := append(tensor.Shape{1}, in...)
		if n, ok := xs.NumElements(); !ok || n > 1<<12 || m.Len() == 0 {
			return
		}
		for _, s := range m.OutputShapes() {
			s[0] = 1
			if n, ok := s.NumElements(); ok && n > 1<<20 {
				return
			}
		}
		for _, d := range xs {
			if d <= 0 {
				return
			}
		}
		x := tensor.Fill(&tensor.Tensor{Shape: xs, Data: make([]float32, xs.Size())}, 1)
		y, err := m.Forward(x)
		if err != nil {
			if padding.Kind(err) == "" {
				t.Fatalf("Forward: %v, of no known kind", err)
			}
		} else {
			want := m.Output()
			want[0] = 1
			if !y.Shape.Equal(want) || len(y.Data) != y.Shape.Size() {
				t.Fatalf("Forward gave shape %v (%d values), the model promised %v", []int(y.Shape), len(y.Data), []int(want))
			}
		}
		// A tensor whose data does not match its shape is an error.
		x.Data = x.Data[:len(x.Data)-1]
		if _, err := m.Forward(x); !errors.Is(err, padding.ErrInvalidArgumentShape) {
			t.Fatalf("Forward of a short tensor: %v", err)
		}
	})
}
