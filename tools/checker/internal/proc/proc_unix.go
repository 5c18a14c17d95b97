//go:build unix

package proc

import (
	"os/exec"
	"syscall"
)

// SetProcAttr puts the process in its own process group, so that a
// timeout kills it with everything it started, and, when uid ≥ 0, runs it
// as that user and group with no supplementary groups.
func SetProcAttr(cmd *exec.Cmd, uid int) {
	attr := &syscall.SysProcAttr{Setpgid: true}
	if uid >= 0 {
		attr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(uid), Groups: []uint32{}}
	}
	cmd.SysProcAttr = attr
}

// KillGroup kills the process group led by pid.
func KillGroup(pid int) {
	if pid > 0 {
		syscall.Kill(-pid, syscall.SIGKILL)
	}
}

// ExitSignal names the signal that ended a process, "a signal" when unknown.
func ExitSignal(exit *exec.ExitError) string {
	if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return ws.Signal().String()
	}
	return "a signal"
}
