package convlingsgrade

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// undumpable clears the process's dumpable flag: its /proc/self/mem,
// environ and fd entries then belong to root, so lesson code running as
// any other user cannot open them, and no process of the same user can
// attach to it.
func undumpable() {
	syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_DUMPABLE, 0, 0)
}

const rlimitNPROC = 6 // not in package syscall

// setLimits lowers the process's own resource limits. "as" is a budget
// of address space above what the process already has, since the Go
// runtime reserves much of it at start.
func setLimits(lim map[string]uint64) error {
	resources := map[string]int{
		"as": syscall.RLIMIT_AS, "cpu": syscall.RLIMIT_CPU, "fsize": syscall.RLIMIT_FSIZE,
		"nofile": syscall.RLIMIT_NOFILE, "core": syscall.RLIMIT_CORE, "nproc": rlimitNPROC,
	}
	for name, v := range lim {
		res, ok := resources[name]
		if !ok {
			return fmt.Errorf("unknown limit %q", name)
		}
		if name == "as" {
			size, err := vmSize()
			if err != nil {
				return err
			}
			v += size
		}
		if err := syscall.Setrlimit(res, &syscall.Rlimit{Cur: v, Max: v}); err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
	}
	return nil
}

// vmSize returns the process's virtual memory size in bytes.
func vmSize() (uint64, error) {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return 0, fmt.Errorf("empty /proc/self/statm")
	}
	pages, err := strconv.ParseUint(f[0], 10, 64)
	if err != nil {
		return 0, err
	}
	return pages * uint64(os.Getpagesize()), nil
}
