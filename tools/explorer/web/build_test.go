package web

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBundleHoldsEveryModule checks that the pages' entry points between
// them bundle every module of the folder, so that no module is dead or
// left out of the folder build.
func TestBundleHoldsEveryModule(t *testing.T) {
	mods, err := fs.Glob(Files, "*.js")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, entry := range entries {
		b, err := Bundle(entry)
		if err != nil {
			t.Fatalf("Bundle(%s): %v", entry, err)
		}
		first, _, _ := strings.Cut(string(b), "\n")
		for _, m := range mods {
			if strings.Contains(first, " "+m) {
				seen[m] = true
			}
		}
		if strings.Contains(string(b), "\nimport ") || strings.Contains(string(b), "\nexport ") {
			t.Errorf("Bundle(%s) still holds an import or export line", entry)
		}
	}
	for _, m := range mods {
		if !seen[m] {
			t.Errorf("%s is in no page's bundle (entries %v)", m, entries)
		}
	}
}

// TestBundleParses runs the bundles through node --check where node is
// installed: a syntax error would otherwise show only in a browser.
func TestBundleParses(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	for _, entry := range entries {
		b, err := Bundle(entry)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "bundle.js")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if msg, err := exec.Command(node, "--check", p).CombinedOutput(); err != nil {
			t.Errorf("node --check on the bundle of %s: %v\n%s", entry, err, msg)
		}
	}
}

// TestBundleRejects checks that the bundler fails, naming the file, on the
// forms it cannot join safely.
func TestBundleRejects(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"default_export", fstest.MapFS{"a.js": {Data: []byte("export default 1;\n")}}, "a.js:1"},
		{"namespace_import", fstest.MapFS{"a.js": {Data: []byte("import * as b from './b.js';\n")}}, "a.js:1"},
		{"same_name_twice", fstest.MapFS{
			"a.js": {Data: []byte("import { f } from './b.js';\nfunction g() {}\n")},
			"b.js": {Data: []byte("export function f() {}\nfunction g() {}\n")},
		}, "declare g"},
		{"cycle", fstest.MapFS{
			"a.js": {Data: []byte("import { f } from './b.js';\n")},
			"b.js": {Data: []byte("import { g } from './a.js';\n")},
		}, "cycle"},
		{"missing", fstest.MapFS{"a.js": {Data: []byte("import { f } from './nope.js';\n")}}, "nope.js"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := bundle(tc.files, "a.js")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("bundle = %v, want an error naming %q", err, tc.want)
			}
		})
	}
}

// TestSite checks the folder's files without building the module.
func TestSite(t *testing.T) {
	files, err := Site([]byte("\x00asm"), []byte("// wasm_exec"))
	if err != nil {
		t.Fatal(err)
	}
	index := string(files["index.html"])
	if strings.Contains(index, `type="module"`) || !strings.Contains(index, `<script src="explorer.js"></script>`) {
		t.Errorf("index.html of the folder build loads modules:\n%s", index)
	}
	if want := "globalThis.convlingsWasmBase64 = \"AGFzbQ==\";"; !strings.Contains(string(files["explorer-wasm.js"]), want) {
		t.Errorf("explorer-wasm.js = %q, want it to hold %s", files["explorer-wasm.js"], want)
	}
	for _, f := range []string{"explorer.js", "style.css", "wasm_exec.js", "explorer.wasm"} {
		if len(files[f]) == 0 {
			t.Errorf("%s is missing from the folder", f)
		}
	}
}

// TestWriteSiteRefusesOtherFolders checks that a build never replaces a
// folder that holds something else.
func TestWriteSiteRefusesOtherFolders(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteSite(dir, map[string][]byte{"index.html": []byte("x")}); err == nil {
		t.Fatal("WriteSite replaced a folder that held no explorer build")
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "mine" {
		t.Fatalf("the folder's file was touched: %q, %v", b, err)
	}
	out := filepath.Join(dir, "site")
	for i := range 2 {
		if err := WriteSite(out, map[string][]byte{"index.html": []byte("x"), "explorer-wasm.js": []byte("y")}); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the parent folder holds %d entries after two builds, want 2 (notes.txt, site)", len(entries))
	}
}
