// Package model stacks layers the way Keras's Sequential API does, and holds
// the two core layers the blog's models end with, Flatten and Dense.
//
// A Sequential starts from an input shape without the batch axis, as
// Keras's input_shape, and computes each layer's output shape as the layer
// is added, as Keras builds it. OutputShape prints the result as Keras
// prints model.output_shape, "(None, 8, 8, 10)", and Summary prints
// model.summary()'s table and parameter counts with Keras's cell contents.
//
// The Layer interface is defined here and implemented by the layers of
// packages padding, conv and pool without their importing this package, so
// the dependencies point one way: tensor ← padding ← conv, pool; tensor ← model.
//
// Errors are *padding.Error values that wrap one of the padding.Err* kinds;
// a Sequential wraps a failing layer's error in a *LayerError that names
// the layer's index and class.
package model
