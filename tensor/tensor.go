package tensor

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// None marks an unknown dimension, printed as Keras prints it: None. It is
// the one spelling of an unknown dimension: other negative values are
// invalid everywhere, and print as the numbers they are.
const None = -1

// Errors returned by the constructors. Test for them with errors.Is.
var (
	// ErrShape reports a shape with a dimension that is zero or negative, or
	// with more than MaxElements elements.
	ErrShape = errors.New("tensor: dimensions must be positive")
	// ErrTooLarge reports a shape with more than MaxElements elements. An
	// error that wraps it also wraps ErrShape.
	ErrTooLarge = errors.New("tensor: more elements than tensor.MaxElements")
	// ErrDataLength reports data whose length is not the product of the shape.
	ErrDataLength = errors.New("tensor: data length does not match shape")
)

// Shape is the list of a tensor's dimensions, outermost first.
type Shape []int

// Size returns the number of elements of a shape: the product of its
// dimensions, 1 for the empty shape. It returns 0 if any dimension is
// negative (None), and also when the product does not fit in an int, so it
// never wraps around; NumElements tells those cases apart.
func (s Shape) Size() int {
	n, ok := s.NumElements()
	if !ok {
		return 0
	}
	return n
}

// NumElements returns the product of the dimensions of s, 1 for the empty
// shape, and ok = true; ok is false, and n is 0, when a dimension is
// negative (None) or the product does not fit in an int. The product is
// computed with overflow checks, so a shape such as (1, 2147418113,
// 1718039348, 5), whose product is 2^64+4, is reported as not ok rather
// than as 4 elements.
func (s Shape) NumElements() (n int, ok bool) {
	n = 1
	zero, overflow := false, false
	for _, d := range s {
		switch {
		case d < 0:
			return 0, false
		case d == 0:
			zero = true
		case overflow:
		case n > math.MaxInt/d:
			overflow = true
		default:
			n *= d
		}
	}
	if zero {
		return 0, true
	}
	if overflow {
		return 0, false
	}
	return n, true
}

// Equal reports whether s and t have the same rank and dimensions.
func (s Shape) Equal(t Shape) bool {
	if len(s) != len(t) {
		return false
	}
	for i := range s {
		if s[i] != t[i] {
			return false
		}
	}
	return true
}

// Clone returns a copy of s that shares no memory with it.
func (s Shape) Clone() Shape { return append(Shape(nil), s...) }

// Strides returns the row-major strides of s: Strides()[i] is how far apart,
// in elements, two entries are whose indices differ by one on axis i. The
// strides are meaningful only for a shape whose NumElements is ok.
func (s Shape) Strides() []int {
	st := make([]int, len(s))
	acc := 1
	for i := len(s) - 1; i >= 0; i-- {
		st[i] = acc
		acc *= s[i]
	}
	return st
}

// String formats s as Keras prints a shape tuple: "(None, 8, 8, 10)" for
// Shape{None, 8, 8, 10}, "(3,)" for a one-element shape and "()" for none.
func (s Shape) String() string {
	parts := make([]string, len(s))
	for i, d := range s {
		if d == None {
			parts[i] = "None"
		} else {
			parts[i] = strconv.Itoa(d)
		}
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// Dims formats s with × between the dimensions, as the docs write shapes:
// "1×10×10×3".
func (s Shape) Dims() string {
	parts := make([]string, len(s))
	for i, d := range s {
		if d == None {
			parts[i] = "None"
		} else {
			parts[i] = strconv.Itoa(d)
		}
	}
	return strings.Join(parts, "×")
}

// MaxElements bounds the number of elements of any tensor the library
// makes: New and FromData reject larger shapes with ErrTooLarge, and every
// layer checks its output against it before allocating, returning an error
// of kind too_large (padding.ErrTooLarge) instead of asking for more memory
// than a machine has. It is 2^30 float32 values (4 GiB) on 64-bit machines,
// more than any layer of a real network makes at a sensible batch size yet
// within a laptop's memory, and 2^28 (1 GiB) on 32-bit ones, whose address
// space is 4 GiB.
const MaxElements = 1 << (26 + strconv.IntSize/16)

func (s Shape) check() error {
	for _, d := range s {
		if d <= 0 {
			return fmt.Errorf("%w: shape %s", ErrShape, s.Dims())
		}
	}
	if n, ok := s.NumElements(); !ok || n > MaxElements {
		return fmt.Errorf("%w: %w: shape %s has more than %d elements", ErrShape, ErrTooLarge, s.Dims(), MaxElements)
	}
	return nil
}

// Tensor is a dense float32 array in row-major order, channels last.
// len(Data) is always Shape.Size() for a tensor made by New or FromData.
type Tensor struct {
	Shape Shape
	Data  []float32
}

// New returns a zero-filled tensor of the given shape.
// It returns ErrShape if a dimension is zero or negative, and an error that
// wraps both ErrShape and ErrTooLarge if the shape has more than
// MaxElements elements; it checks before allocating.
func New(shape ...int) (*Tensor, error) {
	s := Shape(shape).Clone()
	if err := s.check(); err != nil {
		return nil, err
	}
	return &Tensor{Shape: s, Data: make([]float32, s.Size())}, nil
}

// FromData returns a tensor of the given shape that uses data as its
// storage, without copying. It returns the errors of New for the shape, and
// ErrDataLength if len(data) is not the product of shape.
func FromData(shape Shape, data []float32) (*Tensor, error) {
	s := shape.Clone()
	if err := s.check(); err != nil {
		return nil, err
	}
	if len(data) != s.Size() {
		return nil, fmt.Errorf("%w: shape %s holds %d values, got %d", ErrDataLength, s.Dims(), s.Size(), len(data))
	}
	return &Tensor{Shape: s, Data: data}, nil
}

// Rank returns the number of dimensions of t.
func (t *Tensor) Rank() int { return len(t.Shape) }

// Offset returns the position in t.Data of the element at idx.
// It panics if idx has the wrong length or an index is out of range.
func (t *Tensor) Offset(idx ...int) int {
	if len(idx) != len(t.Shape) {
		panic("tensor: wrong number of indices")
	}
	off := 0
	for i, v := range idx {
		if v < 0 || v >= t.Shape[i] {
			panic("tensor: index out of range")
		}
		off = off*t.Shape[i] + v
	}
	return off
}

// Unravel returns the index of the element at position off in t.Data: the
// inverse of Offset. It panics if off is out of range.
func (t *Tensor) Unravel(off int) []int {
	if off < 0 || off >= len(t.Data) {
		panic("tensor: offset out of range")
	}
	idx := make([]int, len(t.Shape))
	for i := len(t.Shape) - 1; i >= 0; i-- {
		idx[i] = off % t.Shape[i]
		off /= t.Shape[i]
	}
	return idx
}

// At returns the element at idx. It panics as Offset does.
func (t *Tensor) At(idx ...int) float32 { return t.Data[t.Offset(idx...)] }

// Set stores v at idx. It panics as Offset does.
func (t *Tensor) Set(v float32, idx ...int) { t.Data[t.Offset(idx...)] = v }

// Clone returns a deep copy of t.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{Shape: t.Shape.Clone(), Data: append([]float32(nil), t.Data...)}
}
