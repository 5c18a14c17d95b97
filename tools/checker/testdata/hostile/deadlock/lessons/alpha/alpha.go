// Package alpha: Add locks a mutex twice.
package alpha

import "sync"

// Add deadlocks.
func Add(a, b int) int {
	var mu sync.Mutex
	mu.Lock()
	mu.Lock()
	return a + b
}

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
