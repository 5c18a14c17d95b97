// Package alias tells whether two slices share memory, for the layers'
// ForwardInto, which must not write the output over the input it is still
// reading. It follows crypto/internal/alias.
package alias

import "unsafe"

// Overlap reports whether x and y share any element of their backing
// arrays, within their lengths. Empty slices overlap nothing.
func Overlap(x, y []float32) bool {
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	const size = unsafe.Sizeof(float32(0))
	x0, y0 := uintptr(unsafe.Pointer(unsafe.SliceData(x))), uintptr(unsafe.Pointer(unsafe.SliceData(y)))
	x1, y1 := x0+uintptr(len(x))*size, y0+uintptr(len(y))*size
	return x0 < y1 && y0 < x1
}
