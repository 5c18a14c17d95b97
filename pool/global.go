package pool

import (
	"strconv"

	"github.com/convlings/convlings/internal/workers"
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
// spatial axes, computed as by ForwardInto. Errors are those of
// OutputShape, plus a *padding.Error of kind
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
	l.run(y.Data, x)
	return y, nil
}

// ForwardInto computes the layer's output for x into dst, which must have
// exactly the output shape. For channels_last data it allocates nothing.
// The mean follows the averaging rule of the package documentation: a
// float32 sum of the cells, divided once by their number; up to 64 cells
// it is AveragePooling with a window the size of the input, to the bit.
// Errors are those of Forward, plus a *padding.Error of kind
// padding.ErrInvalidArgumentShape naming "dst" when dst has the wrong
// shape or shares memory with x (the output would overwrite cells still to
// be read).
func (l *Global) ForwardInto(dst, x *tensor.Tensor) error {
	if err := padding.CheckTensor("pool", l.class, "inputs", x); err != nil {
		return err
	}
	if l.fmtErr != nil {
		return l.fmtErr
	}
	if err := padding.CheckRank("pool", l.class, x.Shape, l.rank+2, false); err != nil {
		return err
	}
	if err := padding.CheckShape("pool", l.class, x.Shape); err != nil {
		return err
	}
	if err := padding.CheckInto("pool", l.class, dst, x); err != nil {
		return err
	}
	// dst must be l.outShape(x.Shape), checked without building it.
	n, c, ci := x.Shape[0], x.Shape[len(x.Shape)-1], len(dst.Shape)-1
	if l.chFirst {
		c, ci = x.Shape[1], 1
	}
	rank := 2
	if l.keepdims {
		rank = l.rank + 2
	}
	ok := len(dst.Shape) == rank && dst.Shape[0] == n && dst.Shape[ci] == c
	for i := 1; ok && i < rank; i++ {
		ok = i == ci || dst.Shape[i] == 1
	}
	if !ok {
		return &padding.Error{Pkg: "pool", Layer: l.class, Arg: "dst", Value: "shape " + dst.Shape.String(),
			Kind: padding.ErrInvalidArgumentShape, Detail: "want the output shape " + l.outShape(x.Shape).String()}
	}
	if l.chFirst {
		// Moved to channels_last first, as Forward does.
		y, err := l.forwardChannelsFirst(x)
		if err != nil {
			return err
		}
		copy(dst.Data, y.Data)
		return nil
	}
	l.run(dst.Data, x)
	return nil
}

// globalRun is the number of cells that global average pooling sums left
// to right before it adds the runs' sums pairwise.
const globalRun = 64

// globalScratch is one call's cell offsets and run sums; globalScratches
// keeps them, so that calls allocate nothing in the steady state.
type globalScratch struct {
	offs []int
	sums []float32
}

var globalScratches workers.FreeList[globalScratch]

// run pools x, whose shape has been checked, into dst through the pooling
// kernels, one batch entry at a time. The cells of an entry are contiguous
// rows of C values. Max pooling folds them in order, as MaxPooling does.
// Average pooling sums runs of globalRun cells left to right, adds the
// runs' sums pairwise and divides once by the number of cells: up to
// globalRun cells this is AveragePooling with a window the size of the
// input, to the bit.
func (l *Global) run(dst []float32, x *tensor.Tensor) {
	n, c := x.Shape[0], x.Shape[len(x.Shape)-1]
	cells := x.Shape[1 : len(x.Shape)-1].Size()
	k := best
	s := globalScratches.Get()
	defer globalScratches.Put(s)
	run := min(cells, globalRun)
	if !l.avg {
		run = cells
	}
	s.offs = s.offs[:0]
	for i := 0; i < run; i++ {
		s.offs = append(s.offs, i*c)
	}
	for b := 0; b < n; b++ {
		out := dst[b*c : (b+1)*c]
		base := b * cells * c
		if run == cells {
			k.run(out, x.Data, s.offs, 1, base, 0, c, l.avg, float32(cells))
			continue
		}
		// Sums of the runs: full ones in one call, then the last, shorter one.
		m := (cells + run - 1) / run
		if cap(s.sums) < m*c {
			s.sums = make([]float32, m*c)
		}
		sums := s.sums[:m*c]
		full := cells / run
		k.run(sums, x.Data, s.offs, full, base, run*c, c, true, 1)
		if rest := cells - full*run; rest > 0 {
			k.run(sums[full*c:], x.Data, s.offs[:rest], 1, base+full*run*c, 0, c, true, 1)
		}
		// Pairwise: row p becomes row 2p + row 2p+1 until one row is left.
		pair := s.offs[:2]
		for m > 1 {
			h := m / 2
			k.run(sums, sums, pair, h, 0, 2*c, c, true, 1)
			if m%2 == 1 {
				copy(sums[h*c:(h+1)*c], sums[(m-1)*c:m*c])
				h++
			}
			m = h
		}
		k.run(out, sums, s.offs[:1], 1, 0, 0, c, true, float32(cells))
	}
}
