package sandbox

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/proc"
	"golang.org/x/sys/unix"
)

// sandboxSupported reports whether grading can isolate lesson code here.
const Supported = true

// BecomeSubreaper makes the checker the parent of every orphaned
// descendant, so ReapOrphans can find processes that lesson code detached,
// and makes the checker undumpable, so that lesson code running as the same
// user cannot read the harness keys from the checker's memory.
func BecomeSubreaper() error {
	if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("prctl(PR_SET_CHILD_SUBREAPER): %w", err)
	}
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0); err != nil {
		return fmt.Errorf("prctl(PR_SET_DUMPABLE): %w", err)
	}
	return nil
}

// ReserveUIDs finds n user ids from base up that no other grading run
// holds and that no process uses, and holds them with a lock file each
// (flock: released when the checker exits, however it exits).
func ReserveUIDs(base, n int) ([]int, func(), error) {
	inUse := map[int]bool{}
	for _, p := range listProcs() {
		inUse[p.uid] = true
	}
	var uids []int
	var locks []*os.File
	release := func() {
		for _, f := range locks {
			f.Close()
		}
	}
	for uid := base; uid < base+1000 && len(uids) < n; uid++ {
		if inUse[uid] {
			continue
		}
		f, err := os.OpenFile(filepath.Join(os.TempDir(), fmt.Sprintf("convlings-uid-%d.lock", uid)), os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			release()
			return nil, nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			continue
		}
		locks = append(locks, f)
		uids = append(uids, uid)
	}
	if len(uids) < n {
		release()
		return nil, nil, fmt.Errorf("no %d free user ids from %d to %d for -isolate", n, base, base+999)
	}
	return uids, release, nil
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

// KillUser kills every process of the sandbox user uid, over and over
// until none is left (a process may fork while the last pass ran).
func KillUser(uid int) {
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
		ReapOrphans()
		time.Sleep(time.Duration(pass+1) * time.Millisecond)
	}
}

// ReapOrphans kills and waits for every child of the checker that it did
// not start: processes that lesson code detached, which the kernel handed
// to the checker as their subreaper when their parent died.
func ReapOrphans() {
	proc.Locked(func(tracked func(int) bool) {
		self := os.Getpid()
		for _, p := range listProcs() {
			if p.ppid != self || tracked(p.pid) {
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
	})
}
