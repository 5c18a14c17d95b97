package padding_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

var zeroPaddings = []func(any) (*padding.ZeroPadding, error){
	1: padding.NewZeroPadding1D, 2: padding.NewZeroPadding2D, 3: padding.NewZeroPadding3D,
}

// slowZeroPad pads x the slow way: every output cell looks up the input
// cell it comes from, if any.
func slowZeroPad(x *tensor.Tensor, pads [][2]int) *tensor.Tensor {
	r := len(pads)
	out := x.Shape.Clone()
	for a, p := range pads {
		out[1+a] += p[0] + p[1]
	}
	y := &tensor.Tensor{Shape: out, Data: make([]float32, out.Size())}
	src := make([]int, len(out))
	for i := range y.Data {
		idx := y.Unravel(i)
		inside := true
		copy(src, idx)
		for a := 0; a < r; a++ {
			src[1+a] -= pads[a][0]
			inside = inside && src[1+a] >= 0 && src[1+a] < x.Shape[1+a]
		}
		if inside {
			y.Data[i] = x.At(src...)
		}
	}
	return y
}

func checkEqual(t *testing.T, call string, got, want *tensor.Tensor) {
	t.Helper()
	if !got.Shape.Equal(want.Shape) {
		t.Fatalf("%s: shape %s, want %s", call, got.Shape.Dims(), want.Shape.Dims())
	}
	for i := range want.Data {
		if got.Data[i] != want.Data[i] {
			t.Fatalf("%s: at %v got %v, want %v", call, got.Unravel(i), got.Data[i], want.Data[i])
		}
	}
}

func TestZeroPaddingMatchesSlowReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 1))
	for i := 0; i < 150; i++ {
		rank := 1 + i%3
		in := tensor.Shape{1 + rng.IntN(3)}
		pads := make([][2]int, rank)
		arg := make([]any, rank)
		for a := 0; a < rank; a++ {
			in = append(in, 1+rng.IntN(5))
			pads[a] = [2]int{rng.IntN(4), rng.IntN(4)}
			arg[a] = []int{pads[a][0], pads[a][1]}
		}
		in = append(in, 1+rng.IntN(3))
		var a any = arg
		if rank == 1 {
			a = []int{pads[0][0], pads[0][1]}
		}
		t.Run(fmt.Sprintf("zeropadding%dd_in%v_pads%v", rank, in, pads), func(t *testing.T) {
			z, err := zeroPaddings[rank](a)
			if err != nil {
				t.Fatal(err)
			}
			x := tensor.Fill(&tensor.Tensor{Shape: in, Data: make([]float32, in.Size())}, uint64(i))
			y, err := z.Forward(x)
			if err != nil {
				t.Fatal(err)
			}
			checkEqual(t, "Forward", y, slowZeroPad(x, pads))
		})
	}
}

func TestZeroPaddingShapes(t *testing.T) {
	for _, c := range []struct {
		rank int
		arg  any
		in   tensor.Shape
		want string
	}{
		{2, []int{1, 1}, tensor.Shape{tensor.None, 10, 10, 3}, "(None, 12, 12, 3)"}, // the blog
		{2, nil, tensor.Shape{tensor.None, tensor.None, 4, 3}, "(None, None, 6, 3)"},
		{1, []int{0, 2}, tensor.Shape{2, 5, 1}, "(2, 7, 1)"},
		{3, []any{1, []int{0, 2}, 0}, tensor.Shape{1, 1, 1, 1, 8}, "(1, 3, 3, 1, 8)"},
	} {
		z, err := zeroPaddings[c.rank](c.arg)
		if err != nil {
			t.Fatal(err)
		}
		got, err := z.OutputShape(c.in)
		if err != nil || got.String() != c.want {
			t.Errorf("%s(%v).OutputShape(%s) = %v, %v; want %s", z.Class(), c.arg, c.in, got, err, c.want)
		}
		if z.Class() != fmt.Sprintf("ZeroPadding%dD", c.rank) || z.ParamCount(c.in) != 0 {
			t.Errorf("%s: Class or ParamCount wrong", z.Class())
		}
	}
	z, _ := padding.NewZeroPadding2D(nil)
	if _, err := z.OutputShape(tensor.Shape{1, 4, 3}); !errors.Is(err, padding.ErrInputRank) {
		t.Errorf("ZeroPadding2D.OutputShape((1, 4, 3)) err = %v, want ErrInputRank", err)
	}
}

