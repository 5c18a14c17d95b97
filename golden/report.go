package golden

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"github.com/convlings/convlings/tensor"
)

// notImplemented is what the lesson stubs panic with: each lesson package
// defines a small type with this method (lesson code may import only the
// standard library and tensor, so it cannot share one with this package).
type notImplemented interface{ NotImplemented() }

// runCases runs check on every golden case of ex, each in its own subtest
// named after the case. A panic is recovered per subtest: an unfinished
// stub reports "not implemented yet" once and skips the exercise's other
// cases; any other panic is reported with where it happened, and the next
// case still runs.
func runCases[C, W any](t T, ex Exercise, check func(r *report, c *Case[C, W])) {
	t.Helper()
	cases, err := loadCases[C, W](ex)
	if err != nil {
		t.Errorf("golden: %v", err)
		return
	}
	for _, c := range cases {
		todo := false
		t.Run(c.Name, func(t T) {
			t.Helper()
			r := &report{t: t, ex: ex, file: c.File}
			defer func() {
				r.t.Helper()
				if v := recover(); v != nil {
					todo = r.panicked(v)
				}
			}()
			check(r, c)
		})
		if todo {
			break
		}
	}
}

// report builds the failure messages of one case: the call and its inputs
// first, then what went wrong, then where the case and the hints are.
type report struct {
	t      T
	ex     Exercise
	file   string
	call   string   // the call under test, as Go source: OutputLength(10, 3, 1, "valid")
	inputs []string // one line or block per input worth showing
}

// fail reports a failure of the case.
func (r *report) fail(format string, args ...any) {
	r.t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, format, args...)
	for _, in := range r.inputs {
		b.WriteString("\n    " + strings.ReplaceAll(strings.TrimRight(in, "\n"), "\n", "\n        "))
	}
	fmt.Fprintf(&b, "\n    case: %s\n    hint: %s", r.file, r.ex.Hint())
	r.t.Errorf("%s", b.String())
}

// panicked reports a recovered panic and whether it was a stub's "not
// implemented yet".
func (r *report) panicked(v any) bool {
	r.t.Helper()
	if _, ok := v.(notImplemented); ok {
		r.t.Errorf("not implemented yet: see %s\n    (%v)\n    run just this exercise: go test ./lessons/%s -run '^%s$'",
			r.ex.README(), v, r.ex.Lesson, r.ex.Test)
		return true
	}
	r.fail("%s panicked: %v%s\n    A function should return an error for bad input, never panic.", r.call, v, panicSite())
	return false
}

// panicSite finds the frame that panicked, from a deferred recover.
func panicSite() string {
	pc := make([]uintptr, 64)
	n := runtime.Callers(3, pc)
	frames := runtime.CallersFrames(pc[:n])
	seenPanic := false
	for {
		f, more := frames.Next()
		if f.Function == "runtime.gopanic" {
			seenPanic = true
		} else if seenPanic && !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf("\n    at %s:%d (%s)", trimPath(f.File), f.Line, f.Function[strings.LastIndex(f.Function, "/")+1:])
		}
		if !more {
			return ""
		}
	}
}

// trimPath shortens a source path to start at the kit's folder.
func trimPath(file string) string {
	for _, dir := range []string{"/lessons/", "/solutions/", "/golden/"} {
		if i := strings.LastIndex(file, dir); i >= 0 {
			return file[i+1:]
		}
	}
	return file
}

// input records an input to show in failure messages. Tensors of up to
// showMax values are printed whole; larger ones by shape only, since the
// case file has their values.
func (r *report) input(name string, v any) {
	var s string
	switch x := v.(type) {
	case *tensor.Tensor:
		switch {
		case x == nil:
			s = "nil"
		case len(x.Data) > showMax:
			s = "tensor " + x.Shape.Dims() + " (values in the case file)"
		case name == "kernel" && x.Rank() >= 3:
			s = kernelString(x)
		default:
			s = strings.TrimRight(x.String(), "\n")
		}
	case []float32:
		if x == nil {
			s = "nil"
		} else {
			s = formatFloats(x)
		}
	default:
		s = fmt.Sprintf("%v", v)
	}
	r.inputs = append(r.inputs, fmt.Sprintf("%-7s %s", name+":", s))
}

