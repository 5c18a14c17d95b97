// Probe is a stand-in for a lesson's test binary in the sandbox's tests:
// it starts programs that try to outlive it, one in a session of its own,
// prints, and waits to be killed.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"time"
)

func main() {
	tag := os.Args[1]
	for _, script := range []string{
		"sleep " + tag + " & sleep " + tag + " &",
		"setsid sleep " + tag + " &",
		"nohup sleep " + tag + " >/dev/null 2>&1 &",
	} {
		if err := exec.Command("/bin/sh", "-c", script).Run(); err != nil {
			fmt.Println("probe:", err)
		}
	}
	fmt.Println("probe: started")
	time.Sleep(time.Hour)
}
