package pool_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/pool"
	"github.com/convlings/convlings/tensor"
)

// data_format="channels_first" is checked against slowPool, which knows
// only channels_last: the test moves the input to channels-last and the
// reference's result back, index by index, with code that shares nothing
// with the library's transposes. tfjs checks channels_first for 2-D and 3-D
// pooling too (tools/tfjs), but has no channels_first 1-D pooling.

// toLast returns x (N, C, spatial…) moved to (N, spatial…, C).
func toLast(x *tensor.Tensor) *tensor.Tensor {
	s := []int(x.Shape)
	r := len(s) - 2
	ls := append(append([]int{s[0]}, s[2:]...), s[1])
	y := &tensor.Tensor{Shape: tensor.Shape(ls), Data: make([]float32, len(x.Data))}
	li := make([]int, len(s))
	each(s, func(idx []int) {
		li[0], li[r+1] = idx[0], idx[1]
		copy(li[1:r+1], idx[2:])
		y.Data[offset(ls, li)] = x.Data[offset(s, idx)]
	})
	return y
}

// toFirst moves values of shape (N, spatial…, C) to (N, C, spatial…).
func toFirst(shape []int, vals []float64) ([]int, []float64) {
	r := len(shape) - 2
	fs := append([]int{shape[0], shape[r+1]}, shape[1:r+1]...)
	out := make([]float64, len(vals))
	fi := make([]int, len(shape))
	each(shape, func(idx []int) {
		fi[0], fi[1] = idx[0], idx[r+1]
		copy(fi[2:], idx[1:r+1])
		out[offset(fs, fi)] = vals[offset(shape, idx)]
	})
	return fs, out
}

func TestChannelsFirstMatchesSlowReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 14))
	classes := []string{"MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D"}
	n := 300
	if testing.Short() {
		n = 60
	}
	for i := 0; i < n; i++ {
		c := randomPoolCase(rng, classes[i%len(classes)])
		// The drawn shape is channels-last; the layer gets it channels-first.
		r := c.rank()
		cf := append([]int{c.in[0], c.in[r+1]}, c.in[1:r+1]...)
		t.Run(c.name()+"_channels_first", func(t *testing.T) {
			layer, err := constructors[c.class](pool.Config{PoolSize: c.ps, Strides: c.st, Padding: c.padding, DataFormat: "channels_first"})
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			x := &tensor.Tensor{Shape: tensor.Shape(cf), Data: data(tensor.Shape(cf).Size(), c.seed, c.random)}
			st := c.st
			if st == nil {
				st = c.ps
			}
			shape, want, ok := slowPool(toLast(x), c.ps, st, c.padding == "same", c.avg())
			got, err := layer.Forward(x)
			if !ok {
				if !errors.Is(err, padding.ErrNonPositiveOutput) {
					t.Fatalf("Forward: err = %v, want ErrNonPositiveOutput", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Forward: %v", err)
			}
			shape, want = toFirst(shape, want)
			tol := 0.0
			if c.avg() {
				tol = 1e-5
			}
			checkClose(t, "Forward", got, shape, want, tol, x)
			dst := &tensor.Tensor{Shape: got.Shape.Clone(), Data: data(len(got.Data), c.seed+1, true)}
			if err := layer.ForwardInto(dst, x); err != nil {
				t.Fatalf("ForwardInto: %v", err)
			}
			checkClose(t, "ForwardInto", dst, shape, want, tol, x)
			in := tensor.Shape(cf).Clone()
			in[0] = tensor.None
			os, err := layer.OutputShape(in)
			if err != nil {
				t.Fatalf("OutputShape(%s): %v", in, err)
			}
			os[0] = got.Shape[0]
			if !os.Equal(got.Shape) {
				t.Fatalf("OutputShape(%s) = %s, Forward gives %s", in, os, got.Shape)
			}
		})
	}
}

// TestGlobalChannelsFirst holds the channels_first global layers to their
// channels_last twins on the moved input: the values must be identical
// (one reduction serves both), the shapes (N, C) or (N, C, 1, …).
func TestGlobalChannelsFirst(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	for class, newG := range globals {
		for i := 0; i < 10; i++ {
			rank := int(class[len(class)-2] - '0')
			in := []int{1 + rng.IntN(3), 1 + rng.IntN(5)}
			for a := 0; a < rank; a++ {
				in = append(in, 1+rng.IntN(6))
			}
			keep := i%2 == 0
			t.Run(fmt.Sprintf("%s_in%v_keepdims_%v", class, in, keep), func(t *testing.T) {
				g := newG(pool.GlobalConfig{Keepdims: keep, DataFormat: "channels_first"})
				x := &tensor.Tensor{Shape: tensor.Shape(in), Data: data(tensor.Shape(in).Size(), uint64(i), true)}
				y, err := g.Forward(x)
				if err != nil {
					t.Fatal(err)
				}
				want, err := newG(pool.GlobalConfig{}).Forward(toLast(x))
				if err != nil {
					t.Fatal(err)
				}
				wantShape := tensor.Shape{in[0], in[1]}
				if keep {
					for a := 0; a < rank; a++ {
						wantShape = append(wantShape, 1)
					}
				}
				if !y.Shape.Equal(wantShape) || fmt.Sprint(y.Data) != fmt.Sprint(want.Data) {
					t.Fatalf("%s(channels_first) on %v = %s %v, want %s %v", class, in, y.Shape, y.Data, wantShape, want.Data)
				}
				os, err := g.OutputShape(tensor.Shape(in))
				if err != nil || !os.Equal(wantShape) {
					t.Fatalf("OutputShape(%v) = %v, %v; want %s", in, os, err, wantShape)
				}
			})
		}
	}
}

func TestChannelsFirstShapes(t *testing.T) {
	mp2, err := pool.NewMaxPooling2D(pool.Config{PoolSize: []int{2}, DataFormat: "Channels_First"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		l    interface {
			OutputShape(tensor.Shape) (tensor.Shape, error)
		}
		in   tensor.Shape
		want string
	}{
		// keras-semantics.md §14.
		{"maxpooling2d", mp2, tensor.Shape{tensor.None, 16, 30, 30}, "(None, 16, 15, 15)"},
		{"maxpooling2d_unknown_height", mp2, tensor.Shape{tensor.None, 16, tensor.None, 30}, "(None, 16, None, 15)"},
		{"global_max_2d", pool.NewGlobalMaxPooling2D(pool.GlobalConfig{DataFormat: "channels_first"}), tensor.Shape{tensor.None, 16, 30, 30}, "(None, 16)"},
		{"global_max_2d_keepdims", pool.NewGlobalMaxPooling2D(pool.GlobalConfig{DataFormat: "channels_first", Keepdims: true}), tensor.Shape{tensor.None, 16, 30, 30}, "(None, 16, 1, 1)"},
		{"global_avg_3d_keepdims_last", pool.NewGlobalAveragePooling3D(pool.GlobalConfig{DataFormat: "channels_last", Keepdims: true}), tensor.Shape{tensor.None, 4, 5, 6, 7}, "(None, 1, 1, 1, 7)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.l.OutputShape(c.in)
			if err != nil || got.String() != c.want {
				t.Errorf("OutputShape(%s) = %v, %v; want %s", c.in, got, err, c.want)
			}
		})
	}
}

func TestChannelsFirstForwardIntoAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	layer, err := pool.NewAveragePooling2D(pool.Config{PoolSize: []int{2}, Padding: "same", DataFormat: "channels_first"})
	if err != nil {
		t.Fatal(err)
	}
	x := &tensor.Tensor{Shape: tensor.Shape{2, 3, 5, 5}, Data: data(150, 1, true)}
	dst := &tensor.Tensor{Shape: tensor.Shape{2, 3, 3, 3}, Data: make([]float32, 54)}
	if allocs := testing.AllocsPerRun(20, func() {
		if err := layer.ForwardInto(dst, x); err != nil {
			t.Fatal(err)
		}
	}); allocs != 0 {
		t.Errorf("ForwardInto allocates %v times per call, want 0", allocs)
	}
}

