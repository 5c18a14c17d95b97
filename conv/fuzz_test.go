package conv_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/convlings/convlings/conv"
	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// tupleForm writes a pair the ways a caller can: both entries, one entry
// for both axes, nil for the default, or three entries (wrong for 2-D).
func tupleForm(form uint8, a, b int) []int {
	switch form % 4 {
	case 0:
		return []int{a, b}
	case 1:
		return []int{a}
	case 2:
		return nil
	}
	return []int{a, b, a}
}

// FuzzConv2DConfig feeds arbitrary configurations and input shapes to
// Conv2D. Nothing may panic; every error must be a *padding.Error of a
// known kind; and when the shapes are small enough to compute, Forward must
// agree with the slow reference (or report ErrNonPositiveOutput exactly
// when no window fits). The seed corpus in testdata/fuzz/FuzzConv2DConfig
// runs with go test; fuzz with
//
//	go test ./conv -run '^$' -fuzz FuzzConv2DConfig -fuzztime 1m
func FuzzConv2DConfig(f *testing.F) {
	f.Add(10, 3, 3, 1, 1, 1, 1, "valid", uint8(0), 1, 10, 10, 3, uint64(1))
	f.Add(2, 2, 4, 2, 1, 1, 1, "same", uint8(0), 2, 5, 6, 2, uint64(2))
	f.Add(3, 3, 3, 1, 1, 2, 2, "SAME", uint8(1), 1, 4, 4, 1, uint64(3))
	f.Add(1, 5, 5, 1, 1, 1, 1, "same", uint8(0), 1, 2, 3, 1, uint64(4))
	f.Add(0, 3, 3, 1, 1, 1, 1, "valid", uint8(0), 1, 5, 5, 1, uint64(5))
	f.Add(1, 3, 3, 2, 2, 2, 2, "valid", uint8(0), 1, 5, 5, 1, uint64(6))
	f.Add(1, 3, 3, 1, 1, 1, 1, "full", uint8(0), 1, 5, 5, 1, uint64(7))
	f.Add(1, -3, 3, 0, 1, 1, 1, "valid", uint8(2), -1, 0, 5, 1, uint64(8))
	f.Fuzz(func(t *testing.T, filters, k0, k1, s0, s1, d0, d1 int, pad string, forms uint8, n, h, w, c int, seed uint64) {
		cfg := conv.Config{Filters: filters, KernelSize: tupleForm(forms, k0, k1), Strides: tupleForm(forms>>2, s0, s1),
			DilationRate: tupleForm(forms>>4, d0, d1), Padding: pad, NoBias: forms&64 != 0}
		layer, err := conv.NewConv2D(cfg)
		if err != nil {
			checkKnownError(t, "NewConv2D", err)
			return
		}
		in := tensor.Shape{n, h, w, c}
		os, err := layer.OutputShape(in)
		if err != nil {
			checkKnownError(t, "OutputShape", err)
		}
		_ = layer.ParamCount(in)

		// Compute only what is small; the shape checks above cover the rest.
		ks, st, dl := layer.KernelSize(), layer.Strides(), layer.DilationRate()
		small := func(v, hi int) bool { return v >= 1 && v <= hi }
		if !small(n, 3) || !small(h, 12) || !small(w, 12) || !small(c, 4) || !small(filters, 6) ||
			!small(ks[0], 8) || !small(ks[1], 8) || !small(st[0], 4) || !small(st[1], 4) || !small(dl[0], 4) || !small(dl[1], 4) {
			return
		}
		kernel := data(ks[0]*ks[1]*c*filters, seed, seed%2 == 0)
		var bias []float32
		if layer.UseBias() {
			bias = data(filters, seed+1, seed%2 == 0)
		}
		if err := layer.SetWeights(kernel, bias); err != nil {
			t.Fatalf("SetWeights with the right lengths: %v", err)
		}
		x := &tensor.Tensor{Shape: in, Data: data(n*h*w*c, seed+2, seed%2 == 0)}
		want, ok := slowConv(x, kernel, bias, ks, st, dl, filters, strings.ToLower(pad) == "same")
		got, err := layer.Forward(x)
		if !ok {
			if !errors.Is(err, padding.ErrNonPositiveOutput) {
				t.Fatalf("Forward(%s) with %+v: err = %v, want ErrNonPositiveOutput", in, cfg, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Forward(%s) with %+v: %v (OutputShape gave %v)", in, cfg, err, os)
		}
		checkClose(t, "Forward", got, want)
	})
}

func checkKnownError(t *testing.T, call string, err error) {
	t.Helper()
	var pe *padding.Error
	if !errors.As(err, &pe) || padding.Kind(err) == "" {
		t.Fatalf("%s: error %v (%T) is not a *padding.Error of a known kind", call, err, err)
	}
	if pe.Layer == "" || pe.Arg == "" || pe.Value == "" {
		t.Fatalf("%s: error %q does not name its layer, argument and value", call, err)
	}
}
