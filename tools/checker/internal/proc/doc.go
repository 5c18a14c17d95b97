// Package proc starts, tracks and stops the processes the checker runs.
//
// The rule: every command the checker runs starts through Start, Run or
// Output. While grading, the checker is the "child subreaper" of its
// descendants (on Linux), so a process that lesson code starts and
// detaches (setsid, double fork) becomes the checker's child when its
// parent dies; the sandbox then kills every child of the checker that proc
// did not start (see Locked). A command started any other way would be
// taken for such an orphan and killed.
//
// It also holds what every runner needs: CapBuffer (output kept up to a
// limit), process-group kills, the go command to run, and RemoveAll for
// trees lesson code has made hard to remove (through descriptors, never
// following a link, giving up after RemoveTimeout).
//
// It imports the standard library and golang.org/x/sys/unix.
package proc
