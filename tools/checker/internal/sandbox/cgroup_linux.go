package sandbox

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// Where the machine offers cgroup v2 with the memory and pids controllers
// (a unified hierarchy at /sys/fs/cgroup, or the hybrid one's
// /sys/fs/cgroup/unified), each run in namespaces starts inside a cgroup of
// its own (clone3's CLONE_INTO_CGROUP, through SysProcAttr.CgroupFD), with
// memory.max, memory.swap.max and pids.max: limits that count every
// process of the run, tmpfs pages included, which rlimits cannot. Where it
// does not, the rlimits the harness sets (address space, processes of the
// user) are the fallback.

var (
	cgOnce sync.Once
	cgBase string // the grader's cgroup folder for runs; "" without cgroup v2 controllers
	cgSeq  atomic.Int64
)

// cgroupBase finds or makes /sys/fs/cgroup[/unified]/convlings-grade with
// the memory and pids controllers enabled for its children, once.
func cgroupBase() string {
	cgOnce.Do(func() {
		if os.Geteuid() != 0 {
			return
		}
		for _, root := range []string{"/sys/fs/cgroup", "/sys/fs/cgroup/unified"} {
			var st unix.Statfs_t
			if unix.Statfs(root, &st) != nil || st.Type != unix.CGROUP2_SUPER_MAGIC {
				continue
			}
			if !hasControllers(filepath.Join(root, "cgroup.controllers")) {
				continue
			}
			// The root cgroup may hold processes and enable controllers for
			// its children; so may a child that holds none.
			if os.WriteFile(filepath.Join(root, "cgroup.subtree_control"), []byte("+memory +pids"), 0) != nil {
				continue
			}
			base := filepath.Join(root, "convlings-grade")
			if err := os.Mkdir(base, 0o755); err != nil && !os.IsExist(err) {
				continue
			}
			if os.WriteFile(filepath.Join(base, "cgroup.subtree_control"), []byte("+memory +pids"), 0) != nil {
				continue
			}
			cgBase = base
			return
		}
	})
	return cgBase
}

func hasControllers(file string) bool {
	data, err := os.ReadFile(file)
	if err != nil {
		return false
	}
	f := strings.Fields(string(data))
	return slices.Contains(f, "memory") && slices.Contains(f, "pids")
}

// runCgroup makes a cgroup for one run with its limits and returns an open
// descriptor of it (for SysProcAttr.CgroupFD) and the function that
// removes it after the run; fd -1 when cgroups are not available.
func runCgroup(memMiB, pids int) (fd int, remove func()) {
	base := cgroupBase()
	if base == "" {
		return -1, func() {}
	}
	dir := filepath.Join(base, fmt.Sprintf("run-%d-%d", os.Getpid(), cgSeq.Add(1)))
	if err := os.Mkdir(dir, 0o755); err != nil {
		return -1, func() {}
	}
	drop := func() { unix.Rmdir(dir) }
	if memMiB > 0 {
		// The harness's own address-space limit stays; this one also
		// counts the run's tmpfs pages and every process of the run.
		mem := fmt.Sprint((int64(memMiB) + 256) << 20)
		if os.WriteFile(filepath.Join(dir, "memory.max"), []byte(mem), 0) != nil {
			drop()
			return -1, func() {}
		}
		os.WriteFile(filepath.Join(dir, "memory.swap.max"), []byte("0"), 0)
	}
	if pids > 0 {
		if os.WriteFile(filepath.Join(dir, "pids.max"), []byte(fmt.Sprint(pids)), 0) != nil {
			drop()
			return -1, func() {}
		}
	}
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		drop()
		return -1, func() {}
	}
	return fd, func() {
		unix.Close(fd)
		drop()
	}
}

// intoCgroup has cmd start in a cgroup of its own where cgroups are
// available, and returns what removes it after the run.
func intoCgroup(cmd *exec.Cmd, memMiB, pids int) func() {
	fd, remove := runCgroup(memMiB, pids)
	if fd >= 0 {
		cmd.SysProcAttr.UseCgroupFD, cmd.SysProcAttr.CgroupFD = true, fd
	}
	return remove
}
