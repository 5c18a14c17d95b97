package bilingual

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// KoreanMark starts the Korean half of a bilingual Go doc comment: the
// English text comes first, then a paragraph that begins with this mark,
// then the Korean text. Code blocks (indented lines) are written once, in
// the English half; the Korean half refers to them.
const KoreanMark = "한국어:"

// quoted matches the quoted code words of a doc comment ("valid", "SAME"),
// which a translation keeps as they are.
var quoted = regexp.MustCompile(`"[A-Za-z_]*"`)

// DocComment returns how the two halves of a bilingual doc comment are out
// of step: numbers (other than 0 and 1) and quoted code words of the English
// prose that the Korean prose lacks, or the other way round. It returns
// nil for a comment without a Korean half.
func DocComment(text string) []string {
	en, ko, ok := strings.Cut(text, KoreanMark)
	if !ok {
		return nil
	}
	// The closing line ("Blog section: …") is shared by both halves.
	if i := strings.Index(ko, "\nBlog section:"); i >= 0 {
		ko = ko[:i]
	}
	enProse, koProse := docProse(en), docProse(ko)
	var out []string
	if d := multisetDiff(wordNumbers(numbers(enProse)), wordNumbers(numbers(koProse))); d != "" {
		out = append(out, "numbers differ between the English and the Korean: "+d)
	}
	if d := multisetDiff(quoted.FindAllString(enProse, -1), quoted.FindAllString(koProse, -1)); d != "" {
		out = append(out, "quoted strings differ between the English and the Korean: "+d)
	}
	return out
}

// docProse drops the code blocks (lines indented by a tab) of a doc
// comment's text.
func docProse(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "\t") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

// CheckGoDocs parses the non-test Go files of dir and returns, for every
// package doc and exported declaration, that its doc comment has no Korean
// half, or how its halves differ ([DocComment]).
func CheckGoDocs(dir string) ([]string, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		path := filepath.Join(dir, name)
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		check := func(what string, doc *ast.CommentGroup) {
			if doc == nil {
				return
			}
			text := doc.Text()
			if !strings.Contains(text, KoreanMark) {
				out = append(out, fmt.Sprintf("%s: the doc comment of %s has no Korean half (a paragraph starting %q)", filepath.ToSlash(path), what, KoreanMark))
				return
			}
			for _, p := range DocComment(text) {
				out = append(out, fmt.Sprintf("%s: the doc comment of %s: %s", filepath.ToSlash(path), what, p))
			}
		}
		check("package "+f.Name.Name, f.Doc)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() && d.Recv == nil {
					check(d.Name.Name, d.Doc)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && (ts.Name.IsExported() || ts.Name.Name == "todo") {
						doc := ts.Doc
						if doc == nil {
							doc = d.Doc
						}
						check(ts.Name.Name, doc)
					}
				}
			}
		}
	}
	return out, nil
}
