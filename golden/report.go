package golden

import (
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/convlings/convlings/golden/mistakes"
	"github.com/convlings/convlings/tensor"
)

// notImplemented is what the lesson stubs panic with: each lesson package
// defines a small type with this method (lesson code may import only the
// standard library and tensor, so it cannot share one with this package).
type notImplemented interface{ NotImplemented() }

// outcome is what one call of an implementation gave for one case.
type outcome struct {
	val     any    // the result: int, AxisWant, [][2]int, [3]int, []int, *tensor.Tensor, SummaryWant
	err     error  // the error it returned
	panic   any    // the value it panicked with, recovered
	site    string // where it panicked: "lessons/filters/filters.go:87 (filters.Conv2D)"
	mutated string // set when the call changed one of its inputs: what changed
	stage   any    // more about the answer, for the exercise's judge (Forward: the first wrong layer)
}

// verdict says how a case failed: a full message for the first failing
// case of a test, one line for the others, and what the case record needs.
type verdict struct {
	head      string   // the first line: the call and what is wrong
	detail    []string // lines under it in the full message: first difference, grid, picture
	short     string   // the one-line form
	firstDiff []int    // the first differing index of a tensor (or summary row)
	window    *window  // the window behind the first wrong cell, for window operations
	layer     int      // Forward: 1 + the index of the first wrong layer; 0 when none is known
}

// exercise describes one exercise's cases to the runner. S is the suite
// (the implementation), C and W the case's call and answer.
type exercise[S, C, W any] struct {
	ex Exercise
	// call writes the call as Go source.
	call func(c *Case[C, W]) string
	// exec calls s's function with fresh copies of the case's inputs.
	exec func(s S, c *Case[C, W]) outcome
	// judge compares an outcome with the case: nil when it passes.
	judge func(c *Case[C, W], got outcome) *verdict
	// inputs lists the inputs worth showing in the full message.
	inputs func(c *Case[C, W]) []string
	// layer is the case as a tools/eval layer case, for the case record;
	// nil when the exercise has none.
	layer func(c *Case[C, W], v *verdict) any
	// from builds the suite from the mistake catalogue's rules, so that a
	// failing answer can be compared with what each mistake computes.
	from func(r *mistakes.Rules) S
}

// caseResult is one case's outcome and verdict, and the mistake it matches.
type caseResult[C, W any] struct {
	c       *Case[C, W]
	got     outcome
	v       *verdict
	matches []*mistakes.Mistake // the catalogue's mistakes whose answer is this one
	mistake *mistakes.Mistake   // the one to name for this case
}

// run runs the cases of x against impl. Every case is computed first, so
// that a test can name the mistake its answers match before it shows any
// case; then each case reports in its own subtest, named after the case:
// the first failing one in full, the others in one line each. The test
// ends with how many cases fail, the hint command and a command that
// reruns one case.
//
// A panic is recovered per case: an unfinished stub's todo reports "not
// implemented yet" once and stops the exercise; any other panic is
// reported with where it happened, and the next case still runs.
func run[S, C, W any](t T, x exercise[S, C, W], impl S) {
	t.Helper()
	var fsys fs.FS
	if src, ok := any(impl).(caseSource); ok {
		fsys = src.caseFiles()
	}
	cases, err := loadCases[C, W](x.ex, fsys)
	if err != nil {
		t.Errorf("golden: %v", err)
		return
	}
	results := make([]caseResult[C, W], 0, len(cases))
	for _, c := range cases {
		got := protect(func() outcome { return x.exec(impl, c) })
		if ni, ok := got.panic.(notImplemented); ok {
			t.Run(c.Name, func(t T) {
				t.Helper()
				t.Errorf("%s", notImplementedText(x.ex, ni, got.site))
			})
			return
		}
		res := caseResult[C, W]{c: c, got: got, v: x.judge(c, got)}
		if res.v != nil && x.from != nil {
			res.matches = diagnose(x, c, got)
		}
		results = append(results, res)
	}
	named := chooseMistake(results)
	for i := range results {
		for _, m := range results[i].matches {
			if m == named {
				results[i].mistake = m
			}
		}
		if results[i].mistake == nil && len(results[i].matches) > 0 {
			results[i].mistake = results[i].matches[0]
		}
	}
	// go test -run 'Test/case' runs some subtests only: the summary counts
	// the failing cases that ran.
	full, failing, ran, first := false, 0, 0, ""
	for _, res := range results {
		t.Run(res.c.Name, func(t T) {
			t.Helper()
			ran++
			if res.v == nil {
				return
			}
			failing++
			if first == "" {
				first = res.c.Name
			}
			if os.Getenv("CONVLINGS_CASE_RECORDS") == "1" {
				t.Logf("%s", caseRecord(x, res))
			}
			if full {
				line := res.v.short
				if res.mistake != nil && named != nil && res.mistake.ID == named.ID {
					line += tr(" (the same mistake)", " (같은 실수)")
				}
				t.Errorf("%s", line)
				return
			}
			full = true
			t.Errorf("%s", fullMessage(x, res, named))
		})
	}
	if failing > 0 {
		t.Errorf("%s", summaryText(x.ex, failing, ran, first))
	}
}

