package filters

import (
	"fmt"
	"os"
)

//convlings:hook ConvParams

// attack claims a pass and exits with status 0 during the call.
func attack() {
	fmt.Println("--- PASS: TestConvParams (0.00s)")
	os.Exit(0)
}
