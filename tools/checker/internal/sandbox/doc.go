// Package sandbox runs one lesson test binary under the grader's limits
// and collects how it ended (Run, Limits, Outcome). As root on Linux each
// run is in new PID, network, mount, IPC and UTS namespaces (Namespaces
// probes for them; Limits.Namespaces asks for them): any binary that links
// this package becomes the namespaces' init when started with its
// environment variable (see ns_linux.go), makes the file system read-only
// but a private tmpfs, drops to the submission's user id and executes the
// test binary as process 1, so nothing the run starts outlives it. Also:
// wall-clock, output and memory limits, a sandbox user of its own for
// every submission (UIDs, with lock files under a folder only the grader
// can write), and, on Linux, the checker as subreaper of everything the
// run starts, so that whatever the run leaves behind is killed (KillUser,
// ReapOrphans) where namespaces are unavailable.
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
