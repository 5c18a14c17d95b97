package convlingsgrade

import "syscall"

// undumpable clears the process's dumpable flag: its /proc/self/mem,
// environ and fd entries then belong to root, so lesson code running as
// any other user cannot open them, and no process of the same user can
// attach to it.
func undumpable() {
	syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_DUMPABLE, 0, 0)
}
