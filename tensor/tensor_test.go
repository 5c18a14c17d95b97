package tensor_test

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/convlings/convlings/tensor"
)

func TestShapeString(t *testing.T) {
	tests := []struct {
		name  string
		shape tensor.Shape
		want  string
	}{
		{"batch_none", tensor.Shape{tensor.None, 8, 8, 10}, "(None, 8, 8, 10)"},
		{"flat", tensor.Shape{tensor.None, 1000}, "(None, 1000)"},
		{"negative_not_none", tensor.Shape{tensor.None, -7}, "(None, -7)"},
		{"one_element", tensor.Shape{3}, "(3,)"},
		{"empty", tensor.Shape{}, "()"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.shape.String(); got != tc.want {
				t.Errorf("Shape%v.String() = %q, want %q", []int(tc.shape), got, tc.want)
			}
		})
	}
}

func TestNewRejectsBadShapes(t *testing.T) {
	for _, shape := range [][]int{{0}, {2, -1}, {1, 0, 3}, {tensor.None, 3}, {math.MaxInt / 2, math.MaxInt / 2, 4}, {1 << 23, 1 << 24}} {
		_, err := tensor.New(shape...)
		if !errors.Is(err, tensor.ErrShape) {
			t.Errorf("New(%v) error = %v, want ErrShape", shape, err)
		}
	}
}

func TestFromDataLength(t *testing.T) {
	_, err := tensor.FromData(tensor.Shape{2, 3}, make([]float32, 5))
	require.ErrorIs(t, err, tensor.ErrDataLength)
	require.ErrorContains(t, err, "2×3 holds 6 values, got 5")

	x, err := tensor.FromData(tensor.Shape{2, 3}, []float32{0, 1, 2, 3, 4, 5})
	require.NoError(t, err)
	if got := x.At(1, 2); got != 5 {
		t.Errorf("At(1, 2) = %v, want 5", got)
	}
}

func TestOffsetRoundTrip(t *testing.T) {
	x, err := tensor.New(2, 3, 4, 5)
	require.NoError(t, err)
	st := x.Shape.Strides()
	if want := []int{60, 20, 5, 1}; !tensor.Shape(st).Equal(want) {
		t.Fatalf("Strides() = %v, want %v", st, want)
	}
	for off := range x.Data {
		idx := x.Unravel(off)
		if got := x.Offset(idx...); got != off {
			t.Fatalf("Offset(Unravel(%d) = %v) = %d", off, idx, got)
		}
		sum := 0
		for i, v := range idx {
			sum += v * st[i]
		}
		if sum != off {
			t.Fatalf("index %v · strides = %d, want %d", idx, sum, off)
		}
	}
}

func TestOffsetPanicsOutOfRange(t *testing.T) {
	x, _ := tensor.New(2, 2)
	for _, idx := range [][]int{{2, 0}, {0, -1}, {0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Offset(%v) did not panic", idx)
				}
			}()
			x.Offset(idx...)
		}()
	}
}

func TestFillIsDeterministicAndExact(t *testing.T) {
	a, _ := tensor.New(4, 5, 6)
	b, _ := tensor.New(4, 5, 6)
	tensor.Fill(a, 42)
	tensor.Fill(b, 42)
	seen := map[float32]bool{}
	for i, v := range a.Data {
		if v != b.Data[i] {
			t.Fatalf("Fill(42) differs at %d: %v vs %v", i, v, b.Data[i])
		}
		if v < -2 || v > 2 || v*4 != float32(int(v*4)) {
			t.Fatalf("Fill value %v at %d is not a quarter in [-2, 2]", v, i)
		}
		seen[v] = true
	}
	if len(seen) < 10 {
		t.Errorf("Fill(42) used only %d distinct values over %d cells", len(seen), len(a.Data))
	}
	tensor.Fill(b, 43)
	same := 0
	for i := range a.Data {
		if a.Data[i] == b.Data[i] {
			same++
		}
	}
	if same > len(a.Data)/4 {
		t.Errorf("Fill(42) and Fill(43) agree on %d of %d cells", same, len(a.Data))
	}
}

// TestFillFirstValues pins the algorithm documented on Fill, so that other
// implementations that follow the documentation agree with this one. The
// expected values are computed here from the documented steps, not copied
// from Fill's output.
func TestFillFirstValues(t *testing.T) {
	x, _ := tensor.New(8)
	tensor.Fill(x, 7)
	state := uint64(7)
	for i, got := range x.Data {
		state += 0x9E3779B97F4A7C15
		z := state
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		z ^= z >> 31
		want := float32(int(z%17)-8) / 4
		if got != want {
			t.Errorf("Fill(7)[%d] = %v, want %v", i, got, want)
		}
	}
}

