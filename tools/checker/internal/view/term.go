package view

import (
	"os"

	"golang.org/x/term"
)

// TerminalSize reports whether f is a terminal and how many columns it has
// (0 when unknown).
func TerminalSize(f *os.File) (bool, int) {
	fd := int(f.Fd())
	if !term.IsTerminal(fd) {
		return false, 0
	}
	w, _, err := term.GetSize(fd)
	if err != nil {
		return true, 0
	}
	return true, w
}

// StdinTerminal returns the file descriptor of stdin when it is a
// terminal, else -1.
func StdinTerminal() int {
	fd := int(os.Stdin.Fd())
	if term.IsTerminal(fd) {
		return fd
	}
	return -1
}
