package main

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/internal/reference"
	"github.com/convlings/convlings/tensor"
)

// Generate computes every golden file from the reference library and
// returns them by path under golden/testdata. It is deterministic.
func Generate() (map[string][]byte, error) {
	g := &gen{files: map[string][]byte{}, order: map[string]int{}}
	genPadding(g)
	genFilters(g)
	genPooling(g)
	genStacking(g)
	if len(g.errs) > 0 {
		return nil, errors.Join(g.errs...)
	}
	return g.files, nil
}

// gen collects golden files and the problems met while making them.
type gen struct {
	files map[string][]byte
	order map[string]int // cases so far per test: the next case's order
	errs  []error
}

var caseName = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)

// add records one case of exercise ex, ordered after the ones before it:
// write the post's examples and the easy cases first. The library's answer is want, or
// err where the library (like Keras) rejects the input. Case names say
// which: a name starts with "error_" exactly when the library returned an
// error, so a case can never silently change sides.
func add[C, W any](g *gen, ex golden.Exercise, name, about string, call C, want W, err error) {
	file := path.Join(ex.Lesson, ex.Test, name+golden.Suffix)
	fail := func(format string, args ...any) {
		g.errs = append(g.errs, fmt.Errorf("%s: %s", file, fmt.Sprintf(format, args...)))
	}
	if !caseName.MatchString(name) {
		fail("case names are lower_snake")
		return
	}
	if _, dup := g.files[file]; dup {
		fail("two cases with one name")
		return
	}
	switch isErr := strings.HasPrefix(name, "error_"); {
	case err != nil && !isErr:
		fail("the library returned an error, but the case is not named error_…: %v", err)
		return
	case err == nil && isErr:
		fail("the case is named error_… but the library returned no error")
		return
	}
	g.order[ex.Test]++
	c, err := reference.NewCase(about, g.order[ex.Test], call, want, err)
	if err != nil {
		fail("%v", err)
		return
	}
	data, encErr := golden.Encode(c)
	if encErr != nil {
		fail("%v", encErr)
		return
	}
	g.files[file] = data
}

// lookup returns the exercise called test in the kit.
func lookup(test string) golden.Exercise {
	for _, ex := range golden.Exercises() {
		if ex.Test == test {
			return ex
		}
	}
	panic("goldengen: no exercise " + test)
}

// fill returns a tensor of the given shape filled by tensor.Fill from seed:
// quarters in [-2, 2], so that every sum a layer computes is exact.
func fill(seed uint64, shape ...int) *tensor.Tensor {
	t, err := tensor.New(shape...)
	if err != nil {
		panic(err)
	}
	return tensor.Fill(t, seed)
}

// vals returns a tensor of the given shape holding vals.
func vals(shape []int, v ...float32) *tensor.Tensor {
	t, err := tensor.FromData(shape, v)
	if err != nil {
		panic(err)
	}
	return t
}

// seq returns a tensor holding start, start+1, … in row-major order.
func seq(start float32, shape ...int) *tensor.Tensor {
	t := fill(0, shape...)
	for i := range t.Data {
		t.Data[i] = start + float32(i)
	}
	return t
}

// floats returns n seeded values, for biases.
func floats(seed uint64, n int) []float32 { return fill(seed, n).Data }
