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

// loadCases reads the cases of one exercise in their order.
func loadCases[C, W any](ex Exercise) ([]*Case[C, W], error) {
	dir := path.Join(ex.Lesson, ex.Test)
	entries, err := fs.ReadDir(Files(), dir)
	if err != nil {
		return nil, fmt.Errorf("no golden files for %s: %v", ex.ID(), err)
	}
	var cases []*Case[C, W]
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), Suffix) {
			continue
		}
		data, err := fs.ReadFile(Files(), path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		c := new(Case[C, W])
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		file := "golden/testdata/" + path.Join(dir, e.Name())
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
		return nil, fmt.Errorf("no golden files for %s in golden/testdata/%s", ex.ID(), dir)
	}
	sort.SliceStable(cases, func(i, j int) bool { return cases[i].Order < cases[j].Order })
	return cases, nil
}
