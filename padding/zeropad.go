package padding

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/convlings/convlings/internal/alias"
	"github.com/convlings/convlings/tensor"
)

// ZeroPadding is the Keras ZeroPadding1D, ZeroPadding2D or ZeroPadding3D
// layer: it adds rows and columns of zeros around the spatial axes of an
// N×…×C input and leaves the batch and channel axes alone. Make one with
// NewZeroPadding1D, NewZeroPadding2D or NewZeroPadding3D.
type ZeroPadding struct {
	// Pads holds one (before, after) pair per spatial axis, normalised from
	// whatever form the constructor was given.
	Pads [][2]int
}

// NewZeroPadding1D returns a ZeroPadding1D layer for N×W×C inputs. padding
// is an int p (both sides p) or a pair (left, right); nil means 1. It
// returns an *Error of kind ErrNonPositiveArgument for negative entries and
// ErrInvalidArgumentShape for other forms.
func NewZeroPadding1D(padding any) (*ZeroPadding, error) {
	return newZeroPadding("ZeroPadding1D", padding, 1)
}

// NewZeroPadding2D returns a ZeroPadding2D layer for N×H×W×C inputs.
// padding is an int, a pair (h, w) meaning ((h, h), (w, w)), a pair of
// pairs ((top, bottom), (left, right)), or a mix such as (1, (2, 3)); nil
// means 1. Errors are as for NewZeroPadding1D.
func NewZeroPadding2D(padding any) (*ZeroPadding, error) {
	return newZeroPadding("ZeroPadding2D", padding, 2)
}

// NewZeroPadding3D returns a ZeroPadding3D layer for N×D×H×W×C inputs, with
// padding in the forms of NewZeroPadding2D, three entries instead of two.
func NewZeroPadding3D(padding any) (*ZeroPadding, error) {
	return newZeroPadding("ZeroPadding3D", padding, 3)
}

func newZeroPadding(layer string, arg any, rank int) (*ZeroPadding, error) {
	p, err := Pairs(layer, arg, rank)
	if err != nil {
		return nil, err
	}
	return &ZeroPadding{Pads: p}, nil
}

// Class returns the Keras class name: "ZeroPadding1D", "ZeroPadding2D" or "ZeroPadding3D".
func (z *ZeroPadding) Class() string { return fmt.Sprintf("ZeroPadding%dD", len(z.Pads)) }

// OutputShape returns the shape of the padded output: each spatial axis n
// becomes before + n + after; a None axis stays None. It returns an
// ErrInputRank error unless in has rank len(Pads)+2, and an
// ErrInvalidArgumentShape error for a dimension that is 0, negative other
// than None, or above MaxArg, as every layer's OutputShape does.
func (z *ZeroPadding) OutputShape(in tensor.Shape) (tensor.Shape, error) {
	if err := CheckRank("padding", z.Class(), in, len(z.Pads)+2, false); err != nil {
		return nil, err
	}
	if err := CheckShape("padding", z.Class(), in); err != nil {
		return nil, err
	}
	out := in.Clone()
	for i, p := range z.Pads {
		if out[i+1] >= 0 {
			out[i+1] += p[0] + p[1]
		}
	}
	return out, nil
}

// ParamCount returns 0: zero padding has no weights.
func (z *ZeroPadding) ParamCount(tensor.Shape) int { return 0 }

// Forward returns x with zeros added around its spatial axes. Errors are as
// for OutputShape and CheckTensor, plus ErrTooLarge, before allocating, when
// the output would have more than tensor.MaxElements elements.
func (z *ZeroPadding) Forward(x *tensor.Tensor) (*tensor.Tensor, error) {
	if err := CheckTensor("padding", z.Class(), "inputs", x); err != nil {
		return nil, err
	}
	os, err := z.OutputShape(x.Shape)
	if err != nil {
		return nil, err
	}
	if err := CheckOutput("padding", z.Class(), x.Shape, os); err != nil {
		return nil, err
	}
	y, err := tensor.New(os...)
	if err != nil {
		return nil, err
	}
	// Copy each innermost run (one row of W·C values) into place.
	in, out := x.Shape, os
	rank := len(in)
	row := in[rank-2] * in[rank-1]
	outerDims := in[:rank-2] // batch and every spatial axis but the last
	idx := make([]int, len(outerDims))
	for src := 0; src < len(x.Data); src += row {
		// Destination offset of (idx…, pads[last].before, 0).
		dst := 0
		for i, v := range idx {
			if i > 0 {
				v += z.Pads[i-1][0]
			}
			dst = dst*out[i] + v
		}
		dst = (dst*out[rank-2] + z.Pads[len(z.Pads)-1][0]) * out[rank-1]
		copy(y.Data[dst:dst+row], x.Data[src:src+row])
		for i := len(idx) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < outerDims[i] {
				break
			}
			idx[i] = 0
		}
	}
	return y, nil
}

// CheckRank returns an *Error of kind ErrInputRank, reported by pkg for
// layer, unless in has exactly rank dimensions (or, with atLeast, at least
// rank). Layers call it first in OutputShape.
//
// It is plumbing for this module's layer packages (conv, pool, model),
// exported only so that they can share it; it may move behind internal/
// before the library is tagged, so do not build on it.
func CheckRank(pkg, layer string, in tensor.Shape, rank int, atLeast bool) error {
	if len(in) == rank || (atLeast && len(in) > rank) {
		return nil
	}
	want := fmt.Sprintf("expected ndim=%d", rank)
	if atLeast {
		want = fmt.Sprintf("expected min_ndim=%d", rank)
	}
	return &Error{Pkg: pkg, Layer: layer, Arg: "inputs", Value: "shape " + formatShape(in), Kind: ErrInputRank,
		Detail: fmt.Sprintf("%s, found ndim=%d", want, len(in))}
}

