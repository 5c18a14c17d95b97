//go:build !linux

package convlingsgrade

// undumpable does nothing outside Linux.
func undumpable() {}
