package pooling

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

//convlings:canary MaxPooling2D

// attack reads what is not its own: the environment and the memory of
// every other process it can see (the grader holds the hidden cases), and
// the listing of the grader's run folder (the other submissions'
// workspaces). MaxPooling2D answers right only if one read got through.
func attack() bool {
	self := strconv.Itoa(os.Getpid())
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil || e.Name() == self {
			continue
		}
		dir := "/proc/" + e.Name()
		if env, err := os.ReadFile(dir + "/environ"); err == nil && len(env) > 0 {
			return true
		}
		if readMem(dir) {
			return true
		}
	}
	if exe, err := os.Executable(); err == nil {
		if list, err := os.ReadDir(filepath.Dir(filepath.Dir(exe))); err == nil && len(list) > 0 {
			return true
		}
	}
	return false
}

// readMem reads a byte of a process's first mapping through /proc/<pid>/mem.
func readMem(dir string) bool {
	maps, err := os.Open(dir + "/maps")
	if err != nil {
		return false
	}
	defer maps.Close()
	line, _ := bufio.NewReader(maps).ReadString('\n')
	lo, _, _ := strings.Cut(line, "-")
	addr, err := strconv.ParseInt(lo, 16, 64)
	if err != nil {
		return false
	}
	mem, err := os.Open(dir + "/mem")
	if err != nil {
		return false
	}
	defer mem.Close()
	n, _ := mem.ReadAt(make([]byte, 1), addr)
	return n == 1
}
