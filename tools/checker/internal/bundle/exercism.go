package bundle

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/convlings/convlings/internal/kit"
)

// Exercism writes a test runner repository into dir: the Dockerfile and
// bin/run.sh of the kit's tools/exercism/, the kit's files under kit/,
// which the Dockerfile builds the checker from and grades against, and
// the solved lessons under reference/ (see writeReference).
func Exercism(k *kit.Kit, files []string, dir string) error {
	for _, name := range []string{"Dockerfile", "bin/run.sh"} {
		data, err := os.ReadFile(filepath.Join(k.Root, "tools", "exercism", filepath.FromSlash(name)))
		if err != nil {
			return fmt.Errorf("bundle exercism: %w", err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		mode := os.FileMode(0o644)
		if strings.HasSuffix(name, ".sh") {
			mode = 0o755
		}
		if err := os.WriteFile(dst, data, mode); err != nil {
			return err
		}
		if err := os.Chmod(dst, mode); err != nil {
			return err
		}
	}
	if err := copyFiles(k, files, filepath.Join(dir, "kit")); err != nil {
		return fmt.Errorf("bundle exercism: %w", err)
	}
	if err := writeReference(k, filepath.Join(dir, "reference")); err != nil {
		return fmt.Errorf("bundle exercism: %w", err)
	}
	return ExercismTrack(k, dir)
}

// writeReference writes each lesson's solution files, as a learner would
// have them (importing lessons/, not solutions/), into dir/<lesson>/.
// Exercism grades one exercise at a time, and a lesson may build on the
// lessons before it (stacking composes padding, filters and pooling):
// run.sh puts these in for the lessons the learner is not graded on.
func writeReference(k *kit.Kit, dir string) error {
	for _, l := range k.Manifest.Lessons {
		src := filepath.Join(k.Root, "solutions", l.Name)
		entries, err := os.ReadDir(src)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, l.Name), 0o755); err != nil {
			return err
		}
		for _, e := range entries {
			n := e.Name()
			if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(src, n))
			if err != nil {
				return err
			}
			data = []byte(strings.ReplaceAll(string(data), `"`+kit.ModulePath+`/solutions/`, `"`+kit.ModulePath+`/lessons/`))
			if err := os.WriteFile(filepath.Join(dir, l.Name, n), data, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// exerciseConfig is an Exercism practice exercise's .meta/config.json
// (exercism/docs building/tracks/practice-exercises.md).
type exerciseConfig struct {
	Authors []string            `json:"authors"`
	Files   map[string][]string `json:"files"`
	Blurb   string              `json:"blurb"`
	Source  string              `json:"source"`
	Custom  map[string]any      `json:"custom"`
}

// ExercismTrack writes each lesson as an Exercism practice exercise
// under dir/exercises/practice/<lesson>/: .docs/instructions.md, from the
// lesson's README with its "## N. Title" sections as the tasks that
// results.json's task_id points to, and .meta/config.json naming the
// lesson's files. What it writes depends only on the kit, so running it
// twice gives the same bytes.
func ExercismTrack(k *kit.Kit, dir string) error {
	for _, l := range k.Manifest.Lessons {
		src := filepath.Join(k.Root, "lessons", l.Name)
		readme, err := os.ReadFile(filepath.Join(src, "README.md"))
		if err != nil {
			return fmt.Errorf("bundle exercism: lesson %s: %w", l.Name, err)
		}
		entries, err := os.ReadDir(src)
		if err != nil {
			return fmt.Errorf("bundle exercism: lesson %s: %w", l.Name, err)
		}
		cfg := exerciseConfig{
			Authors: []string{"convlings"},
			Files:   map[string][]string{"solution": {}, "test": {}, "editor": {}},
			Blurb:   fmt.Sprintf("%s: %d exercises after the post's section %s.", l.Title.En, len(l.Exercises), l.Section),
			Source:  "케라스와 함께하는 쉬운 딥러닝 (8) - CNN 구조 이해하기 2",
			Custom:  map[string]any{"convlings_lesson": l.Name, "task_ids": "the manifest's task numbers, the ## N. headings of instructions.md"},
		}
		for _, e := range entries {
			n := e.Name()
			switch {
			case !strings.HasSuffix(n, ".go"):
			case strings.HasSuffix(n, "_test.go"):
				cfg.Files["test"] = append(cfg.Files["test"], n)
			case n == "doc.go" || n == "todo.go":
				cfg.Files["editor"] = append(cfg.Files["editor"], n)
			default:
				cfg.Files["solution"] = append(cfg.Files["solution"], n)
			}
		}
		for _, v := range cfg.Files {
			sort.Strings(v)
		}
		data, err := json.MarshalIndent(cfg, "", "  ")
		if err != nil {
			return err
		}
		out := filepath.Join(dir, "exercises", "practice", l.Name)
		for _, f := range []struct {
			name string
			data []byte
		}{
			{".meta/config.json", append(data, '\n')},
			{".docs/instructions.md", []byte(instructions(string(readme), l))},
		} {
			p := filepath.Join(out, filepath.FromSlash(f.name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, f.data, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

var taskHeading = regexp.MustCompile(`^## (\d+)\. `)

// instructions turns a lesson README into Exercism's instructions.md:
// "# Instructions" on top, the "## N. Title" task sections kept as they
// are, other sections one level down, so that every "##" heading is a
// task.
func instructions(readme string, l *kit.Lesson) string {
	var b strings.Builder
	b.WriteString("# Instructions\n\n")
	fmt.Fprintf(&b, "This exercise is the convlings lesson %s (lessons/%s/ in the kit); its tasks are the sections numbered ## 1., ## 2., … below.\n", l.Title.En, l.Name)
	sc := bufio.NewScanner(strings.NewReader(readme))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	first, inFence := true, false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		switch {
		case inFence || strings.HasPrefix(line, "```"):
		case first && strings.HasPrefix(line, "# "):
			first = false
			continue
		case taskHeading.MatchString(line):
		case strings.HasPrefix(line, "#"):
			line = "#" + line
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
