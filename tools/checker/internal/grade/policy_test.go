package grade

import (
	"strings"
	"testing"

	"github.com/convlings/convlings/internal/kit"
)

// TestStackingImportsEarlierLessons: lessons/stacking, and only it, may
// import the learner's own padding, filters and pooling, and nothing else
// of the kit.
func TestStackingImportsEarlierLessons(t *testing.T) {
	for _, l := range []string{"padding", "filters", "pooling"} {
		p := kit.ModulePath + "/lessons/" + l
		if why := checkImport(p, "stacking"); why != "" {
			t.Errorf("stacking importing %s: %q, want allowed", p, why)
		}
		if why := checkImport(p, "pooling"); why == "" {
			t.Errorf("pooling importing %s: allowed, want refused", p)
		}
	}
	for _, p := range []string{"lessons/stacking", "solutions/padding", "golden", "padding", "internal/kit"} {
		if why := checkImport(kit.ModulePath+"/"+p, "stacking"); why == "" {
			t.Errorf("stacking importing %s: allowed, want refused", p)
		}
	}
}

func TestCheckImport(t *testing.T) {
	allowed := []string{"fmt", "math", "math/bits", "errors", "strings", "slices", "sort", "os", "sync", "time",
		"encoding/json", "crypto/sha256", "iter", kit.ModulePath + "/tensor"}
	for _, p := range allowed {
		if why := checkImport(p, "alpha"); why != "" {
			t.Errorf("checkImport(%q) = %q, want allowed", p, why)
		}
	}
	denied := map[string]string{
		"C":                                   "cgo",
		"unsafe":                              "memory safety",
		"reflect":                             "reflect",
		"syscall":                             "syscall",
		"plugin":                              "plugin",
		"os/exec":                             "start other programs",
		"net":                                 "network",
		"net/http":                            "network",
		"net/http/httptest":                   "network",
		"log/syslog":                          "network",
		"runtime/debug":                       "runtime/debug",
		"runtime/cgo":                         "cgo",
		"testing":                             "not test code",
		"flag":                                "-test.run, -test.skip",
		"testing/quick":                       "not test code",
		"internal/cpu":                        "internal",
		"vendor/golang.org/x/net/dns":         "vendored",
		"cmd/go/internal/work":                "go command",
		"go/build":                            "not on the list",
		"go/parser":                           "not on the list",
		"embed":                               "not on the list",
		"os/signal":                           "not on the list",
		"os/user":                             "not on the list",
		"debug/elf":                           "not on the list",
		"expvar":                              "not on the list",
		"crypto/tls":                          "not on the list",
		kit.ModulePath + "/solutions/padding": "not solutions/padding",
		kit.ModulePath + "/golden":            "not golden",
		kit.ModulePath + "/padding":           "not padding",
		kit.ModulePath + "/conv":              "not conv",
		kit.ModulePath + "/pool":              "not pool",
		kit.ModulePath + "/model":             "not model",
		kit.ModulePath + "/lessons/filters":   "not lessons/filters",
		kit.ModulePath + "/tensor/internal":   "not tensor/internal",
		kit.ModulePath + "/internal/kit":      "not internal/kit",
		kit.ModulePath:                        "only the tensor package",
		"github.com/stretchr/testify/assert":  "only the standard library",
		"golang.org/x/sys/unix":               "only the standard library",
		"./helper":                            "relative",
	}
	for p, want := range denied {
		if why := checkImport(p, "alpha"); !strings.Contains(why, want) {
			t.Errorf("checkImport(%q) = %q, want it denied mentioning %q", p, why, want)
		}
	}
}

