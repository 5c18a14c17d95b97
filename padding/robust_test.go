package padding_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// TestZeroPaddingBounded: the padding is bounded like every other argument,
// so that no output shape wraps around.
func TestZeroPaddingBounded(t *testing.T) {
	for _, arg := range []any{math.MaxInt, []int{1, math.MaxInt / 2}, [][2]int{{0, 0}, {padding.MaxArg + 1, 0}}, padding.MaxArg + 1} {
		_, err := padding.NewZeroPadding2D(arg)
		if !errors.Is(err, padding.ErrNonPositiveArgument) || !strings.Contains(err.Error(), "ZeroPadding2D padding=") {
			t.Errorf("NewZeroPadding2D(%v) error = %v, want a nonpositive_argument error naming the padding", arg, err)
		}
	}
	if _, err := padding.NewZeroPadding2D(padding.MaxArg); err != nil {
		t.Errorf("NewZeroPadding2D(MaxArg) = %v, want no error", err)
	}
}

// TestZeroPaddingTooLarge: a terabyte output is an error of its own kind,
// returned before allocating.
func TestZeroPaddingTooLarge(t *testing.T) {
	p := min(1<<20, padding.MaxArg) // 2^15 on 32-bit machines, still too large
	z, err := padding.NewZeroPadding2D(p)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := tensor.New(1, 1, 1, 1)
	_, err = z.Forward(x)
	if !errors.Is(err, padding.ErrTooLarge) || padding.Kind(err) != "too_large" {
		t.Fatalf("Forward = %v, want kind too_large", err)
	}
	out := fmt.Sprintf("(1, %d, %d, 1)", 2*p+1, 2*p+1)
	for _, w := range []string{"ZeroPadding2D", "inputs", "(1, 1, 1, 1)", out} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message %q does not name %q", err, w)
		}
	}
}

// TestOutputShapeChecksInput: ZeroPadding checks its input shape as every
// other layer does, and only -1 means None.
func TestOutputShapeChecksInput(t *testing.T) {
	z, _ := padding.NewZeroPadding2D(1)
	for _, in := range []tensor.Shape{
		{tensor.None, 0, 3, 1},
		{tensor.None, -2, 3, 1},
		{tensor.None, 3, 3, padding.MaxArg + 1},
		{-5, 3, 3, 1},
	} {
		_, err := z.OutputShape(in)
		if !errors.Is(err, padding.ErrInvalidArgumentShape) {
			t.Errorf("OutputShape(%v) error = %v, want invalid_argument_shape", []int(in), err)
		}
	}
	got, err := z.OutputShape(tensor.Shape{tensor.None, tensor.None, 3, 2})
	if err != nil || got.String() != "(None, None, 5, 2)" {
		t.Errorf("OutputShape(None, None, 3, 2) = %v, %v; want (None, None, 5, 2)", got, err)
	}
	if err := padding.CheckShape("x", "L", tensor.Shape{tensor.None, -2}); err == nil || !strings.Contains(err.Error(), "(None, -2)") {
		t.Errorf("CheckShape(None, -2) = %v, want an error printing -2 as -2", err)
	}
}

// TestCheckTensorOverflow: a shape whose element count wraps around int is
// not accepted with the wrapped count of values.
func TestCheckTensorOverflow(t *testing.T) {
	x := &tensor.Tensor{Shape: tensor.Shape{1, 2147418113, 1718039348, 5}, Data: make([]float32, 4)}
	if err := padding.CheckTensor("p", "L", "inputs", x); !errors.Is(err, padding.ErrInvalidArgumentShape) {
		t.Errorf("CheckTensor(2^64+4 elements, 4 values) = %v, want invalid_argument_shape", err)
	}
	x.Data = nil
	x.Shape = tensor.Shape{math.MaxInt / 2, math.MaxInt / 2}
	if err := padding.CheckTensor("p", "L", "inputs", x); !errors.Is(err, padding.ErrInvalidArgumentShape) {
		t.Errorf("CheckTensor(2^64 elements, no values) = %v, want invalid_argument_shape", err)
	}
}

// TestErrorMessagesBoundedAndLinear: a huge padding argument gives a short
// message, built in linear time (formatAny used to be quadratic).
func TestErrorMessagesBoundedAndLinear(t *testing.T) {
	big := make([]any, 1_000_000)
	for i := range big {
		big[i] = 7
	}
	start := time.Now()
	_, err := padding.NewZeroPadding2D(big)
	if err == nil {
		t.Fatal("no error for a million-entry padding")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("building the error took %v", d)
	}
	if n := len(err.Error()); n > 400 {
		t.Errorf("message is %d bytes, want at most 400: %.100q…", n, err)
	}
	ints := make([]int, 1_000_000)
	if s := padding.FormatInts(ints); len(s) > 300 || !strings.HasSuffix(s, "…") {
		t.Errorf("FormatInts(a million zeros) = %d bytes ending %q", len(s), s[len(s)-10:])
	}
	if s := padding.FormatInts([]int{3}); s != "(3,)" {
		t.Errorf("FormatInts(3) = %q", s)
	}
}

// TestCheckInto rejects a dst that shares memory with x.
func TestCheckInto(t *testing.T) {
	x, _ := tensor.New(1, 4, 4, 1)
	y, _ := tensor.New(1, 4, 4, 1)
	if err := padding.CheckInto("p", "L", y, x); err != nil {
		t.Errorf("distinct tensors: %v", err)
	}
	part := &tensor.Tensor{Shape: tensor.Shape{1, 2, 2, 1}, Data: x.Data[12:]}
	for _, dst := range []*tensor.Tensor{x, part} {
		err := padding.CheckInto("p", "L", dst, x)
		if !errors.Is(err, padding.ErrInvalidArgumentShape) || !strings.Contains(err.Error(), "dst") {
			t.Errorf("CheckInto(overlapping) = %v, want an invalid_argument_shape error naming dst", err)
		}
	}
}

// TestStringArgumentsCut: a long padding or data_format string gives a
// short message (FuzzEvalCase found a 2 KB one).
func TestStringArgumentsCut(t *testing.T) {
	long := strings.Repeat("é", 5000)
	_, err1 := padding.ParseMode("pool", "MaxPooling2D", long, false)
	_, err2 := padding.ParseDataFormat("conv", "Conv2D", long)
	for _, err := range []error{err1, err2} {
		if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), `"éé`) || !strings.Contains(err.Error(), "…") {
			t.Errorf("message of %d bytes: %.200q", len(err.Error()), err)
		}
	}
	if _, err := padding.ParseMode("pool", "MaxPooling2D", "SAME", false); !strings.Contains(err.Error(), `padding="SAME"`) {
		t.Errorf("a short value is quoted whole: %v", err)
	}
}
