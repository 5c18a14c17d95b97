// Package serve is the web side of `checker serve`: it serves the explorer
// (tools/explorer/web, with the WebAssembly build of the reference library
// made from the kit at start) and a progress page that shows the learner
// view of every lesson, pushed to the browser with server-sent events
// whenever the tests run again, and draws each failing golden case from
// the case records the lesson tests print (see Record). The first failing
// exercise carries its hints and the known mistake its cases match (see
// Hint), which the page shows when the learner asks. Everything the tests
// print reaches the page as JSON text (markup characters escaped) and is
// drawn as text nodes, never parsed as HTML.
//
// The package knows nothing of how the tests run: the checker calls
// Running when a run starts and Publish with the learner view's JSON (the
// output of `checker progress -json`, one per language) when it ends.
//
// Routes:
//
//	/                 the progress page
//	/explorer         the explorer (index.html), and its files beside it
//	/explorer.wasm    the library, built for GOOS=js GOARCH=wasm
//	/wasm_exec.js     the Go distribution's loader for it
//	/events           server-sent events: one "state" event per change
//	/state            the current state as JSON
//
// It listens on the loopback interface unless told otherwise, and then
// answers only requests addressed to a loopback name, so that no other
// site can read the learner's code through DNS rebinding.
package serve
