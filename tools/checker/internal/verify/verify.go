package verify

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/bilingual"
	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/submission"
	"github.com/convlings/convlings/tools/checker/internal/testlog"
)

// Check is the outcome of one of verify's checks.
type Check struct {
	name     string
	ok       bool
	skipped  string   // why the check did not apply, or ""
	summary  string   // one line
	problems []string // what is wrong, one per line
	details  []string // shown with -v
}

// Write prints the checks, one line each with its problems under it (and
// its details when verbose), and returns how many problems they found.
func Write(w io.Writer, checks []Check, verbose bool) int {
	problems := 0
	for _, c := range checks {
		mark := "ok  "
		switch {
		case c.skipped != "":
			mark = "skip"
		case !c.ok:
			mark = "FAIL"
			problems += max(1, len(c.problems))
		}
		line := fmt.Sprintf("%s  %-17s %s", mark, c.name, c.summary)
		if c.skipped != "" {
			line = fmt.Sprintf("%s  %-17s %s", mark, c.name, c.skipped)
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
		for _, p := range c.problems {
			fmt.Fprintln(w, "      "+strings.ReplaceAll(p, "\n", "\n      "))
		}
		if verbose {
			for _, d := range c.details {
				fmt.Fprintln(w, "      "+d)
			}
		}
	}
	return problems
}

// Kit runs every check on the kit. harness is the grading harness's
// source (the files of internal/convlingsgrade), for the grading checks.
func Kit(ctx context.Context, kit *kit.Kit, harness fs.FS) []Check {
	m := kit.Manifest
	var checks []Check
	checks = append(checks, Check{name: "manifest", ok: true,
		summary: fmt.Sprintf("%d lessons, %d exercises, %s points", len(m.Lessons), len(m.Exercises()), result.FormatPoints(m.MaxPoints()))})
	checks = append(checks, checkHints(m), checkReadmes(kit), checkTranslations(kit))
	p, err := grade.LoadPristine(kit)
	if err != nil {
		checks = append(checks, Check{name: "tests", problems: []string{err.Error()}})
		return checks
	}
	checks = append(checks, checkTests(kit, p), checkFuncs(kit, p))
	checks = append(checks, checkGrades(ctx, kit, p, harness)...)
	checks = append(checks,
		runKitTool(ctx, kit, "stubgen -check", "tools/stubgen", "-check"),
		runKitTool(ctx, kit, "goldengen -check", "tools/goldengen", "-check"))
	return checks
}

// checkTranslations: every English text with a Korean translation beside
// it (X.md and X.ko.md) is in step with it, and GitHub renders the bold
// spans of both; the lessons whose Go doc comments have Korean halves
// have them on every exported name, in step with the English.
func checkTranslations(k *kit.Kit) Check {
	c := Check{name: "translations"}
	pairs, err := bilingual.Pairs(k.Root)
	if err != nil {
		c.problems = append(c.problems, err.Error())
		return c
	}
	for _, p := range pairs {
		problems, err := bilingual.CheckPair(filepath.Join(k.Root, p))
		if err != nil {
			problems = []string{err.Error()}
		}
		for _, pr := range problems {
			c.problems = append(c.problems, strings.TrimPrefix(pr, filepath.ToSlash(k.Root)+"/"))
		}
	}
	docs := 0
	for _, l := range k.Manifest.Lessons {
		for _, tree := range []string{"solutions", "lessons"} {
			dir := filepath.Join(k.Root, tree, l.Name)
			if doc, err := os.ReadFile(filepath.Join(dir, "doc.go")); err != nil || !strings.Contains(string(doc), bilingual.KoreanMark) {
				continue
			}
			docs++
			problems, err := bilingual.CheckGoDocs(dir)
			if err != nil {
				problems = []string{err.Error()}
			}
			for _, pr := range problems {
				c.problems = append(c.problems, strings.TrimPrefix(pr, filepath.ToSlash(k.Root)+"/"))
			}
		}
	}
	c.ok = len(c.problems) == 0
	c.summary = fmt.Sprintf("%d texts in step with their Korean translation, %d lesson folders with bilingual doc comments", len(pairs), docs)
	return c
}

// checkHints: every exercise has at least two hints, each in English and
// Korean.
func checkHints(m *kit.Manifest) Check {
	c := Check{name: "hints", ok: true}
	total := 0
	for _, ex := range m.Exercises() {
		total += len(ex.Hints)
		if len(ex.Hints) < 2 {
			c.problems = append(c.problems, fmt.Sprintf("%s has %d hint(s), want at least 2", ex.ID(), len(ex.Hints)))
		}
		for i, h := range ex.Hints {
			if strings.TrimSpace(h.En) == "" || strings.TrimSpace(h.Ko) == "" {
				c.problems = append(c.problems, fmt.Sprintf("%s: hint %d lacks English or Korean", ex.ID(), i+1))
			} else if !hasHangul(h.Ko) {
				c.problems = append(c.problems, fmt.Sprintf("%s: hint %d's Korean text has no Hangul: %q", ex.ID(), i+1, result.Clip(h.Ko, 60)))
			}
		}
	}
	c.ok = len(c.problems) == 0
	c.summary = fmt.Sprintf("%d hints, at least 2 per exercise, in English and Korean", total)
	return c
}

func hasHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}

