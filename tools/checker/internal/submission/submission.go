package submission

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// Limits on what a submission may hold.
const (
	maxEntries   = 10000
	maxTotalSize = 100 << 20
	maxFileSize  = 20 << 20
)

// Submission is a learner's files: read into memory from an archive, or
// listed on disk for a folder (and read only when needed). Paths are
// slash-separated and relative to the submission's top.
type Submission struct {
	source string
	Files  map[string]*File
	Notes  []result.Note // entries that were not taken: links, devices
	layout *Layout       // where the kit is, when known without looking
}

// New returns an empty submission named source, for callers that make one
// from the kit's own files (verify grades the solutions and the stubs).
// A non-nil layout says where the kit is without looking.
func New(source string, layout *Layout) *Submission {
	return &Submission{source: source, Files: map[string]*File{}, layout: layout}
}

// AddDisk adds the file on disk at disk under the slash-separated name.
func (s *Submission) AddDisk(name, disk string) {
	s.Files[name] = &File{disk: disk}
}

// AddData adds data under the slash-separated name.
func (s *Submission) AddData(name string, data []byte) {
	s.Files[name] = &File{data: data, size: int64(len(data))}
}

// File is one file of a submission, in memory or on disk.
type File struct {
	data []byte // archives
	disk string // folders: the file on disk
	size int64
}

// Read returns the file's contents, reading a folder's file from disk
// (at most the per-file limit).
func (f *File) Read() ([]byte, error) {
	if f.disk == "" {
		return f.data, nil
	}
	fl, err := os.Open(f.disk)
	if err != nil {
		return nil, err
	}
	defer fl.Close()
	data, err := io.ReadAll(io.LimitReader(fl, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s is larger than %s", f.disk, result.ByteSize(maxFileSize))
	}
	return data, nil
}

// errNotKit and errBadArchive are the two ways a submission is ungradable.
var (
	errNotKit     = errors.New("not a convlings kit or lessons folder")
	errBadArchive = errors.New("unsafe or broken archive")
)

// Open reads the submission at p: a folder, a .zip, a .tar.gz or
// a .tgz.
func Open(p string) (*Submission, error) {
	s := &Submission{source: p, Files: map[string]*File{}}
	fi, err := os.Stat(p)
	if err != nil {
		return s, err
	}
	lower := strings.ToLower(p)
	switch {
	case fi.IsDir():
		err = s.readDir(p)
	case strings.HasSuffix(lower, ".zip"):
		err = s.readZip(p)
	case strings.HasSuffix(lower, ".tar.gz"), strings.HasSuffix(lower, ".tgz"):
		err = s.readTarGz(p)
	default:
		err = fmt.Errorf("%w: %s is neither a folder, a .zip nor a .tar.gz", errNotKit, p)
	}
	return s, err
}

// skipName reports whether an entry is clutter that archivers and editors
// add, not worth a note.
func skipName(name string) bool {
	base := path.Base(name)
	return name == "__MACOSX" || strings.HasPrefix(name, "__MACOSX/") || base == ".DS_Store" || base == "Thumbs.db"
}

// SkipDir reports whether a folder of a folder submission is not read at
// all: version control, dependencies, editor settings.
func SkipDir(name string) bool {
	base := path.Base(name)
	return base == ".git" || base == "node_modules" || (strings.HasPrefix(base, ".") && base != ".")
}

func (s *Submission) add(name string, f *File) error {
	if len(s.Files) >= maxEntries {
		return fmt.Errorf("%w: more than %d files", errBadArchive, maxEntries)
	}
	if _, dup := s.Files[name]; dup {
		s.Notes = append(s.Notes, result.Note{Kind: "ignored", Path: name, Text: "appears twice in the archive; the first copy is used"})
		return nil
	}
	s.Files[name] = f
	return nil
}

func (s *Submission) readDir(root string) error {
	var total int64
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && SkipDir(rel) {
				return filepath.SkipDir
			}
			return nil
		}
		if skipName(rel) {
			return nil
		}
		if !d.Type().IsRegular() {
			s.Notes = append(s.Notes, result.Note{Kind: "ignored", Path: rel, Text: "not a regular file (" + typeName(d.Type()) + ")"})
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if fi.Size() > maxFileSize {
			s.Notes = append(s.Notes, result.Note{Kind: "ignored", Path: rel, Text: "larger than " + result.ByteSize(maxFileSize)})
			return nil
		}
		total += fi.Size()
		if total > maxTotalSize {
			return fmt.Errorf("%w: more than %s of files", errBadArchive, result.ByteSize(maxTotalSize))
		}
		return s.add(rel, &File{disk: p, size: fi.Size()})
	})
}

func typeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

var windowsDrive = regexp.MustCompile(`^[A-Za-z]:`)

// entryName checks an archive entry's name and returns it cleaned. An
// absolute name or one with a ".." element is an error that rejects the
// whole archive: nothing in it can be trusted to land where it says.
func entryName(name string) (string, error) {
	n := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(n, "/") || windowsDrive.MatchString(n) {
		return "", fmt.Errorf("%w: entry %q has an absolute path", errBadArchive, name)
	}
	for _, elem := range strings.Split(n, "/") {
		if elem == ".." {
			return "", fmt.Errorf("%w: entry %q escapes the archive's folder (..)", errBadArchive, name)
		}
	}
	if strings.ContainsRune(n, 0) {
		return "", fmt.Errorf("%w: entry %q has a NUL byte in its name", errBadArchive, name)
	}
	n = path.Clean(n)
	if n == "." {
		return "", nil
	}
	return n, nil
}

