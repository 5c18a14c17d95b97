// Package alpha: Add never returns.
package alpha

// Add loops forever.
func Add(a, b int) int {
	n := 0
	for {
		n++
	}
}

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
