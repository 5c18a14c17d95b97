package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestUsageStreams holds goldengen to the tools' convention: -h prints the manual
// on stdout and exits 0; a usage error prints one "goldengen: …" line and the
// usage line on stderr, nothing on stdout, and exits 2.
func TestUsageStreams(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-h"}, &stdout, &stderr); code != 0 || stdout.Len() == 0 || stderr.Len() != 0 {
		t.Errorf("goldengen -h: exit %d, %d bytes on stdout, stderr %q; want 0, the manual, nothing", code, stdout.Len(), stderr.String())
	}
	for _, args := range [][]string{{"-bogus"}, {"extra"}} {
		stdout.Reset()
		stderr.Reset()
		code := run(args, &stdout, &stderr)
		lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
		if code != 2 || stdout.Len() != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "goldengen: ") || !strings.HasPrefix(lines[1], "usage: goldengen") {
			t.Errorf("goldengen %v: exit %d, stdout %q, stderr %q; want 2, nothing, \"goldengen: …\" and the usage line", args, code, stdout.String(), stderr.String())
		}
	}
}
