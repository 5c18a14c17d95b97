//go:build !unix

package main

import (
	"os"
	"os/exec"
)

func setProcAttr(cmd *exec.Cmd, uid int) {}

func killGroup(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
}

func exitSignal(exit *exec.ExitError) string { return "a signal" }
