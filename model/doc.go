// Package model stacks layers the way Keras's Sequential API does, and holds
// the two core layers the blog's models end with, Flatten and Dense.
//
// The Layer interface is defined here and implemented by the layers of
// packages padding, conv and pool without their importing this package, so
// the dependencies point one way: tensor ← padding ← conv, pool; tensor ← model.
package model
