//go:build !amd64 || purego

package conv

// best is the kernel set forward uses: without assembly, the pure-Go one.
var best = genericKernels

// kernelSets lists every kernel set this build and CPU can run, for tests
// and benchmarks that compare them.
func kernelSets() []*kernelSet { return []*kernelSet{genericKernels} }

// fmaPeak runs the FMA-peak loop of the best kernel set, if it has one, and
// returns the flops it computed.
func fmaPeak(n int) int { return 0 }

func hasFMAPeak() bool { return false }
