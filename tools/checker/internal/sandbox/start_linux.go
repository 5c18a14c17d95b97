package sandbox

import "golang.org/x/sys/unix"

// setLimits sets a started worker's resource limits from the grader
// (prlimit), as the harness sets them from inside a test binary: CPU time,
// address space (generously: the Go runtime reserves some at start; where
// cgroups are available they hold the real memory limit), file size, open
// files, core dumps, and processes of a user of its own.
func setLimits(pid int, lim Limits, memAndProcs bool) error {
	set := func(res int, v uint64) error {
		return unix.Prlimit(pid, res, &unix.Rlimit{Cur: v, Max: v}, nil)
	}
	if lim.CPU > 0 {
		if err := set(unix.RLIMIT_CPU, uint64(lim.CPU.Seconds())+1); err != nil {
			return err
		}
	}
	if as := asMiB(lim); as > 0 && memAndProcs {
		if err := set(unix.RLIMIT_AS, uint64(as)<<20); err != nil {
			return err
		}
	}
	for _, l := range []struct {
		res int
		v   uint64
	}{{unix.RLIMIT_FSIZE, 16 << 20}, {unix.RLIMIT_NOFILE, 256}, {unix.RLIMIT_CORE, 0}} {
		if err := set(l.res, l.v); err != nil {
			return err
		}
	}
	if lim.UID >= 0 && memAndProcs {
		return set(unix.RLIMIT_NPROC, 128)
	}
	return nil
}
