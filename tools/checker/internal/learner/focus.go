package learner

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// Focus returns the exercise to follow after a save that changed the
// given functions (file → names): the first exercise, in course order, one
// of whose functions (the manifest's funcs) changed. A change to other
// code of a lesson (a helper) keeps the focus when it is in that lesson,
// and otherwise moves it to the lesson's first unfinished exercise in last
// (nil: its first exercise). Without a change it keeps the focus.
func Focus(k *kit.Kit, last *Progress, focus *kit.Exercise, changed map[string][]string) *kit.Exercise {
	all := k.Manifest.Exercises()
	var best *kit.Exercise
	var lessons []*kit.Lesson
	for path, funcs := range changed {
		l := k.Manifest.Lesson(filepath.Base(filepath.Dir(path)))
		if l == nil {
			continue
		}
		lessons = append(lessons, l)
		for _, ex := range l.Exercises {
			for _, f := range ex.Funcs {
				if slices.Contains(funcs, f) && (best == nil || slices.Index(all, ex) < slices.Index(all, best)) {
					best = ex
				}
			}
		}
	}
	switch {
	case best != nil:
		return best
	case len(lessons) == 0 || focus != nil && slices.Contains(lessons, focus.Lesson):
		return focus
	}
	l := lessons[0]
	if last != nil {
		for _, ex := range l.Exercises {
			if r := last.Result(ex); r != nil && r.Status != result.Passed {
				return ex
			}
		}
	}
	return l.Exercises[0]
}

// Merge puts the results of one watch run together: the exercise run
// first (first, or nil), the others (results), and, for an exercise that
// got no result this time, its last known one, as grading keeps the
// points of the exercises an endless loop did not reach.
func Merge(k *kit.Kit, last *Progress, first *result.Result, results map[*kit.Exercise]*result.Result) *Progress {
	p := &Progress{Kit: k, Ran: time.Now()}
	for _, ex := range k.Manifest.Exercises() {
		r := results[ex]
		if first != nil && first.Exercise == ex {
			r = first
		}
		if last != nil && (r == nil || r.Status == result.Errored && r.Reason == "did not run") {
			if old := last.Result(ex); old != nil {
				r = old
			}
		}
		if r == nil {
			r = &result.Result{Exercise: ex, Status: result.Errored, Reason: "did not run"}
		}
		p.Results = append(p.Results, r)
	}
	return p
}

// FindExercise finds an exercise by its id, name or test, with the error
// in the learner's language.
func FindExercise(m *kit.Manifest, id, lang string) (*kit.Exercise, error) {
	ex, err := m.Find(id)
	if err != nil {
		var names []string
		for _, e := range m.Exercises() {
			names = append(names, e.ID())
		}
		return nil, errors.New(i18n.Tr(lang, "no exercise", strings.TrimSpace(id), kit.ManifestPath, strings.Join(names, ", ")))
	}
	return ex, nil
}
