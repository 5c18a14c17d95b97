// Package alpha is wrong, and tries to have its golden cases skipped:
// without the flag package, it rewrites os.Args through an alias before
// the test binary parses its flags, so that -test.skip names every case of
// TestAdd and TestMul (a test whose cases are all skipped passes).
package alpha

import (
	"os"
	"strings"
)

func init() {
	args := os.Args
	for i, a := range args {
		if strings.HasPrefix(a, "-test.count=") {
			args[i] = "-test.skip=^TestConvlingsGrade$/^(TestAdd|TestMul)$/."
		}
	}
}

// Add is wrong.
func Add(a, b int) int { return a - b }

// Mul is wrong.
func Mul(a, b int) int { return a + b }
