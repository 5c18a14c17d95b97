package bundle

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/convlings/convlings/internal/kit"
)

// Files returns the kit's files that a deployment ships, slash-separated
// and sorted: the files git tracks when the kit is a git checkout (so
// build outputs, local state and a class's submissions and grades stay
// out), else every file; never
// solutions/, nor files under dot-folders (.git, .github, editor state),
// nor the learner's .convlings-state.json.
func Files(root string) ([]string, error) {
	var names []string
	cmd := exec.Command("git", "-C", root, "ls-files", "-z", "--cached")
	if out, err := cmd.Output(); err == nil && len(out) > 0 {
		for _, n := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
			if fi, err := os.Lstat(filepath.Join(root, filepath.FromSlash(n))); err == nil && fi.Mode().IsRegular() {
				names = append(names, n)
			}
		}
	} else {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if rel != "." && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				names = append(names, rel)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("bundle: listing the kit at %s: %w", root, err)
		}
	}
	var out []string
	for _, n := range names {
		top, _, nested := strings.Cut(n, "/")
		if top == "solutions" || path.Base(n) == ".convlings-state.json" || top == "node_modules" || strings.Contains(n, "/node_modules/") {
			continue
		}
		if nested && hasDotDir(n) {
			continue
		}
		out = append(out, n)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("bundle: the kit at %s has no files", root)
	}
	return out, nil
}

func hasDotDir(name string) bool {
	elems := strings.Split(name, "/")
	for _, e := range elems[:len(elems)-1] {
		if strings.HasPrefix(e, ".") {
			return true
		}
	}
	return false
}

// copyFiles copies the kit's files into dir/prefix.
func copyFiles(k *kit.Kit, files []string, dir string) error {
	for _, n := range files {
		data, err := os.ReadFile(filepath.Join(k.Root, filepath.FromSlash(n)))
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// zipWriter adds files to a zip with fixed times, so that a bundle made
// twice from the same kit is the same bytes.
type zipWriter struct {
	buf bytes.Buffer
	zw  *zip.Writer
}

func newZip() *zipWriter {
	z := &zipWriter{}
	z.zw = zip.NewWriter(&z.buf)
	return z
}

func (z *zipWriter) add(name string, data []byte, mode fs.FileMode) error {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate}
	h.SetMode(mode)
	w, err := z.zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func (z *zipWriter) bytes() ([]byte, error) {
	if err := z.zw.Close(); err != nil {
		return nil, err
	}
	return z.buf.Bytes(), nil
}
