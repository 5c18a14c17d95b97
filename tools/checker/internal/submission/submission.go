package submission

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
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
	Notes  []result.Note  // entries that were not taken: links, devices, duplicates
	layout *Layout        // where the kit is, when known without looking
	dups   map[string]int // archive names seen more than once → how many times
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
		if inner := s.onlyArchive(); err == nil && inner != "" {
			// A platform that unpacks nothing (an upload box) leaves the
			// learner's one .zip or .tar.gz in the folder: grade what is in it.
			return Open(inner)
		}
	case strings.HasSuffix(lower, ".zip"):
		err = s.readZip(p)
	case strings.HasSuffix(lower, ".tar.gz"), strings.HasSuffix(lower, ".tgz"):
		err = s.readTarGz(p)
	default:
		err = fmt.Errorf("%w: %s is neither a folder, a .zip nor a .tar.gz", errNotKit, p)
	}
	return s, err
}

// onlyArchive returns the file on disk when a folder submission holds
// nothing but one .zip, .tar.gz or .tgz, else "".
func (s *Submission) onlyArchive() string {
	if len(s.Files) != 1 {
		return ""
	}
	for name, f := range s.Files {
		lower := strings.ToLower(name)
		if !strings.Contains(name, "/") && (strings.HasSuffix(lower, ".zip") || strings.HasSuffix(lower, ".tar.gz") || strings.HasSuffix(lower, ".tgz")) {
			return f.disk
		}
	}
	return ""
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
	if s.dups[name] > 0 {
		s.dups[name]++
		return nil
	}
	if _, dup := s.Files[name]; dup {
		// Unpackers disagree on which copy wins (the first, the last, or a
		// question), so neither is trusted: the kit's own file is used.
		if s.dups == nil {
			s.dups = map[string]int{}
		}
		s.dups[name] = 2
		delete(s.Files, name)
		return nil
	}
	s.Files[name] = f
	return nil
}

// noteDuplicates records the names an archive held more than once, after
// the whole archive is read, with how many copies each had.
func (s *Submission) noteDuplicates() {
	names := make([]string, 0, len(s.dups))
	for name := range s.dups {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s.Notes = append(s.Notes, result.Note{Kind: "rejected", Path: name, Text: fmt.Sprintf("appears %d times in the archive; no copy is used, since unpackers disagree on which one wins", s.dups[name])})
	}
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
	s.noteDuplicates()
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
			s.noteDuplicates()
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
		// Every entry's bytes are inflated by the gzip reader whether or not
		// the entry is taken, so every byte counts towards the limits: an
		// entry of an unknown type cannot smuggle a gzip bomb past them.
		taken := h.Typeflag == tar.TypeReg && name != "" && !skipName(name)
		if !taken {
			if _, err := readEntry(tr, h.Name, &total); err != nil {
				return err
			}
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
		if placed, err := s.placeLoose(m); err != nil {
			return Layout{}, err
		} else if placed {
			lay := Layout{LessonsRoot: "lessons"}
			s.layout = &lay
			return lay, nil
		}
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

// placeLoose moves the .go files lying loose at the submission's top (as
// a learner drags padding.go into an upload box) to lessons/<lesson>/,
// the lesson named by the file's package clause, or else the one lesson
// whose exercises name a function the file declares; each move is noted.
// It reports whether it placed any file. A file it cannot place is noted
// and left where it is (so it is not graded).
func (s *Submission) placeLoose(m *kit.Manifest) (bool, error) {
	lessons := map[string]bool{}
	owner := map[string]string{} // exported function → its lesson
	for _, l := range m.Lessons {
		lessons[l.Name] = true
		for _, ex := range l.Exercises {
			for _, f := range ex.Funcs {
				owner[f] = l.Name
			}
		}
	}
	var loose []string
	for name := range s.Files {
		if !strings.Contains(name, "/") && strings.HasSuffix(name, ".go") {
			loose = append(loose, name)
		}
	}
	sort.Strings(loose)
	placed := false
	for _, name := range loose {
		f := s.Files[name]
		data, err := f.Read()
		if err != nil {
			return false, err
		}
		pkg, funcs := declarations(name, data)
		lesson, why := strings.TrimSuffix(pkg, "_test"), ""
		if lessons[lesson] {
			why = "by its package clause, package " + pkg
		} else {
			found := map[string]bool{}
			var named []string
			for _, fn := range funcs {
				if l := owner[fn]; l != "" && !found[l] {
					found[l] = true
					named = append(named, l)
				}
			}
			if len(named) != 1 {
				text := "lies loose at the top, and neither its package clause nor its functions name one lesson; it is not graded"
				if len(named) > 1 {
					text = "lies loose at the top, and its functions belong to more than one lesson (" + strings.Join(named, ", ") + "); it is not graded"
				}
				s.Notes = append(s.Notes, result.Note{Kind: "ignored", Path: name, Text: text})
				continue
			}
			lesson, why = named[0], "by the functions it declares"
		}
		dst := "lessons/" + lesson + "/" + name
		if _, taken := s.Files[dst]; taken {
			s.Notes = append(s.Notes, result.Note{Kind: "ignored", Path: name, Text: "would go to " + dst + ", which the submission already has; it is not graded"})
			continue
		}
		delete(s.Files, name)
		s.Files[dst] = f
		s.Notes = append(s.Notes, result.Note{Kind: "info", Path: name, Text: "placed at " + dst + " (" + why + ")"})
		placed = true
	}
	return placed, nil
}

// declarations returns the package name of a Go file and the names of its
// top-level functions (without receivers), as far as the file parses.
func declarations(name string, src []byte) (string, []string) {
	f, _ := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
	if f == nil || f.Name == nil {
		return "", nil
	}
	var funcs []string
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
			funcs = append(funcs, fd.Name.Name)
		}
	}
	return f.Name.Name, funcs
}
