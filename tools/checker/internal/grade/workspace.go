package grade

import (
	"crypto/sha256"
	"encoding/json"
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

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/submission"
)

// Pristine is the instructor's kit, read once per grading run.
type Pristine struct {
	kit      *kit.Kit
	files    map[string]bool // every file, slash paths from the kit's root (no .git, node_modules or dot folders)
	copyList []string        // the files a grading workspace needs: all but tools/ and solutions/
	lessons  map[string]*pristineLesson

	mu     sync.Mutex
	hashes map[string][32]byte
}

// pristineLesson is what grading needs to know of one lesson of the kit.
type pristineLesson struct {
	lesson    *kit.Lesson
	pkg       string          // package name of the implementation files
	testPkg   string          // package name of the test files declaring the exercise tests
	testFiles map[string]bool // names of the _test.go files
	stubs     []string        // names of the non-test .go files
	testOrder []string        // the exercise tests, in the order of their test files (file name, then position)
	testCode  map[string]string
	testLine  map[string]string // test → "lessons/padding/padding_test.go:12"
}

// TestFiles returns the names of the lesson's _test.go files in the kit.
func (p *Pristine) TestFiles(lesson string) map[string]bool {
	if pl := p.lessons[lesson]; pl != nil {
		return pl.testFiles
	}
	return nil
}

// notCopied lists the kit's top folders that grading does not need.
var notCopied = map[string]bool{"tools": true, "solutions": true}

