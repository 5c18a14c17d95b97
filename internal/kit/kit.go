package kit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ModulePath is the kit's module path. Lesson code may import the tensor
// package below it and nothing else from the module.
const ModulePath = "github.com/convlings/convlings"

// Kit is a copy of the kit on disk: the learner's working copy in learner
// mode, the instructor's pristine copy when grading.
type Kit struct {
	Root     string // absolute
	Manifest *Manifest
}

// Open returns the kit rooted at dir: dir's go.mod must declare ModulePath,
// and its manifest must load.
func Open(dir string) (*Kit, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if mod := GoModModule(filepath.Join(abs, "go.mod")); mod != ModulePath {
		if mod == "" {
			return nil, fmt.Errorf("%s has no readable go.mod: not the convlings kit", abs)
		}
		return nil, fmt.Errorf("%s holds module %s, not %s: not the convlings kit", abs, mod, ModulePath)
	}
	m, err := LoadManifest(abs)
	if err != nil {
		return nil, fmt.Errorf("kit at %s: %w", abs, err)
	}
	return &Kit{Root: abs, Manifest: m}, nil
}

// Root returns the root of the kit holding dir: the nearest folder from dir
// up whose go.mod declares ModulePath. An empty dir means the working
// directory.
func Root(dir string) (string, error) {
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		dir = wd
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if GoModModule(filepath.Join(dir, "go.mod")) == ModulePath {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the convlings module: run me from the kit's folder")
		}
		dir = parent
	}
}

// GoModModule returns the module path declared in the go.mod file at path,
// or "" when the file cannot be read or declares none.
func GoModModule(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return ModuleOf(data)
}

// ModuleOf returns the module path declared in the contents of a go.mod
// file, or "". Line endings (LF or CRLF), spacing and quotes do not matter.
func ModuleOf(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

// WriteFileAtomic writes data to a temporary file beside name, makes it
// mode 0644 and renames it into place, so readers see the old file or the
// new one, never half. name's folder must exist: it creates no folders.
func WriteFileAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(f.Name(), name)
	}
	if werr != nil {
		os.Remove(f.Name())
	}
	return werr
}
