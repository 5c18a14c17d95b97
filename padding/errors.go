package padding

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/convlings/convlings/tensor"
)

// The kinds of error that convlings layers return. Every error a layer
// returns for bad configuration or input is an *Error that wraps exactly one
// of these, so errors.Is(err, padding.ErrNonPositiveOutput) works whatever
// package made it.
var (
	// ErrNonPositiveOutput: under 'valid', a window larger than the input.
	ErrNonPositiveOutput = errors.New("computed output size would be zero or negative")
	// ErrStrideDilationConflict: a stride > 1 on any axis with a dilation > 1 on any axis.
	ErrStrideDilationConflict = errors.New("strides > 1 not supported in conjunction with dilation_rate > 1")
	// ErrInvalidPaddingMode: a padding string other than 'valid' or 'same'.
	ErrInvalidPaddingMode = errors.New("invalid padding mode")
	// ErrNonPositiveArgument: a size, count, stride or dilation ≤ 0, or a negative padding.
	ErrNonPositiveArgument = errors.New("argument out of range")
	// ErrInvalidArgumentShape: a tuple of the wrong length, weights or data
	// of the wrong size, or input channels that do not match the kernel.
	ErrInvalidArgumentShape = errors.New("argument has the wrong shape")
	// ErrInputRank: an input of the wrong rank for the layer.
	ErrInputRank = errors.New("input has the wrong rank")
	// ErrMissingArgument: a required argument or weight was not given.
	ErrMissingArgument = errors.New("missing argument")
	// ErrTooLarge: an output, or a count such as a model's parameters, with
	// more elements than the library will make: tensor.MaxElements for a
	// tensor, the int range for a count. Layers report it before allocating.
	ErrTooLarge = errors.New("too large")
)

var kindNames = []struct {
	err  error
	name string
}{
	{ErrNonPositiveOutput, "nonpositive_output"},
	{ErrStrideDilationConflict, "stride_dilation_conflict"},
	{ErrInvalidPaddingMode, "invalid_padding_mode"},
	{ErrNonPositiveArgument, "nonpositive_argument"},
	{ErrInvalidArgumentShape, "invalid_argument_shape"},
	{ErrInputRank, "input_rank"},
	{ErrMissingArgument, "missing_argument"},
	{ErrTooLarge, "too_large"},
	{tensor.ErrTooLarge, "too_large"},
}

// Kind returns the stable name of err's kind, as tools/eval prints it:
// "nonpositive_output", "stride_dilation_conflict", "invalid_padding_mode",
// "nonpositive_argument", "invalid_argument_shape", "input_rank",
// "missing_argument" or "too_large" (for ErrTooLarge, and for
// tensor.ErrTooLarge from tensor.New). It returns "" for nil and for errors
// of no known kind.
func Kind(err error) string {
	for _, k := range kindNames {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return ""
}

// Error is a layer's report of a bad argument or input. Its message names
// the package, the layer, the argument and the value, then the kind:
//
//	conv: Conv2D kernel_size=(0, 3): argument out of range: every entry must be > 0
type Error struct {
	Pkg    string // the reporting package: "conv", "pool", "padding", "model"
	Layer  string // the Keras class name: "Conv2D"
	Arg    string // the argument: "kernel_size", "padding", "inputs", "kernel"
	Value  string // the value as the caller gave it: "(0, 3)"
	Kind   error  // one of the Err* kinds
	Detail string // what was expected, in words
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Pkg != "" {
		b.WriteString(e.Pkg + ": ")
	}
	b.WriteString(e.Layer)
	if e.Arg != "" {
		fmt.Fprintf(&b, " %s=%s", e.Arg, e.Value)
	}
	b.WriteString(": " + e.Kind.Error())
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	return b.String()
}

// Unwrap returns the kind, for errors.Is.
func (e *Error) Unwrap() error { return e.Kind }

// FormatInts writes a tuple the way Python prints one: "(3, 3)", "(3,)".
// A tuple longer than about 200 bytes is cut with "…", so that a message
// about a million-entry argument stays short.
func FormatInts(v []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, x := range v {
		if b.Len() > maxFormat {
			b.WriteString("…")
			return b.String()
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(x))
	}
	if len(v) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}
