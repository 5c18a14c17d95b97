package tensor_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/convlings/convlings/tensor"
)

// FuzzTensor gives New, FromData, NumElements, Strides and String arbitrary
// shapes, of any rank, with any int dimension, and data of any length.
// Nothing may panic; counts must match exact arithmetic; New must succeed
// exactly when every dimension is positive and the count is at most
// MaxElements, and fail with ErrTooLarge exactly when it is above. Fuzz
// with
//
//	go test ./tensor -run '^$' -fuzz FuzzTensor -fuzztime 1m
func FuzzTensor(f *testing.F) {
	f.Add(uint8(4), 1, 10, 10, 3, 1, 300)
	f.Add(uint8(4), 1, 2147418113, 1718039348, 5, 1, 4) // 2^64+4 elements, wraps to 4
	f.Add(uint8(2), 1<<20, 1<<20, 1, 1, 1, 0)           // a terabyte
	f.Add(uint8(5), tensor.None, 65536, 65536, 65536, 65536, 0)
	f.Add(uint8(2), 2, -7, 1, 1, 1, 2)
	f.Add(uint8(3), 0, 5, 5, 1, 1, 0)
	f.Add(uint8(0), 1, 1, 1, 1, 1, 1)
	f.Add(uint8(1), tensor.MaxElements+1, 1, 1, 1, 1, 0)
	f.Add(uint8(4), 1, 2, 2, 3, 1, 2) // data shorter than the shape
	f.Fuzz(func(t *testing.T, rank uint8, d0, d1, d2, d3, d4, n int) {
		shape := tensor.Shape{d0, d1, d2, d3, d4}[:rank%6]
		exact := big.NewInt(1)
		positive, negative := true, false
		for _, d := range shape {
			exact.Mul(exact, big.NewInt(int64(d)))
			positive = positive && d > 0
			negative = negative || d < 0
		}
		count, ok := shape.NumElements()
		switch {
		case negative:
			if ok || count != 0 {
				t.Fatalf("NumElements(%v) = %d, %v with a negative dimension", []int(shape), count, ok)
			}
		case exact.IsInt64() && exact.Int64() == int64(int(exact.Int64())):
			if !ok || int64(count) != exact.Int64() {
				t.Fatalf("NumElements(%v) = %d, %v; want %s", []int(shape), count, ok, exact)
			}
		default:
			if ok {
				t.Fatalf("NumElements(%v) = %d, ok, but the product %s overflows", []int(shape), count, exact)
			}
		}
		if size := shape.Size(); size < 0 || (ok && size != count) {
			t.Fatalf("Size(%v) = %d, NumElements = %d, %v", []int(shape), size, count, ok)
		}
		_ = shape.Strides()
		_ = shape.String() + shape.Dims()

		tooLarge := exact.Cmp(big.NewInt(tensor.MaxElements)) > 0
		if !positive || tooLarge || exact.Int64() <= 1<<16 {
			x, err := tensor.New(shape...)
			switch {
			case positive && !tooLarge:
				if err != nil || len(x.Data) != count || !x.Shape.Equal(shape) {
					t.Fatalf("New(%v) = %v, %v", []int(shape), x, err)
				}
			case !errors.Is(err, tensor.ErrShape):
				t.Fatalf("New(%v) error %v, want ErrShape", []int(shape), err)
			case errors.Is(err, tensor.ErrTooLarge) != (positive && tooLarge):
				t.Fatalf("New(%v) error %v: ErrTooLarge %v, want %v", []int(shape), err, errors.Is(err, tensor.ErrTooLarge), positive && tooLarge)
			}
		}

		m := n % 4097
		if m < 0 {
			m = -m
		}
		data := make([]float32, m)
		x, err := tensor.FromData(shape, data)
		fits := positive && !tooLarge && exact.Int64() == int64(m)
		if (err == nil) != fits {
			t.Fatalf("FromData(%v, %d values) error %v, want success %v", []int(shape), m, err, fits)
		}
		if fits && len(x.Data) != m {
			t.Fatalf("FromData(%v) holds %d values", []int(shape), len(x.Data))
		}
		_ = (&tensor.Tensor{Shape: shape, Data: data}).String()
	})
}
