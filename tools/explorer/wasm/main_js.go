//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"

	"github.com/convlings/convlings/internal/eval"
)

func main() {
	wrap := func(f func(json.RawMessage) []byte) js.Func {
		return js.FuncOf(func(this js.Value, args []js.Value) any {
			if len(args) != 1 || args[0].Type() != js.TypeString {
				return `{"id":null,"error":{"kind":"bad_case","message":"explorer: call with one JSON string"}}`
			}
			return string(f(json.RawMessage(args[0].String())))
		})
	}
	api := js.Global().Get("convlings")
	if api.IsUndefined() || api.IsNull() {
		api = js.Global().Get("Object").New()
		js.Global().Set("convlings", api)
	}
	api.Set("eval", wrap(eval.Case))
	api.Set("geometry", wrap(eval.Geometry))
	if ready := api.Get("onready"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}
