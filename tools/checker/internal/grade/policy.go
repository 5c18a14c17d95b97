package grade

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"

	"github.com/convlings/convlings/internal/kit"
)

// The rules for lesson code in grading. Lesson code may use the standard
// library and the kit's tensor package; the exceptions below either reach
// around Go's memory safety (and so around the grading harness), start
// processes or talk to the network, change the runtime under the tests, or
// hand the learner the answers.
var deniedImports = map[string]string{
	"C":             "cgo is not allowed in lesson code",
	"unsafe":        "unsafe reaches around Go's memory safety",
	"reflect":       "reflect is not needed by the exercises and can read other packages' internals",
	"syscall":       "syscall gives raw access to the operating system",
	"plugin":        "plugin loads code from outside the lesson",
	"os/exec":       "lesson code may not start other programs",
	"log/syslog":    "lesson code may not use the network",
	"runtime/cgo":   "cgo is not allowed in lesson code",
	"runtime/debug": "runtime/debug changes the runtime under the tests (memory limit, crash output, GC)",
	"testing":       "lesson code is not test code: the tests come from the kit",
	"flag":          "the flag package can change the test run's own flags (-test.run, -test.skip)",
}

// deniedPrefixes are denied with everything below them.
var deniedPrefixes = map[string]string{
	"net":      "lesson code may not use the network",
	"testing":  "lesson code is not test code: the tests come from the kit",
	"internal": "internal packages of the standard library cannot be imported",
	"vendor":   "vendored packages are not part of the kit",
	"cmd":      "the go command's packages are not for lesson code",
}

// allowedStd is the allowlist of standard packages for lesson code:
// computation, text and data formats, and nothing that reaches processes,
// files outside the run's own temporary folder, the network, the Go
// toolchain (go/build runs programs from a GOROOT of one's choice) or the
// runtime's knobs. A package not listed is refused, so a new standard
// package is out until it is looked at.
var allowedStd = map[string]bool{}

func init() {
	for _, p := range strings.Fields(`
		bufio bytes cmp context errors fmt io iter maps slices sort strconv strings sync sync/atomic
		time unicode unicode/utf8 unicode/utf16 unique
		math math/big math/bits math/cmplx math/rand math/rand/v2
		container/heap container/list container/ring
		encoding encoding/base32 encoding/base64 encoding/binary encoding/csv encoding/hex encoding/json encoding/xml
		hash hash/adler32 hash/crc32 hash/crc64 hash/fnv hash/maphash
		crypto/sha256 crypto/sha512 crypto/sha1 crypto/md5
		regexp regexp/syntax text/tabwriter text/template html html/template
		compress/flate compress/gzip compress/zlib
		log log/slog errors os path path/filepath io/fs runtime`) {
		allowedStd[p] = true
	}
}

// lessonImports are the learner's own lessons that a lesson may import:
// lesson 4 composes what the learner wrote in lessons 1 to 3.
var lessonImports = map[string][]string{"stacking": {"padding", "filters", "pooling"}}

// lessonImport reports whether lesson pkg may import p, one of its
// lessonImports.
func lessonImport(pkg, p string) bool {
	for _, l := range lessonImports[pkg] {
		if p == kit.ModulePath+"/lessons/"+l {
			return true
		}
	}
	return false
}

// deniedCalls are functions of allowed packages that lesson code may not
// use, keyed by import path and name: they start, find or signal
// processes, or change the process the tests run in.
var deniedCalls = map[string]string{
	"os.StartProcess":      "lesson code may not start other programs",
	"os.FindProcess":       "lesson code may not signal other processes",
	"os.Getppid":           "lesson code has no business with the grader's process",
	"os.Chdir":             "lesson code may not change the tests' working folder",
	"os.Setenv":            "lesson code may not change the tests' environment",
	"os.Unsetenv":          "lesson code may not change the tests' environment",
	"os.Clearenv":          "lesson code may not change the tests' environment",
	"runtime.GOMAXPROCS":   "lesson code may not change the runtime the tests run in",
	"runtime.LockOSThread": "lesson code may not change the runtime the tests run in",
}

// allowedModuleImports are the kit's own packages lesson code may import:
// the tensor package, and, for a lesson that builds on earlier ones, the
// learner's own earlier lessons (lessons/stacking uses the learner's
// padding, filters and pooling).
func allowedModuleImport(p, lesson string) bool {
	if p == kit.ModulePath+"/tensor" {
		return true
	}
	return lessonImport(lesson, p)
}

