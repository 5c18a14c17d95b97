package kit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// ManifestPath is where the kit keeps its lessons manifest, relative to the
// kit's root.
const ManifestPath = "lessons/manifest.json"

// Manifest is lessons/manifest.json: the lessons in course order, their
// exercises, the test that grades each exercise, its points and hints.
type Manifest struct {
	Format  int       `json:"format"`
	Lessons []*Lesson `json:"lessons"`
}

// Lesson is one package under lessons/.
type Lesson struct {
	Name      string      `json:"name"`
	Title     Text        `json:"title"`
	Section   string      `json:"section"`
	Exercises []*Exercise `json:"exercises"`
}

// Exercise is one graded step of a lesson: one top-level test function.
type Exercise struct {
	Name     string   `json:"name"`
	Test     string   `json:"test"`
	Funcs    []string `json:"funcs"`
	Points   float64  `json:"points"`
	Task     int      `json:"task"`
	README   string   `json:"readme"`
	READMEKo string   `json:"readme_ko"`
	Hints    []Text   `json:"hints"`

	Lesson *Lesson `json:"-"`
}

// Text is a string in English and Korean.
type Text struct {
	En string `json:"en"`
	Ko string `json:"ko"`
}

// In returns the text in lang ("ko" or "en"), falling back to the other
// language when that one is empty.
func (t Text) In(lang string) string {
	if lang == "ko" && t.Ko != "" || t.En == "" {
		return t.Ko
	}
	return t.En
}

// ID returns the exercise's full name, "padding/output_length".
func (e *Exercise) ID() string { return e.Lesson.Name + "/" + e.Name }

// ReadmeLink returns the path of the exercise's README section from the
// kit's root, in lang: "lessons/padding/README.md#1-output-length".
func (e *Exercise) ReadmeLink(lang string) string {
	r := e.README
	if lang == "ko" && e.READMEKo != "" {
		r = e.READMEKo
	}
	if r == "" {
		return ""
	}
	return "lessons/" + e.Lesson.Name + "/" + r
}

// MaxPoints returns the sum of every exercise's points.
func (m *Manifest) MaxPoints() float64 {
	var s float64
	for _, ex := range m.Exercises() {
		s += ex.Points
	}
	return s
}

// Exercises returns every exercise of the kit in course order.
func (m *Manifest) Exercises() []*Exercise {
	var all []*Exercise
	for _, l := range m.Lessons {
		all = append(all, l.Exercises...)
	}
	return all
}

// Lesson returns the lesson called name, or nil.
func (m *Manifest) Lesson(name string) *Lesson {
	for _, l := range m.Lessons {
		if l.Name == name {
			return l
		}
	}
	return nil
}

// Find returns the exercise named by id: "padding/output_length", or just
// "output_length" since exercise names are unique in the kit. A lesson name
// alone is not an exercise.
func (m *Manifest) Find(id string) (*Exercise, error) {
	id = strings.TrimSpace(id)
	for _, ex := range m.Exercises() {
		if ex.ID() == id || ex.Name == id || ex.Test == id {
			return ex, nil
		}
	}
	var names []string
	for _, ex := range m.Exercises() {
		names = append(names, ex.ID())
	}
	return nil, fmt.Errorf("no exercise %q in %s; the exercises are: %s", id, ManifestPath, strings.Join(names, ", "))
}

var (
	lowerSnake = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	testName   = regexp.MustCompile(`^Test[A-Z0-9_][A-Za-z0-9_]*$`)
	goIdent    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// LoadManifest reads and checks the manifest of the kit rooted at root.
func LoadManifest(root string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(ManifestPath)))
	if err != nil {
		return nil, err
	}
	return ParseManifest(data)
}

// ParseManifest decodes a manifest and checks the rules every reader relies
// on: format 1, unique lower_snake names, Test functions, positive points
// and tasks numbered 1, 2, … within each lesson. Errors name the lesson,
// the exercise and the field.
func ParseManifest(data []byte) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestPath, err)
	}
	if m.Format != 1 {
		return nil, fmt.Errorf("%s: format %d, want 1", ManifestPath, m.Format)
	}
	if len(m.Lessons) == 0 {
		return nil, fmt.Errorf("%s: no lessons", ManifestPath)
	}
	lessons := map[string]bool{}
	exercises := map[string]string{}
	for i, l := range m.Lessons {
		where := fmt.Sprintf("%s: lessons[%d]", ManifestPath, i)
		if !lowerSnake.MatchString(l.Name) || strings.Contains(l.Name, "_") {
			return nil, fmt.Errorf("%s: name %q: want a Go package name (lower case letters and digits)", where, l.Name)
		}
		if lessons[l.Name] {
			return nil, fmt.Errorf("%s: name %q appears twice", where, l.Name)
		}
		lessons[l.Name] = true
		if len(l.Exercises) == 0 {
			return nil, fmt.Errorf("%s (%s): no exercises", where, l.Name)
		}
		tests := map[string]bool{}
		for j, ex := range l.Exercises {
			ex.Lesson = l
			where := fmt.Sprintf("%s: lesson %s, exercises[%d]", ManifestPath, l.Name, j)
			if !lowerSnake.MatchString(ex.Name) {
				return nil, fmt.Errorf("%s: name %q: want lower_snake", where, ex.Name)
			}
			if prev, dup := exercises[ex.Name]; dup {
				return nil, fmt.Errorf("%s: name %q is already used in lesson %s; exercise names are unique in the kit", where, ex.Name, prev)
			}
			exercises[ex.Name] = l.Name
			if !testName.MatchString(ex.Test) {
				return nil, fmt.Errorf("%s (%s): test %q: want a Go test function name", where, ex.Name, ex.Test)
			}
			if tests[ex.Test] {
				return nil, fmt.Errorf("%s (%s): test %q grades two exercises", where, ex.Name, ex.Test)
			}
			tests[ex.Test] = true
			for _, f := range ex.Funcs {
				if !goIdent.MatchString(f) {
					return nil, fmt.Errorf("%s (%s): funcs: %q is not a Go identifier", where, ex.Name, f)
				}
			}
			if !(ex.Points > 0) || ex.Points > 1000 {
				return nil, fmt.Errorf("%s (%s): points %v: want a positive number", where, ex.Name, ex.Points)
			}
			if ex.Task != j+1 {
				return nil, fmt.Errorf("%s (%s): task %d, want %d (tasks count 1, 2, … in order)", where, ex.Name, ex.Task, j+1)
			}
		}
	}
	return &m, nil
}

// IsTestName reports whether name has the form the manifest requires of an
// exercise's test: a Go test function name, Test followed by an upper-case
// letter, a digit or an underscore.
func IsTestName(name string) bool { return testName.MatchString(name) }
