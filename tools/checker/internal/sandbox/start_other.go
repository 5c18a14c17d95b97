//go:build !linux

package sandbox

// setLimits does nothing here: prlimit is Linux only.
func setLimits(pid int, lim Limits, memAndProcs bool) error { return nil }
