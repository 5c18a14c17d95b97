package main

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convlings/convlings/tools/checker/internal/checkertest"
	"github.com/convlings/convlings/tools/checker/internal/grade"
)

// TestGradeRefusesASolvedKit: an instructor who solved a lesson in their
// own clone and grades from it is refused, with the way to a clean kit.
// It copies the real kit, so it is skipped under -short.
func TestGradeRefusesASolvedKit(t *testing.T) {
	if testing.Short() {
		t.Skip("copies and checks the real kit")
	}
	t.Parallel()
	files, err := exec.Command("git", "-C", "../..", "ls-files", "-z").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	dir := t.TempDir()
	for _, f := range strings.Split(strings.TrimRight(string(files), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			continue // removed in the work tree
		}
		checkertest.WriteFile(t, filepath.Join(dir, f), string(data))
	}
	kit := checkertest.LoadKit(t, dir)
	if err := grade.CheckPristine(context.Background(), kit); err != nil {
		t.Fatalf("the pristine kit was refused: %v", err)
	}
	solved, err := os.ReadFile(filepath.Join(dir, "solutions/padding/padding.go"))
	if err != nil {
		t.Fatal(err)
	}
	checkertest.WriteFile(t, filepath.Join(dir, "lessons/padding/padding.go"), string(solved))
	err = grade.CheckPristine(context.Background(), kit)
	if err == nil || !strings.Contains(err.Error(), "not pristine") || !strings.Contains(err.Error(), "stubgen") || !strings.Contains(err.Error(), "-kit") {
		t.Errorf("a kit with a solved lesson: %v; want a refusal naming stubgen and -kit", err)
	}
	stub, err := os.ReadFile("../../lessons/padding/padding.go")
	if err != nil {
		t.Fatal(err)
	}
	checkertest.WriteFile(t, filepath.Join(dir, "lessons/padding/padding.go"), string(stub))
	var golden string
	filepath.WalkDir(filepath.Join(dir, "golden"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && golden == "" && strings.HasSuffix(p, ".json") {
			golden = p
		}
		return nil
	})
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	checkertest.WriteFile(t, golden, strings.Replace(string(data), "1", "2", 1))
	if err := grade.CheckPristine(context.Background(), kit); err == nil || !strings.Contains(err.Error(), "goldengen") {
		t.Errorf("a kit with an edited golden file: %v; want a refusal naming goldengen", err)
	}
}