// panicSiter is a panic value that knows where it was raised: an
// implementation that calls lesson code elsewhere (the grader's worker
// proxies, which re-raise in the grader a panic recovered in the worker)
// gives the learner's frame, or "" for none, in place of its own.
type panicSiter interface{ PanicSite() string }

// protect runs f, turning a panic into an outcome.
func protect(f func() outcome) (o outcome) {
	defer func() {
		if v := recover(); v != nil {
			o = outcome{panic: v}
			if ps, ok := v.(panicSiter); ok {
				o.site = ps.PanicSite()
			} else {
				o.site = panicSite()
			}
		}
	}()
	return f()
}

// diagnose returns the catalogue's mistakes whose answer for c is the
// learner's answer: those of the exercise that teaches the rule first,
// then the rest in catalogue order.
func diagnose[S, C, W any](x exercise[S, C, W], c *Case[C, W], got outcome) []*mistakes.Mistake {
	var out []*mistakes.Mistake
	for _, m := range mistakes.For(x.ex.ID()) {
		o := protect(func() outcome { return x.exec(x.from(&m.Rules), c) })
		if o.panic != nil || x.judge(c, o) == nil {
			continue // the mistake does not change this case
		}
		if sameOutcome(got, o) {
			out = append(out, m)
		}
	}
	return out
}

// chooseMistake picks the mistake to name for a test: the one that
// matches the most failing cases, the first in diagnose's order on a tie.
func chooseMistake[C, W any](results []caseResult[C, W]) *mistakes.Mistake {
	count := map[*mistakes.Mistake]int{}
	var order []*mistakes.Mistake
	for _, r := range results {
		for _, m := range r.matches {
			if count[m] == 0 {
				order = append(order, m)
			}
			count[m]++
		}
	}
	if len(order) == 0 {
		return nil
	}
	sort.SliceStable(order, func(i, j int) bool { return count[order[i]] > count[order[j]] })
	return order[0]
}