func LoadPristine(kit *kit.Kit) (*Pristine, error) {
	p := &Pristine{kit: kit, files: map[string]bool{}, lessons: map[string]*pristineLesson{}, hashes: map[string][32]byte{}}
	err := filepath.WalkDir(kit.Root, func(fp string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(kit.Root, fp)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && submission.SkipDir(rel) {
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
func (p *Pristine) readLesson(l *kit.Lesson) (*pristineLesson, error) {
	dir := filepath.Join(p.kit.Root, "lessons", l.Name)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("lesson %s: %w", l.Name, err)
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
			return nil, fmt.Errorf("kit: %w", err)
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
func (p *Pristine) hash(rel string) ([32]byte, error) {
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
func (p *Pristine) same(rel string, f *submission.File) (bool, error) {
	want, err := p.hash(rel)
	if err != nil {
		return false, err
	}
	data, err := f.Read()
	if err != nil {
		return false, err
	}
	return sha256.Sum256(data) == want, nil
}

// copyTo copies the files a workspace needs into dir.
func (p *Pristine) copyTo(dir string) error {
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
	fromKit   bool              // the submission has no such lesson: the stubs are graded
	files     map[string][]byte // the learner's implementation files that were taken, by name
	violation []policyError     // broken rules: the lesson is not compiled
	parseErr  []string          // syntax errors: the lesson is not compiled
}

func (lp *lessonPlan) rejected() bool { return len(lp.violation) > 0 || len(lp.parseErr) > 0 }

// plan compares the submission with the pristine kit and decides what is
// graded: for each lesson, the learner's implementation files (checked
// against the rules for lesson code), or the kit's stubs when the
// submission has no such lesson; and notes on everything not taken. It
// writes nothing.
func (p *Pristine) plan(s *submission.Submission, lay submission.Layout) (map[string]*lessonPlan, []result.Note, error) {
	var notes []result.Note
	plans := map[string]*lessonPlan{}
	under := func(root, name string) (string, bool) {
		if root == "." {
			return name, true
		}
		return strings.CutPrefix(name, root+"/")
	}
	// Gather the learner's files of each lesson, and note everything else.
	learner := map[string]map[string]*submission.File{} // lesson → file name → file
	var names []string
	for name := range s.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := s.Files[name]
		if rel, ok := under(lay.LessonsRoot, name); ok {
			lesson, file, nested := strings.Cut(rel, "/")
			if !nested {
				// A file directly in lessons/: the manifest, or clutter.
				if p.files["lessons/"+rel] {
					if same, err := p.same("lessons/"+rel, f); err != nil || !same {
						notes = append(notes, result.Note{Kind: "rejected", Path: "lessons/" + rel, Text: "changed; the kit's copy is used"})
					}
				}
				continue
			}
			pl := p.lessons[lesson]
			if pl == nil {
				if strings.HasSuffix(name, ".go") {
					notes = append(notes, result.Note{Kind: "ignored", Path: "lessons/" + rel, Text: "not in a lesson of the kit"})
				}
				continue
			}
			if learner[lesson] == nil {
				learner[lesson] = map[string]*submission.File{}
			}
			kitPath := "lessons/" + rel
			switch {
			case strings.Contains(file, "/"):
				notes = append(notes, result.Note{Kind: "ignored", Path: kitPath, Text: "files in sub-folders of a lesson are not graded"})
			case strings.HasSuffix(file, "_test.go"):
				if !pl.testFiles[file] {
					notes = append(notes, result.Note{Kind: "rejected", Path: kitPath, Text: "added test file; tests come from the kit, so it is not used"})
				} else if same, err := p.same(kitPath, f); err != nil || !same {
					notes = append(notes, result.Note{Kind: "rejected", Path: kitPath, Text: "changed test file; the kit's copy is used"})
				}
			case strings.HasSuffix(file, ".go"):
				if why := checkFileName(file); why != "" {
					notes = append(notes, result.Note{Kind: "rejected", Path: kitPath, Text: why + "; the file is not used"})
					continue
				}
				learner[lesson][file] = f
			default:
				if p.files[kitPath] {
					if same, err := p.same(kitPath, f); err == nil && !same {
						notes = append(notes, result.Note{Kind: "ignored", Path: kitPath, Text: "changed; only .go files are graded"})
					}
				} else {
					notes = append(notes, result.Note{Kind: "ignored", Path: kitPath, Text: "only .go files are graded"})
				}
			}
			continue
		}
		// Outside the lessons: only a whole kit has such files, and none
		// of them is graded. Changed kit files are worth telling about.
		if lay.KitRoot == "" {
			continue
		}
		rel, ok := under(lay.KitRoot, name)
		if !ok {
			continue
		}
		top, _, _ := strings.Cut(rel, "/")
		if p.files[rel] {
			if same, err := p.same(rel, f); err != nil || !same {
				notes = append(notes, result.Note{Kind: "rejected", Path: rel, Text: "changed; the kit's copy is used"})
			}
		} else if strings.HasSuffix(rel, ".go") && !notCopied[top] || top == "golden" || rel == "go.mod" || rel == "go.sum" {
			notes = append(notes, result.Note{Kind: "rejected", Path: rel, Text: "added; not part of the kit, so it is not used"})
		}
	}

	// Check the learner's files of each lesson.
	for _, l := range p.kit.Manifest.Lessons {
		pl := p.lessons[l.Name]
		lp := &lessonPlan{pl: pl, files: map[string][]byte{}}
		plans[l.Name] = lp
		files, ok := learner[l.Name]
		if !ok || len(files) == 0 {
			lp.fromKit = true
			if !ok {
				notes = append(notes, result.Note{Kind: "info", Path: "lessons/" + l.Name, Text: "not in the submission; the kit's stubs are graded"})
			}
			continue
		}
		var fileNames []string
		for name := range files {
			fileNames = append(fileNames, name)
		}
		sort.Strings(fileNames)
		for _, name := range fileNames {
			data, err := files[name].Read()
			if err != nil {
				return nil, nil, err
			}
			rel := "lessons/" + l.Name + "/" + name
			v, perr := checkSource(rel, data, pl.pkg)
			if perr != nil {
				lp.parseErr = append(lp.parseErr, perr.Error())
			}
			lp.violation = append(lp.violation, v...)
			lp.files[name] = data
		}
	}
	return plans, notes, nil
}

// buildTree is one copy of the pristine kit, with the grading harness and
// the files that hook it into each lesson, that every submission of a
// grading run is compiled in: go test -overlay swaps in each learner's
// files without writing them into the tree. The tree is read-only, and
// checked against its hashes before each compile.
type buildTree struct {
	dir     string
	harness fs.FS        // the harness package's files
	mu      sync.RWMutex // compiles read, repairs write
	hashes  map[string][32]byte
}

// newBuildTree makes the tree in dir.
func (p *Pristine) newBuildTree(dir string, harness fs.FS) (*buildTree, error) {
	t := &buildTree{dir: dir, harness: harness}
	return t, p.fillBuildTree(t)
}

func (p *Pristine) fillBuildTree(t *buildTree) error {
	if err := proc.RemoveAll(t.dir); err != nil {
		return err
	}
	if err := p.copyTo(t.dir); err != nil {
		return err
	}
	for _, l := range p.kit.Manifest.Lessons {
		pl := p.lessons[l.Name]
		dir := filepath.Join(t.dir, "lessons", l.Name)
		if err := os.WriteFile(filepath.Join(dir, gateFile), gateSource(pl.pkg), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, gateTestFile), gateTestSource(pl.testPkg, pl.testOrder), 0o644); err != nil {
			return err
		}
	}
	if err := writeHarness(t.dir, t.harness); err != nil {
		return err
	}
	hashes, err := hashTree(t.dir)
	if err != nil {
		return err
	}
	t.hashes = hashes
	return filepath.WalkDir(t.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Chmod(p, 0o555)
		}
		return os.Chmod(p, 0o444)
	})
}

// hashTree hashes every file under dir, by slash path.
func hashTree(dir string) (map[string][32]byte, error) {
	hashes := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		hashes[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	return hashes, err
}

// intact reports whether the tree still holds exactly what it was made
// with.
func (t *buildTree) intact() bool {
	now, err := hashTree(t.dir)
	if err != nil || len(now) != len(t.hashes) {
		return false
	}
	for k, v := range t.hashes {
		if now[k] != v {
			return false
		}
	}
	return true
}

// overlayFor writes the learner's files of the planned lessons into dir
// and returns the go command's -overlay file that puts them in the build
// tree in place of the stubs.
func (t *buildTree) overlayFor(dir string, plans map[string]*lessonPlan, lessons []string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	replace := map[string]string{}
	for _, name := range lessons {
		lp := plans[name]
		if lp.fromKit {
			continue
		}
		// The learner's files are laid over the pristine lesson folder: a
		// stub they did not send (todo.go, doc.go) stays the kit's own.
		lessonDir := filepath.Join(t.dir, "lessons", name)
		src := filepath.Join(dir, name)
		if err := os.MkdirAll(src, 0o755); err != nil {
			return "", err
		}
		for file, data := range lp.files {
			p := filepath.Join(src, file)
			if err := os.WriteFile(p, data, 0o444); err != nil {
				return "", err
			}
			replace[filepath.Join(lessonDir, file)] = p
		}
	}
	data, err := json.Marshal(struct{ Replace map[string]string }{replace})
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, "overlay.json")
	return p, os.WriteFile(p, data, 0o444)
}

// runDir makes the folder a lesson's tests run in, as go test would: the
// lesson's folder as the learner has it, read-only.
func (p *Pristine) runDir(dir string, lp *lessonPlan) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	src := filepath.Join(p.kit.Root, "lessons", lp.pl.lesson.Name)
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !e.Type().IsRegular() || lp.files[e.Name()] != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o444); err != nil {
			return err
		}
	}
	for name, data := range lp.files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o444); err != nil {
			return err
		}
	}
	return os.Chmod(dir, 0o555)
}
