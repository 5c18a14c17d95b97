package pool

import (
	"math"
	"strconv"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// GlobalConfig holds a global pooling layer's arguments, named after
// Keras's. The zero value is Keras's default.
type GlobalConfig struct {
	// Keepdims keeps the spatial axes with length 1: N×1×1×C instead of
	// N×C for 2-D inputs (N×C×1×1 under channels_first).
	Keepdims bool
	// DataFormat is "channels_last" (the default, also written "") or
	// "channels_first", in any case, as Keras lower-cases it: N×C×H×W
	// inputs for 2-D. The constructors return no error, so OutputShape and
	// Forward report any other value, as a *padding.Error of kind
	// padding.ErrNonPositiveArgument.
	DataFormat string
}

// Global is a Keras GlobalMaxPooling1D/2D/3D or GlobalAveragePooling1D/2D/3D
// layer: the max or the mean of each channel over every spatial position.
// Make one with NewGlobalMaxPooling2D and its siblings. A Global is
// immutable and safe for concurrent use.
type Global struct {
	class    string
	rank     int
	avg      bool
	keepdims bool
	chFirst  bool  // data_format="channels_first"
	fmtErr   error // a DataFormat Keras rejects, reported by OutputShape and Forward
}

// NewGlobalMaxPooling1D returns a Keras GlobalMaxPooling1D layer: N×W×C → N×C.
func NewGlobalMaxPooling1D(cfg GlobalConfig) *Global { return newGlobal(1, false, cfg) }

// NewGlobalMaxPooling2D returns a Keras GlobalMaxPooling2D layer: N×H×W×C → N×C.
func NewGlobalMaxPooling2D(cfg GlobalConfig) *Global { return newGlobal(2, false, cfg) }

// NewGlobalMaxPooling3D returns a Keras GlobalMaxPooling3D layer: N×D×H×W×C → N×C.
func NewGlobalMaxPooling3D(cfg GlobalConfig) *Global { return newGlobal(3, false, cfg) }

// NewGlobalAveragePooling1D returns a Keras GlobalAveragePooling1D layer: N×W×C → N×C.
func NewGlobalAveragePooling1D(cfg GlobalConfig) *Global { return newGlobal(1, true, cfg) }

// NewGlobalAveragePooling2D returns a Keras GlobalAveragePooling2D layer: N×H×W×C → N×C.
func NewGlobalAveragePooling2D(cfg GlobalConfig) *Global { return newGlobal(2, true, cfg) }

// NewGlobalAveragePooling3D returns a Keras GlobalAveragePooling3D layer: N×D×H×W×C → N×C.
func NewGlobalAveragePooling3D(cfg GlobalConfig) *Global { return newGlobal(3, true, cfg) }

func newGlobal(rank int, avg bool, cfg GlobalConfig) *Global {
	class := "GlobalMaxPooling"
	if avg {
		class = "GlobalAveragePooling"
	}
	l := &Global{class: class + strconv.Itoa(rank) + "D", rank: rank, avg: avg, keepdims: cfg.Keepdims}
	l.chFirst, l.fmtErr = padding.ParseDataFormat("pool", l.class, cfg.DataFormat)
	return l
}

// Class returns the Keras class name, such as "GlobalMaxPooling2D".
func (l *Global) Class() string { return l.class }

// Rank returns the number of spatial axes: 1, 2 or 3.
func (l *Global) Rank() int { return l.rank }

// Average reports whether l takes the mean rather than the max.
func (l *Global) Average() bool { return l.avg }

// Keepdims reports whether the output keeps the spatial axes with length 1.
func (l *Global) Keepdims() bool { return l.keepdims }

// OutputShape returns (N, C), or (N, 1, …, 1, C) with keepdims, for an
// input of shape in, which includes the batch axis. It returns a
// *padding.Error of kind padding.ErrInputRank unless in has rank+2
// dimensions, and ErrInvalidArgumentShape for a zero dimension or one above padding.MaxArg.
func (l *Global) OutputShape(in tensor.Shape) (tensor.Shape, error) {
	if l.fmtErr != nil {
		return nil, l.fmtErr
	}
	if err := padding.CheckRank("pool", l.class, in, l.rank+2, false); err != nil {
		return nil, err
	}
	if err := padding.CheckShape("pool", l.class, in); err != nil {
		return nil, err
	}
	return l.outShape(in), nil
}

// ParamCount returns 0: global pooling has no weights.
func (l *Global) ParamCount(tensor.Shape) int { return 0 }

// Forward returns the max or the mean of every channel of x over its
// spatial axes. The mean is accumulated in float64 and rounded once. Errors
// are those of OutputShape, plus a *padding.Error of kind
// padding.ErrInvalidArgumentShape when x's data does not match its shape.
func (l *Global) Forward(x *tensor.Tensor) (*tensor.Tensor, error) {
	if l.chFirst {
		return l.forwardChannelsFirst(x)
	}
	if err := padding.CheckTensor("pool", l.class, "inputs", x); err != nil {
		return nil, err
	}
	os, err := l.OutputShape(x.Shape)
	if err != nil {
		return nil, err
	}
	y, err := tensor.New(os...)
	if err != nil {
		return nil, err
	}
	n, c := x.Shape[0], x.Shape[len(x.Shape)-1]
	cells := x.Shape[1 : len(x.Shape)-1].Size()
	acc := make([]float64, c)
	for b := 0; b < n; b++ {
		init := math.Inf(-1)
		if l.avg {
			init = 0
		}
		for i := range acc {
			acc[i] = init
		}
		for p := 0; p < cells; p++ {
			row := x.Data[(b*cells+p)*c : (b*cells+p+1)*c]
			for i, v := range row {
				if l.avg {
					acc[i] += float64(v)
				} else {
					acc[i] = max(acc[i], float64(v))
				}
			}
		}
		for i, v := range acc {
			if l.avg {
				v /= float64(cells)
			}
			y.Data[b*c+i] = float32(v)
		}
	}
	return y, nil
}
