package golden_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/convlings/convlings/golden"
	kitpkg "github.com/convlings/convlings/internal/kit"
)

const lessonsDir = "../lessons"

func readManifest(t *testing.T) *kitpkg.Manifest {
	t.Helper()
	m, err := kitpkg.LoadManifest("..")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestManifestMatchesTheSuites checks lessons/manifest.json against the
// exercises the suites know, and each entry for completeness: the lessons
// in the post's order, 4 to 7 exercises each, tasks numbered in order,
// points, two or more hints in English and Korean, README sections that
// exist, functions that the stubs define and tests that the lessons run.
func TestManifestMatchesTheSuites(t *testing.T) {
	m := readManifest(t)
	if m.Format != 1 {
		t.Errorf("format %d, want 1", m.Format)
	}
	var names []string
	for _, l := range m.Lessons {
		names = append(names, l.Name)
	}
	if got := strings.Join(names, ","); got != "padding,filters,pooling,stacking" {
		t.Errorf("lessons %s, want the post's order padding,filters,pooling,stacking", got)
	}
	want := golden.Exercises()
	i := 0
	seen := map[string]bool{}
	for _, l := range m.Lessons {
		if n := len(l.Exercises); n < 4 || n > 7 {
			t.Errorf("lesson %s has %d exercises, want 4 to 7", l.Name, n)
		}
		if l.Title.En == "" || l.Title.Ko == "" || l.Section == "" {
			t.Errorf("lesson %s lacks a title in en and ko, or its section", l.Name)
		}
		funcs, tests := declaredFuncs(t, filepath.Join(lessonsDir, l.Name))
		anchors := map[string]map[string]bool{}
		for _, readme := range []string{"README.md", "README.ko.md"} {
			anchors[readme] = headingAnchors(t, filepath.Join(lessonsDir, l.Name, readme))
		}
		for j, ex := range l.Exercises {
			id := l.Name + "/" + ex.Name
			if seen[ex.Name] {
				t.Errorf("%s: exercise names must be unique in the kit", id)
			}
			seen[ex.Name] = true
			if i >= len(want) {
				t.Errorf("%s: the suites know no such exercise", id)
				continue
			}
			w := want[i]
			i++
			if l.Name != w.Lesson || ex.Name != w.Name || ex.Test != w.Test || ex.README != "README.md#"+w.Anchor || ex.READMEKo != "README.ko.md#"+w.AnchorKo {
				t.Errorf("%s (%s, %s, %s): the suites have %s (%s, README.md#%s, README.ko.md#%s) here", id, ex.Test, ex.README, ex.READMEKo, w.ID(), w.Test, w.Anchor, w.AnchorKo)
			}
			if ex.Task != j+1 || ex.Points < 1 || len(ex.Funcs) == 0 {
				t.Errorf("%s: task %d (want %d), points %v, funcs %v", id, ex.Task, j+1, ex.Points, ex.Funcs)
			}
			if len(ex.Hints) < 2 {
				t.Errorf("%s: %d hints, want at least 2, general to specific", id, len(ex.Hints))
			}
			for k, h := range ex.Hints {
				if strings.TrimSpace(h.En) == "" || strings.TrimSpace(h.Ko) == "" {
					t.Errorf("%s: hint %d lacks en or ko", id, k+1)
				}
			}
			for _, link := range []string{ex.README, ex.READMEKo} {
				file, anchor, _ := strings.Cut(link, "#")
				if !anchors[file][anchor] {
					t.Errorf("%s: %s has no section #%s", id, filepath.Join("lessons", l.Name, file), anchor)
				}
			}
			for _, f := range ex.Funcs {
				if !funcs[f] {
					t.Errorf("%s: lessons/%s declares no func %s", id, l.Name, f)
				}
			}
			if !tests[ex.Test] {
				t.Errorf("%s: lessons/%s has no test func %s", id, l.Name, ex.Test)
			}
		}
	}
	if i != len(want) {
		t.Errorf("the manifest lists %d exercises, the suites %d", i, len(want))
	}
}

// declaredFuncs returns the exported funcs of a lesson's code and the
// Test funcs of its tests.
func declaredFuncs(t *testing.T, dir string) (funcs, tests map[string]bool) {
	t.Helper()
	funcs, tests = map[string]bool{}, map[string]bool{}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	for _, file := range files {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.IsExported() {
				if strings.HasSuffix(file, "_test.go") {
					tests[fn.Name.Name] = true
				} else {
					funcs[fn.Name.Name] = true
				}
			}
		}
	}
	return funcs, tests
}

var heading = regexp.MustCompile(`(?m)^#{1,6} +(.+?) *$`)

// headingAnchors returns the anchors GitHub makes for the headings of a
// Markdown file: lower case, punctuation dropped, spaces as hyphens.
func headingAnchors(t *testing.T, file string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Errorf("%v", err)
		return nil
	}
	anchors := map[string]bool{}
	inCode := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
		}
		if m := heading.FindStringSubmatch(line); m != nil && !inCode {
			anchors[slug(m[1])] = true
		}
	}
	return anchors
}

func slug(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestLessonLinks checks every relative link in the lessons' READMEs: the
// file must exist, and so must the section it points to.
func TestLessonLinks(t *testing.T) {
	readmes, err := filepath.Glob(filepath.Join(lessonsDir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join(lessonsDir, "*", "*.md"))
	readmes = append(readmes, more...)
	if len(readmes) < 10 {
		t.Fatalf("found %d READMEs under lessons/, want 10 (en and ko for the course and each lesson)", len(readmes))
	}
	for _, readme := range readmes {
		data, err := os.ReadFile(readme)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(string(data), -1) {
			target := m[1]
			if strings.Contains(target, "://") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			path := readme
			if file != "" {
				path = filepath.Join(filepath.Dir(readme), file)
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("%s links to %s, which does not exist", readme, target)
				continue
			}
			if anchor != "" && !headingAnchors(t, path)[anchor] {
				t.Errorf("%s links to %s, which has no section #%s", readme, path, anchor)
			}
		}
	}
}

// TestStubsSayWhereToStart checks each stub's doc comment for what the
// style asks of it: the blog section and the command that runs its test.
func TestStubsSayWhereToStart(t *testing.T) {
	m := readManifest(t)
	for _, l := range m.Lessons {
		files, _ := filepath.Glob(filepath.Join(lessonsDir, l.Name, "*.go"))
		docs := map[string]string{}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				if fn, ok := d.(*ast.FuncDecl); ok && fn.Doc != nil {
					docs[fn.Name.Name] = fn.Doc.Text()
				}
			}
		}
		for _, ex := range l.Exercises {
			for _, fn := range ex.Funcs {
				doc := docs[fn]
				for _, want := range []string{"Blog section: ", "go test ./lessons/" + l.Name + " -run '^", "Example"} {
					if !strings.Contains(doc, want) {
						t.Errorf("the doc comment of %s.%s lacks %q", l.Name, fn, want)
					}
				}
				if !strings.Contains(doc, ex.Test) && !strings.Contains(doc, strings.TrimSuffix(strings.TrimSuffix(ex.Test, "Valid"), "Same")) {
					t.Errorf("the doc comment of %s.%s does not name its test %s", l.Name, fn, ex.Test)
				}
			}
		}
	}
}
