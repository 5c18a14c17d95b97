// Package testlog reads what a test binary printed: `go test -json`
// streams (PackageLogs) and the plain framing of a test binary run with
// -test.v (ParseFraming), per test, and explains crashes from it: where a
// timed-out test was stuck (StuckAt), why a test never reported
// (CrashReason), the build errors (CompileMessage).
//
// It is only ever used to show messages. Scores in grading come from the
// signed reports of the grading harness, never from this log: lesson code
// can print anything, framing included.
//
// It imports the standard library and internal/kit only.
package testlog
