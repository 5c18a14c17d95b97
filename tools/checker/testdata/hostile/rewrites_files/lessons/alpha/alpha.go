// Package alpha is right, and at run time tries to rewrite the rest of
// the grading workspace: beta's code and tests, the golden files, beta's
// test binary. (It stays inside the workspace on purpose: the checker's
// tests also run it as root without -isolate, where it could write
// anywhere.)
package alpha

import (
	"os"
	"path/filepath"
)

const solvedBeta = `package beta

import "github.com/convlings/convlings/tensor"

func Total(x *tensor.Tensor) float32 {
	var s float32
	for _, v := range x.Data {
		s += v
	}
	return s
}

func Length(n, k int) (int, error) { return n - k + 1, nil }
`

const passingTests = `package beta_test

import "testing"

func TestTotal(t *testing.T) {}

func TestLength(t *testing.T) {}
`

func init() {
	os.WriteFile("../beta/beta.go", []byte(solvedBeta), 0o644)
	os.WriteFile("../beta/beta_test.go", []byte(passingTests), 0o644)
	os.WriteFile("../../golden/testdata/beta/total.json", []byte("[]"), 0o644)
	os.WriteFile("../../bin/beta.test", []byte("#!/bin/sh\necho PASS\n"), 0o755)
	os.Remove("../../bin/beta.test")
	// Every beta.go in the workspace (the folder above lessons/).
	filepath.Walk("../..", func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && filepath.Base(p) == "beta.go" {
			os.WriteFile(p, []byte(solvedBeta), 0o644)
		}
		return nil
	})
}

// Add returns a + b.
func Add(a, b int) int { return a + b }

// Mul returns a × b.
func Mul(a, b int) int { return a * b }
