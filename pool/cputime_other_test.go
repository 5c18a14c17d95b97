//go:build !unix

package pool

// cpuTime returns 0: this system has no getrusage.
func cpuTime() int64 { return 0 }
