// Goldengen writes the kit's golden files, golden/testdata/<lesson>/<Test>/<case>.golden.json,
// from the reference library (packages padding, conv, pool and model). The cases
// (the calls) are written here; every answer comes from internal/reference, the
// one mapping from a lesson's function to the library, which also answers the
// checker's hidden cases.
//
// Usage, from anywhere inside the module:
//
//	go run ./tools/goldengen          regenerate: write what changed, remove stale files
//	go run ./tools/goldengen -check   change nothing; exit 1 and print a diff if a file is stale
//
// Golden files are never edited by hand: change a case in tools/goldengen
// (or fix the library) and regenerate. The output depends only on the code,
// so regenerating twice gives identical bytes. Each file is written to a
// temporary file and renamed into place, so a failed run leaves no half
// file. The test TestGoldenFilesAreCurrent (go test ./tools/goldengen), which
// the kit's test command runs, regenerates everything in memory and fails
// when a file on disk is stale, missing or left over.
//
// Exit status: 0 when the files are current (or were written), 1 when -check
// finds stale files or generation fails, 2 for a usage error.
package main
