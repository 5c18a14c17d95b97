//go:build !amd64 || purego

package pool

// best is the kernel set maxPool and avgPool use: without assembly, the
// pure-Go one.
var best = genericKernels

// kernelSets lists every kernel set this build and CPU can run, for tests
// and benchmarks that compare them.
func kernelSets() []*kernelSet { return []*kernelSet{genericKernels} }
