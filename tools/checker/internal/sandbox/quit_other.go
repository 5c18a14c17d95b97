//go:build !unix

package sandbox

import "os"

// quitSignal: without SIGQUIT, Quit kills.
var quitSignal = os.Kill
