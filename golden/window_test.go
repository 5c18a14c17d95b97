package golden

import (
	"strings"
	"testing"
)

// TestWindowPicture draws windows of every kind and checks the marks and
// that each line fits an 80-column terminal, in English and Korean.
func TestWindowPicture(t *testing.T) {
	cases := []struct {
		name            string
		in, k, s, d, at [2]int
		padding         string
		oneRow          bool
		want            []string // lines the picture must hold
	}{
		{"valid", [2]int{5, 5}, [2]int{3, 3}, [2]int{1, 1}, [2]int{1, 1}, [2]int{0, 1}, "valid", false,
			[]string{"row  0  . # # # .", "row  3  . . . . ."}},
		{"same stride 2 pads after", [2]int{6, 6}, [2]int{3, 3}, [2]int{2, 2}, [2]int{1, 1}, [2]int{2, 2}, "same", false,
			[]string{"padding ((0, 1), (0, 1))", "row  6  : : : : 0 0 0"}},
		{"stride wider than the kernel skips cells", [2]int{5, 7}, [2]int{1, 2}, [2]int{3, 3}, [2]int{1, 1}, [2]int{1, 1}, "valid", false,
			[]string{"row  1  - - - - - - -", "row  3  . . - # # - -"}},
		{"dilation reads every other cell", [2]int{7, 7}, [2]int{3, 3}, [2]int{1, 1}, [2]int{2, 2}, [2]int{0, 0}, "valid", false,
			[]string{"row  0  # . # . # . .", "row  1  . . . . . . ."}},
		{"large input is cropped", [2]int{40, 40}, [2]int{3, 3}, [2]int{1, 1}, [2]int{1, 1}, [2]int{30, 30}, "same", false, nil},
		{"conv1d", [2]int{1, 6}, [2]int{1, 3}, [2]int{1, 2}, [2]int{1, 1}, [2]int{0, 2}, "same", true,
			[]string{"cells 4–6", "# # 0"}},
	}
	for _, c := range cases {
		for _, lang := range []string{"en", "ko"} {
			t.Setenv("CONVLINGS_LANG", lang)
			w := newWindow(c.in, c.k, c.s, c.d, c.padding, c.at)
			if w == nil {
				t.Fatalf("%s: no window", c.name)
			}
			w.oneRow = c.oneRow
			pic := w.picture("1.5")
			for _, line := range strings.Split(pic, "\n") {
				if columns(line) > 80 {
					t.Errorf("%s (%s): a line of %d columns:\n%s", c.name, lang, columns(line), pic)
				}
			}
			if lang == "en" {
				for _, want := range c.want {
					if !strings.Contains(pic, want) {
						t.Errorf("%s: the picture lacks %q:\n%s", c.name, want, pic)
					}
				}
			}
		}
	}
}
