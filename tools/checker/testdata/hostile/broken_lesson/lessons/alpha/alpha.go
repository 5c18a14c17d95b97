// Package alpha does not compile.
package alpha

// Add returns a string where an int is due.
func Add(a, b int) int { return "a + b" }

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
