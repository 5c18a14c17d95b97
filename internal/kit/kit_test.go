package kit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestModuleOf(t *testing.T) {
	for in, want := range map[string]string{
		"module " + ModulePath + "\n\ngo 1.26\n":        ModulePath,
		"module " + ModulePath + "\r\n\r\ngo 1.26\r\n":  ModulePath,
		"// a comment\nmodule \"" + ModulePath + "\"\n": ModulePath,
		"module example.com/other\n":                    "example.com/other",
		"go 1.26\n":                                     "",
		"":                                              "",
	} {
		if got := ModuleOf([]byte(in)); got != want {
			t.Errorf("ModuleOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRootFindsTheKitFromBelow(t *testing.T) {
	root := t.TempDir()
	// A CRLF go.mod, as a Windows checkout with autocrlf leaves it.
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module "+ModulePath+"\r\n\r\ngo 1.26\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := Root(deep)
	if err != nil || got != root {
		t.Fatalf("Root(%s) = %q, %v; want %q", deep, got, err, root)
	}
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "go.mod"), []byte("module example.com/other\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Root(other); err == nil {
		t.Errorf("Root(%s) = %q, want an error: another module is not the kit", other, got)
	}
}

func TestOpenTheRealKit(t *testing.T) {
	k, err := Open("../..")
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Manifest.Lessons) == 0 || len(k.Manifest.Exercises()) == 0 || !(k.Manifest.MaxPoints() > 0) {
		t.Fatalf("the kit's manifest has %d lessons, %d exercises, %v points", len(k.Manifest.Lessons), len(k.Manifest.Exercises()), k.Manifest.MaxPoints())
	}
	for _, ex := range k.Manifest.Exercises() {
		if ex.Lesson == nil || !strings.HasPrefix(ex.ID(), ex.Lesson.Name+"/") {
			t.Errorf("exercise %s: lesson link not set", ex.Name)
		}
		if found, err := k.Manifest.Find(ex.ID()); err != nil || found != ex {
			t.Errorf("Find(%s) = %v, %v", ex.ID(), found, err)
		}
	}
	if _, err := Open(t.TempDir()); err == nil {
		t.Error("Open of an empty folder: no error")
	}
}

func TestParseManifestRejects(t *testing.T) {
	ex := func(fields string) string {
		return `{"format": 1, "lessons": [{"name": "one", "exercises": [{` + fields + `}]}]}`
	}
	good := `"name": "f", "test": "TestF", "points": 1, "task": 1`
	if _, err := ParseManifest([]byte(ex(good))); err != nil {
		t.Fatalf("a good manifest: %v", err)
	}
	for in, want := range map[string]string{
		`{"format": 2, "lessons": []}`:                               "format 2",
		`{"format": 1, "lessons": []}`:                               "no lessons",
		`{"format": 1, "extra": 1}`:                                  "unknown field",
		ex(`"name": "F", "test": "TestF", "points": 1, "task": 1`):   `name "F"`,
		ex(`"name": "f", "test": "testF", "points": 1, "task": 1`):   `test "testF"`,
		ex(`"name": "f", "test": "TestF", "points": 0, "task": 1`):   "points 0",
		ex(`"name": "f", "test": "TestF", "points": 1, "task": 2`):   "task 2",
		ex(`"name": "f", "test": "TestF", "points": 1.5, "task": 1`): "",
	} {
		_, err := ParseManifest([]byte(in))
		if want == "" {
			if err != nil {
				t.Errorf("ParseManifest(%s): %v, want no error", in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseManifest(%s) = %v, want an error with %q", in, err, want)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f.txt")
	for _, data := range []string{"one\n", "two\n"} {
		if err := WriteFileAtomic(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != data {
			t.Fatalf("read back %q, %v; want %q", got, err, data)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1: a temporary file was left behind", len(entries))
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "f.txt"), nil); err == nil {
		t.Error("WriteFileAtomic into a missing folder: no error, want one (it creates no folders)")
	}
}