// checkReadmes: every exercise's README links (English and Korean) point
// to a heading that exists in that file.
func checkReadmes(kit *kit.Kit) Check {
	c := Check{name: "readme sections", ok: true}
	anchors := map[string]map[string]bool{}
	links := 0
	for _, ex := range kit.Manifest.Exercises() {
		for _, link := range []struct{ lang, ref string }{{"en", ex.README}, {"ko", ex.READMEKo}} {
			if link.ref == "" {
				c.problems = append(c.problems, fmt.Sprintf("%s has no %s README link (readme%s)", ex.ID(), link.lang, map[string]string{"en": "", "ko": "_ko"}[link.lang]))
				continue
			}
			file, anchor, _ := strings.Cut(link.ref, "#")
			path := filepath.Join(kit.Root, "lessons", ex.Lesson.Name, filepath.FromSlash(file))
			set, ok := anchors[path]
			if !ok {
				var err error
				set, err = readmeAnchors(path)
				if err != nil {
					c.problems = append(c.problems, fmt.Sprintf("%s: %v", ex.ID(), err))
				}
				anchors[path] = set
			}
			links++
			if set != nil && !set[anchor] {
				c.problems = append(c.problems, fmt.Sprintf("%s: lessons/%s/%s has no heading with the anchor #%s", ex.ID(), ex.Lesson.Name, file, anchor))
			}
		}
	}
	c.ok = len(c.problems) == 0
	c.summary = fmt.Sprintf("%d links to README.md and README.ko.md headings resolve", links)
	return c
}

// readmeAnchors returns the anchors GitHub gives the headings of a
// Markdown file: lower case, punctuation other than - and _ dropped,
// spaces made hyphens, "-1", "-2", … added to repeats. Fenced code is
// skipped.
func readmeAnchors(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	seen := map[string]int{}
	fence := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			switch {
			case fence == "":
				fence = trimmed[:3]
			case strings.HasPrefix(trimmed, fence):
				fence = ""
			}
			continue
		}
		if fence != "" || !strings.HasPrefix(line, "#") {
			continue
		}
		text := strings.TrimLeft(line, "#")
		if text == "" || text[0] != ' ' && text[0] != '\t' {
			continue
		}
		slug := githubSlug(text)
		if n := seen[slug]; n > 0 {
			set[fmt.Sprintf("%s-%d", slug, n)] = true
		} else {
			set[slug] = true
		}
		seen[slug]++
	}
	return set, sc.Err()
}

