// Package alpha is the fake kit's first lesson.
package alpha

type todo string

func (todo) NotImplemented() {}

// Add returns a + b.
func Add(a, b int) int {
	panic(todo("Add"))
}

// Mul returns a × b.
func Mul(a, b int) int {
	panic(todo("Mul"))
}
