//go:build unix

package sandbox

import "syscall"

// quitSignal makes a Go program print its goroutines' stacks and exit.
var quitSignal = syscall.SIGQUIT
