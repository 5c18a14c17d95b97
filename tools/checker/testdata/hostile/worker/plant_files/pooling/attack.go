package pooling

import (
	"os"
	"path/filepath"
	"strconv"
)

//convlings:canary PoolOutputShape

// attack plants files and symbolic links wherever the grader or another
// submission might read them: the host's /tmp, the grader's lock folder
// (a link to its next user id's lock file), the grader's run folder and
// shared build tree (a lesson file, a golden file), the worker's own
// binary, and every folder above its working folder. PoolOutputShape
// answers right only if one of them got through.
func attack() bool {
	uid := strconv.Itoa(os.Getuid())
	got := false
	write := func(p string) {
		if os.WriteFile(p, []byte("planted by lesson code\n"), 0o644) == nil {
			got = true
		}
	}
	link := func(p string) {
		if os.Symlink("/etc/passwd", p) == nil {
			got = true
		}
	}
	write("/tmp/convlings-planted-" + uid)
	write("/var/tmp/convlings-planted-" + uid)
	write("/run/convlings-grade/convlings-planted-" + uid)
	link("/run/convlings-grade/uid-" + strconv.Itoa(os.Getuid()+1) + ".lock")
	if exe, err := os.Executable(); err == nil {
		run := filepath.Dir(exe)
		base := filepath.Dir(run)
		write(exe)
		write(filepath.Join(run, "convlings-planted"))
		write(filepath.Join(base, "convlings-planted"))
		link(filepath.Join(base, "convlings-planted-link"))
		write(filepath.Join(base, "build", "lessons", "padding", "zz_planted.go"))
		write(filepath.Join(base, "build", "golden", "testdata", "convlings-planted.json"))
	}
	if wd, err := os.Getwd(); err == nil {
		for d := filepath.Dir(wd); d != filepath.Dir(d); d = filepath.Dir(d) {
			write(filepath.Join(d, "convlings-planted"))
		}
	}
	return got
}