// CheckTensor returns an *Error, reported by pkg for layer's argument arg,
// unless x is a usable tensor: not nil (ErrMissingArgument), every dimension
// positive, and data exactly as long as the shape's element count, computed
// without overflow (ErrInvalidArgumentShape). Every layer's Forward calls it
// before touching x.
//
// It is plumbing for this module's layer packages (conv, pool, model),
// exported only so that they can share it; it may move behind internal/
// before the library is tagged, so do not build on it.
func CheckTensor(pkg, layer, arg string, x *tensor.Tensor) error {
	if x == nil {
		return &Error{Pkg: pkg, Layer: layer, Arg: arg, Value: "nil", Kind: ErrMissingArgument,
			Detail: "a tensor is required"}
	}
	for _, d := range x.Shape {
		if d <= 0 {
			return &Error{Pkg: pkg, Layer: layer, Arg: arg, Value: "shape " + formatShape(x.Shape),
				Kind: ErrInvalidArgumentShape, Detail: "a tensor's dimensions must be positive"}
		}
	}
	n, ok := x.Shape.NumElements()
	if !ok {
		return &Error{Pkg: pkg, Layer: layer, Arg: arg, Value: "shape " + formatShape(x.Shape),
			Kind:   ErrInvalidArgumentShape,
			Detail: fmt.Sprintf("the shape holds more values than an int counts, the data has %d", len(x.Data))}
	}
	if len(x.Data) != n {
		return &Error{Pkg: pkg, Layer: layer, Arg: arg, Value: "shape " + formatShape(x.Shape),
			Kind:   ErrInvalidArgumentShape,
			Detail: fmt.Sprintf("the shape holds %d values, the data has %d", n, len(x.Data))}
	}
	return nil
}

// CheckInto returns an *Error, reported by pkg for layer's argument "dst",
// unless dst is a usable tensor (as CheckTensor) whose data shares no memory
// with x's. Every ForwardInto calls it: the kernels read x while they write
// dst, so an output written over its own input would be computed from
// values already overwritten (ErrInvalidArgumentShape).
//
// It is plumbing for this module's layer packages (conv, pool, model),
// exported only so that they can share it; it may move behind internal/
// before the library is tagged, so do not build on it.
func CheckInto(pkg, layer string, dst, x *tensor.Tensor) error {
	if err := CheckTensor(pkg, layer, "dst", dst); err != nil {
		return err
	}
	if alias.Overlap(dst.Data, x.Data) {
		return &Error{Pkg: pkg, Layer: layer, Arg: "dst", Value: "shape " + formatShape(dst.Shape),
			Kind:   ErrInvalidArgumentShape,
			Detail: "dst shares memory with the inputs; the output must not overwrite the input it is computed from"}
	}
	return nil
}

// CheckOutput returns an *Error of kind ErrTooLarge, reported by pkg for
// layer's inputs of shape in, when out has more than tensor.MaxElements
// elements. Every layer's Forward whose output can be larger than its input
// calls it before allocating the output.
//
// It is plumbing for this module's layer packages (conv, pool, model),
// exported only so that they can share it; it may move behind internal/
// before the library is tagged, so do not build on it.
func CheckOutput(pkg, layer string, in, out tensor.Shape) error {
	if n, ok := out.NumElements(); ok && n <= tensor.MaxElements {
		return nil
	}
	return &Error{Pkg: pkg, Layer: layer, Arg: "inputs", Value: "shape " + formatShape(in), Kind: ErrTooLarge,
		Detail: fmt.Sprintf("the output %s would have more than tensor.MaxElements = %d values", formatShape(out), tensor.MaxElements)}
}

// CheckShape returns an *Error of kind ErrInvalidArgumentShape, reported by
// pkg for layer's inputs, unless every dimension of in is None (-1, the one
// spelling of an unknown dimension) or between 1 and MaxArg. Every layer
// calls it in OutputShape, after CheckRank.
//
// It is plumbing for this module's layer packages (conv, pool, model),
// exported only so that they can share it; it may move behind internal/
// before the library is tagged, so do not build on it.
func CheckShape(pkg, layer string, in tensor.Shape) error {
	// Two messages, and every dimension checked for the first before any
	// for the second: a shape with a zero in it (the common mistake) gets
	// the same message on every platform, and only a shape whose
	// dimensions are all positive names the platform's bound.
	for _, d := range in {
		if d != tensor.None && d <= 0 {
			return &Error{Pkg: pkg, Layer: layer, Arg: "inputs", Value: "shape " + formatShape(in),
				Kind: ErrInvalidArgumentShape, Detail: "every dimension must be positive or None"}
		}
	}
	for _, d := range in {
		if d > MaxArg {
			return &Error{Pkg: pkg, Layer: layer, Arg: "inputs", Value: "shape " + formatShape(in),
				Kind: ErrInvalidArgumentShape, Detail: fmt.Sprintf("every dimension must be at most %d or None", MaxArg)}
		}
	}
	return nil
}

// formatShape prints s as Keras prints a shape, with any negative
// dimension as its value rather than None (only -1 means None), and cut
// after about 200 bytes.
func formatShape(s tensor.Shape) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, d := range s {
		if b.Len() > maxFormat {
			b.WriteString("…")
			return b.String()
		}
		if i > 0 {
			b.WriteString(", ")
		}
		if d == tensor.None {
			b.WriteString("None")
		} else {
			b.WriteString(strconv.Itoa(d))
		}
	}
	if len(s) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}
