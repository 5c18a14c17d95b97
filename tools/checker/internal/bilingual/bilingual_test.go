package bilingual_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convlings/convlings/tools/checker/internal/bilingual"
)

// kitRoot returns the module root, the folder holding go.mod.
func kitRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// TestKitTextsInStep holds every English text of the kit and its Korean
// translation to the same outline, code, links, numbers and blocks, and
// every bold span of both to what GitHub renders.
func TestKitTextsInStep(t *testing.T) {
	root := kitRoot(t)
	pairs, err := bilingual.Pairs(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"README.md", "lessons/README.md", "lessons/padding/README.md", "lessons/filters/README.md", "lessons/pooling/README.md", "lessons/stacking/README.md"} {
		found := false
		for _, p := range pairs {
			found = found || p == want
		}
		if !found {
			t.Errorf("%s has no Korean translation beside it (%s)", want, bilingual.KoreanPath(want))
		}
	}
	for _, p := range pairs {
		problems, err := bilingual.CheckPair(filepath.Join(root, p))
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range problems {
			rel, _ := filepath.Rel(root, strings.SplitN(pr, ": ", 2)[0])
			t.Errorf("%s: %s", filepath.ToSlash(rel), strings.SplitN(pr, ": ", 2)[1])
		}
	}
}

func TestCompare(t *testing.T) {
	en := "# Lesson\n\nThe post's layer has `280` weights: 3·3·3·10 + 10.\n\n" +
		"## 1. Output\n\nSee [the lesson](padding/README.md#1-output-length).\n\n```\ngo test ./lessons/padding\nwindow 3   [0  1  2]\n```\n"
	same := "# 레슨\n\n글의 레이어에는 가중치가 `280`개 있습니다. 3·3·3·10 + 10.\n\n" +
		"## 1. 출력\n\n[레슨](padding/README.ko.md#1-출력-길이)을 보세요.\n\n```\ngo test ./lessons/padding\n윈도우 3   [0  1  2]\n```\n"
	if got := bilingual.Compare(en, same); len(got) != 0 {
		t.Errorf("Compare of a faithful translation = %q, want nothing", got)
	}
	for _, tc := range []struct {
		name, ko, want string
	}{
		{"missing heading", strings.Replace(same, "## 1. 출력", "1. 출력", 1), "has no Korean section"},
		{"heading level", strings.Replace(same, "## 1. 출력", "### 1. 출력", 1), "level-3 heading"},
		{"extra heading", same + "\n## 2. 더\n", "has no English section"},
		{"heading number", strings.Replace(same, "## 1. 출력", "## 2. 출력", 1), "heading's numbers"},
		{"code span", strings.Replace(same, "`280`", "`290`", 1), "code spans differ"},
		{"prose number", strings.Replace(same, "3·3·3·10 + 10", "3·3·3·10 + 11", 1), "numbers in the text"},
		{"link", strings.Replace(same, "padding/README.ko.md", "filters/README.ko.md", 1), "links differ"},
		{"command", strings.Replace(same, "./lessons/padding\n", "./lessons/filters\n", 1), "differs from the English line"},
		{"block numbers", strings.Replace(same, "윈도우 3   [0  1  2]", "윈도우 3   [0  1  3]", 1), "other numbers"},
		{"block lines", strings.Replace(same, "```\n", "```\n\n", 1), "has 3 lines"},
	} {
		got := strings.Join(bilingual.Compare(en, tc.ko), "\n")
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: Compare = %q, want a problem containing %q", tc.name, got, tc.want)
		}
	}
}

func TestEmphasis(t *testing.T) {
	// The five spans GitHub showed with literal ** (issue 10), and others
	// it renders.
	for _, bad := range []string{
		"출력 모양의 **깊이(depth)**를 결정합니다.",
		"글의 (None, 10, 10, 10)을 **(None, 5, 5, 10)**으로 만들고",
		"`strides=(1, 1)`을 주면 **(None, 9, 9, 10)**이 됩니다.",
		"**(None, 10)**을 출력합니다.",
		"- **Param #**는 가중치 개수입니다.",
	} {
		if got := bilingual.Emphasis(bad); len(got) != 1 {
			t.Errorf("Emphasis(%q) = %q, want one problem", bad, got)
		}
	}
	for _, good := range []string{
		"출력 모양의 **깊이**(depth)를 결정합니다.",
		"**(None, 5, 5, 10)** 모양으로 만들고",
		"- **Param #** 열은 가중치 개수입니다.",
		"This lesson follows the section **패딩(Padding)** of the post.",
		"**Keras 3 is the truth.** Where the post simplifies",
		"**Stride 1: nothing is dropped.** The post's",
		"a `**kwargs` argument and **bold**",
		"| 1 | **a** | **b** |",
		"```\n**(x)**이\n```",
	} {
		if got := bilingual.Emphasis(good); len(got) != 0 {
			t.Errorf("Emphasis(%q) = %q, want nothing", good, got)
		}
	}
}

// TestLessonDocComments holds the doc comments that learners read in the
// lessons' Go files to having a Korean half, in step with the English.
func TestLessonDocComments(t *testing.T) {
	root := kitRoot(t)
	for _, lesson := range []string{"padding", "filters", "pooling", "stacking"} {
		for _, tree := range []string{"solutions", "lessons"} {
			problems, err := bilingual.CheckGoDocs(filepath.Join(root, tree, lesson))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				rel, _ := filepath.Rel(root, strings.SplitN(p, ": ", 2)[0])
				t.Errorf("%s: %s", filepath.ToSlash(rel), strings.SplitN(p, ": ", 2)[1])
			}
		}
	}
}

func TestDocComment(t *testing.T) {
	good := "OutputLength(10, 3, 1, \"valid\") = 8.\n\n\tcode 42\n\n한국어: OutputLength(10, 3, 1, \"valid\") = 8입니다.\n\nBlog section: x 99\n"
	if got := bilingual.DocComment(good); len(got) != 0 {
		t.Errorf("DocComment(faithful) = %q, want nothing", got)
	}
	for _, bad := range []string{
		strings.Replace(good, "= 8입니다", "= 7입니다", 1),
		strings.Replace(good, "\"valid\") = 8입", "\"same\") = 8입", 1),
	} {
		if got := bilingual.DocComment(bad); len(got) == 0 {
			t.Errorf("DocComment(%q) = nothing, want a problem", bad)
		}
	}
}
