package padding

import "os"

// Starts a process that would outlive the worker.
func init() {
	os.StartProcess("/bin/sh", []string{"sh", "-c", "sleep 987 &"}, &os.ProcAttr{})
}