// FuzzZeroPadding feeds ZeroPadding1D/2D/3D every argument form with
// arbitrary values, and arbitrary input shapes. Nothing may panic; errors
// must be of a known kind; small results must match the slow reference.
// Fuzz with
//
//	go test ./padding -run '^$' -fuzz FuzzZeroPadding -fuzztime 1m
func FuzzZeroPadding(f *testing.F) {
	f.Add(uint8(2), uint8(0), 1, 1, 1, 1, 1, 1, 1, 10, 10, 3)
	f.Add(uint8(2), uint8(2), 0, 1, 2, 3, 0, 0, 1, 2, 3, 1)
	f.Add(uint8(2), uint8(3), 1, 2, 3, 0, 0, 0, 2, 2, 2, 2)
	f.Add(uint8(1), uint8(1), 0, 3, 0, 0, 0, 0, 1, 4, 1, 1)
	f.Add(uint8(3), uint8(4), 1, 0, 2, 1, 0, 1, 1, 2, 2, 2)
	f.Add(uint8(2), uint8(0), -1, 0, 0, 0, 0, 0, 1, 2, 2, 1)
	f.Add(uint8(3), uint8(5), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
	f.Fuzz(func(t *testing.T, rank8, form uint8, p0, p1, p2, p3, p4, p5, n, h, w, c int) {
		rank := 1 + int(rank8%3)
		v := []int{p0, p1, p2, p3, p4, p5}
		var arg any
		switch form % 6 {
		case 0:
			arg = p0
		case 1:
			arg = []int{p0, p1}
		case 2:
			arg = v[:rank]
		case 3:
			pairs := make([][2]int, rank)
			for a := range pairs {
				pairs[a] = [2]int{v[2*a], v[2*a+1]}
			}
			arg = pairs
		case 4:
			mixed := make([]any, rank)
			for a := range mixed {
				if v[a]%2 == 0 {
					mixed[a] = v[a]
				} else {
					mixed[a] = []any{v[a], float64(v[5-a])}
				}
			}
			arg = mixed
		case 5:
			arg = nil
		}
		z, err := zeroPaddings[rank](arg)
		if err != nil {
			var pe *padding.Error
			if !errors.As(err, &pe) || padding.Kind(err) == "" || pe.Layer == "" || pe.Value == "" {
				t.Fatalf("error %v (%T) is not a *padding.Error of a known kind naming the layer and value", err, err)
			}
			return
		}
		for _, p := range z.Pads {
			if p[0] < 0 || p[1] < 0 {
				t.Fatalf("%s(%v) accepted negative padding %v", z.Class(), arg, z.Pads)
			}
		}
		in := append(tensor.Shape{n}, []int{h, w, h}[:rank]...)
		in = append(in, c)
		_, err = z.OutputShape(in)
		if err != nil && padding.Kind(err) == "" {
			t.Fatalf("OutputShape(%s): error %v of no known kind", in, err)
		}
		small := func(v, hi int) bool { return v >= 1 && v <= hi }
		if !small(n, 2) || !small(h, 4) || !small(w, 4) || !small(c, 3) {
			return
		}
		for _, p := range z.Pads {
			if p[0] > 6 || p[1] > 6 {
				return
			}
		}
		x := tensor.Fill(&tensor.Tensor{Shape: in, Data: make([]float32, in.Size())}, uint64(n*h*w*c))
		y, err := z.Forward(x)
		if err != nil {
			t.Fatalf("Forward(%s): %v", in, err)
		}
		checkEqual(t, "Forward", y, slowZeroPad(x, z.Pads))
	})
}

// TestZeroPaddingForwardRejectsBadTensors: a nil tensor, data shorter than
// its shape and a zero dimension are errors that name the layer, never panics.
func TestZeroPaddingForwardRejectsBadTensors(t *testing.T) {
	z, err := padding.NewZeroPadding2D(1)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		x    *tensor.Tensor
		kind error
	}{
		{"nil_tensor", nil, padding.ErrMissingArgument},
		{"short_data", &tensor.Tensor{Shape: tensor.Shape{1, 2, 2, 1}, Data: make([]float32, 3)}, padding.ErrInvalidArgumentShape},
		{"zero_dimension", &tensor.Tensor{Shape: tensor.Shape{1, 0, 2, 1}}, padding.ErrInvalidArgumentShape},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := z.Forward(tc.x)
			if !errors.Is(err, tc.kind) {
				t.Fatalf("ZeroPadding2D(1).Forward(%s) error = %v, want kind %v", tc.name, err, tc.kind)
			}
			if !strings.Contains(err.Error(), "ZeroPadding2D inputs=") {
				t.Errorf("error %q does not name the layer and argument", err)
			}
		})
	}
}

