// Hello is the smallest stand-in for a test binary: it prints and exits,
// so that BenchmarkRun measures what the sandbox itself costs.
package main

import "fmt"

func main() { fmt.Println("hello") }
