package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// fakeKit is the two-lesson kit the engine's tests grade against.
const fakeKit = "testdata/fakekit"

// runCLI runs the checker's command line with args and the environment
// variables getenv, and returns its standard output, standard error and
// exit code. TEST_TERMINAL set makes standard output a terminal.
func runCLI(t testing.TB, getenv map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{
		ctx: context.Background(), stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv:        func(k string) string { return getenv[k] },
		terminal:      func() (bool, int) { return getenv["TEST_TERMINAL"] != "", 80 },
		stdinTerminal: -1,
	}
	code = run(e, args)
	return out.String(), errOut.String(), code
}
