package main

import (
	"errors"
	"strings"
	"testing"
)

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
	m := loadFakeKit(t, fakeKit).Manifest
	sub := func(names ...string) *submission {
		s := &submission{files: map[string]*subFile{}}
		for _, n := range names {
			s.files[n] = &subFile{}
		}
		return s
	}
	tests := []struct {
		name    string
		s       *submission
		want    layout
		wantErr string
	}{
		{"whole kit", sub("go.mod", "padding/padding.go", "lessons/alpha/alpha.go", "solutions/alpha/alpha.go"), layout{".", "lessons"}, ""},
		{"wrapped kit", sub("convlings-main/go.mod", "convlings-main/lessons/beta/beta.go", "convlings-main/solutions/alpha/alpha.go"), layout{"convlings-main", "convlings-main/lessons"}, ""},
		{"lessons folder", sub("lessons/alpha/alpha.go", "lessons/beta/beta.go"), layout{".", "lessons"}, ""},
		{"lessons' contents", sub("alpha/alpha.go", "beta/beta.go", "manifest.json"), layout{"", "."}, ""},
		{"lessons folder renamed", sub("my-work/alpha/alpha.go"), layout{"", "my-work"}, ""},
		{"two kits", sub("a/lessons/alpha/x.go", "b/lessons/alpha/x.go"), layout{}, "more than one copy (a, b)"},
		{"not the kit", sub("hello/main.go", "README.md"), layout{}, "found no lessons/<lesson>/ folder"},
		{"only a README in the lesson", sub("alpha/README.md"), layout{}, "found no lessons"},
	}
	for _, tc := range tests {
		got, err := tc.s.locate(m)
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

func TestSubmissionIDs(t *testing.T) {
	got := submissionIDs([]string{"subs/alice.zip", "other/alice.tar.gz", "bob.TGZ", "subs/김민준 과제", "/"})
	want := []string{"alice", "alice-2", "bob", "김민준_과제", "submission"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("submissionIDs: %q, want %q", got, want)
			break
		}
	}
}
