//go:build linux

package sandbox

import (
	"os"
	"path/filepath"
	"testing"
)

// TestUIDsSkipPlantedLocks: a folder or a link planted where a lock file
// goes is skipped, never followed, and never stops grading.
func TestUIDsSkipPlantedLocks(t *testing.T) {
	u, err := NewUIDs(62900)
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "created-through-a-link")
	planted := []string{filepath.Join(u.dir, "uid-62900.lock"), filepath.Join(u.dir, "uid-62901.lock")}
	for _, p := range planted {
		os.RemoveAll(p)
		defer os.RemoveAll(p)
	}
	if err := os.Mkdir(planted[0], 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, planted[1]); err != nil {
		t.Fatal(err)
	}
	uid, release, err := u.Take()
	if err != nil {
		t.Fatalf("Take with planted lock files: %v", err)
	}
	defer release()
	if uid != 62902 {
		t.Errorf("Take = %d, want 62902 (62900 and 62901 are planted)", uid)
	}
	if _, err := os.Lstat(target); err == nil {
		t.Errorf("a lock file was created through a planted link at %s", target)
	}
	// A fresh id for every submission: the next Take is another id, even
	// after the first is released.
	uid2, release2, err := u.Take()
	if err != nil {
		t.Fatal(err)
	}
	defer release2()
	if uid2 == uid {
		t.Errorf("two submissions got user id %d", uid)
	}
	// Another grading run does not get an id this one holds.
	other, err := NewUIDs(62902)
	if err != nil {
		t.Fatal(err)
	}
	uid3, release3, err := other.Take()
	if err != nil {
		t.Fatal(err)
	}
	defer release3()
	if uid3 == uid || uid3 == uid2 {
		t.Errorf("another run got user id %d, held by this one", uid3)
	}
}
