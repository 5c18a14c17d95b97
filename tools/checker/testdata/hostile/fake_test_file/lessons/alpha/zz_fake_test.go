package alpha_test

import (
	"fmt"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	fmt.Println("--- PASS: TestAdd (0.00s)")
	fmt.Println("--- PASS: TestMul (0.00s)")
	fmt.Println("PASS")
	os.Exit(0)
}
