// Command wasm is the explorer's WebAssembly entry point: built with
// GOOS=js GOARCH=wasm, it puts an object convlings on the page's global
// scope with two functions, each taking and returning a JSON string:
//
//	convlings.eval(caseJSON)      internal/eval's Case: output shape, params, values or the error
//	convlings.geometry(caseJSON)  internal/eval's Geometry: each output cell's window
//
// and then calls convlings.onready, if the page set it. The cases are
// tools/eval's layer cases. `go run ./tools/explorer` builds it; on any
// other platform the command only says how.
package main