// readEntry reads one archive member, enforcing the size limits on what is
// actually read rather than on what the header claims.
func readEntry(r io.Reader, name string, total *int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: reading %s: %v", errBadArchive, name, err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%w: %s unpacks to more than %s", errBadArchive, name, result.ByteSize(maxFileSize))
	}
	*total += int64(len(data))
	if *total > maxTotalSize {
		return nil, fmt.Errorf("%w: unpacks to more than %s", errBadArchive, result.ByteSize(maxTotalSize))
	}
	return data, nil
}

func (s *Submission) readZip(p string) error {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return fmt.Errorf("%w: %v", errBadArchive, err)
	}
	defer zr.Close()
	if len(zr.File) > maxEntries {
		return fmt.Errorf("%w: more than %d entries", errBadArchive, maxEntries)
	}
	var total int64
	for _, f := range zr.File {
		name, err := entryName(f.Name)
		if err != nil {
			return err
		}
		if name == "" || skipName(name) || strings.HasSuffix(f.Name, "/") || f.Mode().IsDir() {
			continue
		}
		if !f.Mode().IsRegular() {
			s.Notes = append(s.Notes, result.Note{Kind: "ignored", Path: name, Text: "not extracted: " + typeName(f.Mode().Type())})
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%w: %s: %v", errBadArchive, name, err)
		}
		data, err := readEntry(rc, name, &total)
		rc.Close()
		if err != nil {
			return err
		}
		if err := s.add(name, &File{data: data, size: int64(len(data))}); err != nil {
			return err
		}
	}
	return nil
}

func (s *Submission) readTarGz(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%w: %v", errBadArchive, err)
	}
	tr := tar.NewReader(gz)
	var total int64
	entries := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %v", errBadArchive, err)
		}
		if entries++; entries > maxEntries {
			return fmt.Errorf("%w: more than %d entries", errBadArchive, maxEntries)
		}
		name, err := entryName(h.Name)
		if err != nil {
			return err
		}
		if name == "" || skipName(name) {
			continue
		}
		switch h.Typeflag {
		case tar.TypeDir:
			continue
		case tar.TypeReg:
		case tar.TypeSymlink:
			s.Notes = append(s.Notes, result.Note{Kind: "ignored", Path: name, Text: fmt.Sprintf("not extracted: a symbolic link to %q", h.Linkname)})
			continue
		case tar.TypeLink:
			s.Notes = append(s.Notes, result.Note{Kind: "ignored", Path: name, Text: fmt.Sprintf("not extracted: a hard link to %q", h.Linkname)})
			continue
		default:
			s.Notes = append(s.Notes, result.Note{Kind: "ignored", Path: name, Text: fmt.Sprintf("not extracted: tar entry type %q", h.Typeflag)})
			continue
		}
		data, err := readEntry(tr, name, &total)
		if err != nil {
			return err
		}
		if err := s.add(name, &File{data: data, size: int64(len(data))}); err != nil {
			return err
		}
	}
}

// Layout says where the kit is inside a submission.
type Layout struct {
	KitRoot     string // "" when the submission holds only a lessons folder; else the kit's root, "." for the top
	LessonsRoot string // the lessons folder: "lessons", "convlings-main/lessons", or "." for a bare lessons folder
}

// Locate finds the kit (or the lessons folder) in the submission: the
// shallowest folder holding lessons/<lesson>/ for a lesson of the manifest,
// else the shallowest folder holding <lesson>/*.go directly.
func (s *Submission) Locate(m *kit.Manifest) (Layout, error) {
	if s.layout != nil {
		return *s.layout, nil
	}
	known := map[string]bool{}
	for _, l := range m.Lessons {
		known[l.Name] = true
	}
	kitRoots := map[string]bool{}
	lessonRoots := map[string]bool{}
	join := func(elems []string) string {
		if len(elems) == 0 {
			return "."
		}
		return strings.Join(elems, "/")
	}
	for name := range s.Files {
		elems := strings.Split(name, "/")
		n := len(elems)
		// <root>/lessons/<lesson>/…
		for i := 1; i < n-1; i++ {
			if known[elems[i]] && elems[i-1] == "lessons" {
				kitRoots[join(elems[:i-1])] = true
			}
		}
		// <root>/<lesson>/<file>.go
		if n >= 2 && known[elems[n-2]] && strings.HasSuffix(name, ".go") {
			lessonRoots[join(elems[:n-2])] = true
		}
	}
	pick := func(set map[string]bool) (string, error) {
		var best []string
		bestDepth := -1
		for p := range set {
			d := depth(p)
			switch {
			case bestDepth < 0 || d < bestDepth:
				best, bestDepth = []string{p}, d
			case d == bestDepth:
				best = append(best, p)
			}
		}
		sort.Strings(best)
		if len(best) > 1 {
			return "", fmt.Errorf("%w: it holds more than one copy (%s); submit one", errNotKit, strings.Join(best, ", "))
		}
		if len(best) == 0 {
			return "", nil
		}
		return best[0], nil
	}
	root, err := pick(kitRoots)
	if err != nil {
		return Layout{}, err
	}
	if root != "" {
		return Layout{KitRoot: root, LessonsRoot: path.Join(root, "lessons")}, nil
	}
	lroot, err := pick(lessonRoots)
	if err != nil {
		return Layout{}, err
	}
	if lroot == "" {
		var names []string
		for _, l := range m.Lessons {
			names = append(names, l.Name)
		}
		return Layout{}, fmt.Errorf("%w: found no lessons/<lesson>/ folder with .go files (the lessons are %s)", errNotKit, strings.Join(names, ", "))
	}
	return Layout{LessonsRoot: lroot}, nil
}

func depth(p string) int {
	if p == "." {
		return 0
	}
	return strings.Count(p, "/") + 1
}
