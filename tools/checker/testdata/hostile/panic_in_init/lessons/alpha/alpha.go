// Package alpha: correct, but its init panics.
package alpha

func init() { panic("boom in init") }

// Add returns a + b.
func Add(a, b int) int { return a + b }

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
