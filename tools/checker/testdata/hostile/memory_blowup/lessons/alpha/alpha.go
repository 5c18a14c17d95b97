// Package alpha: Add allocates until it cannot.
package alpha

var hoard [][]byte

// Add allocates and touches memory forever.
func Add(a, b int) int {
	for {
		b := make([]byte, 64<<20)
		for i := range b {
			b[i] = 1
		}
		hoard = append(hoard, b)
	}
}

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
