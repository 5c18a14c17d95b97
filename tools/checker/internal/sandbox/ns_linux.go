package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/convlings/convlings/tools/checker/internal/proc"
	"golang.org/x/sys/unix"
)

// initEnv names the environment variable that turns a process of the
// checker (any binary that links this package) into the sandbox's init: it
// is started by Run in new namespaces, sets them up as root, drops to the
// sandbox user and executes the test binary, which becomes process 1 of
// its PID namespace. When process 1 ends, the kernel kills every process
// left in the namespace: nothing a run starts outlives it.
const initEnv = "CONVLINGS_SANDBOX_INIT"

// nsConfig is what the init needs; it holds nothing secret.
type nsConfig struct {
	Probe      bool     `json:"probe,omitempty"` // set everything up, then exit 0
	Bin        string   `json:"bin"`
	Args       []string `json:"args"`
	Env        []string `json:"env"`
	Dir        string   `json:"dir"`
	UID        int      `json:"uid"`
	Scratch    string   `json:"scratch"` // a private tmpfs here, the only place lesson code can write
	ScratchMiB int      `json:"scratch_mib"`
	ShmMiB     int      `json:"shm_mib"`
	NProc      int      `json:"nproc"`
}

func init() {
	cfg := os.Getenv(initEnv)
	if cfg == "" {
		return
	}
	err := nsInit(cfg)
	fmt.Fprintf(os.Stderr, "checker: sandbox init: %v\n", err)
	os.Exit(125)
}

// nsInit runs in the new namespaces, as root. It returns only on failure.
func nsInit(raw string) error {
	var c nsConfig
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return err
	}
	// Nothing of this mount namespace reaches the host's.
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("making mounts private: %w", err)
	}
	// Everything read-only: the kit, the build tree, -out, the host's /tmp.
	attr := &unix.MountAttr{Attr_set: unix.MOUNT_ATTR_RDONLY | unix.MOUNT_ATTR_NOSUID | unix.MOUNT_ATTR_NODEV}
	if err := unix.MountSetattr(-1, "/", unix.AT_RECURSIVE, attr); err != nil {
		return fmt.Errorf("making the file system read-only: %w", err)
	}
	// A /proc of this PID namespace: the grader's processes are not in it.
	if err := unix.Mount("proc", "/proc", "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		return fmt.Errorf("mounting /proc: %w", err)
	}
	uid := c.UID
	tmpfs := func(dir string, mib int) error {
		opts := fmt.Sprintf("size=%dm,nr_inodes=4096,mode=0700,uid=%d,gid=%d", mib, uid, uid)
		return unix.Mount("tmpfs", dir, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, opts)
	}
	if c.Scratch != "" {
		if err := tmpfs(c.Scratch, c.ScratchMiB); err != nil {
			return fmt.Errorf("mounting the scratch folder: %w", err)
		}
	}
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		if err := tmpfs("/dev/shm", c.ShmMiB); err != nil {
			return fmt.Errorf("mounting /dev/shm: %w", err)
		}
	}
	if c.Probe {
		os.Exit(0)
	}
	if c.NProc > 0 {
		// Counted per real user id, which is the submission's alone.
		lim := &unix.Rlimit{Cur: uint64(c.NProc), Max: uint64(c.NProc)}
		if err := unix.Setrlimit(unix.RLIMIT_NPROC, lim); err != nil {
			return fmt.Errorf("RLIMIT_NPROC: %w", err)
		}
	}
	if err := os.Chdir(c.Dir); err != nil {
		return err
	}
	if uid >= 0 {
		if err := syscall.Setgroups(nil); err != nil {
			return fmt.Errorf("setgroups: %w", err)
		}
		if err := syscall.Setresgid(uid, uid, uid); err != nil {
			return fmt.Errorf("setresgid: %w", err)
		}
		if err := syscall.Setresuid(uid, uid, uid); err != nil {
			return fmt.Errorf("setresuid: %w", err)
		}
	}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("no_new_privs: %w", err)
	}
	return syscall.Exec(c.Bin, c.Args, c.Env)
}

// nsFlags are the namespaces every run gets: PID (no survivors), network
// (no network whatever lesson code imports), mount (a read-only view with
// private writable folders), IPC and UTS.
const nsFlags = syscall.CLONE_NEWPID | syscall.CLONE_NEWNET | syscall.CLONE_NEWNS | syscall.CLONE_NEWIPC | syscall.CLONE_NEWUTS

// nsCommand returns the command that runs bin in new namespaces through
// the init, or an error when it cannot be made.
func nsCommand(c nsConfig) (*exec.Cmd, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the checker's own binary for the sandbox init: %w", err)
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	cmd := &exec.Cmd{
		Path: self,
		Args: []string{self, "sandbox-init"},
		Env:  []string{initEnv + "=" + string(raw)},
		Dir:  "/",
		SysProcAttr: &syscall.SysProcAttr{
			Setpgid:    true,
			Cloneflags: nsFlags,
			Pdeathsig:  syscall.SIGKILL,
		},
	}
	return cmd, nil
}

var (
	nsOnce sync.Once
	nsErr  error
)

// Namespaces reports whether runs can be isolated with namespaces here:
// nil when they can, or why not (not root, a kernel or container that
// forbids them). It tries once, with a probe, and remembers.
func Namespaces() error {
	nsOnce.Do(func() {
		if os.Geteuid() != 0 {
			nsErr = errors.New("namespaces need the grader to run as root")
			return
		}
		dir, err := os.MkdirTemp("", "convlings-probe-")
		if err != nil {
			nsErr = err
			return
		}
		defer os.RemoveAll(dir)
		cmd, err := nsCommand(nsConfig{Probe: true, UID: 65534, Scratch: dir, ScratchMiB: 1, ShmMiB: 1})
		if err != nil {
			nsErr = err
			return
		}
		var out proc.CapBuffer
		out.Limit = 4096
		cmd.Stdout, cmd.Stderr = &out, &out
		done := make(chan error, 1)
		if err := proc.Start(cmd); err != nil {
			nsErr = err
			return
		}
		go func() { done <- proc.Wait(cmd) }()
		select {
		case err = <-done:
		case <-time.After(30 * time.Second):
			proc.KillGroup(cmd.Process.Pid)
			err = errors.New("the probe did not finish in 30s")
			<-done
		}
		if err != nil {
			nsErr = fmt.Errorf("%v %s", err, strings.TrimSpace(string(out.Bytes())))
		}
	})
	return nsErr
}
