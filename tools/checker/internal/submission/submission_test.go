package submission

import (
	"errors"
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
