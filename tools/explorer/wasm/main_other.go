//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm: build with GOOS=js GOARCH=wasm; `go run ./tools/explorer -o DIR` builds the explorer")
	os.Exit(2)
}
