package main

import (
	"embed"
	"io/fs"
)

// The harness's source, copied into every grading workspace. See the
// package comment of internal/convlingsgrade for the protocol.
//
//go:embed internal/convlingsgrade/*.go
var harnessFS embed.FS

// harnessSource returns the harness package's files, for gradeOptions.
func harnessSource() fs.FS {
	src, err := fs.Sub(harnessFS, "internal/convlingsgrade")
	if err != nil {
		panic(err) // a constant path into an embedded tree
	}
	return src
}
