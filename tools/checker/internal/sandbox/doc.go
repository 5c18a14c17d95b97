// Package sandbox runs one lesson test binary under the grader's limits
// and collects how it ended (Run, Limits, Outcome): wall-clock, output and
// memory limits, a sandbox user of its own for every submission (UIDs), and, on Linux,
// the checker as subreaper of everything the run starts, so that whatever
// the run leaves behind is killed (KillUser, ReapOrphans).
//
// It also holds the checker's end of the grading harness (Harness): the
// key, the parameters sent to the harness in the test binary, and the
// verification of the signed reports it sends back. The harness itself,
// internal/convlingsgrade, is compiled into the test binaries and is not
// imported here.
//
// Every process starts through internal/proc. This package imports the
// standard library, golang.org/x/sys/unix, internal/proc and
// internal/result only.
package sandbox
