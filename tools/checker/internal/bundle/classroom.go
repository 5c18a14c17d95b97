package bundle

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"text/template"

	"github.com/convlings/convlings/internal/kit"
)

// ClassroomOptions pin the pristine kit the workflow grades against.
type ClassroomOptions struct {
	Repo string // the kit's repository on GitHub, owner/name
	Ref  string // the commit of the pristine kit: 40 hex digits
	Lang string // of the feedback: en or ko
}

// PristineDir is where the workflow checks the pristine kit out: a
// dot-folder, which the checker does not read as the learner's files.
const PristineDir = ".convlings-pristine"

var (
	repoName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$`)
	commitID = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

// Check returns an error naming the option and value that is not valid.
func (o ClassroomOptions) Check() error {
	if !repoName.MatchString(o.Repo) {
		return fmt.Errorf("bundle classroom: -repo %q: want owner/name of the kit's repository on GitHub", o.Repo)
	}
	if !commitID.MatchString(o.Ref) {
		return fmt.Errorf("bundle classroom: -ref %q: want a full commit id (40 hex digits)", o.Ref)
	}
	return nil
}

// Classroom writes the student template repository into dir: the kit's
// files (without solutions/), .github/workflows/classroom.yml, and a
// README.md that starts with how to read the grade.
func Classroom(k *kit.Kit, files []string, o ClassroomOptions, dir string) error {
	if err := o.Check(); err != nil {
		return err
	}
	if o.Lang == "" {
		o.Lang = "en"
	}
	if err := copyFiles(k, files, dir); err != nil {
		return fmt.Errorf("bundle classroom: %w", err)
	}
	vars := map[string]any{
		"Repo": o.Repo, "Ref": o.Ref, "Pristine": PristineDir, "Lang": o.Lang,
		"MaxScore": strconv.FormatFloat(k.Manifest.MaxPoints(), 'f', -1, 64),
	}
	var wf, readme bytes.Buffer
	if err := classroomYML.Execute(&wf, vars); err != nil {
		return err
	}
	if err := classroomReadme.Execute(&readme, vars); err != nil {
		return err
	}
	if old, err := os.ReadFile(filepath.Join(k.Root, "README.md")); err == nil {
		readme.WriteString("\n---\n\n")
		readme.Write(old)
	}
	if err := os.MkdirAll(filepath.Join(dir, ".github", "workflows"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, ".github", "workflows", "classroom.yml"), wf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "README.md"), readme.Bytes(), 0o644)
}

// classroomYML is the workflow, in the shape Classroom itself writes
// (grading-platforms.md §1.3), with one runner, "convlings", whose step
// output "result" the reporter reads. Every run: step is plain bash that
// the end-to-end test runs in order.
var classroomYML = template.Must(template.New("classroom.yml").Delims("[[", "]]").Parse(`# Made by "go run ./tools/checker bundle classroom". It grades each push
# against the pristine kit [[.Repo]]@[[.Ref]], checked out into
# [[.Pristine]]/ (a dot-folder, so it is not counted as your files).
name: Autograding Tests
'on': [push, repository_dispatch, workflow_dispatch]
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    steps:
      - name: Checkout code
        uses: actions/checkout@v4
      - name: Check out the pristine kit
        uses: actions/checkout@v4
        with:
          repository: [[.Repo]]
          ref: [[.Ref]]
          path: [[.Pristine]]
      - name: Set up Go
        uses: actions/setup-go@v5
        with:
          go-version-file: [[.Pristine]]/go.mod
          cache-dependency-path: [[.Pristine]]/go.sum
      - name: Download modules
        working-directory: [[.Pristine]]
        run: go mod download
      - name: Build the checker
        working-directory: [[.Pristine]]
        run: go build -trimpath -o "$RUNNER_TEMP/checker" ./tools/checker
      - name: convlings
        id: convlings
        run: |
          status=0
          "$RUNNER_TEMP/checker" grade -kit [[.Pristine]] -out "$RUNNER_TEMP/grades" -lang [[.Lang]] -github-output "$GITHUB_OUTPUT" . || status=$?
          if ! grep -q '^result=' "$GITHUB_OUTPUT"; then
            # The checker died before it wrote a result: report that, with no points.
            msg="The checker stopped (exit status $status) before it graded this push. Open the log of this step."
            json='{"version":1,"status":"error","max_score":[[.MaxScore]],"tests":[{"name":"convlings","status":"error","score":0,"message":"'"$msg"'","test_code":"go run ./tools/checker","filename":"","line_no":0,"duration":0}]}'
            echo "result=$(printf '%s' "$json" | base64 -w0)" >>"$GITHUB_OUTPUT"
          fi
      - name: Feedback
        if: always()
        run: |
          if ls "$RUNNER_TEMP"/grades/*/feedback.md >/dev/null 2>&1; then
            cat "$RUNNER_TEMP"/grades/*/feedback.md >>"$GITHUB_STEP_SUMMARY"
          else
            echo "convlings could not grade this push: see the log of the convlings step." >>"$GITHUB_STEP_SUMMARY"
          fi
      - name: Autograding Reporter
        if: always()
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
          CONVLINGS_RESULTS: "${{ steps.convlings.outputs.result }}"
        with:
          runners: convlings
`))

var classroomReadme = template.Must(template.New("README.md").Delims("[[", "]]").Parse(`# Your convlings assignment

Work in lessons/ as the kit's README below says; check yourself with
go run ./tools/checker. Each push is graded on GitHub.

## How to read your grade

- Open the **Actions** tab of this repository and the newest run of
  **Autograding Tests**. Its **Summary** page shows your feedback: a table of
  every exercise with its points, and under "What went wrong" the first
  failing case of each exercise, with what was expected.
- Your grade is the line **Points x/[[.MaxScore]]** in the run's annotations
  ("Autograding complete"); that is what GitHub Classroom records.
- Known bug of GitHub's reporter (classroom-resources/autograding-grading-reporter
  issue #10): the log line "Total points for convlings: …" computes
  passed tests ÷ all tests × [[.MaxScore]] and so can show, say, 29.29/[[.MaxScore]] when you
  earned 29/[[.MaxScore]]. Trust the "Points" annotation and the Summary page,
  not that log line.
- A red ❌ on the run only means some exercise does not pass yet.
- The grader uses its own copy of the kit's tests, golden files and
  go.mod: change only your lesson files (lessons/<lesson>/*.go other than
  *_test.go).
`))
