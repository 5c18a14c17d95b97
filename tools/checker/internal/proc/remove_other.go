//go:build !unix

package proc

import (
	"os"
	"time"
)

// removeAll is os.RemoveAll here, which does not follow links either.
func removeAll(p string, deadline time.Time) error { return os.RemoveAll(p) }
