package golden

import (
	"fmt"
	"strconv"
	"strings"
)

// window is the geometry of one window of a convolution or pooling: the
// window behind a wrong output cell, to draw it and to record it.
type window struct {
	in      [2]int    // the input's rows and columns, without padding
	pad     [2][2]int // zeros ((top, bottom), (left, right)), Keras's 'same' split
	k       [2]int    // kernel or pool size
	stride  [2]int
	dil     [2]int
	at      [2]int // the output cell: row, column
	outSize [2]int
	oneRow  bool // Conv1D: one row, no row axis in the output index
}

// newWindow works out the window of output cell at for an input of in
// cells per axis, Keras's way. It returns nil for an unknown padding or a
// window that does not fit.
func newWindow(in, k, stride, dil [2]int, padding string, at [2]int) *window {
	w := &window{in: in, k: k, stride: stride, dil: dil, at: at}
	for a := range 2 {
		n, s, d := in[a], max(stride[a], 1), max(dil[a], 1)
		kEff := (k[a]-1)*d + 1
		switch strings.ToLower(padding) {
		case "valid", "":
			if n < kEff {
				return nil
			}
			w.outSize[a] = (n-kEff)/s + 1
		case "same":
			w.outSize[a] = (n + s - 1) / s
			total := max(0, (w.outSize[a]-1)*s+kEff-n)
			w.pad[a] = [2]int{total / 2, total - total/2}
		default:
			return nil
		}
		w.stride[a], w.dil[a] = s, d
	}
	return w
}

// span returns the first and last input cell (inclusive, in unpadded
// coordinates: padding before is negative) that the window covers on axis a.
func (w *window) span(a int) (int, int) {
	first := w.at[a]*w.stride[a] - w.pad[a][0]
	return first, first + (w.k[a]-1)*w.dil[a]
}

// taps reports whether cell p on axis a is one the window reads.
func (w *window) taps(a, p int) bool {
	first, last := w.span(a)
	return p >= first && p <= last && (p-first)%w.dil[a] == 0
}

// readByAny reports whether any window reads cell p on axis a.
func (w *window) readByAny(a, p int) bool {
	for o := 0; o < w.outSize[a]; o++ {
		first := o*w.stride[a] - w.pad[a][0]
		if p >= first && p <= first+(w.k[a]-1)*w.dil[a] && (p-first)%w.dil[a] == 0 {
			return true
		}
	}
	return false
}

// maxCells bounds the picture: at most this many cells per axis are drawn,
// centred on the window, so that it fits an 80-column terminal.
const maxCells = 16

// crop returns the cells [lo, hi] of axis a to draw: all of the padded
// axis when it is short, else a stretch around the window.
func (w *window) crop(a int) (int, int) {
	lo, hi := -w.pad[a][0], w.in[a]+w.pad[a][1]-1
	if hi-lo+1 <= maxCells {
		return lo, hi
	}
	first, last := w.span(a)
	mid := (first + last) / 2
	lo2 := max(lo, mid-maxCells/2)
	hi2 := min(hi, lo2+maxCells-1)
	return max(lo, hi2-maxCells+1), hi2
}

// picture draws the padded input with the window marked, beside the
// output with the wrong cell marked. It uses marks, not colour, so it
// reads the same in a terminal, a log or a pipe.
func (w *window) picture(want string) string {
	var left []string
	r0, r1 := w.crop(0)
	c0, c1 := w.crop(1)
	if w.oneRow {
		r0, r1 = 0, 0
	}
	head := "       "
	for c := c0; c <= c1; c++ {
		head += fmt.Sprintf("%2s", strconv.Itoa(c%100))
	}
	left = append(left, head)
	for r := r0; r <= r1; r++ {
		line := fmt.Sprintf("%s%3d ", tr("row", "행 "), r)
		if w.oneRow {
			line = "       "
		}
		for c := c0; c <= c1; c++ {
			pad := r < 0 || r >= w.in[0] || c < 0 || c >= w.in[1]
			in := (w.oneRow || w.taps(0, r)) && w.taps(1, c)
			var mark byte
			switch {
			case in && pad:
				mark = '0'
			case in:
				mark = '#'
			case pad:
				mark = ':'
			case (!w.oneRow && !w.readByAny(0, r)) || !w.readByAny(1, c):
				mark = '-'
			default:
				mark = '.'
			}
			line += " " + string(mark)
		}
		left = append(left, line)
	}
	var right []string
	right = append(right, tr("output", "출력"))
	for i := 0; i < w.outSize[0] && i < maxCells; i++ {
		if w.oneRow && i > 0 {
			break
		}
		line := ""
		for j := 0; j < w.outSize[1] && j < maxCells; j++ {
			m := "."
			if (w.oneRow || i == w.at[0]) && j == w.at[1] {
				m = "@"
			}
			line += " " + m
		}
		right = append(right, line)
	}
	width := 0
	for _, l := range left {
		width = max(width, len([]rune(l)))
	}
	var b strings.Builder
	rr, rc := w.span(0)
	cr, cc := w.span(1)
	where := tr(fmt.Sprintf("rows %d–%d, columns %d–%d", rr, rc, cr, cc), fmt.Sprintf("행 %d–%d, 열 %d–%d", rr, rc, cr, cc))
	cell := fmt.Sprintf("[h=%d w=%d]", w.at[0], w.at[1])
	if w.oneRow {
		where = tr(fmt.Sprintf("cells %d–%d", cr, cc), fmt.Sprintf("칸 %d–%d", cr, cc))
		cell = fmt.Sprintf("[w=%d]", w.at[1])
	}
	fmt.Fprintf(&b, "    %s\n", tr(
		fmt.Sprintf("The window of output %s (want %s) reads input %s; stride %s, padding %s:", cell, want, where, pairText(w.stride), padText(w.pad)),
		fmt.Sprintf("출력 %s (기대 %s)의 윈도우는 입력의 %s 를 읽습니다. 스트라이드 %s, 패딩 %s:", cell, want, where, pairText(w.stride), padText(w.pad))))
	sideBySide := width+4+len(right[0])+2*min(w.outSize[1], maxCells) <= 76
	n := len(left)
	if sideBySide {
		n = max(n, len(right))
	}
	for i := 0; i < n; i++ {
		l := ""
		if i < len(left) {
			l = left[i]
		}
		line := "    " + l
		if sideBySide && i < len(right) {
			line += strings.Repeat(" ", width-len([]rune(l))+4) + right[i]
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	if !sideBySide {
		for _, r := range right {
			b.WriteString("    " + r + "\n")
		}
	}
	b.WriteString("    " + tr("# read by this window   0 padding under it   : padding   . input   - read by no window   @ the wrong cell",
		"# 이 윈도우가 읽는 칸   0 윈도우 안의 패딩   : 패딩   . 입력   - 어느 윈도우도 읽지 않는 칸   @ 틀린 칸"))
	return b.String()
}

func pairText(p [2]int) string { return fmt.Sprintf("(%d, %d)", p[0], p[1]) }

func padText(p [2][2]int) string {
	return fmt.Sprintf("((%d, %d), (%d, %d))", p[0][0], p[0][1], p[1][0], p[1][1])
}

// windowRecord is the window as the case record writes it.
func (w *window) record() map[string]any {
	r0, r1 := w.span(0)
	c0, c1 := w.span(1)
	return map[string]any{
		"rows":   []int{r0, r1},
		"cols":   []int{c0, c1},
		"stride": []int{w.stride[0], w.stride[1]},
		"pad":    [][2]int{w.pad[0], w.pad[1]},
	}
}
