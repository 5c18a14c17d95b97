package watch

import (
	"crypto/sha256"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Funcs maps each top-level function of a Go file (methods as Type.Name)
// to a digest of its source text, comments included, so that two versions
// of a file can be compared function by function. It returns nil when the
// file does not parse: a save in the middle of an edit says nothing about
// which function changed.
func Funcs(src []byte) map[string][32]byte {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	out := map[string][32]byte{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		start, end := fd.Pos(), fd.End()
		if fd.Doc != nil {
			start = fd.Doc.Pos()
		}
		text := src[fset.Position(start).Offset:fset.Position(end).Offset]
		out[funcName(fd)] = sha256.Sum256(text)
	}
	return out
}

func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if ix, ok := t.(*ast.IndexExpr); ok {
		t = ix.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}

// Changed returns, sorted, the functions that differ between two results
// of Funcs: added, removed or edited. It returns nil when either is nil.
func Changed(before, after map[string][32]byte) []string {
	if before == nil || after == nil {
		return nil
	}
	var out []string
	for name, sum := range after {
		if old, ok := before[name]; !ok || old != sum {
			out = append(out, name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// Edits remembers the functions of the .go files in a set of folders, so
// that after a save it can say which functions the save changed.
type Edits struct {
	files map[string]map[string][32]byte // path → Funcs; nil value: did not parse
}

// NewEdits reads the non-test .go files of dirs as they are now.
func NewEdits(dirs []string) *Edits {
	e := &Edits{files: map[string]map[string][32]byte{}}
	for _, d := range dirs {
		for _, path := range goFiles(d) {
			if src, err := os.ReadFile(path); err == nil {
				e.files[path] = Funcs(src)
			}
		}
	}
	return e
}

// Update reads the files of dirs again and returns the functions that
// changed since the last call, per file (path → sorted names). A file that
// does not parse now is left out, and keeps its last version that did, so
// that the next save that parses is compared with it.
func (e *Edits) Update(dirs []string) map[string][]string {
	out := map[string][]string{}
	for _, d := range dirs {
		for _, path := range goFiles(d) {
			src, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			now := Funcs(src)
			if now == nil {
				continue
			}
			before, seen := e.files[path]
			e.files[path] = now
			if !seen {
				before = map[string][32]byte{}
			}
			if before == nil {
				continue
			}
			if c := Changed(before, now); len(c) > 0 {
				out[path] = c
			}
		}
	}
	return out
}

// goFiles lists the non-test .go files directly in dir.
func goFiles(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, en := range entries {
		n := en.Name()
		if en.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		out = append(out, filepath.Join(dir, n))
	}
	return out
}
