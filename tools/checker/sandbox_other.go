//go:build !linux

package main

import "errors"

// sandboxSupported reports whether grading can isolate lesson code here:
// resource limits, subreaping and process listing are Linux only.
const sandboxSupported = false

func becomeSubreaper() error { return errors.New("grading isolation needs Linux") }

func killUser(uid int) {}

func reserveUIDs(base, n int) ([]int, func(), error) {
	return nil, nil, errors.New("-isolate needs Linux")
}

func reapOrphans() {}
