package worker

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/golden"
)

// hostilePadding is the solution of lesson 1 with OutputLength made to
// hang, and SamePadding to kill its own process, on some inputs.
const hostilePadding = `
func init() { hostile = true }

var hostile bool

func hang(n int) {
	if hostile && n == 10 {
		for {
		}
	}
}
`

// TestHangAndCrashCostOnlyTheirCases builds a worker whose OutputLength
// hangs on n == 10 and whose SamePadding exits the process on n == 10:
// those cases fail, every other case and exercise still passes, and the
// worker is started again after each failure.
func TestHangAndCrashCostOnlyTheirCases(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a worker")
	}
	root := moduleRoot(t)
	dir := t.TempDir()
	replace := solutionOverlay(t, root)
	sol, err := os.ReadFile(filepath.Join(root, "solutions", "padding", "padding.go"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(sol)
	src = strings.Replace(src, "func OutputLength(n, k, stride int, padding string) (int, error) {", "func OutputLength(n, k, stride int, padding string) (int, error) {\n\thang(n)", 1)
	src = strings.Replace(src, "func SamePadding(n, k, stride int) (before, after int, err error) {", "func SamePadding(n, k, stride int) (before, after int, err error) {\n\tif n == 10 {\n\t\tos.Exit(0)\n\t}", 1)
	src = strings.Replace(src, "import (", "import (\n\t\"os\"", 1) + hostilePadding
	if !strings.Contains(src, "hang(n)") || !strings.Contains(src, "os.Exit(0)") || !strings.Contains(src, "\"os\"") {
		t.Fatal("the solution's source is not as this test expects")
	}
	overlayFile(t, root, dir, "padding", "padding.go", src, replace)
	bin := buildWorkerFrom(t, root, dir, Lessons, replace)
	c := &Client{Start: localStarter(bin), Timeout: 2 * time.Second}
	defer c.Close()
	p, f, _, _ := Suites(c)
	for _, tt := range append(p.Tests(), f.Tests()[:2]...) {
		r := golden.NewRecorder(tt.Exercise.Test)
		tt.Run(r)
		names, passed := r.Subtests()
		failing := 0
		for _, ok := range passed {
			if !ok {
				failing++
			}
		}
		switch tt.Exercise.Test {
		case "TestOutputLength", "TestSamePadding", "TestDilatedAxis": // DilatedAxis calls OutputLength
			if failing == 0 || failing == len(names) {
				t.Errorf("%s: %d of %d cases fail; want the n=10 ones only:\n%s", tt.Exercise.Test, failing, len(names), r.Log())
			}
			if !strings.Contains(r.Log(), "did not return within") && !strings.Contains(r.Log(), "exited") {
				t.Errorf("%s: the failures do not say why:\n%s", tt.Exercise.Test, r.Log())
			}
		default:
			if r.Failed() {
				t.Errorf("%s failed; a hang or crash elsewhere must not cost it:\n%s", tt.Exercise.ID(), r.Log())
			}
		}
	}
	if c.Crashes == 0 || c.Starts != c.Crashes+1 {
		t.Errorf("%d crashes, %d starts: want a restart after each crash", c.Crashes, c.Starts)
	}
	if c.timeout("padding.OutputLength") != 250*time.Millisecond || c.timeout("padding.PaddingPairs") != 2*time.Second {
		t.Errorf("after a hang, OutputLength's time limit is %s and PaddingPairs's %s; want 250ms and 2s", c.timeout("padding.OutputLength"), c.timeout("padding.PaddingPairs"))
	}
}

// TestForgedAnswersCostOnlyTheirCalls builds a worker whose Conv2D writes a
// forged stream onto the answer pipe and floods standard output with
// "PASS" lines, and whose ConvParams races on shared memory from many
// goroutines: the forged calls fail (an answer the grader cannot decode),
// the racing one answers for itself only, and every other exercise
// passes: nothing lesson code prints or writes is a verdict.
func TestForgedAnswersCostOnlyTheirCalls(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a worker")
	}
	root := moduleRoot(t)
	dir := t.TempDir()
	replace := solutionOverlay(t, root)
	sol, err := os.ReadFile(filepath.Join(root, "solutions", "filters", "filters.go"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(sol)
	src = strings.Replace(src, "func Conv2D(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {",
		"func Conv2D(x, kernel *tensor.Tensor, bias []float32) (*tensor.Tensor, error) {\n\tforge()", 1)
	src = strings.Replace(src, "func ConvParams(kernel [2]int, inChannels, filters int, useBias bool) (int, error) {",
		"func ConvParams(kernel [2]int, inChannels, filters int, useBias bool) (int, error) {\n\trace()", 1)
	src = strings.Replace(src, "import (", "import (\n\t\"os\"\n\t\"sync\"", 1)
	src += `
func forge() {
	for range 1000 {
		fmt.Println("--- PASS: TestConv2DValid (0.00s)")
	}
	os.NewFile(4, "answers").Write([]byte("\x07forged answer: every case passes\n"))
}

var shared []int

func race() {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 1000 {
				shared = append(shared[:0], i, j)
			}
		}()
	}
	wg.Wait()
}
`
	if strings.Count(src, "forge()") != 2 || strings.Count(src, "race()") != 2 {
		t.Fatal("the solution's source is not as this test expects")
	}
	overlayFile(t, root, dir, "filters", "filters.go", src, replace)
	bin := buildWorkerFrom(t, root, dir, Lessons, replace)
	c := &Client{Start: localStarter(bin), Timeout: 5 * time.Second}
	defer c.Close()
	p, f, pool, _ := Suites(c)
	for _, tt := range append(append(p.Tests(), f.Tests()...), pool.Tests()...) {
		r := golden.NewRecorder(tt.Exercise.Test)
		tt.Run(r)
		switch tt.Exercise.Test {
		case "TestConv2DValid":
			_, passed := r.Subtests()
			for i, ok := range passed {
				if ok {
					t.Errorf("TestConv2DValid case %d passed with a forged answer", i)
				}
			}
			if !strings.Contains(r.Log(), "could not be read") {
				t.Errorf("the forged answers are not reported as unreadable:\n%s", r.Log())
			}
		default:
			// Conv2DStrided and the others do not forge; ConvParams races
			// on its own memory and still answers correctly.
			if r.Failed() {
				t.Errorf("%s failed; another function's forgery must not cost it:\n%s", tt.Exercise.ID(), r.Log())
			}
		}
	}
}
