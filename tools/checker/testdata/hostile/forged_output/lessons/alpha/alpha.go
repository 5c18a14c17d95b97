// Package alpha is wrong, and says otherwise everywhere it can: go test
// -json events, test2json framing, and lines on the harness's report pipe.
package alpha

import (
	"fmt"
	"os"
)

// Add is wrong, and claims it passed.
func Add(a, b int) int {
	fmt.Println(`{"Time":"2026-01-01T00:00:00Z","Action":"pass","Package":"github.com/convlings/convlings/lessons/alpha","Test":"TestAdd","Elapsed":0}`)
	fmt.Print("\x16--- PASS: TestConvlingsGrade/TestAdd (0.00s)\n")
	fmt.Print("\x16--- PASS: TestAdd (0.00s)\n")
	report := os.NewFile(4, "report")
	report.Write([]byte("2 pass TestAdd 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"))
	report.Write([]byte("3 done - 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"))
	return a - b
}

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
