package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const v1 = `package p

// A is one.
func A() int { return 1 }

func B() int { return 2 }

type T struct{}

func (t *T) M() {}
`

func TestChanged(t *testing.T) {
	for _, tc := range []struct {
		name, after string
		want        []string
	}{
		{"same", v1, nil},
		{"body", replace(v1, "return 2", "return 3"), []string{"B"}},
		{"doc comment", replace(v1, "// A is one.", "// A is 1."), []string{"A"}},
		{"method", replace(v1, "func (t *T) M() {}", "func (t *T) M() { _ = t }"), []string{"T.M"}},
		{"added", v1 + "\nfunc C() {}\n", []string{"C"}},
		{"removed", replace(v1, "func B() int { return 2 }\n", ""), []string{"B"}},
		{"moved", replace(replace(v1, "func B() int { return 2 }\n", ""), "type T", "func B() int { return 2 }\n\ntype T"), nil},
		{"two", replace(replace(v1, "return 1", "return 0"), "return 2", "return 0"), []string{"A", "B"}},
	} {
		got := Changed(Funcs([]byte(v1)), Funcs([]byte(tc.after)))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: Changed = %q, want %q", tc.name, got, tc.want)
		}
	}
	if Funcs([]byte("package p\nfunc A( {")) != nil {
		t.Error("Funcs of a file that does not parse is not nil")
	}
	if got := Changed(Funcs([]byte(v1)), nil); got != nil {
		t.Errorf("Changed(…, nil) = %q, want nil", got)
	}
}

func TestEditsUpdate(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.go")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(v1)
	if err := os.WriteFile(filepath.Join(dir, "p_test.go"), []byte("package p\nfunc TestX() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := NewEdits([]string{dir})
	if got := e.Update([]string{dir}); len(got) != 0 {
		t.Errorf("Update without a change = %v, want nothing", got)
	}
	write(replace(v1, "return 2", "return 3"))
	if got := e.Update([]string{dir})[file]; !slices.Equal(got, []string{"B"}) {
		t.Errorf("Update after editing B = %q, want [B]", got)
	}
	// A save that does not parse names nothing, and the next one that
	// does is compared with the last that parsed.
	write(replace(v1, "return 1", "return (("))
	if got := e.Update([]string{dir}); len(got) != 0 {
		t.Errorf("Update after a broken save = %v, want nothing", got)
	}
	write(replace(replace(v1, "return 2", "return 3"), "return 1", "return 4"))
	if got := e.Update([]string{dir})[file]; !slices.Equal(got, []string{"A"}) {
		t.Errorf("Update after fixing the broken save = %q, want [A]", got)
	}
}

func replace(s, old, new string) string { return strings.Replace(s, old, new, 1) }
