package verify

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	kitpkg "github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/checkertest"
)

// TestVerifyKit is the kit's self-check, run by the kit's test command:
// the solutions earn every point, the stubs none, every exercise has
// hints and README sections, and the stubs and golden files are current.
func TestVerifyKit(t *testing.T) {
	if testing.Short() {
		t.Skip("verify compiles and grades the solutions and the stubs (about 10s with a warm build cache, a minute cold): skipped under -short; go test ./tools/checker runs it")
	}
	t.Parallel()
	kit, err := kitpkg.Open("../../../..")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if problems := Write(&out, Kit(context.Background(), kit, testHarness), true); problems > 0 {
		t.Errorf("verify found %d problem(s) in the kit:\n%s", problems, out.String())
	} else {
		t.Logf("verify:\n%s", out.String())
	}
}

func TestVerifyFakeKit(t *testing.T) {
	t.Parallel()
	checks := Kit(context.Background(), checkertest.LoadKit(t, "../../testdata/fakekit"), testHarness)
	var out bytes.Buffer
	if problems := Write(&out, checks, true); problems > 0 {
		t.Errorf("verify found %d problem(s) in the fake kit:\n%s", problems, out.String())
	}
	for _, c := range checks {
		if strings.HasSuffix(c.name, "-check") && c.skipped == "" {
			t.Errorf("%s ran on a kit without the tool", c.name)
		}
	}
}

// TestVerifyFindsProblems breaks a copy of the fake kit in every way verify
// looks for, and checks that each check names what is wrong.
func TestVerifyFindsProblems(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	checkertest.CopyTree(t, "../../testdata/fakekit", dir)
	edit := func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s does not contain %q", rel, old)
		}
		checkertest.WriteFile(t, p, strings.Replace(string(data), old, new, 1))
	}
	// One hint only, and a Korean hint in English.
	edit("lessons/manifest.json", `, {"en": "return a * b", "ko": "return a * b 한 줄이면 됩니다."}]`, "]")
	edit("lessons/manifest.json", `"ko": "x.Data를 도세요."`, `"ko": "Loop over x.Data."`)
	// A README heading renamed.
	edit("lessons/beta/README.ko.md", "## 2. 길이", "## 2. 창의 길이")
	// A test no exercise grades.
	edit("lessons/alpha/alpha_test.go", "func TestMul", "func TestExtra(t *testing.T) {}\n\nfunc TestMul")
	// A solution that is wrong, a stub that is already solved, and a stub
	// whose signature drifted from its solution.
	edit("solutions/beta/beta.go", "return n - k + 1, nil", "return n - k, nil")
	edit("lessons/alpha/alpha.go", `panic(todo("Add"))`, "return a + b")
	edit("lessons/beta/beta.go", "func Total(x *tensor.Tensor) float32", "func Total(t *tensor.Tensor) float32")

	checks := Kit(context.Background(), checkertest.LoadKit(t, dir), testHarness)
	want := map[string][]string{
		"hints":           {"alpha/mul has 1 hint(s), want at least 2", "beta/total: hint 1's Korean text has no Hangul"},
		"readme sections": {"beta/length: lessons/beta/README.ko.md has no heading with the anchor #2-길이"},
		"tests":           {"lessons/alpha declares TestExtra, which no exercise of the manifest grades"},
		"funcs":           {"beta/total: Total differs: lessons has func(t *tensor.Tensor) float32, solutions has func(x *tensor.Tensor) float32"},
		"solutions":       {"beta/length failed"},
		"stubs":           {"alpha/add is passed on the stubs, want not started"},
	}
	got := map[string]Check{}
	for _, c := range checks {
		got[c.name] = c
	}
	for name, problems := range want {
		c := got[name]
		if c.ok {
			t.Errorf("%s: ok on a broken kit", name)
		}
		all := strings.Join(c.problems, "\n")
		for _, p := range problems {
			if !strings.Contains(all, p) {
				t.Errorf("%s: problems do not say %q:\n%s", name, p, all)
			}
		}
	}
	for _, name := range []string{"manifest"} {
		if !got[name].ok {
			t.Errorf("%s: failed on a kit where it should pass: %v", name, got[name].problems)
		}
	}
}

func TestGithubSlug(t *testing.T) {
	for heading, want := range map[string]string{
		"1. Output length":                   "1-output-length",
		"1. 출력 길이":                           "1-출력-길이",
		"2. `same` padding":                  "2-same-padding",
		"3. Dilation and the [kernel](x.md)": "3-dilation-and-the-kernel",
		"4. Pads, (before, after) — pairs!":  "4-pads-before-after--pairs",
		"5. zero_padding ##":                 "5-zero_padding",
	} {
		if got := githubSlug(heading); got != want {
			t.Errorf("githubSlug(%q) = %q, want %q", heading, got, want)
		}
	}
}

func TestReadmeAnchorsCountRepeats(t *testing.T) {
	p := filepath.Join(t.TempDir(), "README.md")
	checkertest.WriteFile(t, p, "# T\n\n## Examples\n\n```\n## not a heading\n```\n\n## Examples\n#nope\n")
	got, err := readmeAnchors(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"t", "examples", "examples-1"} {
		if !got[a] {
			t.Errorf("no anchor %q in %v", a, got)
		}
	}
	if got["not-a-heading"] || got["nope"] {
		t.Errorf("anchors from code or non-headings: %v", got)
	}
}

// testHarness is the harness package's source, as main embeds it.
var testHarness = os.DirFS("../convlingsgrade")
