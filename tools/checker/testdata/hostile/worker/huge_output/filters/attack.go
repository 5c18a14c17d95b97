package filters

import (
	"fmt"
	"strings"
)

//convlings:hook Conv2DStrided

// attack prints 16 MiB in every call.
func attack() {
	line := strings.Repeat("flood ", 1000) + "\n"
	for i := 0; i < 16<<20/len(line); i++ {
		fmt.Print(line)
	}
}