func TestCheckSource(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // pieces of the violations, in order; none for clean code
	}{
		{"clean", `package alpha

import (
	"errors"
	"fmt"

	"github.com/convlings/convlings/tensor"
)

var errBad = errors.New("alpha: bad")

func F(x *tensor.Tensor) (*tensor.Tensor, error) {
	out := &tensor.Tensor{Shape: x.Shape}
	out.Data = append(out.Data, x.Data...)
	x.Data[0] = 1
	var local struct{ Args []string }
	local.Args = nil
	fmt.Println(len(out.Data))
	return out, errBad
}
`, nil},
		{"wrong package", "package beta\n", []string{"package beta, want package alpha"}},
		{"renamed import of a kit package", `package alpha

import sol "github.com/convlings/convlings/solutions/alpha"

var _ = sol.Add
`, []string{`imports "github.com/convlings/convlings/solutions/alpha"`}},
		{"dot import", `package alpha

import . "strings"

var _ = ToUpper
`, []string{"with a dot"}},
		{"cgo", `package alpha

// #include <stdlib.h>
import "C"
`, []string{`imports "C"`}},
		{"linkname", `package alpha

import _ "unsafe"

//go:linkname now runtime.nanotime
func now() int64
`, []string{`imports "unsafe"`, "//go:linkname"}},
		{"assigning other packages' variables", `package alpha

import (
	"net/http"
	o "os"

	"github.com/convlings/convlings/tensor"
)

func init() {
	o.Args = nil
	tensor.ErrShape = nil
	tensor.Counts[0]++
	p := &o.Stdout
	_ = p
	for o.Args[0], _ = range map[string]int{} {
	}
	http.DefaultClient = nil
}
`, []string{`imports "net/http"`, "assigns to o.Args", "assigns to tensor.ErrShape", "changes tensor.Counts[…]", "takes the address of o.Stdout", "assigns to o.Args[…]", "assigns to http.DefaultClient"}},
		{"os.StartProcess under another name", `package alpha

import system "os"

var start = system.StartProcess
`, []string{"uses os.StartProcess"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := checkSource("lessons/alpha/a.go", []byte(tc.src), "alpha")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("checkSource found %d violations, want %d: %v", len(got), len(tc.want), got)
			}
			for i, v := range got {
				if !strings.Contains(v.Error(), tc.want[i]) {
					t.Errorf("violation %d = %q, want it to mention %q", i, v.Error(), tc.want[i])
				}
				if !strings.HasPrefix(v.Error(), "lessons/alpha/a.go:") {
					t.Errorf("violation %q does not say where", v.Error())
				}
			}
		})
	}
}

func TestCheckSourceSyntaxError(t *testing.T) {
	if _, err := checkSource("lessons/alpha/a.go", []byte("package alpha\nfunc {"), "alpha"); err == nil || !strings.Contains(err.Error(), "lessons/alpha/a.go:2") {
		t.Errorf("checkSource on a syntax error: %v, want a parse error with its position", err)
	}
}

func TestCheckFileName(t *testing.T) {
	for _, ok := range []string{"alpha.go", "my_helpers.go", "conv-2d.go", "A1.go", "x_linux.go"} {
		if why := checkFileName(ok); why != "" {
			t.Errorf("checkFileName(%q) = %q, want accepted", ok, why)
		}
	}
	for _, bad := range []string{"my notes.go", ".hidden.go", "_x.go", "zz_convlings_grade.go", "zz_convlings_x.go", "ä.go", "a.go.go/", "x.go\n"} {
		if why := checkFileName(bad); why == "" {
			t.Errorf("checkFileName(%q) accepted it", bad)
		}
	}
}

// TestLessonImports checks the one exception to the import rule: lesson 4,
// stacking, may import the learner's lessons/padding, filters and pooling,
// and nothing else of the kit; no other lesson may import a lesson.
func TestLessonImports(t *testing.T) {
	src := func(pkg string, imports ...string) []byte {
		var b strings.Builder
		b.WriteString("package " + pkg + "\n\nimport (\n")
		for _, p := range imports {
			b.WriteString("\t_ \"" + p + "\"\n")
		}
		b.WriteString(")\n")
		return []byte(b.String())
	}
	lessons := []string{kit.ModulePath + "/lessons/padding", kit.ModulePath + "/lessons/filters", kit.ModulePath + "/lessons/pooling"}
	if v, err := checkSource("stacking.go", src("stacking", lessons...), "stacking"); err != nil || len(v) != 0 {
		t.Errorf("lessons/stacking importing lessons 1 to 3: %v %v, want allowed", v, err)
	}
	for _, c := range []struct{ pkg, imp string }{
		{"stacking", kit.ModulePath + "/lessons/stacking"},
		{"stacking", kit.ModulePath + "/solutions/filters"},
		{"stacking", kit.ModulePath + "/golden"},
		{"stacking", kit.ModulePath + "/golden/mistakes"},
		{"stacking", kit.ModulePath + "/conv"},
		{"filters", kit.ModulePath + "/lessons/padding"},
		{"pooling", kit.ModulePath + "/lessons/filters"},
		{"padding", kit.ModulePath + "/lessons/pooling"},
	} {
		if v, _ := checkSource(c.pkg+".go", src(c.pkg, c.imp), c.pkg); len(v) != 1 {
			t.Errorf("lessons/%s importing %s: %v, want one violation", c.pkg, c.imp, v)
		}
	}
}
