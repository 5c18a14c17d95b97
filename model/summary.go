package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Summary returns the model's summary as Keras's model.summary() prints it:
// a table with the columns "Layer (type)", "Output Shape" and "Param #",
// one row per layer ("conv2d (Conv2D)", "(None, 8, 8, 10)", "280"), then
// the total, trainable and non-trainable parameter counts with their size
// as float32:
//
//	Total params: 280 (1.09 KB)
//	Trainable params: 280 (1.09 KB)
//	Non-trainable params: 0 (0.00 B)
//
// The cell contents match Keras's; the column widths fit the contents.
// Every parameter here is trainable.
func (m *Sequential) Summary() string {
	head := [3]string{"Layer (type)", "Output Shape", "Param #"}
	rows := make([][3]string, len(m.layers))
	width := [3]int{}
	for j, h := range head {
		width[j] = utf8.RuneCountInString(h)
	}
	for i, l := range m.layers {
		rows[i] = [3]string{m.names[i] + " (" + l.Class() + ")", m.shapes[i].String(), thousands(m.params[i])}
		for j, c := range rows[i] {
			width[j] = max(width[j], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	rule := func(left, fill, mid, right string) {
		b.WriteString(left)
		for j, w := range width {
			if j > 0 {
				b.WriteString(mid)
			}
			b.WriteString(strings.Repeat(fill, w+2))
		}
		b.WriteString(right + "\n")
	}
	row := func(bar string, cells [3]string) {
		b.WriteString(bar)
		for j, c := range cells {
			pad := strings.Repeat(" ", width[j]-utf8.RuneCountInString(c))
			if j == 2 {
				b.WriteString(" " + pad + c + " " + bar) // numbers align right
			} else {
				b.WriteString(" " + c + pad + " " + bar)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("Model: \"sequential\"\n")
	rule("┏", "━", "┳", "┓")
	row("┃", head)
	rule("┡", "━", "╇", "┩")
	for i, r := range rows {
		if i > 0 {
			rule("├", "─", "┼", "┤")
		}
		row("│", r)
	}
	rule("└", "─", "┴", "┘")
	total := m.TotalParams()
	fmt.Fprintf(&b, " Total params: %s (%s)\n", thousands(total), memorySize(4*float64(total)))
	fmt.Fprintf(&b, " Trainable params: %s (%s)\n", thousands(total), memorySize(4*float64(total)))
	fmt.Fprintf(&b, " Non-trainable params: %s (%s)\n", thousands(0), memorySize(0))
	return b.String()
}

// thousands formats n with commas between groups of three digits, as
// Python's "{:,}" does: 50050 → "50,050".
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// memorySize formats a size in bytes as Keras's readable_memory_size does:
// divide by 1024 while the result stays ≥ 1, up to PB, and print two
// decimals: 1120 → "1.09 KB", 0 → "0.00 B".
func memorySize(bytes float64) string {
	units := []string{"B", "KB", "MB", "GB", "TB", "PB"}
	for _, u := range units {
		if bytes/1024 < 1 {
			return strconv.FormatFloat(bytes, 'f', 2, 64) + " " + u
		}
		bytes /= 1024
	}
	// Keras divides once more before it falls out of the loop; so do we.
	return strconv.FormatFloat(bytes, 'f', 2, 64) + " PB"
}
