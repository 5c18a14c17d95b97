// Package alpha: Add panics on another goroutine, which no test can
// recover: the whole test process dies.
package alpha

import "time"

// Add panics where no one recovers.
func Add(a, b int) int {
	go func() { panic("unrecoverable in a goroutine") }()
	time.Sleep(time.Second)
	return a + b
}

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