// checkImport returns why lesson code of lesson may not import p, or "".
func checkImport(p, lesson string) string {
	if why, ok := deniedImports[p]; ok {
		return why
	}
	first, _, _ := strings.Cut(p, "/")
	if why, ok := deniedPrefixes[first]; ok {
		return why
	}
	if allowedModuleImport(p, lesson) {
		return ""
	}
	if p == kit.ModulePath || strings.HasPrefix(p, kit.ModulePath+"/") {
		rest := strings.TrimPrefix(strings.TrimPrefix(p, kit.ModulePath), "/")
		return fmt.Sprintf("lesson code may import only the tensor package of the kit, not %s (the exercises are to be written, not borrowed)", rest)
	}
	if strings.HasPrefix(p, ".") {
		return "relative imports are not allowed"
	}
	if strings.Contains(first, ".") {
		return "lesson code may import only the standard library and " + kit.ModulePath + "/tensor"
	}
	if !allowedStd[p] {
		return "not on the list of standard packages lesson code may use (it reaches processes, files, the network or the toolchain, or the exercises do not need it)"
	}
	return ""
}

// fileNameOK is the shape of a learner's file name: plain, so that it
// cannot collide with the checker's own files or play tricks on tools.
var fileNameOK = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*\.go$`)

// checkFileName returns why a learner's .go file name is not accepted, or "".
func checkFileName(name string) string {
	switch {
	case !fileNameOK.MatchString(name):
		return "file names may hold only letters, digits, _ and -"
	case strings.HasPrefix(name, "zz_convlings"):
		return "names starting with zz_convlings are the checker's"
	}
	return ""
}

// policyError is one broken rule in one file.
type policyError struct {
	File string
	Line int
	Rule string
}

func (e policyError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Rule)
	}
	return e.File + ": " + e.Rule
}

// checkSource parses one lesson file and checks it against the rules. A
// syntax error is returned as parseErr: the file would not compile anyway.
// pkg is the lesson's package name.
func checkSource(file string, src []byte, pkg string) (violations []policyError, parseErr error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	add := func(pos token.Pos, format string, args ...any) {
		violations = append(violations, policyError{File: file, Line: fset.Position(pos).Line, Rule: fmt.Sprintf(format, args...)})
	}
	if f.Name.Name != pkg {
		add(f.Name.Pos(), "package %s, want package %s", f.Name.Name, pkg)
	}
	imported := map[string]string{} // name in the file → import path
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			add(imp.Pos(), "bad import path %s", imp.Path.Value)
			continue
		}
		if why := checkImport(p, pkg); why != "" {
			add(imp.Pos(), "imports %q: %s", p, why)
		}
		name := p[strings.LastIndex(p, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "." {
			add(imp.Pos(), "imports %q with a dot: name imported packages explicitly", p)
		}
		imported[name] = p
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			text := c.Text
			for _, d := range []string{"//go:linkname", "//go:cgo_", "//export ", "//go:uintptrescapes", "//go:nosplit", "//go:noescape"} {
				if strings.HasPrefix(text, d) {
					add(c.Pos(), "the directive %s is not allowed in lesson code", strings.TrimSpace(d))
				}
			}
		}
	}
	// Assignments to another package's variables (tensor.X = …, os.Args =
	// …) change the world the tests run in. Without type information this
	// is approximate: a local variable named like an imported package and
	// holding a struct would be flagged too; rename it.
	isPkgVar := func(e ast.Expr) bool {
		for {
			switch x := e.(type) {
			case *ast.ParenExpr:
				e = x.X
				continue
			case *ast.IndexExpr:
				e = x.X
				continue
			case *ast.StarExpr:
				e = x.X
				continue
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && imported[id.Name] != "" {
					return true
				}
				e = x.X
				continue
			}
			return false
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok && imported[id.Name] != "" {
				if why := deniedCalls[imported[id.Name]+"."+x.Sel.Name]; why != "" {
					add(x.Pos(), "uses %s.%s: %s", imported[id.Name], x.Sel.Name, why)
				}
			}
		case *ast.AssignStmt:
			for _, lhs := range x.Lhs {
				if isPkgVar(lhs) {
					add(lhs.Pos(), "assigns to %s, a variable of another package", exprString(lhs))
				}
			}
		case *ast.IncDecStmt:
			if isPkgVar(x.X) {
				add(x.Pos(), "changes %s, a variable of another package", exprString(x.X))
			}
		case *ast.UnaryExpr:
			if x.Op == token.AND && isPkgVar(x.X) {
				add(x.Pos(), "takes the address of %s, a variable of another package", exprString(x.X))
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{x.Key, x.Value} {
				if e != nil && x.Tok == token.ASSIGN && isPkgVar(e) {
					add(e.Pos(), "assigns to %s, a variable of another package", exprString(e))
				}
			}
		}
		return true
	})
	return violations, nil
}

func exprString(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprString(x.X) + "." + x.Sel.Name
	case *ast.IndexExpr:
		return exprString(x.X) + "[…]"
	case *ast.StarExpr:
		return "*" + exprString(x.X)
	case *ast.ParenExpr:
		return "(" + exprString(x.X) + ")"
	}
	return "an expression"
}
