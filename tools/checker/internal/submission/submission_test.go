package submission

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convlings/convlings/internal/kit"
)

// fakeManifest is the manifest of the checker's fake kit.
func fakeManifest(t *testing.T) *kit.Manifest {
	t.Helper()
	k, err := kit.Open("../../testdata/fakekit")
	if err != nil {
		t.Fatal(err)
	}
	return k.Manifest
}

func TestEntryName(t *testing.T) {
	ok := map[string]string{
		"lessons/alpha/alpha.go": "lessons/alpha/alpha.go",
		"./lessons//alpha/a.go":  "lessons/alpha/a.go",
		`lessons\alpha\alpha.go`: "lessons/alpha/alpha.go",
		"kit/lessons/alpha/":     "kit/lessons/alpha",
		"a..b/c...go":            "a..b/c...go",
		".":                      "",
	}
	for in, want := range ok {
		got, err := entryName(in)
		if err != nil || got != want {
			t.Errorf("entryName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := []string{"../x.go", "lessons/../../x.go", "/etc/passwd", `\\server\share\x.go`, `C:\x.go`, "c:/x.go", "a/..", "a\x00b"}
	for _, in := range bad {
		if _, err := entryName(in); !errors.Is(err, errBadArchive) {
			t.Errorf("entryName(%q): %v, want errBadArchive", in, err)
		}
	}
}

func TestLocate(t *testing.T) {
	m := fakeManifest(t)
	sub := func(names ...string) *Submission {
		s := &Submission{Files: map[string]*File{}}
		for _, n := range names {
			s.Files[n] = &File{}
		}
		return s
	}
	tests := []struct {
		name    string
		s       *Submission
		want    Layout
		wantErr string
	}{
		{"whole kit", sub("go.mod", "padding/padding.go", "lessons/alpha/alpha.go", "solutions/alpha/alpha.go"), Layout{".", "lessons"}, ""},
		{"wrapped kit", sub("convlings-main/go.mod", "convlings-main/lessons/beta/beta.go", "convlings-main/solutions/alpha/alpha.go"), Layout{"convlings-main", "convlings-main/lessons"}, ""},
		{"lessons folder", sub("lessons/alpha/alpha.go", "lessons/beta/beta.go"), Layout{".", "lessons"}, ""},
		{"lessons' contents", sub("alpha/alpha.go", "beta/beta.go", "manifest.json"), Layout{"", "."}, ""},
		{"lessons folder renamed", sub("my-work/alpha/alpha.go"), Layout{"", "my-work"}, ""},
		{"two kits", sub("a/lessons/alpha/x.go", "b/lessons/alpha/x.go"), Layout{}, "more than one copy (a, b)"},
		{"not the kit", sub("hello/main.go", "README.md"), Layout{}, "found no lessons/<lesson>/ folder"},
		{"only a README in the lesson", sub("alpha/README.md"), Layout{}, "found no lessons"},
	}
	for _, tc := range tests {
		got, err := tc.s.Locate(m)
		switch {
		case tc.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, errNotKit) {
				t.Errorf("%s: locate = %+v, %v; want an error with %q", tc.name, got, err, tc.wantErr)
			}
		case err != nil || got != tc.want:
			t.Errorf("%s: locate = %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
}

func TestPlaceLoose(t *testing.T) {
	m := fakeManifest(t)
	s := New("upload", nil)
	s.Files = map[string]*File{
		"alpha.go":  {data: []byte("package alpha\n\nfunc helper() {}\n")},
		"mine.go":   {data: []byte("package main\n\nfunc " + m.Lessons[1].Exercises[0].Funcs[0] + "() {}\n")},
		"stray.go":  {data: []byte("package main\n\nfunc main() {}\n")},
		"notes.txt": {data: []byte("hi")},
	}
	lay, err := s.Locate(m)
	if err != nil || lay != (Layout{LessonsRoot: "lessons"}) {
		t.Fatalf("Locate = %+v, %v; want the loose files placed under lessons", lay, err)
	}
	beta := m.Lessons[1].Name
	for _, want := range []string{"lessons/alpha/alpha.go", "lessons/" + beta + "/mine.go", "stray.go"} {
		if s.Files[want] == nil {
			t.Errorf("no %s after placing; files: %v", want, keys(s.Files))
		}
	}
	text := ""
	for _, n := range s.Notes {
		text += n.String() + "\n"
	}
	for _, want := range []string{"info: alpha.go: placed at lessons/alpha/alpha.go (by its package clause, package alpha)", "info: mine.go: placed at lessons/" + beta + "/mine.go (by the functions it declares)", "ignored: stray.go"} {
		if !strings.Contains(text, want) {
			t.Errorf("notes lack %q:\n%s", want, text)
		}
	}
}

func keys(m map[string]*File) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestDuplicateEntriesAreRejected(t *testing.T) {
	s := New("x.zip", nil)
	for _, body := range []string{"a", "b", "c"} {
		if err := s.add("lessons/alpha/alpha.go", &File{data: []byte(body)}); err != nil {
			t.Fatal(err)
		}
	}
	s.noteDuplicates()
	if s.Files["lessons/alpha/alpha.go"] != nil {
		t.Error("a duplicated entry was kept; neither copy may be used")
	}
	if len(s.Notes) != 1 || s.Notes[0].Kind != "rejected" || !strings.Contains(s.Notes[0].Text, "appears 3 times") {
		t.Errorf("notes = %v, want one rejected note saying 3 times", s.Notes)
	}
}

func TestTarLimitsCountSkippedEntries(t *testing.T) {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	// Entries of a type the reader does not take still inflate: 6 × 19 MiB
	// of zeros in custom-type entries is over the 100 MiB limit.
	zeros := make([]byte, 19<<20)
	for i := range 6 {
		h := &tar.Header{Name: fmt.Sprintf("blob%d", i), Typeflag: 'Z', Size: int64(len(zeros)), Mode: 0o644}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write(zeros)
	}
	tw.Close()
	gz.Close()
	p := filepath.Join(t.TempDir(), "bomb.tar.gz")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(p)
	if !errors.Is(err, errBadArchive) || !strings.Contains(err.Error(), "100 MiB") {
		t.Fatalf("Open(bomb) = %v, want errBadArchive over 100 MiB", err)
	}
}

func TestFolderHoldingOneArchive(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("lessons/alpha/alpha.go")
	w.Write([]byte("package alpha\n"))
	zw.Close()
	if err := os.WriteFile(filepath.Join(dir, "kit.zip"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir)
	if err != nil || s.Files["lessons/alpha/alpha.go"] == nil {
		t.Fatalf("Open(a folder holding kit.zip) = %v, %v; want the zip's files", s, err)
	}
}
