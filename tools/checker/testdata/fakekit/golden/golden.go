// Package golden holds the fake kit's suites: each runs the golden cases of
// one exercise against any implementation, one subtest per case, and
// reports a stub's "not implemented" panic once.
package golden

import (
	"embed"
	"encoding/json"
	"testing"

	"github.com/convlings/convlings/tensor"
)

//go:embed testdata
var files embed.FS

type notImplemented interface{ NotImplemented() }

type binCase struct {
	Name string `json:"name"`
	A, B int
	Want int `json:"want"`
}

func load[C any](path string) []C {
	data, err := files.ReadFile("testdata/" + path)
	if err != nil {
		panic(err)
	}
	var cs []C
	if err := json.Unmarshal(data, &cs); err != nil {
		panic(err)
	}
	return cs
}

// run runs one case and turns a panic into a failure; it reports whether
// the panic was a stub's "not implemented".
func run(t *testing.T, readme string, f func()) (todo bool) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(notImplemented); ok {
				t.Errorf("not implemented yet: see %s", readme)
				todo = true
				return
			}
			t.Errorf("panicked: %v", v)
		}
	}()
	f()
	return false
}

func binary(t *testing.T, file, name, readme string, f func(a, b int) int) {
	for _, c := range load[binCase](file) {
		todo := false
		t.Run(c.Name, func(t *testing.T) {
			todo = run(t, readme, func() {
				if got := f(c.A, c.B); got != c.Want {
					t.Errorf("%s(%d, %d) = %d, want %d", name, c.A, c.B, got, c.Want)
				}
			})
		})
		if todo {
			return
		}
	}
}

// Add checks alpha's Add.
func Add(t *testing.T, f func(a, b int) int) {
	binary(t, "alpha/add.json", "Add", "lessons/alpha/README.md#1-add", f)
}

// Mul checks alpha's Mul.
func Mul(t *testing.T, f func(a, b int) int) {
	binary(t, "alpha/mul.json", "Mul", "lessons/alpha/README.md#2-mul", f)
}

type totalCase struct {
	Name  string    `json:"name"`
	Shape []int     `json:"shape"`
	Data  []float32 `json:"data"`
	Want  float32   `json:"want"`
}

// Total checks beta's Total.
func Total(t *testing.T, f func(x *tensor.Tensor) float32) {
	for _, c := range load[totalCase]("beta/total.json") {
		todo := false
		t.Run(c.Name, func(t *testing.T) {
			todo = run(t, "lessons/beta/README.md#1-total", func() {
				if got := f(tensor.FromData(c.Shape, c.Data)); got != c.Want {
					t.Errorf("Total(%v) = %v, want %v", c.Data, got, c.Want)
				}
			})
		})
		if todo {
			return
		}
	}
}

type lengthCase struct {
	Name string `json:"name"`
	N, K int
	Want int  `json:"want"`
	Err  bool `json:"err"`
}

// Length checks beta's Length.
func Length(t *testing.T, f func(n, k int) (int, error)) {
	for _, c := range load[lengthCase]("beta/length.json") {
		todo := false
		t.Run(c.Name, func(t *testing.T) {
			todo = run(t, "lessons/beta/README.md#2-length", func() {
				got, err := f(c.N, c.K)
				switch {
				case c.Err && err == nil:
					t.Errorf("Length(%d, %d) returned no error, want one", c.N, c.K)
				case !c.Err && err != nil:
					t.Errorf("Length(%d, %d) returned error %v", c.N, c.K, err)
				case !c.Err && got != c.Want:
					t.Errorf("Length(%d, %d) = %d, want %d", c.N, c.K, got, c.Want)
				}
			})
		})
		if todo {
			return
		}
	}
}
