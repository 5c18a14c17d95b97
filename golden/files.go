package golden

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// testdata holds the golden files, compiled into the test binary so that
// the code under test cannot change what it is compared with.
//
//go:embed testdata
var testdata embed.FS

// Suffix ends every golden file name.
const Suffix = ".golden.json"

// Files returns the embedded golden files, rooted at golden/testdata:
// "padding/TestOutputLength/post_valid.golden.json" and so on.
func Files() fs.FS {
	sub, err := fs.Sub(testdata, "testdata")
	if err != nil {
		panic("golden: no testdata in the embedded files") // cannot happen: go:embed would not compile
	}
	return sub
}

// A suite's Cases field gives it cases other than the embedded golden
// files: an fs.FS laid out as Files is (<lesson>/<Test>/<case>.golden.json,
// each file a Case as JSON). The grader fills it with cases it draws fresh
// for every run (hidden cases), with expected answers it computes in its
// own process. Lesson tests leave it nil and run the embedded files. When
// the fs.FS has a CasePrefix() string method, messages name its files with
// that prefix ("hidden:") instead of "golden/testdata/".

// caseSource is a suite with a Cases field.
type caseSource interface{ caseFiles() fs.FS }

// casePrefixer is a CaseSource that says how its files are named in
// messages ("hidden:" rather than "golden/testdata/").
type casePrefixer interface{ CasePrefix() string }

// loadCases reads the cases of one exercise in their order, from fsys, or
// from the embedded golden files when fsys is nil.
func loadCases[C, W any](ex Exercise, fsys fs.FS) ([]*Case[C, W], error) {
	prefix := "golden/testdata/"
	if fsys == nil {
		fsys = Files()
	} else if p, ok := fsys.(casePrefixer); ok {
		prefix = p.CasePrefix()
	}
	dir := path.Join(ex.Lesson, ex.Test)
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("no golden files for %s: %v", ex.ID(), err)
	}
	var cases []*Case[C, W]
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), Suffix) {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		c := new(Case[C, W])
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		file := prefix + path.Join(dir, e.Name())
		if err := dec.Decode(c); err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		if (c.Want == nil) == (c.Error == nil) {
			return nil, fmt.Errorf("%s: want exactly one of \"want\" and \"error\"", file)
		}
		c.Name, c.File = strings.TrimSuffix(e.Name(), Suffix), file
		cases = append(cases, c)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("no golden files for %s in %s%s", ex.ID(), prefix, dir)
	}
	sort.SliceStable(cases, func(i, j int) bool { return cases[i].Order < cases[j].Order })
	return cases, nil
}
