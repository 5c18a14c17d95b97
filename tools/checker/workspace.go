package main

import (
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// pristine is the instructor's kit, read once per grading run.
type pristine struct {
	kit      *Kit
	files    map[string]bool // every file, slash paths from the kit's root (no .git, node_modules or dot folders)
	copyList []string        // the files a grading workspace needs: all but tools/ and solutions/
	lessons  map[string]*pristineLesson

	mu     sync.Mutex
	hashes map[string][32]byte
}

// pristineLesson is what grading needs to know of one lesson of the kit.
type pristineLesson struct {
	lesson    *Lesson
	pkg       string          // package name of the implementation files
	testPkg   string          // package name of the test files declaring the exercise tests
	testFiles map[string]bool // names of the _test.go files
	stubs     []string        // names of the non-test .go files
	testOrder []string        // the exercise tests, in the order of their test files (file name, then position)
	testCode  map[string]string
	testLine  map[string]string // test → "lessons/padding/padding_test.go:12"
}

// notCopied lists the kit's top folders that grading does not need.
var notCopied = map[string]bool{"tools": true, "solutions": true}

func loadPristine(kit *Kit) (*pristine, error) {
	p := &pristine{kit: kit, files: map[string]bool{}, lessons: map[string]*pristineLesson{}, hashes: map[string][32]byte{}}
	err := filepath.WalkDir(kit.Root, func(fp string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(kit.Root, fp)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && skipDir(rel) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		p.files[rel] = true
		top, _, _ := strings.Cut(rel, "/")
		if !notCopied[top] && !strings.HasPrefix(path.Base(rel), ".") {
			p.copyList = append(p.copyList, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(p.copyList)
	for _, l := range kit.Manifest.Lessons {
		pl, err := p.readLesson(l)
		if err != nil {
			return nil, err
		}
		p.lessons[l.Name] = pl
	}
	return p, nil
}

// readLesson reads the package names and the exercise tests of a lesson.
func (p *pristine) readLesson(l *Lesson) (*pristineLesson, error) {
	dir := filepath.Join(p.kit.Root, "lessons", l.Name)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("lesson %s: %v", l.Name, err)
	}
	pl := &pristineLesson{lesson: l, testFiles: map[string]bool{}, testCode: map[string]string{}, testLine: map[string]string{}}
	want := map[string]bool{}
	for _, ex := range l.Exercises {
		want[ex.Test] = true
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		rel := "lessons/" + l.Name + "/" + name
		f, err := parser.ParseFile(fset, rel, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("kit: %v", err)
		}
		if !strings.HasSuffix(name, "_test.go") {
			pl.stubs = append(pl.stubs, name)
			if pl.pkg != "" && pl.pkg != f.Name.Name {
				return nil, fmt.Errorf("kit: lessons/%s holds packages %s and %s", l.Name, pl.pkg, f.Name.Name)
			}
			pl.pkg = f.Name.Name
			continue
		}
		pl.testFiles[name] = true
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !want[fn.Name.Name] {
				continue
			}
			if pl.testPkg != "" && pl.testPkg != f.Name.Name {
				return nil, fmt.Errorf("kit: the tests of lessons/%s are in two packages, %s and %s; the checker needs them in one", l.Name, pl.testPkg, f.Name.Name)
			}
			pl.testPkg = f.Name.Name
			pl.testOrder = append(pl.testOrder, fn.Name.Name)
			pl.testCode[fn.Name.Name] = string(src[fset.Position(fn.Pos()).Offset:fset.Position(fn.End()).Offset])
			pl.testLine[fn.Name.Name] = fmt.Sprintf("%s:%d", rel, fset.Position(fn.Pos()).Line)
		}
	}
	if pl.pkg == "" {
		return nil, fmt.Errorf("kit: lessons/%s has no implementation files", l.Name)
	}
	for _, ex := range l.Exercises {
		if pl.testCode[ex.Test] == "" {
			return nil, fmt.Errorf("kit: %s names test %s, which lessons/%s/*_test.go does not declare", ex.ID(), ex.Test, l.Name)
		}
	}
	return pl, nil
}

// hash returns the SHA-256 of a pristine file.
func (p *pristine) hash(rel string) ([32]byte, error) {
	p.mu.Lock()
	h, ok := p.hashes[rel]
	p.mu.Unlock()
	if ok {
		return h, nil
	}
	data, err := os.ReadFile(filepath.Join(p.kit.Root, filepath.FromSlash(rel)))
	if err != nil {
		return h, err
	}
	h = sha256.Sum256(data)
	p.mu.Lock()
	p.hashes[rel] = h
	p.mu.Unlock()
	return h, nil
}

// same reports whether the submission's file has the pristine content.
func (p *pristine) same(rel string, f *subFile) (bool, error) {
	want, err := p.hash(rel)
	if err != nil {
		return false, err
	}
	data, err := f.read()
	if err != nil {
		return false, err
	}
	return sha256.Sum256(data) == want, nil
}

// copyTo copies the files a workspace needs into dir.
func (p *pristine) copyTo(dir string) error {
	made := map[string]bool{}
	for _, rel := range p.copyList {
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if d := filepath.Dir(dst); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		data, err := os.ReadFile(filepath.Join(p.kit.Root, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// lessonPlan is how one lesson of one submission is graded.
type lessonPlan struct {
	pl        *pristineLesson
	fromKit   bool          // the submission has no such lesson: the stubs are graded
	files     []string      // the learner's implementation files that were taken
	violation []policyError // broken rules: the lesson is not compiled
	parseErr  []string      // syntax errors: the lesson is not compiled
}

func (lp *lessonPlan) rejected() bool { return len(lp.violation) > 0 || len(lp.parseErr) > 0 }

// overlay compares the submission with the pristine kit, writes the
// learner's implementation files over the stubs in the workspace ws (a
// copy of the pristine kit), adds the grading harness, and returns the
// plan of each lesson with notes on everything not taken.
func (p *pristine) overlay(s *submission, lay layout, ws string) (map[string]*lessonPlan, []Note, error) {
	var notes []Note
	plans := map[string]*lessonPlan{}
	under := func(root, name string) (string, bool) {
		if root == "." {
			return name, true
		}
		return strings.CutPrefix(name, root+"/")
	}
	// Gather the learner's files of each lesson, and note everything else.
	learner := map[string]map[string]*subFile{} // lesson → file name → file
	var names []string
	for name := range s.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := s.files[name]
		if rel, ok := under(lay.lessonsRoot, name); ok {
			lesson, file, nested := strings.Cut(rel, "/")
			if !nested {
				// A file directly in lessons/: the manifest, or clutter.
				if p.files["lessons/"+rel] {
					if same, err := p.same("lessons/"+rel, f); err != nil || !same {
						notes = append(notes, Note{"rejected", "lessons/" + rel, "changed; the kit's copy is used"})
					}
				}
				continue
			}
			pl := p.lessons[lesson]
			if pl == nil {
				if strings.HasSuffix(name, ".go") {
					notes = append(notes, Note{"ignored", "lessons/" + rel, "not in a lesson of the kit"})
				}
				continue
			}
			if learner[lesson] == nil {
				learner[lesson] = map[string]*subFile{}
			}
			kitPath := "lessons/" + rel
			switch {
			case strings.Contains(file, "/"):
				notes = append(notes, Note{"ignored", kitPath, "files in sub-folders of a lesson are not graded"})
			case strings.HasSuffix(file, "_test.go"):
				if !pl.testFiles[file] {
					notes = append(notes, Note{"rejected", kitPath, "added test file; tests come from the kit, so it is not used"})
				} else if same, err := p.same(kitPath, f); err != nil || !same {
					notes = append(notes, Note{"rejected", kitPath, "changed test file; the kit's copy is used"})
				}
			case strings.HasSuffix(file, ".go"):
				if why := checkFileName(file); why != "" {
					notes = append(notes, Note{"rejected", kitPath, why + "; the file is not used"})
					continue
				}
				learner[lesson][file] = f
			default:
				if p.files[kitPath] {
					if same, err := p.same(kitPath, f); err == nil && !same {
						notes = append(notes, Note{"ignored", kitPath, "changed; only .go files are graded"})
					}
				} else {
					notes = append(notes, Note{"ignored", kitPath, "only .go files are graded"})
				}
			}
			continue
		}
		// Outside the lessons: only a whole kit has such files, and none
		// of them is graded. Changed kit files are worth telling about.
		if lay.kitRoot == "" {
			continue
		}
		rel, ok := under(lay.kitRoot, name)
		if !ok {
			continue
		}
		top, _, _ := strings.Cut(rel, "/")
		if p.files[rel] {
			if same, err := p.same(rel, f); err != nil || !same {
				notes = append(notes, Note{"rejected", rel, "changed; the kit's copy is used"})
			}
		} else if strings.HasSuffix(rel, ".go") && !notCopied[top] || top == "golden" || rel == "go.mod" || rel == "go.sum" {
			notes = append(notes, Note{"rejected", rel, "added; not part of the kit, so it is not used"})
		}
	}

	// Write the learner's files over the stubs, checking each.
	for _, l := range p.kit.Manifest.Lessons {
		pl := p.lessons[l.Name]
		lp := &lessonPlan{pl: pl}
		plans[l.Name] = lp
		dir := filepath.Join(ws, "lessons", l.Name)
		files, ok := learner[l.Name]
		if !ok || len(files) == 0 {
			lp.fromKit = true
			if !ok {
				notes = append(notes, Note{"info", "lessons/" + l.Name, "not in the submission; the kit's stubs are graded"})
			}
		} else {
			for _, stub := range pl.stubs {
				if err := os.Remove(filepath.Join(dir, stub)); err != nil {
					return nil, nil, err
				}
			}
			var fileNames []string
			for name := range files {
				fileNames = append(fileNames, name)
			}
			sort.Strings(fileNames)
			for _, name := range fileNames {
				data, err := files[name].read()
				if err != nil {
					return nil, nil, err
				}
				rel := "lessons/" + l.Name + "/" + name
				v, perr := checkSource(rel, data, pl.pkg)
				if perr != nil {
					lp.parseErr = append(lp.parseErr, perr.Error())
				}
				lp.violation = append(lp.violation, v...)
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					return nil, nil, err
				}
				lp.files = append(lp.files, name)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, gateFile), gateSource(pl.pkg), 0o644); err != nil {
			return nil, nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, gateTestFile), gateTestSource(pl.testPkg, pl.testOrder), 0o644); err != nil {
			return nil, nil, err
		}
	}
	if err := writeHarness(ws); err != nil {
		return nil, nil, err
	}
	return plans, notes, nil
}
