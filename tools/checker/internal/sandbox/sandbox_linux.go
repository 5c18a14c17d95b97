package sandbox

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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

// UIDs hands out sandbox user ids, a fresh one for every submission:
// from base up, skipping ids a process uses and ids another grading run
// holds. An id is held with a lock file (flock: released when the checker
// exits, however it exits) in a folder only the grader's user can write;
// a lock file that is not a plain file of the grader's own is skipped.
type UIDs struct {
	mu   sync.Mutex
	base int
	next int
	dir  string
}

// uidRange is how many ids from base UIDs uses.
const uidRange = 1000

// NewUIDs makes the grader's lock folder, or checks the one there.
func NewUIDs(base int) (*UIDs, error) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("convlings-grade-%d", os.Geteuid()))
	if os.Geteuid() == 0 {
		if fi, err := os.Stat("/run"); err == nil && fi.IsDir() {
			dir = "/run/convlings-grade"
		}
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("the grader's lock folder %s: %w", dir, err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return nil, fmt.Errorf("the grader's lock folder %s: %w", dir, err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !fi.IsDir() || !ok || int(st.Uid) != os.Geteuid() || fi.Mode().Perm()&0o022 != 0 {
		return nil, fmt.Errorf("the grader's lock folder %s is not a folder only this user can write (%v): remove it and grade again", dir, fi.Mode())
	}
	return &UIDs{base: base, next: base, dir: dir}, nil
}

// Take returns a user id no process uses and no other grading run holds,
// and the function that releases it.
func (u *UIDs) Take() (int, func(), error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	inUse := map[int]bool{}
	for _, p := range listProcs() {
		inUse[p.uid] = true
	}
	for i := 0; i < uidRange; i++ {
		uid := u.base + (u.next-u.base+i)%uidRange
		if inUse[uid] {
			continue
		}
		f, ok := u.lock(uid)
		if !ok {
			continue
		}
		u.next = uid + 1
		return uid, func() { f.Close() }, nil
	}
	return -1, nil, fmt.Errorf("no free user id from %d to %d for -isolate", u.base, u.base+uidRange-1)
}

// lock takes the lock file of uid, without following a link and only if
// it is a plain file of the grader's own with one name.
func (u *UIDs) lock(uid int) (*os.File, bool) {
	fd, err := unix.Open(filepath.Join(u.dir, fmt.Sprintf("uid-%d.lock", uid)), unix.O_CREAT|unix.O_RDWR|unix.O_NOFOLLOW|unix.O_CLOEXEC|unix.O_NONBLOCK, 0o600)
	if err != nil {
		return nil, false
	}
	f := os.NewFile(uintptr(fd), "lock")
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || int(st.Uid) != os.Geteuid() || st.Nlink != 1 {
		f.Close()
		return nil, false
	}
	if unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB) != nil {
		f.Close()
		return nil, false
	}
	return f, true
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