func TestStringGrids(t *testing.T) {
	x, err := tensor.FromData(tensor.Shape{1, 2, 3, 2}, []float32{
		1, -1, 2, -2, 3, -3,
		4, -4, 5, -5, 6.5, -6,
	})
	require.NoError(t, err)
	want := "tensor 1×2×3×2\n" +
		"[n=0 c=0]\n" +
		"1 2   3\n" +
		"4 5 6.5\n" +
		"[n=0 c=1]\n" +
		"-1 -2 -3\n" +
		"-4 -5 -6\n"
	if got := x.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}

// The shape of issue 12: its product, 2^64+4, wraps to 4 in int arithmetic.
var wrapping = tensor.Shape{1, 2147418113, 1718039348, 5}

func TestNumElementsDoesNotWrap(t *testing.T) {
	for _, c := range []struct {
		s    tensor.Shape
		n    int
		ok   bool
		size int
	}{
		{tensor.Shape{}, 1, true, 1},
		{tensor.Shape{2, 3, 4}, 24, true, 24},
		{tensor.Shape{tensor.None, 3}, 0, false, 0},
		{tensor.Shape{2, -7}, 0, false, 0},
		{wrapping, 0, false, 0},
		{tensor.Shape{65536, 65536, 65536, 65536}, 0, false, 0},
		{tensor.Shape{math.MaxInt / 2, math.MaxInt / 2, 0}, 0, true, 0}, // a zero makes the product 0, not an overflow
		{tensor.Shape{math.MaxInt, 1}, math.MaxInt, true, math.MaxInt},
		{tensor.Shape{math.MaxInt, 2}, 0, false, 0},
	} {
		n, ok := c.s.NumElements()
		if n != c.n || ok != c.ok {
			t.Errorf("Shape%v.NumElements() = %d, %v; want %d, %v", []int(c.s), n, ok, c.n, c.ok)
		}
		if got := c.s.Size(); got != c.size {
			t.Errorf("Shape%v.Size() = %d, want %d", []int(c.s), got, c.size)
		}
	}
}

func TestNewTooLarge(t *testing.T) {
	for _, shape := range [][]int{{1 << 20, 1 << 20}, {tensor.MaxElements + 1}, []int(wrapping), {math.MaxInt, math.MaxInt, 4}} {
		_, err := tensor.New(shape...)
		if !errors.Is(err, tensor.ErrTooLarge) || !errors.Is(err, tensor.ErrShape) {
			t.Errorf("New(%v) error = %v, want ErrTooLarge and ErrShape", shape, err)
		}
		_, err = tensor.FromData(shape, make([]float32, 4))
		if !errors.Is(err, tensor.ErrTooLarge) {
			t.Errorf("FromData(%v, 4 values) error = %v, want ErrTooLarge", shape, err)
		}
	}
	if tensor.MaxElements > math.MaxInt/4 {
		t.Errorf("MaxElements = %d: its size in bytes does not fit in an int", tensor.MaxElements)
	}
}

// TestStringNeverPanics prints tensors whose data does not match the shape.
func TestStringNeverPanics(t *testing.T) {
	for _, c := range []struct {
		name string
		x    *tensor.Tensor
		want string
	}{
		{"nil", nil, "tensor <nil>\n"},
		{"short", &tensor.Tensor{Shape: tensor.Shape{1, 2, 2, 3}, Data: []float32{1, 2}},
			"tensor 1×2×2×3\n(2 values, which do not fill the shape)\n1 2\n"},
		{"wrapping", &tensor.Tensor{Shape: wrapping, Data: []float32{1, 2, 3, 4}},
			"tensor 1×2147418113×1718039348×5\n(4 values, which do not fill the shape)\n1 2 3 4\n"},
		{"negative", &tensor.Tensor{Shape: tensor.Shape{-3, 2}, Data: nil}, "tensor -3×2\n(0 values, which do not fill the shape)\n"},
		{"zero", &tensor.Tensor{Shape: tensor.Shape{0, 2}, Data: nil}, "tensor 0×2\n(0 values, which do not fill the shape)\n"},
		{"rank0_empty", &tensor.Tensor{Shape: tensor.Shape{}, Data: nil}, "tensor \n(0 values, which do not fill the shape)\n"},
		{"rank0", &tensor.Tensor{Shape: tensor.Shape{}, Data: []float32{1.5}}, "tensor \n1.5\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.x.String(); got != c.want {
				t.Errorf("String() = %q, want %q", got, c.want)
			}
		})
	}
}
