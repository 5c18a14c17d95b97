package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"sort"
	"strconv"
	"strings"
)

const (
	beginMarker = "// BEGIN SOLUTION"
	endMarker   = "// END SOLUTION"
)

// region is a solution region: the 1-based lines of its two markers.
type region struct{ begin, end int }

// findRegions returns the solution regions of src, or an error for a
// marker that is malformed, nested, unmatched or unterminated.
func findRegions(filename string, src []byte) ([]region, error) {
	var regions []region
	open := 0
	for i, line := range strings.Split(string(src), "\n") {
		n := i + 1
		t := strings.TrimSpace(line)
		switch {
		case t == beginMarker:
			if open != 0 {
				return nil, fmt.Errorf("%s:%d: BEGIN SOLUTION inside the region opened at line %d (regions do not nest)", filename, n, open)
			}
			open = n
		case t == endMarker:
			if open == 0 {
				return nil, fmt.Errorf("%s:%d: END SOLUTION without a BEGIN SOLUTION", filename, n)
			}
			regions = append(regions, region{open, n})
			open = 0
		case strings.Contains(t, "BEGIN SOLUTION") || strings.Contains(t, "END SOLUTION"):
			return nil, fmt.Errorf("%s:%d: a marker must stand alone on its line, as %q or %q", filename, n, beginMarker, endMarker)
		}
	}
	if open != 0 {
		return nil, fmt.Errorf("%s:%d: BEGIN SOLUTION without an END SOLUTION", filename, open)
	}
	return regions, nil
}

// Stub returns the stub for one solution file. todo gives the TODO comment
// (one comment line per line of its result) for a function (by name) whose
// body is a solution region, or an error if the function belongs to no
// exercise.
func Stub(filename string, src []byte, todo func(fn string) (string, error)) ([]byte, error) {
	regions, err := findRegions(filename, src)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filename, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(string(src), "\n")
	// Work from the last region up, so earlier line numbers stay valid.
	for i := len(regions) - 1; i >= 0; i-- {
		r := regions[i]
		fn := enclosingFunc(fset, file, r.begin)
		if fn == nil {
			if f := enclosingFunc(fset, file, r.end); f != nil {
				return nil, fmt.Errorf("%s:%d: the region starts outside func %s and ends inside it", filename, r.begin, f.Name.Name)
			}
			lines = splice(lines, r.begin, r.end, nil)
			continue
		}
		if enclosingFunc(fset, file, r.end) != fn {
			return nil, fmt.Errorf("%s:%d: the region starts inside func %s and ends outside it", filename, r.begin, fn.Name.Name)
		}
		if closing := fset.Position(fn.Body.Rbrace).Line; r.end != closing-1 {
			return nil, fmt.Errorf("%s:%d: the region in func %s must end its body (END SOLUTION just before the closing brace), so the stub's panic is its last statement", filename, r.end, fn.Name.Name)
		}
		comment, err := todo(fn.Name.Name)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", filename, r.begin, err)
		}
		indent := lines[r.begin-1][:len(lines[r.begin-1])-len(strings.TrimLeft(lines[r.begin-1], " \t"))]
		var body []string
		for _, c := range strings.Split(comment, "\n") {
			body = append(body, indent+"// "+c)
		}
		lines = splice(lines, r.begin, r.end, append(body, indent+"panic(todo("+strconv.Quote(fn.Name.Name)+"))"))
	}
	out, err := removeUnusedImports(filename, []byte(strings.Join(lines, "\n")))
	if err != nil {
		return nil, err
	}
	return format.Source(out)
}

// splice replaces lines first…last (1-based, inclusive) with repl.
func splice(lines []string, first, last int, repl []string) []string {
	out := append([]string(nil), lines[:first-1]...)
	out = append(out, repl...)
	return append(out, lines[last:]...)
}

// enclosingFunc returns the function whose body holds the given line.
func enclosingFunc(fset *token.FileSet, file *ast.File, line int) *ast.FuncDecl {
	for _, d := range file.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		if fset.Position(fn.Body.Lbrace).Line < line && line < fset.Position(fn.Body.Rbrace).Line {
			return fn
		}
	}
	return nil
}

// removeUnusedImports deletes the import specs that src no longer refers
// to, and import declarations left empty.
func removeUnusedImports(filename string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filename, src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("the stub does not parse: %v", err)
	}
	used := map[string]bool{}
	ast.Inspect(file, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	type span struct{ from, to int } // byte offsets
	var cut []span
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		var unused []*ast.ImportSpec
		for _, s := range gd.Specs {
			is := s.(*ast.ImportSpec)
			p, _ := strconv.Unquote(is.Path.Value)
			name := path.Base(p)
			if is.Name != nil {
				name = is.Name.Name
			}
			if name != "_" && name != "." && !used[name] {
				unused = append(unused, is)
			}
		}
		if len(unused) == len(gd.Specs) {
			cut = append(cut, span{fset.Position(gd.Pos()).Offset, fset.Position(gd.End()).Offset})
			continue
		}
		for _, is := range unused {
			cut = append(cut, span{fset.Position(is.Pos()).Offset, fset.Position(is.End()).Offset})
		}
	}
	sort.Slice(cut, func(i, j int) bool { return cut[i].from > cut[j].from })
	for _, c := range cut {
		src = append(src[:c.from:c.from], src[c.to:]...)
	}
	return bytes.TrimLeft(src, "\n"), nil
}
