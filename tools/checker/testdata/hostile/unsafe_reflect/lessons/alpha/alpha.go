// Package alpha reaches into memory.
package alpha

import (
	"reflect"
	"unsafe"
)

var _ = reflect.TypeOf(0)
var _ = unsafe.Sizeof(0)

// Add returns a + b.
func Add(a, b int) int { return a + b }

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
