package main

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLessonsAreCurrent fails when lessons/ is not what the solutions
// generate: a stale stub, a test file that is not its solution's twin, or a
// stray file.
func TestLessonsAreCurrent(t *testing.T) {
	root := filepath.Join("..", "..")
	kit, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(kit.Stubs) == 0 || len(kit.Tests) == 0 {
		t.Fatalf("generated %d stubs and %d test files; want some of each", len(kit.Stubs), len(kit.Tests))
	}
	problems, err := Check(root, kit)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p.Text)
	}
	if len(problems) > 0 {
		t.Log("lessons/ must be exactly what `go run ./tools/stubgen` makes of solutions/. " +
			"If you are a learner and lessons/ holds your work, this failure is expected: the check guards the kit as shipped.")
	}
}

func todoFor(fn string) (string, error) { return "TODO: write " + fn, nil }

func TestStubReplacesBodiesAndDropsHelpers(t *testing.T) {
	src := `package p

import (
	"errors"
	"fmt"
	"strings"

	"github.com/convlings/convlings/tensor"
)

// Shape says hello.
func Shape(x *tensor.Tensor) (string, error) {
	if x == nil {
		return "", errors.New("p: nil")
	}
	// BEGIN SOLUTION
	return fmt.Sprint(helper(x)), nil
	// END SOLUTION
}

// BEGIN SOLUTION

func helper(x *tensor.Tensor) string { return strings.ToUpper(x.Shape.Dims()) }

// END SOLUTION

// Keep stays.
func Keep() int { return 1 }
`
	out, err := Stub("p.go", []byte(src), todoFor)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		"// Shape says hello.\nfunc Shape(x *tensor.Tensor) (string, error) {\n\tif x == nil {",
		"\t// TODO: write Shape\n\tpanic(todo(\"Shape\"))\n}",
		"\"errors\"",
		"// Keep stays.\nfunc Keep() int { return 1 }",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the stub lacks %q:\n%s", want, got)
		}
	}
	for _, gone := range []string{"helper", "\"fmt\"", "\"strings\"", "SOLUTION"} {
		if strings.Contains(got, gone) {
			t.Errorf("the stub still has %q:\n%s", gone, got)
		}
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "p.go", out, 0); err != nil {
		t.Errorf("the stub does not parse: %v", err)
	}
}

