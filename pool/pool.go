package pool

import (
	"fmt"
	"strconv"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// Config holds a pooling layer's arguments, named after Keras's. The zero
// value of every field means Keras's default.
type Config struct {
	// PoolSize is the window, one int for every axis or one per spatial
	// axis, every entry > 0. nil means 2 for MaxPooling; AveragePooling
	// requires it, as Keras 3 does.
	PoolSize []int
	// Strides is the step between windows, one int or one per axis, every
	// entry > 0. nil means the pool size.
	Strides []int
	// Padding is "valid" (the default, also written "") or "same", lower
	// case only, as the Keras pooling layers compare it exactly.
	Padding string
	// DataFormat is "channels_last" (the default, also written "") or
	// "channels_first", in any case, as Keras lower-cases it. Under
	// channels_first the channels come right after the batch: N×C×H×W in,
	// N×C×H'×W' out for 2-D pooling.
	DataFormat string
}

// Pool is a Keras MaxPooling1D/2D/3D or AveragePooling1D/2D/3D layer. Make
// one with NewMaxPooling2D and its siblings. A Pool is immutable and safe
// for concurrent use.
type Pool struct {
	class   string
	rank    int
	avg     bool
	size    []int
	strides []int
	mode    padding.Mode
	chFirst bool // data_format="channels_first"
}

// NewMaxPooling1D returns a Keras MaxPooling1D layer for N×W×C inputs. It
// returns a *padding.Error of kind padding.ErrNonPositiveArgument for pool
// sizes or strides ≤ 0, ErrInvalidArgumentShape for a tuple of the wrong
// length, ErrInvalidPaddingMode for a padding other than "valid" or
// "same", and ErrNonPositiveArgument for a data format other than
// "channels_last" or "channels_first".
func NewMaxPooling1D(cfg Config) (*Pool, error) { return newPool(1, false, cfg) }

// NewMaxPooling2D returns a Keras MaxPooling2D layer for N×H×W×C inputs.
// Errors are as for NewMaxPooling1D.
func NewMaxPooling2D(cfg Config) (*Pool, error) { return newPool(2, false, cfg) }

// NewMaxPooling3D returns a Keras MaxPooling3D layer for N×D×H×W×C inputs.
// Errors are as for NewMaxPooling1D.
func NewMaxPooling3D(cfg Config) (*Pool, error) { return newPool(3, false, cfg) }

// NewAveragePooling1D returns a Keras AveragePooling1D layer for N×W×C
// inputs. Errors are as for NewMaxPooling1D, plus padding.ErrMissingArgument
// when cfg.PoolSize is nil: Keras 3 has no default pool size for average
// pooling.
func NewAveragePooling1D(cfg Config) (*Pool, error) { return newPool(1, true, cfg) }

// NewAveragePooling2D returns a Keras AveragePooling2D layer for N×H×W×C
// inputs. Errors are as for NewAveragePooling1D.
func NewAveragePooling2D(cfg Config) (*Pool, error) { return newPool(2, true, cfg) }

// NewAveragePooling3D returns a Keras AveragePooling3D layer for N×D×H×W×C
// inputs. Errors are as for NewAveragePooling1D.
func NewAveragePooling3D(cfg Config) (*Pool, error) { return newPool(3, true, cfg) }

func newPool(rank int, avg bool, cfg Config) (*Pool, error) {
	class, def := "MaxPooling", 2
	if avg {
		class, def = "AveragePooling", 0
	}
	class += strconv.Itoa(rank) + "D"
	size, err := padding.Tuple("pool", class, "pool_size", cfg.PoolSize, rank, def, false)
	if err != nil {
		return nil, err
	}
	strides := size
	if cfg.Strides != nil {
		// Keras allows 0 here (allow_zero=True) and then divides by it;
		// convlings rejects it.
		if strides, err = padding.Tuple("pool", class, "strides", cfg.Strides, rank, 0, false); err != nil {
			return nil, err
		}
	}
	// Keras checks data_format in the constructor, padding only when it
	// computes a shape.
	chFirst, err := padding.ParseDataFormat("pool", class, cfg.DataFormat)
	if err != nil {
		return nil, err
	}
	mode, err := padding.ParseMode("pool", class, cfg.Padding, false)
	if err != nil {
		return nil, err
	}
	return &Pool{class: class, rank: rank, avg: avg, size: size, strides: strides, mode: mode, chFirst: chFirst}, nil
}

// Class returns the Keras class name, such as "MaxPooling2D".
func (p *Pool) Class() string { return p.class }

// Rank returns the number of spatial axes: 1, 2 or 3.
func (p *Pool) Rank() int { return p.rank }

// Average reports whether p is an average pooling layer.
func (p *Pool) Average() bool { return p.avg }

// PoolSize returns the window size, one entry per spatial axis.
func (p *Pool) PoolSize() []int { return append([]int(nil), p.size...) }

// Strides returns the strides, one entry per spatial axis.
func (p *Pool) Strides() []int { return append([]int(nil), p.strides...) }

// Padding returns the padding mode.
func (p *Pool) Padding() padding.Mode { return p.mode }

// geometry checks in and lays the pooling out on three axes; None axes get
// In and Out -1. It allocates only to report an error.
func (p *Pool) geometry(in tensor.Shape) (geom, error) {
	var g geom
	if err := padding.CheckRank("pool", p.class, in, p.rank+2, false); err != nil {
		return g, err
	}
	if err := padding.CheckShape("pool", p.class, in); err != nil {
		return g, err
	}
	g.N, g.C = in[0], in[p.chAxis()]
	for a := 0; a < 3; a++ {
		g.In[a], g.K[a], g.Stride[a], g.Out[a] = 1, 1, 1, 1
	}
	off := 3 - p.rank
	for i := 0; i < p.rank; i++ {
		a := off + i
		n, k, s := in[p.spAxis(i)], p.size[i], p.strides[i]
		g.K[a], g.Stride[a] = k, s
		if n < 0 {
			g.In[a], g.Out[a] = -1, -1
			continue
		}
		out, before, _ := padding.Axis(n, k, s, 1, p.mode)
		if out <= 0 {
			return g, &padding.Error{Pkg: "pool", Layer: p.class, Arg: "inputs", Value: "shape " + in.String(),
				Kind: padding.ErrNonPositiveOutput,
				Detail: fmt.Sprintf("pool_size=%s, strides=%s, padding=%s give %d on spatial axis %d",
					padding.FormatInts(p.size), padding.FormatInts(p.strides), p.mode, out, i+1)}
		}
		g.In[a], g.Out[a], g.Pad[a] = n, out, before
	}
	return g, nil
}

func (p *Pool) outShape(g *geom, in tensor.Shape) tensor.Shape {
	out := make(tensor.Shape, 0, p.rank+2)
	out = append(out, in[0])
	if p.chFirst {
		out = append(out, in[1])
		return append(out, g.Out[3-p.rank:]...)
	}
	out = append(out, g.Out[3-p.rank:]...)
	return append(out, in[len(in)-1])
}

// OutputShape returns the shape of the layer's output for an input of
// shape in, which includes the batch axis (tensor.None for unknown), for
// example (None, 10, 10, 10) → (None, 5, 5, 10) for MaxPooling2D((2, 2)). A
// None axis stays None. It returns a *padding.Error of kind
// padding.ErrInputRank unless in has rank+2 dimensions,
// ErrInvalidArgumentShape for a dimension that is 0, negative other than
// None (-1) or above padding.MaxArg, and ErrNonPositiveOutput when a 'valid'
// window does not fit.
func (p *Pool) OutputShape(in tensor.Shape) (tensor.Shape, error) {
	g, err := p.geometry(in)
	if err != nil {
		return nil, err
	}
	return p.outShape(&g, in), nil
}

// ParamCount returns 0: pooling has no weights.
func (p *Pool) ParamCount(tensor.Shape) int { return 0 }

// Forward returns the layer's output for x, an N×…×C tensor: N×H'×W'×C for
// 2-D pooling. Besides the errors of OutputShape, it returns a
// *padding.Error of kind padding.ErrInvalidArgumentShape when x's data does
// not match its shape, and ErrTooLarge, before allocating, when the output
// would have more than tensor.MaxElements values.
func (p *Pool) Forward(x *tensor.Tensor) (*tensor.Tensor, error) {
	if err := padding.CheckTensor("pool", p.class, "inputs", x); err != nil {
		return nil, err
	}
	g, err := p.geometry(x.Shape)
	if err != nil {
		return nil, err
	}
	os := p.outShape(&g, x.Shape)
	if err := padding.CheckOutput("pool", p.class, x.Shape, os); err != nil {
		return nil, err
	}
	y, err := tensor.New(os...)
	if err != nil {
		return nil, err
	}
	p.forward(y.Data, x.Data, &g, nil)
	return y, nil
}

// ForwardInto computes the layer's output for x into dst, which must have
// exactly the output shape, and allocates nothing: a channels_first layer
// allocates its scratch space on its first call with a larger shape and
// keeps it for later calls. Errors are those of Forward, plus a
// *padding.Error of kind padding.ErrInvalidArgumentShape naming "dst" when
// dst has the wrong shape or shares memory with x: the kernels read x while
// they write dst, so an output written over its own input would be computed
// from values already overwritten. Rejecting it costs nothing; making it
// correct would need a copy of x, which is the allocation ForwardInto
// exists to avoid.
func (p *Pool) ForwardInto(dst, x *tensor.Tensor) error {
	if err := padding.CheckTensor("pool", p.class, "inputs", x); err != nil {
		return err
	}
	g, err := p.geometry(x.Shape)
	if err != nil {
		return err
	}
	if err := padding.CheckInto("pool", p.class, dst, x); err != nil {
		return err
	}
	if !p.fits(dst.Shape, &g) {
		return &padding.Error{Pkg: "pool", Layer: p.class, Arg: "dst", Value: "shape " + dst.Shape.String(),
			Kind: padding.ErrInvalidArgumentShape, Detail: "want the output shape " + p.outShape(&g, x.Shape).String()}
	}
	p.forward(dst.Data, x.Data, &g, &scratches)
	return nil
}

func (p *Pool) run(dst, x []float32, g *geom) {
	if p.avg {
		avgPool(dst, x, g)
	} else {
		maxPool(dst, x, g)
	}
}