func TestOptionErrors(t *testing.T) {
	x := &tensor.Tensor{Shape: tensor.Shape{1, 3, 4, 4}, Data: make([]float32, 48)}
	for _, c := range []struct {
		name  string
		run   func() error
		kind  error
		words []string
	}{
		{"data_format_bad", func() error {
			_, err := pool.NewMaxPooling2D(pool.Config{DataFormat: "NCHW"})
			return err
		}, padding.ErrNonPositiveArgument, []string{"MaxPooling2D", "data_format", `"NCHW"`, "channels_first"}},
		{"data_format_bad_average", func() error {
			_, err := pool.NewAveragePooling1D(pool.Config{PoolSize: []int{2}, DataFormat: "channels_middle"})
			return err
		}, padding.ErrNonPositiveArgument, []string{"AveragePooling1D", "data_format", `"channels_middle"`}},
		{"causal_pooling", func() error {
			_, err := pool.NewMaxPooling1D(pool.Config{Padding: "causal"})
			return err
		}, padding.ErrInvalidPaddingMode, []string{"MaxPooling1D", "padding", `"causal"`}},
		{"global_data_format_bad_output_shape", func() error {
			_, err := pool.NewGlobalMaxPooling2D(pool.GlobalConfig{DataFormat: "channels"}).OutputShape(tensor.Shape{1, 3, 4, 4})
			return err
		}, padding.ErrNonPositiveArgument, []string{"GlobalMaxPooling2D", "data_format", `"channels"`}},
		{"global_data_format_bad_forward", func() error {
			_, err := pool.NewGlobalAveragePooling2D(pool.GlobalConfig{DataFormat: "channels"}).Forward(x)
			return err
		}, padding.ErrNonPositiveArgument, []string{"GlobalAveragePooling2D", "data_format"}},
		{"channels_first_valid_output_zero", func() error {
			p, err := pool.NewMaxPooling2D(pool.Config{PoolSize: []int{5}, DataFormat: "channels_first"})
			if err != nil {
				return err
			}
			_, err = p.Forward(x)
			return err
		}, padding.ErrNonPositiveOutput, []string{"MaxPooling2D", "(1, 3, 4, 4)"}},
		{"channels_first_rank", func() error {
			p, err := pool.NewMaxPooling2D(pool.Config{DataFormat: "channels_first"})
			if err != nil {
				return err
			}
			_, err = p.OutputShape(tensor.Shape{1, 3, 4})
			return err
		}, padding.ErrInputRank, []string{"MaxPooling2D", "(1, 3, 4)"}},
		{"global_channels_first_rank", func() error {
			_, err := pool.NewGlobalMaxPooling1D(pool.GlobalConfig{DataFormat: "channels_first"}).Forward(x)
			return err
		}, padding.ErrInputRank, []string{"GlobalMaxPooling1D", "(1, 3, 4, 4)"}},
		{"global_channels_first_data_short", func() error {
			_, err := pool.NewGlobalMaxPooling2D(pool.GlobalConfig{DataFormat: "channels_first"}).Forward(&tensor.Tensor{Shape: tensor.Shape{1, 3, 4, 4}, Data: make([]float32, 47)})
			return err
		}, padding.ErrInvalidArgumentShape, []string{"GlobalMaxPooling2D", "47"}},
		{"channels_first_forward_into_wrong_dst", func() error {
			p, err := pool.NewMaxPooling2D(pool.Config{DataFormat: "channels_first"})
			if err != nil {
				return err
			}
			// (1, 2, 2, 3) is the channels_last order of the (1, 3, 2, 2) output.
			return p.ForwardInto(&tensor.Tensor{Shape: tensor.Shape{1, 2, 2, 3}, Data: make([]float32, 12)}, x)
		}, padding.ErrInvalidArgumentShape, []string{"dst", "(1, 2, 2, 3)", "(1, 3, 2, 2)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			if !errors.Is(err, c.kind) {
				t.Fatalf("err = %v, want kind %v", err, c.kind)
			}
			var pe *padding.Error
			if !errors.As(err, &pe) {
				t.Errorf("err = %T, want a *padding.Error", err)
			}
			for _, w := range c.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not name %q", err, w)
				}
			}
		})
	}
}
