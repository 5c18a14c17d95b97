package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// sandboxSupported reports whether grading can isolate lesson code here.
const sandboxSupported = true

// becomeSubreaper makes the checker the parent of every orphaned
// descendant, so reapOrphans can find processes that lesson code detached,
// and makes the checker undumpable, so that lesson code running as the same
// user cannot read the harness keys from the checker's memory.
func becomeSubreaper() error {
	if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("prctl(PR_SET_CHILD_SUBREAPER): %v", err)
	}
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0); err != nil {
		return fmt.Errorf("prctl(PR_SET_DUMPABLE): %v", err)
	}
	return nil
}

// setLimits sets the resource limits of a running process (it waits in
// the harness's init for its key, so no lesson code has run yet).
func setLimits(pid int, lim limits) error {
	set := func(res int, v uint64) error {
		return unix.Prlimit(pid, res, &unix.Rlimit{Cur: v, Max: v}, nil)
	}
	var errs []string
	try := func(name string, err error) {
		if err != nil {
			errs = append(errs, name+": "+err.Error())
		}
	}
	if lim.memMiB > 0 {
		// The Go runtime reserves a lot of address space at start; allow
		// that plus the budget.
		if vsz, err := vmSize(pid); err != nil {
			try("RLIMIT_AS", err)
		} else {
			try("RLIMIT_AS", set(unix.RLIMIT_AS, vsz+uint64(lim.memMiB)<<20))
		}
	}
	if lim.cpu > 0 {
		try("RLIMIT_CPU", set(unix.RLIMIT_CPU, uint64(lim.cpu/time.Second)+1))
	}
	try("RLIMIT_FSIZE", set(unix.RLIMIT_FSIZE, 16<<20))
	try("RLIMIT_NOFILE", set(unix.RLIMIT_NOFILE, 256))
	try("RLIMIT_CORE", set(unix.RLIMIT_CORE, 0))
	if lim.uid >= 0 {
		// Counts every process and thread of the sandbox user, so it only
		// makes sense with a user of its own.
		try("RLIMIT_NPROC", set(unix.RLIMIT_NPROC, 128))
	}
	if errs != nil {
		return fmt.Errorf("setting limits: %s", strings.Join(errs, "; "))
	}
	return nil
}

// vmSize returns the virtual memory size of pid in bytes.
func vmSize(pid int) (uint64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/statm", pid))
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return 0, fmt.Errorf("/proc/%d/statm is empty", pid)
	}
	pages, err := strconv.ParseUint(f[0], 10, 64)
	if err != nil {
		return 0, err
	}
	return pages * uint64(os.Getpagesize()), nil
}

// procEntry is what killUser and reapOrphans need of a process.
type procEntry struct {
	pid, ppid, uid int
	zombie         bool
}

// listProcs reads /proc.
func listProcs() []procEntry {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	var ps []procEntry
	for _, d := range dirs {
		pid, err := strconv.Atoi(filepath.Base(d))
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(d + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		e := procEntry{pid: pid, ppid: ppid, uid: -1, zombie: f[0] == "Z"}
		// The owner of /proc/<pid> is root for undumpable processes: read
		// the real user id from status instead.
		if status, err := os.ReadFile(d + "/status"); err == nil {
			for _, line := range strings.Split(string(status), "\n") {
				if rest, ok := strings.CutPrefix(line, "Uid:"); ok {
					if f := strings.Fields(rest); len(f) > 0 {
						e.uid, _ = strconv.Atoi(f[0])
					}
					break
				}
			}
		}
		ps = append(ps, e)
	}
	return ps
}

// killUser kills every process of the sandbox user uid, over and over
// until none is left (a process may fork while the last pass ran).
func killUser(uid int) {
	for pass := 0; pass < 50; pass++ {
		found := false
		for _, p := range listProcs() {
			if p.uid == uid && !p.zombie {
				syscall.Kill(p.pid, syscall.SIGKILL)
				found = true
			}
		}
		if !found {
			return
		}
		reapOrphans()
		time.Sleep(time.Duration(pass+1) * time.Millisecond)
	}
}

// reapOrphans kills and waits for every child of the checker that it did
// not start: processes that lesson code detached, which the kernel handed
// to the checker as their subreaper when their parent died.
func reapOrphans() {
	procs.mu.Lock()
	defer procs.mu.Unlock()
	self := os.Getpid()
	for _, p := range listProcs() {
		if p.ppid != self || procs.tracked(p.pid) {
			continue
		}
		syscall.Kill(p.pid, syscall.SIGKILL)
		for i := 0; i < 100; i++ {
			var ws syscall.WaitStatus
			if n, err := syscall.Wait4(p.pid, &ws, syscall.WNOHANG, nil); n == p.pid || err != nil {
				break
			}
			time.Sleep(time.Millisecond)
		}
	}
}
