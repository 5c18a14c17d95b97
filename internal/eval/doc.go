// Package eval runs the reference library on cases written as JSON, in the
// format of tools/eval's manual: a layer case names a Keras class, its
// get_config keys, an input shape and optionally the input and weights; a
// model case lists the layers of a Sequential model. Case answers one case
// with the output shape as Keras prints it, the parameter count and the
// values, or with an error whose kind and message are the library's.
// Run answers a whole array of cases as a stream, one case at a time, with
// the bounds and the time limit tools/eval's manual states; its JSON parser
// (stream.go) checks the bounds while it reads. Geometry answers which
// input cells each output cell of a window layer reads.
//
// tools/eval is the command-line filter over this package, and the
// explorer's WebAssembly build (tools/explorer/wasm) calls the same
// functions from the browser, so the page and the command cannot disagree.
package eval