var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// githubSlug turns a heading's text into its anchor, as GitHub does.
func githubSlug(text string) string {
	text = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(text), "#"))
	text = mdLink.ReplaceAllString(text, "$1")
	text = strings.NewReplacer("`", "", "*", "").Replace(text)
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r), unicode.IsNumber(r), unicode.IsMark(r), r == '_', r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// checkTests: every Test function of a lesson is an exercise of the
// manifest, so none runs without being graded. (That every exercise's
// test exists, loadPristine has checked.)
func checkTests(kit *kit.Kit, p *grade.Pristine) Check {
	c := Check{name: "tests", ok: true}
	n := 0
	for _, l := range kit.Manifest.Lessons {
		declared, err := testFuncs(filepath.Join(kit.Root, "lessons", l.Name), p.TestFiles(l.Name))
		if err != nil {
			c.problems = append(c.problems, err.Error())
			continue
		}
		graded := map[string]bool{}
		for _, ex := range l.Exercises {
			graded[ex.Test] = true
		}
		for _, t := range declared {
			n++
			if !graded[t] {
				c.problems = append(c.problems, fmt.Sprintf("lessons/%s declares %s, which no exercise of the manifest grades", l.Name, t))
			}
		}
	}
	c.ok = len(c.problems) == 0
	c.summary = fmt.Sprintf("%d lesson tests, each one exercise of the manifest", n)
	return c
}

// testFuncs lists the top-level Test functions in a lesson's test files.
func testFuncs(dir string, files map[string]bool) ([]string, error) {
	var names []string
	fset := token.NewFileSet()
	for name := range files {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && kit.IsTestName(fn.Name.Name) {
				names = append(names, fn.Name.Name)
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

// checkFuncs: every function an exercise names exists in the lesson's
// stubs and in its solution, with the same signature.
func checkFuncs(kit *kit.Kit, p *grade.Pristine) Check {
	c := Check{name: "funcs", ok: true}
	n := 0
	for _, l := range kit.Manifest.Lessons {
		stubs, err := exportedFuncs(filepath.Join(kit.Root, "lessons", l.Name))
		if err != nil {
			c.problems = append(c.problems, err.Error())
			continue
		}
		sols, err := exportedFuncs(filepath.Join(kit.Root, "solutions", l.Name))
		if err != nil {
			c.problems = append(c.problems, err.Error())
			continue
		}
		for _, ex := range l.Exercises {
			for _, f := range ex.Funcs {
				n++
				switch {
				case stubs[f] == "":
					c.problems = append(c.problems, fmt.Sprintf("%s: lessons/%s declares no func %s", ex.ID(), l.Name, f))
				case sols[f] == "":
					c.problems = append(c.problems, fmt.Sprintf("%s: solutions/%s declares no func %s", ex.ID(), l.Name, f))
				case stubs[f] != sols[f]:
					c.problems = append(c.problems, fmt.Sprintf("%s: %s differs: lessons has %s, solutions has %s", ex.ID(), f, stubs[f], sols[f]))
				}
			}
		}
	}
	c.ok = len(c.problems) == 0
	c.summary = fmt.Sprintf("%d functions, the same in lessons/ and solutions/", n)
	return c
}

// exportedFuncs maps each exported function of the non-test files in dir
// to its signature.
func exportedFuncs(dir string) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !fn.Name.IsExported() {
				continue
			}
			var b bytes.Buffer
			printer.Fprint(&b, fset, fn.Type)
			out[fn.Name.Name] = strings.Join(strings.Fields(b.String()), " ")
		}
	}
	return out, nil
}

