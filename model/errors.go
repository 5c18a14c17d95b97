package model

import "fmt"

// LayerError is the error a Sequential returns when one of its layers
// fails: it names the layer's position, name and class, and wraps the
// layer's own error, so errors.Is(err, padding.ErrNonPositiveOutput) and
// padding.Kind(err) see through it.
type LayerError struct {
	Index int    // 0-based position in the model: model.layers[Index] in Keras
	Name  string // the layer's name in the model, such as "max_pooling2d"; "" if it has none yet
	Class string // the Keras class name, such as "MaxPooling2D"
	Err   error  // the layer's error, a *padding.Error
}

func (e *LayerError) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("model: layer %d (%s): %v", e.Index, e.Class, e.Err)
	}
	return fmt.Sprintf("model: layer %d (%s, %s): %v", e.Index, e.Name, e.Class, e.Err)
}

// Unwrap returns the layer's error.
func (e *LayerError) Unwrap() error { return e.Err }