// TestBoundsAtMaxArg: Tuple and CheckShape accept MaxArg and reject one more,
// so that no layer's shape arithmetic can overflow.
func TestBoundsAtMaxArg(t *testing.T) {
	if _, err := padding.Tuple("conv", "Conv2D", "strides", []int{padding.MaxArg}, 2, 1, false); err != nil {
		t.Errorf("Tuple(strides=(%d,)) error = %v, want nil", padding.MaxArg, err)
	}
	_, err := padding.Tuple("conv", "Conv2D", "strides", []int{1, padding.MaxArg + 1}, 2, 1, false)
	if !errors.Is(err, padding.ErrNonPositiveArgument) || !strings.Contains(err.Error(), fmt.Sprintf("Conv2D strides=(1, %d)", padding.MaxArg+1)) {
		t.Errorf("Tuple(strides=(1, MaxArg+1)) error = %v, want ErrNonPositiveArgument naming Conv2D strides", err)
	}
	if err := padding.CheckShape("pool", "MaxPooling2D", tensor.Shape{tensor.None, padding.MaxArg, 3, 1}); err != nil {
		t.Errorf("CheckShape(None, MaxArg, 3, 1) error = %v, want nil", err)
	}
	for _, in := range []tensor.Shape{{tensor.None, 0, 3, 1}, {1, padding.MaxArg + 1, 3, 1}} {
		err := padding.CheckShape("pool", "MaxPooling2D", in)
		if !errors.Is(err, padding.ErrInvalidArgumentShape) || !strings.Contains(err.Error(), "MaxPooling2D inputs=shape ") {
			t.Errorf("CheckShape(%v) error = %v, want ErrInvalidArgumentShape naming MaxPooling2D inputs", in, err)
		}
	}
}

// TestTooSmallReadsTheSameEverywhere: a zero or negative dimension, entry
// or padding is reported in words that do not depend on the platform, even
// when another entry is above MaxArg (so that the golden files, which pin
// these messages, hold on 32-bit machines too); only a value above the
// bound, with nothing too small beside it, names MaxArg.
func TestTooSmallReadsTheSameEverywhere(t *testing.T) {
	big := padding.MaxArg + 1
	small := []struct {
		name string
		err  error
		want string
	}{
		{"CheckShape zero", padding.CheckShape("conv", "Conv1D", tensor.Shape{tensor.None, 0, 1}),
			"conv: Conv1D inputs=shape (None, 0, 1): argument has the wrong shape: every dimension must be positive or None"},
		{"CheckShape zero after big", padding.CheckShape("conv", "Conv1D", tensor.Shape{1, big, -2}),
			fmt.Sprintf("conv: Conv1D inputs=shape (1, %d, -2): argument has the wrong shape: every dimension must be positive or None", big)},
		{"Tuple zero after big", tupleErr("conv", "Conv2D", "strides", []int{big, 0}, false),
			fmt.Sprintf("conv: Conv2D strides=(%d, 0): argument out of range: every entry must be > 0", big)},
		{"Tuple negative after big", tupleErr("pool", "MaxPooling2D", "padding", []int{big, -1}, true),
			fmt.Sprintf("pool: MaxPooling2D padding=(%d, -1): argument out of range: every entry must be >= 0", big)},
		{"Pairs negative after big", pairsErr([][2]int{{big, 0}, {0, -1}}),
			fmt.Sprintf("padding: ZeroPadding2D padding=((%d, 0), (0, -1)): argument out of range: every entry must be >= 0", big)},
	}
	for _, c := range small {
		if c.err == nil || c.err.Error() != c.want {
			t.Errorf("%s: error = %v\nwant %s", c.name, c.err, c.want)
		}
	}
	bound := strconv.Itoa(padding.MaxArg)
	large := []struct {
		name string
		err  error
	}{
		{"CheckShape", padding.CheckShape("conv", "Conv1D", tensor.Shape{tensor.None, big, 1})},
		{"Tuple", tupleErr("conv", "Conv2D", "strides", []int{1, big}, false)},
		{"Pairs", pairsErr([][2]int{{0, 0}, {big, 0}})},
	}
	for _, c := range large {
		if c.err == nil || !strings.Contains(c.err.Error(), "at most "+bound) {
			t.Errorf("%s above MaxArg: error = %v, want one naming the bound %s", c.name, c.err, bound)
		}
	}
}

func tupleErr(pkg, layer, name string, v []int, allowZero bool) error {
	_, err := padding.Tuple(pkg, layer, name, v, len(v), 1, allowZero)
	return err
}

func pairsErr(p [][2]int) error {
	_, err := padding.NewZeroPadding2D(p)
	return err
}
