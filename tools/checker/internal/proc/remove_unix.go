//go:build unix

package proc

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// removeAll removes p and everything under it through file descriptors:
// each folder is opened relative to its parent with O_NOFOLLOW, made
// writable with fchmod on that descriptor, emptied and removed, so no
// path is resolved twice and no link is followed.
func removeAll(p string, deadline time.Time) error {
	p = filepath.Clean(p)
	parent, err := unix.Open(filepath.Dir(p), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.ENOENT) {
			return nil
		}
		return &os.PathError{Op: "remove", Path: p, Err: err}
	}
	defer unix.Close(parent)
	if err := removeAt(parent, filepath.Base(p), deadline); err != nil {
		return fmt.Errorf("removing %s: %w", p, err)
	}
	return nil
}

func removeAt(parent int, name string, deadline time.Time) error {
	if time.Now().After(deadline) {
		return errors.New("gave up: still not empty after the time limit (is a process still writing in it?)")
	}
	err := unix.Unlinkat(parent, name, 0)
	if err == nil || errors.Is(err, unix.ENOENT) {
		return nil
	}
	fd, oerr := unix.Openat(parent, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if oerr != nil {
		if errors.Is(oerr, unix.ENOENT) {
			return nil
		}
		return err // not a folder: unlinking it failed for its own reason
	}
	dir := os.NewFile(uintptr(fd), name)
	defer dir.Close()
	unix.Fchmod(fd, 0o700)
	for {
		if _, err := unix.Seek(fd, 0, io.SeekStart); err != nil {
			return err
		}
		names, err := dir.Readdirnames(-1)
		if err != nil && err != io.EOF {
			return err
		}
		for _, n := range names {
			if err := removeAt(fd, n, deadline); err != nil {
				return err
			}
		}
		err = unix.Unlinkat(parent, name, unix.AT_REMOVEDIR)
		if err == nil || errors.Is(err, unix.ENOENT) {
			return nil
		}
		if !errors.Is(err, unix.ENOTEMPTY) && !errors.Is(err, unix.EEXIST) {
			return err
		}
		if time.Now().After(deadline) {
			return errors.New("gave up: still not empty after the time limit (is a process still writing in it?)")
		}
	}
}