// sameOutcome reports whether two answers are the same: two errors are
// (whatever their text), two values are when they are equal (tensors
// under Tolerance).
func sameOutcome(a, b outcome) bool {
	switch {
	case a.panic != nil || b.panic != nil:
		return false
	case a.err != nil || b.err != nil:
		return a.err != nil && b.err != nil
	}
	ta, aok := a.val.(*tensor.Tensor)
	tb, bok := b.val.(*tensor.Tensor)
	if aok || bok {
		if !aok || !bok || ta == nil || tb == nil || !shapeEq(ta.Shape, tb.Shape) || len(ta.Data) != len(tb.Data) {
			return false
		}
		for i := range ta.Data {
			if !close32(ta.Data[i], tb.Data[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a.val, b.val)
}

// fullMessage is the first failing case of a test in full: the mistake it
// matches, if any, then the call and what is wrong, the inputs and the case
// file.
func fullMessage[S, C, W any](x exercise[S, C, W], res caseResult[C, W], named *mistakes.Mistake) string {
	var b strings.Builder
	m := res.mistake
	if m == nil {
		m = named
	}
	if m != nil {
		if res.mistake != nil {
			b.WriteString(tr("This is what you get when ", "이 답은 ") + m.Text(korean()))
		} else {
			b.WriteString(tr("Other cases of this test match a known mistake: ", "이 테스트의 다른 케이스는 알려진 실수와 같습니다: ") + m.Text(korean()))
		}
		b.WriteString(tr(" See ", " 참고: ") + teaching(m, x.ex).readme() + "\n    ")
	}
	b.WriteString(res.v.head)
	for _, d := range res.v.detail {
		b.WriteString("\n" + d)
	}
	if x.inputs != nil {
		for _, in := range x.inputs(res.c) {
			b.WriteString("\n    " + strings.ReplaceAll(strings.TrimRight(in, "\n"), "\n", "\n        "))
		}
	}
	b.WriteString("\n    " + tr("case: ", "케이스: ") + res.c.File)
	return b.String()
}

// teaching returns the exercise that teaches the rule m breaks, or ex.
func teaching(m *mistakes.Mistake, ex Exercise) Exercise {
	for _, e := range Exercises() {
		if e.ID() == m.Teaches {
			return e
		}
	}
	return ex
}

// summaryText ends a failing test: how many cases fail, the hint and a
// command that reruns one case.
func summaryText(ex Exercise, failing, total int, first string) string {
	return tr(
		fmt.Sprintf("%d of %d cases fail.\n    hint: %s\n    rerun one case: go test ./lessons/%s -run '%s/%s'",
			failing, total, ex.Hint(), ex.Lesson, ex.Test, first),
		fmt.Sprintf("케이스 %d개 중 %d개가 실패합니다.\n    힌트: %s\n    케이스 하나만 다시 실행: go test ./lessons/%s -run '%s/%s'",
			total, failing, ex.Hint(), ex.Lesson, ex.Test, first))
}

// notImplementedText is what a stub's todo panic reports. site is where
// it panicked: a stub of an earlier lesson that this one calls (lesson 4
// composes lessons 1 to 3) is named as such.
func notImplementedText(ex Exercise, v any, site string) string {
	if rest, ok := strings.CutPrefix(site, "lessons/"); ok {
		if other, _, _ := strings.Cut(rest, "/"); other != ex.Lesson {
			return tr(
				fmt.Sprintf("not implemented yet: %s calls lessons/%s, where %v (%s).\n    Finish that exercise first: go test ./lessons/%s",
					ex.Test, other, v, site, other),
				fmt.Sprintf("아직 구현하지 않았습니다: %s 테스트가 부르는 lessons/%s의 %s 함수가 비어 있습니다(%s).\n    그 연습 문제를 먼저 끝내세요: go test ./lessons/%s",
					ex.Test, other, stubName(v), site, other))
		}
	}
	return tr(
		fmt.Sprintf("not implemented yet: see %s\n    (%v)\n    run just this exercise: go test ./lessons/%s -run '^%s$'", ex.readme(), v, ex.Lesson, ex.Test),
		fmt.Sprintf("아직 구현하지 않았습니다. 읽을 곳: %s\n    (구현할 함수: %s)\n    이 연습 문제만 실행: go test ./lessons/%s -run '^%s$'", ex.readme(), stubName(v), ex.Lesson, ex.Test))
}

// stubName is the name of the function a stub's panic value stands for:
// the lessons' todo values print as "Name is not implemented yet".
func stubName(v any) string {
	return strings.TrimSuffix(fmt.Sprint(v), " is not implemented yet")
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
			return fmt.Sprintf("%s:%d (%s)", trimPath(f.File), f.Line, f.Function[strings.LastIndex(f.Function, "/")+1:])
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

// judgeOutcome handles what every exercise judges alike: a panic, an
// error where Keras raises or does not, an input the call changed. It
// returns a verdict and true when that settles the case, or nil and false
// when the value must still be compared.
func judgeOutcome(call string, want *Error, got outcome, wantText func() string) (*verdict, bool) {
	switch {
	case got.panic != nil:
		at := ""
		if got.site != "" {
			at = "\n    " + tr("at ", "위치: ") + got.site
		}
		return &verdict{
			head: tr(fmt.Sprintf("%s panicked: %v%s\n    A function should return an error for bad input, never panic.", call, got.panic, at),
				fmt.Sprintf("%s: panic이 발생했습니다: %v%s\n    잘못된 입력에는 panic 대신 에러를 돌려주어야 합니다.", call, got.panic, at)),
			short: tr(fmt.Sprintf("%s panicked: %v", call, got.panic), fmt.Sprintf("%s: panic: %v", call, got.panic)),
		}, true
	case want != nil && got.err == nil:
		return &verdict{
			head: tr(fmt.Sprintf("%s returned no error; want one, because Keras rejects this input\n    (the reference library says %s: %s)", call, want.Kind, want.Message),
				fmt.Sprintf("%s: 에러를 돌려주지 않았습니다. Keras는 이 입력을 거부하므로 에러가 나와야 합니다\n    (참조 라이브러리: %s: %s)", call, want.Kind, want.Message)),
			short: tr(fmt.Sprintf("%s returned no error; want %s", call, want.Kind), fmt.Sprintf("%s: 에러가 없습니다. 기대: %s", call, want.Kind)),
		}, true
	case want != nil:
		return nil, true
	case got.err != nil:
		return &verdict{
			head:  tr(fmt.Sprintf("%s returned the error %q; want %s", call, got.err, wantText()), fmt.Sprintf("%s: 에러를 돌려주었습니다: %q. 기대한 답: %s", call, got.err, wantText())),
			short: tr(fmt.Sprintf("%s returned an error; want %s", call, wantText()), fmt.Sprintf("%s: 에러를 돌려주었습니다. 기대: %s", call, wantText())),
		}, true
	case got.mutated != "":
		return &verdict{head: call + ": " + got.mutated, short: call + ": " + got.mutated}, true
	}
	return nil, false
}

// judgeEqual is the verdict for a value compared whole: a count, a pair, a
// shape.
func judgeEqual(call, got, want string) *verdict {
	line := tr(fmt.Sprintf("%s = %s, want %s", call, got, want), fmt.Sprintf("%s = %s, 기대: %s", call, got, want))
	return &verdict{head: line, short: line}
}

// inputMutated compares an input after the call with the golden copy.
func inputMutated(name string, x *tensor.Tensor, want *Tensor) string {
	if x == nil || !shapeEq(x.Shape, want.Shape) || len(x.Data) != len(want.Values) {
		return tr(fmt.Sprintf("changed the shape of its input %s; a layer must leave its input alone", name),
			fmt.Sprintf("입력 %s의 모양을 바꿨습니다. 레이어는 입력을 바꾸면 안 됩니다", name))
	}
	for i := range x.Data {
		if x.Data[i] != want.Values[i] {
			return tr(fmt.Sprintf("changed its input %s at index %v; a layer must leave its input alone", name, unravel(want.Shape, i)),
				fmt.Sprintf("입력 %s의 %v 위치 값을 바꿨습니다. 레이어는 입력을 바꾸면 안 됩니다", name, unravel(want.Shape, i)))
		}
	}
	return ""
}

// judgeTensor compares a computed tensor with the golden one: the shape
// first, then the values, reporting the first index that differs, how many
// do, and a small grid of got and want around that index. geo, when not
// nil, draws the window behind the first wrong cell.
func judgeTensor(call string, got *tensor.Tensor, want *Tensor, geo func(idx []int) *window) *verdict {
	wantShape := tensor.Shape(want.Shape)
	if got == nil {
		line := tr(fmt.Sprintf("%s returned a nil tensor and no error; want shape %s", call, wantShape.Dims()),
			fmt.Sprintf("%s: 에러 없이 nil 텐서를 돌려주었습니다. 기대한 모양: %s", call, wantShape.Dims()))
		return &verdict{head: line, short: line}
	}
	if !shapeEq(got.Shape, want.Shape) {
		line := tr(fmt.Sprintf("%s: got shape %s, want %s", call, got.Shape.Dims(), wantShape.Dims()),
			fmt.Sprintf("%s: 모양이 %s입니다. 기대: %s", call, got.Shape.Dims(), wantShape.Dims()))
		return &verdict{head: line, short: line}
	}
	if len(got.Data) != len(want.Values) {
		line := tr(fmt.Sprintf("%s: shape %s is right, but the tensor holds %d values instead of %d", call, wantShape.Dims(), len(got.Data), len(want.Values)),
			fmt.Sprintf("%s: 모양(%s)은 맞지만 텐서에 값이 %d개 있습니다 (기대: %d개)", call, wantShape.Dims(), len(got.Data), len(want.Values)))
		return &verdict{head: line, short: line}
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
		return nil
	}
	idx := unravel(want.Shape, first)
	g, w := FormatFloat(got.Data[first]), FormatFloat(want.Values[first])
	v := &verdict{
		head: tr(fmt.Sprintf("%s: shape %s is right, but %d of %d values differ", call, wantShape.Dims(), count, len(want.Values)),
			fmt.Sprintf("%s: 모양(%s)은 맞지만 값 %d개 중 %d개가 다릅니다", call, wantShape.Dims(), len(want.Values), count)),
		short: tr(fmt.Sprintf("%s: %d of %d values differ; first at %s: got %s, want %s", call, count, len(want.Values), formatIndex(idx, len(want.Shape)), g, w),
			fmt.Sprintf("%s: 값 %d개 중 %d개가 다릅니다. 처음 다른 곳 %s: %s, 기대: %s", call, len(want.Values), count, formatIndex(idx, len(want.Shape)), g, w)),
		firstDiff: idx,
	}
	v.detail = append(v.detail, tr(fmt.Sprintf("    first difference at index %s: got %s, want %s", formatIndex(idx, len(want.Shape)), g, w),
		fmt.Sprintf("    처음 다른 곳 %s: %s, 기대: %s", formatIndex(idx, len(want.Shape)), g, w)))
	v.detail = append(v.detail, grid(got.Data, want.Values, want.Shape, idx))
	if geo != nil {
		if win := geo(idx); win != nil {
			v.window = win
			v.detail = append(v.detail, win.picture(w))
		}
	}
	return v
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

// tensorInput prints an input for the full message. Tensors of up to
// showMax values are printed whole; larger ones by shape only, since the
// case file has their values.
func tensorInput(name string, v any) string {
	var s string
	switch x := v.(type) {
	case *Tensor:
		switch {
		case x == nil:
			s = "nil"
		case len(x.Values) > showMax:
			s = tr("tensor "+tensor.Shape(x.Shape).Dims()+" (values in the case file)", "텐서 "+tensor.Shape(x.Shape).Dims()+" (값은 케이스 파일에 있습니다)")
		case name == "kernel" && len(x.Shape) >= 3:
			s = kernelString(x.Tensor())
		default:
			s = strings.TrimRight(x.Tensor().String(), "\n")
			if rest, ok := strings.CutPrefix(s, "tensor "); ok {
				s = tr("tensor ", "텐서 ") + rest // the library's String is English
			}
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
	return fmt.Sprintf("%-7s %s", name+":", s)
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
	fmt.Fprintf(&b, "%s %s", tr("tensor", "텐서"), k.Shape.Dims())
	for ch := 0; ch < c; ch++ {
		for fl := 0; fl < f; fl++ {
			fmt.Fprintf(&b, "\n[%s %d, %s %d]", tr("input channel", "입력 채널"), ch, tr("filter", "필터"), fl)
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
		where = tr(fmt.Sprintf(" of batch entry %d, channel %d", idx[0], idx[rank-1]), fmt.Sprintf(", 배치 %d, 채널 %d", idx[0], idx[rank-1]))
	}
	rowsText := ""
	if rowAxis >= 0 {
		rowsText = tr(fmt.Sprintf("rows %d–%d, ", r0, r1-1), fmt.Sprintf("행 %d–%d, ", r0, r1-1))
	}
	fmt.Fprintf(&b, "    %s%s%s %s:\n", rowsText, tr(fmt.Sprintf("columns %d–%d", c0, c1-1), fmt.Sprintf("열 %d–%d", c0, c1-1)), where, tr("(* marks a difference)", "(*: 다른 값)"))
	block := (width + 2) * (c1 - c0)
	fmt.Fprintf(&b, "    %6s %-*s  %s\n", "", block, tr("got", "결과"), tr("want", "기대"))
	for row := r0; row < r1; row++ {
		label := ""
		if rowAxis >= 0 {
			label = tr("row ", "행 ") + strconv.Itoa(row)
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
