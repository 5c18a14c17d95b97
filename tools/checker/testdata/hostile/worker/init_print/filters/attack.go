package filters

import (
	"fmt"
	"strings"
)

// Prints without end before the first call.
func init() {
	line := strings.Repeat("spam ", 200)
	for {
		fmt.Println(line)
	}
}
