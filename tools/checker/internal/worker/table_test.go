package worker

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/golden"
	"github.com/convlings/convlings/tools/checker/internal/hidden"
)

// publicCases reads an exercise's golden files.
func publicCases[C, W any](t *testing.T, lesson, test string) []golden.Case[C, W] {
	dir := path.Join(lesson, test)
	entries, err := fs.ReadDir(golden.Files(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []golden.Case[C, W]
	for _, e := range entries {
		data, err := fs.ReadFile(golden.Files(), path.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var c golden.Case[C, W]
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// tableLesson writes lesson 1 as a table of the public golden answers:
// OutputLength, SamePadding and DilatedAxis look their arguments up among
// the public cases and return the stored answer (an error for anything
// else); the lesson's other functions are the solution's.
func tableLesson(t *testing.T, root, dir string) map[string]string {
	var b strings.Builder
	b.WriteString("package padding\n\nimport \"errors\"\n\nvar errUnknown = errors.New(\"not in the table\")\n\n")
	b.WriteString("var lengths = map[[4]any]int{\n")
	for _, c := range publicCases[golden.AxisCall, int](t, "padding", "TestOutputLength") {
		if c.Want != nil {
			fmt.Fprintf(&b, "\t{%d, %d, %d, %q}: %d,\n", c.Call.N, c.Call.Kernel, c.Call.Stride, c.Call.Padding, *c.Want)
		}
	}
	b.WriteString("}\n\nvar splits = map[[3]int][2]int{\n")
	for _, c := range publicCases[golden.AxisCall, golden.AxisWant](t, "padding", "TestSamePadding") {
		if c.Want != nil {
			fmt.Fprintf(&b, "\t{%d, %d, %d}: {%d, %d},\n", c.Call.N, c.Call.Kernel, c.Call.Stride, c.Want.Before, c.Want.After)
		}
	}
	b.WriteString("}\n\nvar dilated = map[[5]any][3]int{\n")
	for _, c := range publicCases[golden.AxisCall, golden.AxisWant](t, "padding", "TestDilatedAxis") {
		if c.Want != nil {
			fmt.Fprintf(&b, "\t{%d, %d, %d, %d, %q}: {%d, %d, %d},\n", c.Call.N, c.Call.Kernel, c.Call.Stride, c.Call.Dilation, c.Call.Padding, c.Want.Out, c.Want.Before, c.Want.After)
		}
	}
	b.WriteString(`}

func OutputLength(n, k, stride int, padding string) (int, error) {
	if v, ok := lengths[[4]any{n, k, stride, padding}]; ok {
		return v, nil
	}
	return 0, errUnknown
}

func SamePadding(n, k, stride int) (before, after int, err error) {
	if v, ok := splits[[3]int{n, k, stride}]; ok {
		return v[0], v[1], nil
	}
	return 0, 0, errUnknown
}

func DilatedAxis(n, k, stride, dilation int, padding string) (out, before, after int, err error) {
	if v, ok := dilated[[5]any{n, k, stride, dilation, padding}]; ok {
		return v[0], v[1], v[2], nil
	}
	return 0, 0, 0, errUnknown
}
`)
	sol, err := os.ReadFile(filepath.Join(root, "solutions", "padding", "padding.go"))
	if err != nil {
		t.Fatal(err)
	}
	// The solution without the three functions the table answers.
	src := string(sol)
	for _, fn := range []string{"OutputLength", "SamePadding", "DilatedAxis"} {
		i := strings.Index(src, "\nfunc "+fn+"(")
		if i < 0 {
			t.Fatalf("solutions/padding has no func %s", fn)
		}
		j := strings.Index(src[i:], "\n}\n")
		src = src[:i] + "\nfunc solution" + fn + src[i+len("\nfunc "+fn):i+j+3] + src[i+j+3:]
	}
	replace := solutionOverlay(t, root)
	for name, text := range map[string]string{"padding.go": src, "table.go": b.String()} {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		replace[filepath.Join(root, "lessons", "padding", name)] = f
	}
	return replace
}

// TestTableOfPublicAnswersFailsHidden: a lesson that answers from a table
// of the public golden cases passes every public case and fails hidden
// ones in every exercise it tables, over several seeds; the solutions pass
// every hidden case of the same seeds.
func TestTableOfPublicAnswersFailsHidden(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a worker")
	}
	root := moduleRoot(t)
	dir := t.TempDir()
	replace := tableLesson(t, root, dir)
	bin := buildWorkerFrom(t, root, dir, Lessons, replace)
	c := &Client{Start: localStarter(bin), Timeout: 10 * time.Second}
	defer c.Close()
	tabled := map[string]bool{"TestOutputLength": true, "TestSamePadding": true, "TestDilatedAxis": true}
	for seed := uint64(1); seed <= 5; seed++ {
		cases, err := hidden.Generate(seed)
		if err != nil {
			t.Fatal(err)
		}
		p, _, _, _ := Suites(c)
		public := p.Tests()
		p.Cases = cases
		for i, ht := range p.Tests() {
			pt := public[i]
			if !tabled[pt.Exercise.Test] {
				continue
			}
			r := golden.NewRecorder(pt.Exercise.Test)
			pt.Run(r)
			if r.Failed() {
				t.Errorf("the table fails public cases of %s:\n%s", pt.Exercise.Test, r.Log())
			}
			h := golden.NewRecorder(ht.Exercise.Test)
			ht.Run(h)
			if !h.Failed() {
				t.Errorf("seed %d: the table passes every hidden case of %s", seed, ht.Exercise.Test)
			}
		}
	}
}
