//go:build !linux

package sandbox

import (
	"errors"
	"os/exec"
)

// Supported reports whether grading can isolate lesson code here:
// resource limits, subreaping and process listing are Linux only.
const Supported = false

// BecomeSubreaper fails here: subreaping is Linux only.
func BecomeSubreaper() error { return errors.New("grading isolation needs Linux") }

// KillUser does nothing here: there are no sandbox users to kill.
func KillUser(uid int) {}

// UIDs hands out sandbox user ids: Linux only.
type UIDs struct{}

// NewUIDs fails here: sandbox users are Linux only.
func NewUIDs(base int) (*UIDs, error) { return nil, errors.New("-isolate needs Linux") }

// Take fails here.
func (u *UIDs) Take() (int, func(), error) { return -1, nil, errors.New("-isolate needs Linux") }

// ReapOrphans does nothing here: without subreaping no orphan comes back.
func ReapOrphans() {}

// Namespaces fails here: they are Linux only.
func Namespaces() error { return errors.New("namespaces are Linux only") }

type nsConfig struct {
	Bin, Dir, Scratch              string
	Args, Env                      []string
	UID, ScratchMiB, ShmMiB, NProc int
}

func nsCommand(c nsConfig) (*exec.Cmd, error) { return nil, errors.New("namespaces are Linux only") }

func intoCgroup(cmd *exec.Cmd, memMiB, pids int) func() { return func() {} }
