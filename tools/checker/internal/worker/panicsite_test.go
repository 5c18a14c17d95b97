package worker

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/golden"
)

// TestPanicNamesLearnersLine builds a worker whose OutputLength panics
// (an index out of range) on n == 10: the suite's message names the line
// of the learner's file that panicked, as the worker sent it, never the
// grader's client.
func TestPanicNamesLearnersLine(t *testing.T) {
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
	head := "func OutputLength(n, k, stride int, padding string) (int, error) {"
	src := strings.Replace(string(sol), head, head+"\n\tif n == 10 {\n\t\treturn []int{}[n], nil\n\t}", 1)
	if !strings.Contains(src, "[]int{}[n]") {
		t.Fatal("the solution's source is not as this test expects")
	}
	line := strings.Count(src[:strings.Index(src, "[]int{}[n]")], "\n") + 1
	overlayFile(t, root, dir, "padding", "padding.go", src, replace)
	bin := buildWorkerFrom(t, root, dir, []string{"padding"}, replace)
	c := &Client{Start: localStarter(bin), Timeout: 5 * time.Second}
	defer c.Close()
	p, _, _, _ := Suites(c)
	for _, tt := range p.Tests() {
		if tt.Exercise.Test != "TestOutputLength" {
			continue
		}
		r := golden.NewRecorder(tt.Exercise.Test)
		tt.Run(r)
		log := r.Log()
		want := regexp.MustCompile(`panicked: runtime error: index out of range \[10\] with length 0\n\s+at lessons/padding/padding\.go:` + strconv.Itoa(line) + ` \(padding\.OutputLength\)`)
		if !want.MatchString(log) {
			t.Errorf("the panic is not placed at lessons/padding/padding.go:%d (padding.OutputLength):\n%s", line, log)
		}
		if strings.Contains(log, "client.go") || strings.Contains(log, "worker.(*Client)") {
			t.Errorf("the message names the grader's client:\n%s", log)
		}
		return
	}
	t.Fatal("no TestOutputLength suite")
}