func TestStubDropsEmptyImportDecl(t *testing.T) {
	src := "package p\n\nimport \"fmt\"\n\nfunc F() string {\n\t// BEGIN SOLUTION\n\treturn fmt.Sprint(1)\n\t// END SOLUTION\n}\n"
	out, err := Stub("p.go", []byte(src), todoFor)
	if err != nil {
		t.Fatal(err)
	}
	want := "package p\n\nfunc F() string {\n\t// TODO: write F\n\tpanic(todo(\"F\"))\n}\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestStubRejectsBadRegions(t *testing.T) {
	body := func(inner string) string {
		return "package p\n\nfunc F() int {\n" + inner + "}\n"
	}
	for name, tc := range map[string]struct{ src, want string }{
		"nested":            {body("\t// BEGIN SOLUTION\n\t// BEGIN SOLUTION\n\treturn 1\n\t// END SOLUTION\n"), "p.go:5: BEGIN SOLUTION inside the region opened at line 4"},
		"missing end":       {body("\t// BEGIN SOLUTION\n\treturn 1\n"), "p.go:4: BEGIN SOLUTION without an END SOLUTION"},
		"end without begin": {body("\treturn 1\n\t// END SOLUTION\n"), "p.go:5: END SOLUTION without a BEGIN SOLUTION"},
		"marker with text":  {body("\t// BEGIN SOLUTION here\n\treturn 1\n"), "p.go:4: a marker must stand alone"},
		"not at the end":    {body("\t// BEGIN SOLUTION\n\tx := 1\n\t// END SOLUTION\n\treturn x\n"), "must end its body"},
		"straddles a func":  {"package p\n\n// BEGIN SOLUTION\nfunc F() int {\n\treturn 1\n\t// END SOLUTION\n}\n", "starts outside func F and ends inside it"},
		"not an exercise":   {body("\t// BEGIN SOLUTION\n\treturn 1\n\t// END SOLUTION\n"), "no exercise"},
	} {
		t.Run(name, func(t *testing.T) {
			todo := todoFor
			if name == "not an exercise" {
				todo = func(fn string) (string, error) {
					return "", os.ErrNotExist
				}
				tc.want = "file does not exist"
			}
			_, err := Stub("p.go", []byte(tc.src), todo)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Stub = error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestCommand runs the command on a small kit: it writes the stubs, then
// -check notices a hand-edited stub, a stray file and a test file that is
// not its solution's twin, and writing again repairs the stub and the test.
func TestCommand(t *testing.T) {
	root := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module github.com/convlings/convlings\n\ngo 1.26\n")
	write("lessons/manifest.json", `{"format": 1, "lessons": [{"name": "one", "exercises": [{"name": "f", "test": "TestF", "funcs": ["F"], "points": 1, "task": 1}]}]}`)
	write("solutions/one/one.go", "package one\n\n// F is one.\nfunc F() int {\n\t// BEGIN SOLUTION\n\treturn 1\n\t// END SOLUTION\n}\n")
	test := "package one_test\n\nimport _ \"github.com/convlings/convlings/solutions/one\"\n"
	write("solutions/one/one_test.go", test)
	write("lessons/one/one_test.go", strings.Replace(test, "solutions/one", "lessons/one", 1))
	t.Chdir(root)

	var out, errOut bytes.Buffer
	if code := run([]string{"-check"}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "missing: lessons/one/one.go") {
		t.Fatalf("-check before writing: exit %d, want 1 and a missing stub\n%s", code, errOut.String())
	}
	errOut.Reset()
	if code := run(nil, &out, &errOut); code != 0 {
		t.Fatalf("writing: exit %d\n%s", code, errOut.String())
	}
	stub, err := os.ReadFile(filepath.Join(root, "lessons/one/one.go"))
	if err != nil {
		t.Fatal(err)
	}
	want := "package one\n\n// F is one.\nfunc F() int {\n\t// TODO: write F as its comment says. / 주석에 적힌 대로 F 함수를 작성하세요.\n\t// Run / 실행: go test ./lessons/one -run '^TestF$'\n\tpanic(todo(\"F\"))\n}\n"
	if string(stub) != want {
		t.Errorf("the stub is\n%s\nwant\n%s", stub, want)
	}
	if code := run([]string{"-check"}, &out, &errOut); code != 0 {
		t.Fatalf("-check after writing: exit %d\n%s", code, errOut.String())
	}

	write("lessons/one/one.go", "package one\n\nfunc F() int { return 1 }\n")
	write("lessons/one/extra.go", "package one\n")
	write("lessons/one/one_test.go", test)
	errOut.Reset()
	if code := run([]string{"-check"}, &out, &errOut); code != 1 {
		t.Fatalf("-check after edits: exit %d, want 1", code)
	}
	for _, want := range []string{"differs: lessons/one/one.go", "extra: lessons/one/extra.go", "differs: lessons/one/one_test.go"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("-check output lacks %q:\n%s", want, errOut.String())
		}
	}
	// Writing repairs the stub and the test; the stray file needs a hand.
	errOut.Reset()
	if code := run(nil, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "extra: lessons/one/extra.go") || strings.Contains(errOut.String(), "one_test.go") {
		t.Errorf("writing after edits: exit %d, want 1 for the stray file alone\n%s", code, errOut.String())
	}
	if got, _ := os.ReadFile(filepath.Join(root, "lessons/one/one_test.go")); string(got) != strings.Replace(test, "solutions/one", "lessons/one", 1) {
		t.Errorf("stubgen wrote the lesson's test as\n%s", got)
	}
	if code := run([]string{"extra-arg"}, &out, &errOut); code != 2 {
		t.Errorf("a stray argument: exit %d, want 2", code)
	}
}

// TestLessonImportsLessons checks that a lesson building on an earlier one
// imports the learner's package, as its solution imports the solution's:
// Generate rewrites solutions/ import paths to lessons/ in stubs and tests.
func TestLessonImportsLessons(t *testing.T) {
	root := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module github.com/convlings/convlings\n\ngo 1.26\n")
	write("lessons/manifest.json", `{"format": 1, "lessons": [{"name": "one", "exercises": [{"name": "f", "test": "TestF", "funcs": ["F"], "points": 1, "task": 1}]},
		{"name": "two", "exercises": [{"name": "g", "test": "TestG", "funcs": ["G"], "points": 1, "task": 1}]}]}`)
	write("solutions/one/one.go", "package one\n\n// F is one.\nfunc F() int {\n\t// BEGIN SOLUTION\n\treturn 1\n\t// END SOLUTION\n}\n")
	write("solutions/two/two.go", "package two\n\nimport \"github.com/convlings/convlings/solutions/one\"\n\n"+
		"// f is lesson one's F.\nvar f = one.F\n\n// G is two.\nfunc G() int {\n\t// BEGIN SOLUTION\n\treturn f() + 1\n\t// END SOLUTION\n}\n")
	write("solutions/two/two_test.go", "package two_test\n\nimport _ \"github.com/convlings/convlings/solutions/two\"\n")
	kit, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	stub := string(kit.Stubs["lessons/two/two.go"])
	if !strings.Contains(stub, `import "github.com/convlings/convlings/lessons/one"`) || !strings.Contains(stub, "var f = one.F") || strings.Contains(stub, "solutions/") {
		t.Errorf("the stub of a lesson that builds on lesson one:\n%s\nwant it to import lessons/one and keep var f", stub)
	}
	if test := string(kit.Tests["lessons/two/two_test.go"]); !strings.Contains(test, `"github.com/convlings/convlings/lessons/two"`) {
		t.Errorf("the lesson's test:\n%s\nwant it to import lessons/two", test)
	}
}