const showMax = 48

// kernelString prints a convolution kernel in Keras's layout (k…×C×F) as
// one grid of taps per input channel and filter.
func kernelString(k *tensor.Tensor) string {
	r := k.Rank()
	c, f := k.Shape[r-2], k.Shape[r-1]
	rows, cols := 1, k.Shape[r-3]
	if r == 4 {
		rows = k.Shape[0]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "tensor %s", k.Shape.Dims())
	for ch := 0; ch < c; ch++ {
		for fl := 0; fl < f; fl++ {
			fmt.Fprintf(&b, "\n[input channel %d, filter %d]", ch, fl)
			cells := make([]string, rows*cols)
			w := 1
			for i := range cells {
				cells[i] = FormatFloat(k.Data[(i*c+ch)*f+fl])
				w = max(w, len(cells[i]))
			}
			for i := 0; i < rows; i++ {
				b.WriteString("\n")
				for j := 0; j < cols; j++ {
					if j > 0 {
						b.WriteByte(' ')
					}
					fmt.Fprintf(&b, "%*s", w, cells[i*cols+j])
				}
			}
		}
	}
	return b.String()
}

func formatFloats(v []float32) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = FormatFloat(x)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// checkErr handles the error half of a case and reports whether the case is
// finished: when Keras raises, any non-nil error passes; when it does not,
// an error is a failure.
func (r *report) checkErr(err error, want *Error, wantText func() string) bool {
	r.t.Helper()
	switch {
	case want != nil && err == nil:
		r.fail("%s returned no error; want one, because Keras rejects this input\n    (the reference library says %s: %s)", r.call, want.Kind, want.Message)
		return true
	case want != nil:
		return true
	case err != nil:
		r.fail("%s returned the error %q; want %s", r.call, err, wantText())
		return true
	}
	return false
}

// checkInputs reports an implementation that changed its input tensor.
func (r *report) checkInput(name string, x *tensor.Tensor, want *Tensor) {
	r.t.Helper()
	if x == nil || !shapeEq(x.Shape, want.Shape) || len(x.Data) != len(want.Values) {
		r.fail("%s changed the shape of its input %s; a layer must leave its input alone", r.call, name)
		return
	}
	for i := range x.Data {
		if x.Data[i] != want.Values[i] {
			r.fail("%s changed its input %s at index %v; a layer must leave its input alone", r.call, name, unravel(want.Shape, i))
			return
		}
	}
}

