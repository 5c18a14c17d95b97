package hidden

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/internal/reference"
	"github.com/convlings/convlings/tensor"
)

// PerExercise is how many hidden cases each exercise gets.
const PerExercise = 8

// Cases is a set of hidden cases: an fs.FS laid out as golden.Files, for a
// suite's Cases field. Its files are named "hidden:<lesson>/<Test>/<case>"
// in messages.
type Cases struct {
	fstest.MapFS
	Seed uint64
}

// CasePrefix names the files in the suites' messages.
func (c *Cases) CasePrefix() string { return fmt.Sprintf("hidden(seed %d):", c.Seed) }

// Count returns how many cases an exercise has.
func (c *Cases) Count(ex golden.Exercise) int {
	entries, _ := fs.ReadDir(c.MapFS, ex.Lesson+"/"+ex.Test)
	return len(entries)
}

// Generate draws the hidden cases of every exercise from seed, with the
// reference library's answers. The same seed gives the same cases.
func Generate(seed uint64) (*Cases, error) { return generate(seed, reference.Library()) }

// generate draws the cases of seed with the answers of ans: the library's,
// or in tests a double with one answer wrong.
func generate(seed uint64, ans reference.Answers) (*Cases, error) {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), out: &Cases{MapFS: fstest.MapFS{}, Seed: seed}, ans: ans}
	for _, f := range []func(*gen){genPadding, genFilters, genPooling, genStacking} {
		f(g)
		if g.err != nil {
			return nil, g.err
		}
	}
	// Each case as the suites will read it, answered again: what a learner
	// is held to is the answer to the very call they get.
	if d := disagreements(g.out, ans); len(d) > 0 {
		return nil, fmt.Errorf("hidden: seed %d: %d cases do not hold the answer to their own call: %s", seed, len(d), strings.Join(d, "; "))
	}
	return g.out, nil
}

// disagreements lists the cases of c whose answer is not exactly ans's
// answer to the case's call as decoded from the case (reference.Check).
func disagreements(c *Cases, ans reference.Answers) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(c.MapFS)) {
		parts := strings.Split(name, "/")
		if len(parts) != 3 {
			out = append(out, name+": not <lesson>/<Test>/<case>")
			continue
		}
		if err := reference.Check(ans, parts[1], c.MapFS[name].Data); err != nil {
			out = append(out, name+": "+err.Error())
		}
	}
	return out
}

type gen struct {
	r   *rand.Rand
	out *Cases
	ans reference.Answers
	err error
	n   map[string]int
}

// intn returns an int in [lo, hi].
func (g *gen) intn(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *gen) pick(s ...string) string { return s[g.r.IntN(len(s))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// tensor returns a tensor of shape with quarters in [-2, 2].
func (g *gen) tensor(shape ...int) *tensor.Tensor {
	t, err := tensor.New(shape...)
	if err != nil {
		panic(fmt.Sprintf("hidden: tensor of shape %v: %v", shape, err)) // the generators draw positive sizes
	}
	for i := range t.Data {
		t.Data[i] = float32(g.intn(-8, 8)) / 4
	}
	return t
}

func (g *gen) floats(n int) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(g.intn(-8, 8)) / 4
	}
	return out
}

// exercise finds an exercise by its test's name.
func exercise(test string) golden.Exercise {
	for _, ex := range golden.Exercises() {
		if ex.Test == test {
			return ex
		}
	}
	panic("hidden: no exercise " + test)
}

// add writes one case of the exercise whose test is test: the call, and
// the library's answer want or its error err (whose kind the case
// records).
func add[C, W any](g *gen, test string, call C, want W, err error) {
	if g.err != nil {
		return
	}
	ex := exercise(test)
	if g.n == nil {
		g.n = map[string]int{}
	}
	g.n[test]++
	c, err := reference.NewCase("hidden case", g.n[test], call, want, err)
	if err != nil {
		g.err = fmt.Errorf("hidden: %s: %v", test, err)
		return
	}
	data, err := json.Marshal(c)
	if err != nil {
		g.err = fmt.Errorf("hidden: %s: %v", test, err)
		return
	}
	name := fmt.Sprintf("%s/%s/hidden_%02d%s", ex.Lesson, ex.Test, g.n[test], golden.Suffix)
	g.out.MapFS[name] = &fstest.MapFile{Data: data, Mode: 0o444}
}

// gt is a tensor in the golden files' form; nil for nil.
func gt(t *tensor.Tensor) *golden.Tensor {
	if t == nil {
		return nil
	}
	return golden.NewTensor(t)
}
