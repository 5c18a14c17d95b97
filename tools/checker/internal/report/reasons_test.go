package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sampleArg stands for a value the grader puts into a reason (a duration,
// a lesson, an error's text): one word, as the reasons' patterns take it.
const sampleArg = "10s"

// verb is a fmt verb in a reason's format.
var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// sampleText is an expression of the grader's source as a reason it can
// produce: string literals as they are, fmt.Sprintf's verbs and the
// operands of + that are not literals as sampleArg. ok is false when the
// expression holds no literal word (a reason passed on from elsewhere,
// whose own source is enumerated where it is made).
func sampleText(e ast.Expr) (text string, ok bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil && strings.ContainsFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' })
	case *ast.ParenExpr:
		return sampleText(x.X)
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		l, lok := sampleText(x.X)
		r, rok := sampleText(x.Y)
		if !lok {
			l = sampleArg
		}
		if !rok {
			r = sampleArg
		}
		return l + r, lok || rok
	case *ast.CallExpr:
		if sel, isSel := x.Fun.(*ast.SelectorExpr); isSel && sel.Sel.Name == "Sprintf" && len(x.Args) > 0 {
			format, ok := sampleText(x.Args[0])
			if !ok {
				return "", false
			}
			return verb.ReplaceAllStringFunc(format, func(v string) string {
				switch v[len(v)-1] {
				case '%':
					return "%"
				case 'd':
					return "3"
				}
				return sampleArg
			}), true
		}
	}
	return "", false
}

// isReason reports whether an assignment's target holds a reason: a
// Reason field, or a variable named reason.
func isReason(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name == "reason"
	case *ast.SelectorExpr:
		return x.Sel.Name == "Reason"
	}
	return false
}

// graderReasons enumerates, from the source of the grade, worker and
// sandbox packages, every reason they can give a result, an *InitError or
// a Failure: the values of Reason fields in composite literals, of
// assignments to a Reason field or a variable named reason, and of the
// functions whose name ends in Reason and sandbox's Outcome.Describe. Each is made a sample text with
// sampleText; it returns them with their places.
func graderReasons(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	fset := token.NewFileSet()
	var files []string
	for _, dir := range []string{"../grade", "../worker", "../sandbox"} {
		fs, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if !strings.HasSuffix(f, "_test.go") {
				files = append(files, f)
			}
		}
	}
	add := func(e ast.Expr) {
		if s, ok := sampleText(e); ok {
			out[s] = fset.Position(e.Pos()).String()
		}
	}
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.KeyValueExpr:
				if k, ok := x.Key.(*ast.Ident); ok && k.Name == "Reason" {
					add(x.Value)
				}
			case *ast.AssignStmt:
				if (x.Tok == token.ASSIGN || x.Tok == token.DEFINE) && len(x.Lhs) == len(x.Rhs) {
					for i, l := range x.Lhs {
						if isReason(l) {
							add(x.Rhs[i])
						}
					}
				}
			case *ast.FuncDecl:
				if (strings.HasSuffix(x.Name.Name, "Reason") || x.Name.Name == "Describe") && x.Body != nil {
					ast.Inspect(x.Body, func(n ast.Node) bool {
						if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
							add(r.Results[0])
						}
						return true
					})
				}
			}
			return true
		})
	}
	return out
}

// TestEveryReasonHasKorean: every reason the grader can give an exercise
// (enumerated from its source, so that a new one cannot slip through) has
// a Korean form in koReasons, and -lang ko shows no reason in English.
func TestEveryReasonHasKorean(t *testing.T) {
	reasons := graderReasons(t)
	// The enumeration itself must see the reasons it is known to hold.
	for _, known := range []string{
		"does not compile",
		"the lessons' init (their init functions and package-level variables) did not finish within 10s",
		"imports lessons/10s, whose init did not finish",
		"the submission's time budget (10s for all its tests) ran out",
		"printed more than 10s, so the run was stopped",
	} {
		if _, ok := reasons[known]; !ok {
			t.Errorf("the enumeration missed %q; it found:\n%v", known, reasons)
		}
	}
	if len(reasons) < 20 {
		t.Errorf("the enumeration found %d reasons, want at least 20: %v", len(reasons), reasons)
	}
	english := regexp.MustCompile(`[A-Za-z]{4,}`)
	code := map[string]bool{"init": true, "import": true, "hello": true, "lessons": true, "Exit": true, "Fatal": true}
	for text, at := range reasons {
		if !hasKorean(text) {
			t.Errorf("%s: the reason %q has no Korean form in koReasons", at, text)
			continue
		}
		// The first pattern that matches must translate it whole: no
		// English word is left but the Go names it keeps.
		ko := localise("ko", text, koReasons)
		for _, w := range english.FindAllString(ko, -1) {
			if !code[w] {
				t.Errorf("%s: the reason %q is %q in Korean, with the English %q", at, text, ko, w)
				break
			}
		}
	}
}

// hasKorean reports whether koReasons translates text.
func hasKorean(text string) bool {
	for _, r := range koReasons {
		if r.re.MatchString(text) {
			return true
		}
	}
	return false
}
