//go:build !unix

package proc

import (
	"os"
	"os/exec"
)

// SetProcAttr does nothing here: process groups and credentials are Unix
// only.
func SetProcAttr(cmd *exec.Cmd, uid int) {}

// KillGroup kills the process pid (there are no process groups to kill).
func KillGroup(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
}

// ExitSignal names the signal that ended a process: always "a signal" here.
func ExitSignal(exit *exec.ExitError) string { return "a signal" }
