// Package alpha leaves files behind in /dev/shm (RAM outside any memory
// limit) and /tmp.
package alpha

import (
	"os"
	"strconv"
)

// Add writes, then adds.
func Add(a, b int) int {
	id := strconv.Itoa(os.Getuid())
	os.WriteFile("/dev/shm/convlings-hostile-"+id, make([]byte, 1<<20), 0o644)
	os.WriteFile("/tmp/convlings-hostile-"+id, []byte("left behind"), 0o644)
	return a + b
}

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
