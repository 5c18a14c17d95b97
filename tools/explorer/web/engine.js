// The reference library, compiled to WebAssembly: loading it and calling it.
// Served over http the page fetches explorer.wasm; opened from a folder
// (file://, where fetch is refused) it reads the same bytes from
// explorer-wasm.js, which the folder build writes as base64.

let ready = null;

function wasmBytes() {
  if (location.protocol !== 'file:') {
    return fetch('explorer.wasm').then((r) => {
      if (!r.ok) throw new Error('explorer.wasm: HTTP ' + r.status);
      return r.arrayBuffer();
    });
  }
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = 'explorer-wasm.js';
    s.onload = () => {
      const b64 = globalThis.convlingsWasmBase64;
      if (typeof b64 !== 'string') { reject(new Error('explorer-wasm.js holds no module')); return; }
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      delete globalThis.convlingsWasmBase64;
      resolve(bytes.buffer);
    };
    s.onerror = () => reject(new Error('explorer-wasm.js could not be read'));
    document.head.appendChild(s);
  });
}

// loadEngine starts the Go program once and resolves when its functions exist.
export function loadEngine() {
  if (ready) return ready;
  ready = (async () => {
    if (typeof Go !== 'function') throw new Error('wasm_exec.js is missing');
    const go = new Go();
    const bytes = await wasmBytes();
    const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
    const api = globalThis.convlings || (globalThis.convlings = {});
    const started = new Promise((resolve) => { api.onready = resolve; });
    go.run(instance).catch(() => {});
    await started;
    return api;
  })();
  return ready;
}

// evalCase runs one tools/eval layer case and returns the parsed result.
export function evalCase(api, c) {
  return JSON.parse(api.eval(JSON.stringify(c)));
}

// geometryOf returns the windows of a layer case.
export function geometryOf(api, c) {
  return JSON.parse(api.geometry(JSON.stringify(c)));
}
