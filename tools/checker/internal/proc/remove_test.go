//go:build unix

package proc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRemoveAllNeverFollowsLinks: a folder swapped for a link to another
// tree is removed as a link; the other tree keeps its files and modes.
func TestRemoveAllNeverFollowsLinks(t *testing.T) {
	outside := t.TempDir()
	victim := filepath.Join(outside, "victim")
	if err := os.MkdirAll(filepath.Join(victim, "inner"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(victim, "inner", "keep"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(victim, "inner"), 0o500)
	defer os.Chmod(filepath.Join(victim, "inner"), 0o755)

	tree := filepath.Join(t.TempDir(), "scratch")
	locked := filepath.Join(tree, "a", "locked")
	if err := os.MkdirAll(locked, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(locked, "f"), []byte("x"), 0o644)
	os.Chmod(locked, 0)
	os.Chmod(filepath.Join(tree, "a"), 0o500)
	if err := os.Symlink(victim, filepath.Join(tree, "link")); err != nil {
		t.Fatal(err)
	}
	if err := RemoveAll(tree); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(tree); !os.IsNotExist(err) {
		t.Errorf("the tree is still there: %v", err)
	}
	fi, err := os.Stat(filepath.Join(victim, "inner"))
	if err != nil || fi.Mode().Perm() != 0o500 {
		t.Errorf("the link's target was changed: %v, %v", fi, err)
	}
	if _, err := os.Stat(filepath.Join(victim, "inner", "keep")); err != nil {
		t.Errorf("a file behind the link was removed: %v", err)
	}
	if err := RemoveAll(filepath.Join(t.TempDir(), "missing")); err != nil {
		t.Errorf("RemoveAll of nothing: %v", err)
	}
}

// TestRemoveAllIsBounded: a process that keeps making folders does not
// keep RemoveAll running for ever.
func TestRemoveAllIsBounded(t *testing.T) {
	old := RemoveTimeout
	RemoveTimeout = 300 * time.Millisecond
	defer func() { RemoveTimeout = old }()
	tree := filepath.Join(t.TempDir(), "busy")
	os.Mkdir(tree, 0o755)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			d := filepath.Join(tree, "d", "e")
			os.MkdirAll(d, 0o755)
			os.WriteFile(filepath.Join(d, "f"), nil, 0o644)
		}
	}()
	start := time.Now()
	err := RemoveAll(tree)
	close(stop)
	<-done
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("RemoveAll took %s with a limit of %s", el, RemoveTimeout)
	}
	if err != nil && !strings.Contains(err.Error(), "gave up") {
		t.Errorf("RemoveAll: %v", err)
	}
}
