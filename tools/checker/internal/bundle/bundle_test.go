package bundle

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFilesAreTheTrackedKit: untracked files (a class's submissions, the
// grades), solutions and dot-folders never ship.
func TestFilesAreTheTrackedKit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	for name, body := range map[string]string{
		"go.mod": "module x\n", "lessons/a/a.go": "package a\n", "solutions/a/a.go": "package a\n",
		".github/workflows/ci.yml": "x", ".gitignore": "", "submissions/ann/a.go": "package a\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "go.mod", "lessons", "solutions", ".github", ".gitignore"}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	files, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(files, " "); got != ".gitignore go.mod lessons/a/a.go" {
		t.Errorf("Files = %s; want the tracked kit without solutions/ and dot-folders", got)
	}
}
