package model

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/convlings/convlings/padding"
	"github.com/convlings/convlings/tensor"
)

// Sequential is a stack of layers, each fed by the one before, as Keras's
// Sequential model with an input shape. Make one with NewSequential and add
// layers with Add, which computes each layer's output shape at once, as
// Keras builds a layer when it is added.
type Sequential struct {
	input  tensor.Shape // with the batch axis, None
	layers []Layer
	names  []string
	shapes []tensor.Shape
	params []int
	used   map[string]int // layer names handed out per snake_case class name
}

// NewSequential returns an empty model for inputs of the given shape,
// without the batch axis, as Keras's input_shape: NewSequential(10, 10, 3)
// takes N×10×10×3 tensors. tensor.None marks an unknown axis. The shape is
// checked when the first layer is added.
func NewSequential(inputShape ...int) *Sequential {
	in := append(tensor.Shape{tensor.None}, inputShape...)
	return &Sequential{input: in, used: map[string]int{}}
}

// Add appends layer to the model and computes its output shape from the
// previous layer's, or the model's input shape for the first layer. On
// error the model is unchanged, and the error is a *LayerError that names
// the index the layer would have had and its class, and wraps the layer's
// *padding.Error: ErrMissingArgument for a nil layer, including a typed nil
// such as the *conv.Conv a failed constructor returns (so that
// `c, _ := conv.NewConv2D(bad); m.Add(c)` reports the missing layer instead
// of panicking); ErrInvalidArgumentShape for an input shape with a
// dimension that is 0, negative other than None, or above padding.MaxArg;
// ErrTooLarge when the model's total parameter count would not fit in an
// int; and whatever the layer's OutputShape returns.
func (m *Sequential) Add(layer Layer) error {
	i := len(m.layers)
	if isNil(layer) {
		return &LayerError{Index: i, Name: "None", Class: "None", Err: &padding.Error{Pkg: "model", Layer: "Sequential",
			Arg: "layer", Value: "nil", Kind: padding.ErrMissingArgument, Detail: "a layer is required"}}
	}
	class := layer.Class()
	name := snakeCase(class)
	if k := m.used[name]; k > 0 {
		name += "_" + strconv.Itoa(k)
	}
	fail := func(err error) error { return &LayerError{Index: i, Name: name, Class: class, Err: err} }
	in := m.input
	if i > 0 {
		in = m.shapes[i-1]
	} else if err := padding.CheckShape("model", "Sequential", in); err != nil {
		return fail(err)
	}
	out, err := layer.OutputShape(in)
	if err != nil {
		return fail(err)
	}
	params := layer.ParamCount(in)
	if params < 0 || params > math.MaxInt-m.TotalParams() {
		return fail(&padding.Error{Pkg: "model", Layer: class, Arg: "inputs", Value: "shape " + in.String(),
			Kind:   padding.ErrTooLarge,
			Detail: fmt.Sprintf("the model's parameter count, %d plus %d, does not fit in an int", m.TotalParams(), params)})
	}
	m.used[snakeCase(class)]++
	m.layers = append(m.layers, layer)
	m.names = append(m.names, name)
	m.shapes = append(m.shapes, out)
	m.params = append(m.params, params)
	return nil
}

// isNil reports whether l is nil or holds a nil pointer, such as the
// (*conv.Conv)(nil) that a failed constructor returns.
func isNil(l Layer) bool {
	if l == nil {
		return true
	}
	v := reflect.ValueOf(l)
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return v.IsNil()
	}
	return false
}

var (
	snake1 = regexp.MustCompile(`(.)([A-Z][a-z]+)`)
	snake2 = regexp.MustCompile(`([a-z])([A-Z])`)
)

// snakeCase is Keras's to_snake_case for class names: Conv2D → conv2d,
// MaxPooling2D → max_pooling2d, GlobalMaxPooling2D → global_max_pooling2d.
func snakeCase(class string) string {
	s := snake1.ReplaceAllString(class, "${1}_${2}")
	return strings.ToLower(snake2.ReplaceAllString(s, "${1}_${2}"))
}

// InputShape returns the model's input shape with the batch axis, None:
// (None, 10, 10, 3).
func (m *Sequential) InputShape() tensor.Shape { return m.input.Clone() }

// Len returns the number of layers.
func (m *Sequential) Len() int { return len(m.layers) }

// Layers returns the layers in order. The slice is a copy.
func (m *Sequential) Layers() []Layer { return append([]Layer(nil), m.layers...) }

// Names returns the layers' names as Keras gives them within one model:
// the snake_case class name, with _1, _2, … for later layers of the same
// class ("conv2d", "conv2d_1").
func (m *Sequential) Names() []string { return append([]string(nil), m.names...) }

// OutputShapes returns each layer's output shape, with the batch axis.
func (m *Sequential) OutputShapes() []tensor.Shape {
	out := make([]tensor.Shape, len(m.shapes))
	for i, s := range m.shapes {
		out[i] = s.Clone()
	}
	return out
}

// ParamCounts returns each layer's number of weights.
func (m *Sequential) ParamCounts() []int { return append([]int(nil), m.params...) }

// TotalParams returns the number of weights of the whole model. Add keeps
// it inside the int range.
func (m *Sequential) TotalParams() int {
	n := 0
	for _, p := range m.params {
		n += p
	}
	return n
}

// Output returns the model's output shape, with the batch axis: the last
// layer's output shape, or the input shape of an empty model.
func (m *Sequential) Output() tensor.Shape {
	if len(m.shapes) == 0 {
		return m.InputShape()
	}
	return m.shapes[len(m.shapes)-1].Clone()
}

// OutputShape returns the model's output shape as Keras prints
// model.output_shape: "(None, 8, 8, 10)".
func (m *Sequential) OutputShape() string { return m.Output().String() }

// Forward runs x, of shape N×(input shape), through every layer in turn and
// returns the last layer's output (x itself for an empty model). It returns
// a *padding.Error of kind padding.ErrInputRank or ErrInvalidArgumentShape
// when x does not fit the input shape, and a *LayerError wrapping the
// layer's error when a layer fails.
func (m *Sequential) Forward(x *tensor.Tensor) (*tensor.Tensor, error) {
	if err := padding.CheckTensor("model", "Sequential", "inputs", x); err != nil {
		return nil, err
	}
	if len(x.Shape) != len(m.input) {
		return nil, &padding.Error{Pkg: "model", Layer: "Sequential", Arg: "inputs", Value: "shape " + x.Shape.String(),
			Kind: padding.ErrInputRank, Detail: fmt.Sprintf("expected ndim=%d, input_shape=%s", len(m.input), m.input)}
	}
	for i := 1; i < len(x.Shape); i++ {
		if m.input[i] >= 0 && x.Shape[i] != m.input[i] {
			return nil, &padding.Error{Pkg: "model", Layer: "Sequential", Arg: "inputs", Value: "shape " + x.Shape.String(),
				Kind: padding.ErrInvalidArgumentShape, Detail: "expected shape " + m.input.String()}
		}
	}
	for i, l := range m.layers {
		y, err := l.Forward(x)
		if err != nil {
			return nil, &LayerError{Index: i, Name: m.names[i], Class: l.Class(), Err: err}
		}
		x = y
	}
	return x, nil
}
