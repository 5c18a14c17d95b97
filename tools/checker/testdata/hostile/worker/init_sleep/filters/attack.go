package filters

import "time"

// A package-level variable whose initialiser sleeps for an hour.
var ready = nap()

func nap() bool {
	time.Sleep(time.Hour)
	return true
}