// checkGrades grades the solutions and the pristine stubs as two
// submissions: the solutions must earn every point, the stubs none, with
// every exercise "not started".
func checkGrades(ctx context.Context, kit *kit.Kit, p *grade.Pristine, harness fs.FS) []Check {
	sol := Check{name: "solutions", ok: true}
	stub := Check{name: "stubs", ok: true}
	g, err := grade.New(p, grade.Options{Harness: harness, Timeout: 30 * time.Second, BuildTimeout: 5 * time.Minute, MemMiB: 1024,
		OutputCap: 1 << 20, Jobs: 2, IsolateUser: true, BaseUID: 61400})
	if err != nil {
		sol.ok, sol.problems = false, []string{err.Error()}
		return []Check{sol}
	}
	defer g.Close()
	if err := g.Preflight(ctx); err != nil {
		sol.ok, sol.problems = false, []string{err.Error()}
		return []Check{sol}
	}
	solutions := func() (*submission.Submission, error) {
		s := submission.New("solutions", nil)
		for _, l := range kit.Manifest.Lessons {
			dir := filepath.Join(kit.Root, "solutions", l.Name)
			entries, err := os.ReadDir(dir)
			if err != nil {
				return nil, err
			}
			for _, e := range entries {
				if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
					// A solution that builds on earlier ones imports the solutions,
					// as its lesson imports the lessons (stubgen does the same).
					data, err := os.ReadFile(filepath.Join(dir, e.Name()))
					if err != nil {
						return nil, err
					}
					s.AddData("lessons/"+l.Name+"/"+e.Name(), lessonImportPaths(data))
				}
			}
		}
		return s, nil
	}
	stubs := func() (*submission.Submission, error) {
		// Nothing of the learner's: every lesson is the kit's stubs.
		return submission.New("stubs", &submission.Layout{KitRoot: ".", LessonsRoot: "lessons"}), nil
	}
	rows := make([]*grade.Row, 2)
	done := make(chan struct{})
	go func() { rows[0] = g.GradeWith(ctx, "solutions/", "solutions", solutions); done <- struct{}{} }()
	go func() { rows[1] = g.GradeWith(ctx, "lessons/ (pristine)", "stubs", stubs); done <- struct{}{} }()
	<-done
	<-done

	r := rows[0]
	if !r.Graded {
		sol.problems = append(sol.problems, "the solutions could not be graded: "+r.Error)
	}
	for _, res := range r.Results {
		sol.details = append(sol.details, fmt.Sprintf("%-32s %s", res.Exercise.ID(), res.Status))
		if res.Status != result.Passed {
			sol.problems = append(sol.problems, fmt.Sprintf("%s %s: %s", res.Exercise.ID(), res.Status, testlog.Head(strings.TrimSpace(res.Reason+"\n"+res.Message), 6)))
		}
	}
	for _, n := range r.Notes {
		if n.Kind == "policy" || n.Kind == "tamper" {
			sol.problems = append(sol.problems, "solutions/"+strings.TrimPrefix(n.Path, "lessons/")+": "+n.Text)
		}
	}
	sol.ok = len(sol.problems) == 0
	sol.summary = fmt.Sprintf("%s of %s points when graded as a submission (build %.1fs, run %.1fs)", result.FormatPoints(r.Score), result.FormatPoints(r.MaxScore), r.Timing.Build.Seconds(), r.Timing.Run.Seconds())

	r = rows[1]
	if !r.Graded {
		stub.problems = append(stub.problems, "the stubs could not be graded: "+r.Error)
	}
	for _, res := range r.Results {
		if res.Status != result.NotStarted {
			stub.problems = append(stub.problems, fmt.Sprintf("%s is %s on the stubs, want not started: %s", res.Exercise.ID(), res.Status, testlog.Head(strings.TrimSpace(res.Reason+"\n"+res.Message), 4)))
		}
	}
	stub.ok = len(stub.problems) == 0 && r.Score == 0
	stub.summary = fmt.Sprintf("%s of %s points, every exercise not started", result.FormatPoints(r.Score), result.FormatPoints(r.MaxScore))
	return []Check{sol, stub}
}

// runKitTool runs one of the kit's own consistency tools, when the kit has
// it: go run ./<dir> args…
func runKitTool(ctx context.Context, kit *kit.Kit, name, dir string, args ...string) Check {
	c := Check{name: name}
	if _, err := os.Stat(filepath.Join(kit.Root, filepath.FromSlash(dir))); err != nil {
		c.skipped = "the kit has no " + dir
		return c
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, proc.GoCommand(), append([]string{"run", "./" + dir}, args...)...)
	cmd.Dir = kit.Root
	var out proc.CapBuffer
	out.Limit = 1 << 20
	cmd.Stdout, cmd.Stderr = &out, &out
	err := proc.Run(cmd)
	text := strings.TrimSpace(string(out.Bytes()))
	c.ok = err == nil
	c.details = strings.Split(text, "\n")
	if c.ok {
		c.summary = lastLine(text)
	} else {
		c.summary = fmt.Sprintf("go run ./%s %s: %v", dir, strings.Join(args, " "), err)
		c.problems = []string{testlog.Tail(text, 30)}
	}
	return c
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// lessonImportPaths rewrites a solution's imports of the solutions to the
// lessons, as stubgen writes its stub.
func lessonImportPaths(src []byte) []byte {
	return []byte(strings.ReplaceAll(string(src), `"`+kit.ModulePath+`/solutions/`, `"`+kit.ModulePath+`/lessons/`))
}
