// Escape is a stand-in for hostile lesson code in the sandbox's tests: it
// tries, one by one, what a test binary must not be able to do, prints
// what happened to each try, starts processes meant to outlive it and
// exits.
//
// Usage: escape tag outdir addr siblingpid
package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

func main() {
	tag, out, addr := os.Args[1], os.Args[2], os.Args[3]
	sibling, _ := strconv.Atoi(os.Args[4])
	try := func(what string, err error) {
		if err != nil {
			fmt.Printf("%s: refused: %v\n", what, err)
		} else {
			fmt.Printf("%s: done\n", what)
		}
	}
	try("shm", os.WriteFile("/dev/shm/convlings-"+tag, []byte("x"), 0o644))
	try("tmp", os.WriteFile("/tmp/convlings-"+tag, []byte("x"), 0o644))
	try("scratch", os.WriteFile(filepath.Join(os.Getenv("TMPDIR"), "ok"), []byte("x"), 0o644))
	try("out", os.WriteFile(filepath.Join(out, "forged.json"), []byte("{}"), 0o644))
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		c.Close()
	}
	try("net", err)
	try("kill", syscall.Kill(sibling, syscall.SIGKILL))
	for _, script := range []string{
		"sleep " + tag + " & sleep " + tag + " &",
		"setsid sleep " + tag + " &",
		"nohup sleep " + tag + " >/dev/null 2>&1 &",
	} {
		if err := exec.Command("/bin/sh", "-c", script).Run(); err != nil {
			fmt.Println("escape:", err)
		}
	}
	fmt.Println("escape: started")
}
