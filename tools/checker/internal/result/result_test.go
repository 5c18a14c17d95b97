package result

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/convlings/convlings/internal/kit"
)

func TestClip(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly", 7, "exactly"},
		{"abcdefghij", 6, "abc…"},
		{"한국어한국어", 9, "한국…"}, // 3-byte runes: never cut inside one
		{"한국어", 4, "…"},
		{"abc", 0, "…"},
	} {
		got := Clip(c.in, c.n)
		if got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Clip(%q, %d) = %q: not valid UTF-8", c.in, c.n, got)
		}
	}
	long := strings.Repeat("é", 1000)
	for n := 3; n < 50; n++ {
		if got := Clip(long, n); len(got) > n || !utf8.ValidString(got) {
			t.Errorf("Clip(é×1000, %d) = %d bytes, valid %v", n, len(got), utf8.ValidString(got))
		}
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{64 << 20: "64 MiB", 512 << 10: "512 KiB", 100: "100 bytes", 1<<20 + 1: "1048577 bytes"} {
		if got := ByteSize(n); got != want {
			t.Errorf("ByteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPointsOnlyWhenPassed(t *testing.T) {
	ex := &kit.Exercise{Name: "e", Points: 2.5}
	for st, want := range map[Status]float64{Passed: 2.5, Failed: 0, NotStarted: 0, Errored: 0} {
		if got := (&Result{Exercise: ex, Status: st}).Points(); got != want {
			t.Errorf("%s: %v points, want %v", st, got, want)
		}
	}
}

func TestNoteString(t *testing.T) {
	if got := (Note{Kind: "ignored", Path: "a.go", Text: "too big"}).String(); got != "ignored: a.go: too big" {
		t.Errorf("got %q", got)
	}
	if got := (Note{Kind: "info", Text: "hello"}).String(); got != "info: hello" {
		t.Errorf("got %q", got)
	}
}

func TestTerminal(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"alice 김민준", "alice 김민준"},
		{"\x1b[2J\x1b]0;owned\x07", `\x1b[2J\x1b]0;owned\x07`},
		{"two\nlines\r", `two\nlines\r`},
		{"bad \xff byte", `bad \xff byte`},
		{"\u202egnp.exe", `\u202egnp.exe`},
		{"c1 \u009b", `c1 \u009b`},
	} {
		if got := Terminal(c.in); got != c.want {
			t.Errorf("Terminal(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
