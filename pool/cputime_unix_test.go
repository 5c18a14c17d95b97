//go:build unix

package pool

import "syscall"

// cpuTime returns the CPU time, user and system, that the process has used
// so far in nanoseconds, or 0 where it cannot tell.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
