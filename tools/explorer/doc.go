/*
Explorer builds the convlings explorer, a page that draws zero padding,
convolution and pooling windows with the numbers computed by the
reference library compiled to WebAssembly, into a self-contained folder.

Usage:

	go run ./tools/explorer [-o DIR]
	go run ./tools/explorer -check DIR

The folder works opened straight from disk (open DIR/index.html in a
browser, no server) and from any static host. It holds index.html,
style.css, explorer.js (the page's JavaScript modules bundled into one
classic script, since browsers refuse module scripts from file:// pages),
wasm_exec.js (from the Go distribution), explorer.wasm (the library,
GOOS=js GOARCH=wasm) and explorer-wasm.js (the same module as base64,
which a page opened from disk reads instead of fetching).

Nothing of it is checked in: build it when you need it.
`go run ./tools/checker serve` serves the same page beside your progress.

Flags:

	-o DIR      the folder to write (default explorer-site); a folder that
	            holds something other than an earlier build is not replaced
	-check DIR  build in memory and compare with DIR: exit 1 and list the
	            files that differ when DIR is stale
	-h          print this manual

Exit status: 0 on success, 1 when the build fails or -check finds a
stale folder, 2 for a usage error. Errors go to stderr, prefixed
"explorer: ".
*/
package main
