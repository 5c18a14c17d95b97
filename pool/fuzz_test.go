package pool_test

import (
	"errors"
	"testing"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

// tuple writes rank values the ways a caller can: all of them, one for
// every axis, nil for the default, or one too many.
func tuple(form uint8, rank int, v ...int) []int {
	switch form % 4 {
	case 0:
		return v[:rank]
	case 1:
		return v[:1]
	case 2:
		return nil
	}
	return v[:rank+1]
}

// FuzzPoolConfig feeds arbitrary configurations and input shapes to every
// pooling layer. Nothing may panic; every error must be a *padding.Error of
// a known kind; and when the shapes are small enough to compute, Forward
// must agree with the slow reference (or report ErrNonPositiveOutput
// exactly when no window fits). The seed corpus in
// testdata/fuzz/FuzzPoolConfig runs with go test; fuzz with
//
//	go test ./pool -run '^$' -fuzz FuzzPoolConfig -fuzztime 1m
func FuzzPoolConfig(f *testing.F) {
	f.Add(uint8(2), false, 2, 2, 2, 1, 1, 1, uint8(0), "valid", 1, 1, 10, 10, 10, uint64(1))
	f.Add(uint8(2), true, 3, 3, 3, 1, 1, 1, uint8(0), "same", 2, 1, 3, 3, 2, uint64(2))
	f.Add(uint8(1), true, 2, 0, 0, 3, 0, 0, uint8(1), "same", 1, 1, 1, 7, 1, uint64(3))
	f.Add(uint8(3), false, 1, 2, 3, 3, 2, 1, uint8(0), "same", 1, 5, 4, 3, 2, uint64(4))
	f.Add(uint8(3), true, 2, 2, 2, 0, 1, 1, uint8(8), "valid", 1, 5, 4, 3, 2, uint64(5))
	f.Add(uint8(2), false, 2, 2, 2, 1, 1, 1, uint8(2), "SAME", 1, 1, 4, 4, 1, uint64(6))
	f.Add(uint8(2), true, 2, 2, 2, 1, 1, 1, uint8(10), "", 1, 1, 4, 4, 1, uint64(7))
	f.Add(uint8(1), false, 9, 1, 1, 1, 1, 1, uint8(0), "valid", 1, 1, 1, 3, 1, uint64(8))
	f.Fuzz(func(t *testing.T, rank8 uint8, avg bool, p0, p1, p2, s0, s1, s2 int, forms uint8, pad string, n, d, h, w, c int, seed uint64) {
		rank := 1 + int(rank8%3)
		ctors := [2][3]func(pool.Config) (*pool.Pool, error){
			{pool.NewMaxPooling1D, pool.NewMaxPooling2D, pool.NewMaxPooling3D},
			{pool.NewAveragePooling1D, pool.NewAveragePooling2D, pool.NewAveragePooling3D},
		}
		a := 0
		if avg {
			a = 1
		}
		cfg := pool.Config{PoolSize: tuple(forms, rank, p0, p1, p2, p0), Strides: tuple(forms>>2, rank, s0, s1, s2, s0), Padding: pad}
		layer, err := ctors[a][rank-1](cfg)
		if err != nil {
			checkKnownError(t, "New", err)
			return
		}
		in := append(tensor.Shape{n}, []int{d, h, w}[3-rank:]...)
		in = append(in, c)
		os, err := layer.OutputShape(in)
		if err != nil {
			checkKnownError(t, "OutputShape", err)
		}
		g := pool.NewGlobalMaxPooling2D(pool.GlobalConfig{Keepdims: avg})
		if _, err := g.OutputShape(in); err != nil {
			checkKnownError(t, "Global.OutputShape", err)
		}

		ps, st := layer.PoolSize(), layer.Strides()
		small := func(v, hi int) bool { return v >= 1 && v <= hi }
		ok := small(n, 3) && small(c, 4)
		for i := 0; i < rank; i++ {
			ok = ok && small(in[1+i], 10) && small(ps[i], 8) && small(st[i], 4)
		}
		if !ok {
			return
		}
		x := &tensor.Tensor{Shape: in, Data: data(in.Size(), seed, seed%2 == 0)}
		shape, want, fits := slowPool(x, ps, st, pad == "same", avg)
		got, err := layer.Forward(x)
		if !fits {
			if !errors.Is(err, padding.ErrNonPositiveOutput) {
				t.Fatalf("Forward(%s) with %+v: err = %v, want ErrNonPositiveOutput", in, cfg, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Forward(%s) with %+v: %v (OutputShape gave %v)", in, cfg, err, os)
		}
		tol := 0.0
		if avg {
			tol = 1e-5
		}
		checkClose(t, "Forward", got, shape, want, tol, x)
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
