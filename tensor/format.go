package tensor

import (
	"fmt"
	"strconv"
	"strings"
)

// String returns a readable printout of t: the shape, then one grid per
// batch entry and channel (rows by columns for NHWC, one row for NWC, one
// grid per depth slice for NDHWC). Values use the shortest form that reads
// back as the same float32. Tensors of rank 0 to 2 print as a single grid.
//
// String never panics: a nil tensor prints as "tensor <nil>", and a tensor
// whose data does not fill its shape (a dimension ≤ 0, or a length other
// than the product) prints its shape, says so, and lists the data in one
// row.
func (t *Tensor) String() string {
	if t == nil {
		return "tensor <nil>\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "tensor %s\n", t.Shape.Dims())
	if n, ok := t.Shape.NumElements(); !ok || n != len(t.Data) || n == 0 {
		fmt.Fprintf(&b, "(%d values, which do not fill the shape)\n", len(t.Data))
		if len(t.Data) > 0 {
			writeGrid(&b, 1, len(t.Data), func(_, j int) float32 { return t.Data[j] })
		}
		return b.String()
	}
	switch len(t.Shape) {
	case 0:
		b.WriteString(formatValue(t.Data[0]) + "\n")
	case 1:
		writeGrid(&b, 1, t.Shape[0], func(_, j int) float32 { return t.Data[j] })
	case 2:
		writeGrid(&b, t.Shape[0], t.Shape[1], func(i, j int) float32 { return t.Data[i*t.Shape[1]+j] })
	default:
		// Axis 0 is the batch, the last is channels, and the spatial axes
		// between them end in (rows, cols); any further leading spatial axes
		// (depth for NDHWC) are walked as slices.
		sp := t.Shape[1 : len(t.Shape)-1]
		c := t.Shape[len(t.Shape)-1]
		rows, cols := 1, sp[len(sp)-1]
		if len(sp) >= 2 {
			rows = sp[len(sp)-2]
		}
		slices := 1
		for _, d := range sp[:max(0, len(sp)-2)] {
			slices *= d
		}
		for n := 0; n < t.Shape[0]; n++ {
			for s := 0; s < slices; s++ {
				base := (n*slices + s) * rows * cols * c
				for ch := 0; ch < c; ch++ {
					label := fmt.Sprintf("[n=%d", n)
					if slices > 1 {
						label += fmt.Sprintf(" d=%d", s)
					}
					fmt.Fprintf(&b, "%s c=%d]\n", label, ch)
					writeGrid(&b, rows, cols, func(i, j int) float32 {
						return t.Data[base+(i*cols+j)*c+ch]
					})
				}
			}
		}
	}
	return b.String()
}

func formatValue(v float32) string { return strconv.FormatFloat(float64(v), 'g', -1, 32) }

// writeGrid writes rows×cols values, each column right-aligned to its widest cell.
func writeGrid(b *strings.Builder, rows, cols int, at func(i, j int) float32) {
	cells := make([]string, rows*cols)
	w := make([]int, cols)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			s := formatValue(at(i, j))
			cells[i*cols+j] = s
			w[j] = max(w[j], len(s))
		}
	}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			if j > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(b, "%*s", w[j], cells[i*cols+j])
		}
		b.WriteByte('\n')
	}
}