func shapeEq(a tensor.Shape, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func unravel(shape []int, off int) []int {
	idx := make([]int, len(shape))
	for i := len(shape) - 1; i >= 0; i-- {
		idx[i] = off % shape[i]
		off /= shape[i]
	}
	return idx
}

// checkTensor compares a computed tensor with the golden one: the shape
// first, then the values, reporting the first index that differs, how many
// do, and a small grid of got and want around that index.
func (r *report) checkTensor(got *tensor.Tensor, want *Tensor) {
	r.t.Helper()
	wantShape := tensor.Shape(want.Shape)
	if got == nil {
		r.fail("%s returned a nil tensor and no error; want shape %s", r.call, wantShape.Dims())
		return
	}
	if !shapeEq(got.Shape, want.Shape) {
		r.fail("%s: got shape %s, want %s", r.call, got.Shape.Dims(), wantShape.Dims())
		return
	}
	if len(got.Data) != len(want.Values) {
		r.fail("%s: shape %s is right, but the tensor holds %d values instead of %d", r.call, wantShape.Dims(), len(got.Data), len(want.Values))
		return
	}
	first, count := -1, 0
	for i := range want.Values {
		if !close32(got.Data[i], want.Values[i]) {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	if first < 0 {
		return
	}
	idx := unravel(want.Shape, first)
	r.fail("%s: shape %s is right, but %d of %d values differ\n    first difference at index %s: got %s, want %s\n%s",
		r.call, wantShape.Dims(), count, len(want.Values), formatIndex(idx, len(want.Shape)),
		FormatFloat(got.Data[first]), FormatFloat(want.Values[first]), grid(got.Data, want.Values, want.Shape, idx))
}

// formatIndex names an index by its axes: [n=0 h=1 w=2 c=0] for rank 4.
func formatIndex(idx []int, rank int) string {
	names := map[int][]string{
		2: {"n", "i"},
		3: {"n", "w", "c"},
		4: {"n", "h", "w", "c"},
		5: {"n", "d", "h", "w", "c"},
	}[rank]
	parts := make([]string, len(idx))
	for i, v := range idx {
		if names != nil {
			parts[i] = names[i] + "=" + strconv.Itoa(v)
		} else {
			parts[i] = strconv.Itoa(v)
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// grid prints got and want side by side around idx: the rows and columns
// of the two innermost spatial axes (or of a rank-2 tensor), for idx's batch
// entry and channel, at most 5×7 cells, with * after every cell that differs.
func grid(got, want []float32, shape []int, idx []int) string {
	rank := len(shape)
	rowAxis, colAxis := -1, rank-1
	switch {
	case rank == 2:
		rowAxis, colAxis = 0, 1
	case rank == 3:
		colAxis = 1
	case rank >= 4:
		rowAxis, colAxis = rank-3, rank-2
	}
	r0, r1 := 0, 1
	if rowAxis >= 0 {
		r0, r1 = max(0, idx[rowAxis]-2), min(shape[rowAxis], idx[rowAxis]+3)
	}
	c0, c1 := max(0, idx[colAxis]-3), min(shape[colAxis], idx[colAxis]+4)
	at := func(data []float32, row, col int) (string, bool) {
		p := append([]int(nil), idx...)
		if rowAxis >= 0 {
			p[rowAxis] = row
		}
		p[colAxis] = col
		off := 0
		for i, v := range p {
			off = off*shape[i] + v
		}
		return FormatFloat(data[off]), close32(got[off], want[off])
	}
	width := 1
	for row := r0; row < r1; row++ {
		for col := c0; col < c1; col++ {
			g, _ := at(got, row, col)
			w, _ := at(want, row, col)
			width = max(width, len(g), len(w))
		}
	}
	var b strings.Builder
	where := ""
	if rank >= 3 {
		where = fmt.Sprintf(" of batch entry %d, channel %d", idx[0], idx[rank-1])
	}
	rowsText := ""
	if rowAxis >= 0 {
		rowsText = fmt.Sprintf("rows %d–%d, ", r0, r1-1)
	}
	fmt.Fprintf(&b, "    %scolumns %d–%d%s (* marks a difference):\n", rowsText, c0, c1-1, where)
	block := (width + 2) * (c1 - c0)
	fmt.Fprintf(&b, "    %6s %-*s  %s\n", "", block, "got", "want")
	for row := r0; row < r1; row++ {
		label := ""
		if rowAxis >= 0 {
			label = "row " + strconv.Itoa(row)
		}
		fmt.Fprintf(&b, "    %6s ", label)
		for _, data := range [][]float32{got, want} {
			for col := c0; col < c1; col++ {
				s, ok := at(data, row, col)
				mark := " "
				if !ok {
					mark = "*"
				}
				fmt.Fprintf(&b, "%*s%s ", width, s, mark)
			}
			b.WriteString("  ")
		}
		b.WriteString("\n")
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return strings.Join(lines, "\n")
}

// kerasShape prints a shape as Keras prints output_shape: (None, 8, 8, 10).
func kerasShape(dims ...int) string {
	return tensor.Shape(append([]int{tensor.None}, dims...)).String()
}
