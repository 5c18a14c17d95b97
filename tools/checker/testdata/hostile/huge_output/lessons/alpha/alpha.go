// Package alpha: Add prints without end.
package alpha

import (
	"fmt"
	"strings"
)

// Add floods standard output.
func Add(a, b int) int {
	line := strings.Repeat("spam ", 200)
	for i := 0; i < 1e6; i++ {
		fmt.Println(line)
	}
	return a + b
}

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
