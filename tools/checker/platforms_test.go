//go:build linux

package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/bundle"
	"github.com/convlings/convlings/tools/checker/internal/checkertest"
)

// The end-to-end tests of the three platform deployments: each makes its
// bundle with the checker's bundle command, then runs what the platform
// would run (Gradescope's setup.sh and run_autograder, the Classroom
// workflow's steps, Exercism's run.sh), offline, in a temporary folder
// standing for the platform's root, and checks every output against the
// platform's spec (checkertest.Validate*). They share one checker binary
// and the go command's build and module caches, and are skipped under
// -short.

var (
	e2eOnce    sync.Once
	e2eDir     string // holds the checker binary, removed by TestMain
	e2eChecker string
	e2eErr     error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if e2eDir != "" {
		os.RemoveAll(e2eDir)
	}
	os.Exit(code)
}

// e2eSetup skips under -short and returns the real kit and a checker
// binary built once for every end-to-end test.
func e2eSetup(t *testing.T) (*kit.Kit, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end platform test: skipped under -short")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the platforms run these scripts on Linux")
	}
	k := checkertest.LoadKit(t, "../..")
	e2eOnce.Do(func() {
		e2eDir, e2eErr = os.MkdirTemp("", "convlings-e2e-")
		if e2eErr != nil {
			return
		}
		os.Chmod(e2eDir, 0o755)
		e2eChecker = filepath.Join(e2eDir, "checker")
		out, err := exec.Command("go", "build", "-o", e2eChecker, ".").CombinedOutput()
		if err != nil {
			e2eErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if e2eErr != nil {
		t.Fatal(e2eErr)
	}
	return k, e2eChecker
}

// offlineEnv is the environment of the scripts: this one, with the module
// proxy off, so that everything comes from the module cache, and the go
// command's caches named, so that the scripts share them.
func offlineEnv(extra ...string) []string {
	env := append(os.Environ(), "GOPROXY=off", "GOSUMDB=off", "NO_COLOR=1")
	for _, v := range []string{"GOCACHE", "GOMODCACHE"} {
		if out, err := exec.Command("go", "env", v).Output(); err == nil {
			env = setEnv(env, v+"="+strings.TrimSpace(string(out)))
		}
	}
	return append(env, extra...)
}

// runScript runs name with args in dir and returns its combined output
// and exit code.
func runScript(t *testing.T, env []string, dir, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s %v: %v", name, args, err)
		}
		code = ee.ExitCode()
	}
	return string(out), code
}

// lessonFiles returns the implementation files of a lesson in tree
// (lessons or solutions): its .go files but tests, doc.go and todo.go.
// Solutions import each other where lessons import lessons (lesson 4
// composes lessons 1 to 3): they come back as a learner has them, as
// verify grades them.
func lessonFiles(t *testing.T, k *kit.Kit, tree, lesson string) map[string][]byte {
	t.Helper()
	dir := filepath.Join(k.Root, tree, lesson)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || n == "doc.go" || n == "todo.go" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = bytes.ReplaceAll(data, []byte(`"`+kit.ModulePath+`/solutions/`), []byte(`"`+kit.ModulePath+`/lessons/`))
	}
	return out
}

func lessonMax(k *kit.Kit, names ...string) float64 {
	sum := 0.0
	for _, n := range names {
		for _, ex := range k.Manifest.Lesson(n).Exercises {
			sum += ex.Points
		}
	}
	return sum
}

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func unzipTo(t *testing.T, zipPath, dir string) []string {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, f.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// releaseArch is the GOARCH of the Go release setup.sh downloads on this
// machine: the kernel's (uname -m), not the test binary's, which is 386
// under GOARCH=386 on an amd64 machine. ok is false on machines setup.sh
// has no release for (it supports Gradescope's amd64 and arm64 images);
// machine is what uname said.
func releaseArch(t *testing.T) (arch, machine string, ok bool) {
	t.Helper()
	out, err := exec.Command("uname", "-m").Output()
	if err != nil {
		t.Fatalf("uname -m: %v", err)
	}
	machine = strings.TrimSpace(string(out))
	switch machine {
	case "x86_64", "amd64":
		return "amd64", machine, true
	case "aarch64", "arm64":
		return "arm64", machine, true
	}
	return "", machine, false
}

// fakeGoRelease writes, under dir, the release archive setup.sh downloads
// when Go is missing on an arch machine: a go/bin/go that runs this
// machine's go command.
func fakeGoRelease(t *testing.T, dir, version, arch string) {
	t.Helper()
	real, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	real, _ = filepath.Abs(real)
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	script := []byte("#!/bin/sh\nexec " + real + " \"$@\"\n")
	for _, h := range []*tar.Header{
		{Name: "go/", Typeflag: tar.TypeDir, Mode: 0o755},
		{Name: "go/bin/", Typeflag: tar.TypeDir, Mode: 0o755},
		{Name: "go/bin/go", Typeflag: tar.TypeReg, Mode: 0o755, Size: int64(len(script))},
	} {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			tw.Write(script)
		}
	}
	tw.Close()
	gz.Close()
	name := fmt.Sprintf("go%s.linux-%s.tar.gz", version, arch)
	if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pathWithoutGo is $PATH without the folders that hold a go command.
func pathWithoutGo() string {
	var keep []string
	for _, d := range filepath.SplitList(os.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(d, "go")); err == nil {
			continue
		}
		keep = append(keep, d)
	}
	return strings.Join(keep, string(filepath.ListSeparator))
}

func setEnv(env []string, kv ...string) []string {
	for _, x := range kv {
		k, _, _ := strings.Cut(x, "=")
		out := env[:0:0]
		for _, e := range env {
			if !strings.HasPrefix(e, k+"=") {
				out = append(out, e)
			}
		}
		env = append(out, x)
	}
	return env
}

func TestGradescopeEndToEnd(t *testing.T) {
	k, checker := e2eSetup(t)
	tmp := t.TempDir()
	zipPath := filepath.Join(tmp, "autograder.zip")
	if out, code := runScript(t, offlineEnv(), k.Root, checker, "bundle", "gradescope", "-o", zipPath,
		"-visibility", "after_published", "-hidden-visibility", "hidden", "-leaderboard", "-go", "1.26.1"); code != 0 {
		t.Fatalf("bundle gradescope: exit %d\n%s", code, out)
	}
	root := filepath.Join(tmp, "autograder") // stands for /autograder
	names := unzipTo(t, zipPath, filepath.Join(root, "source"))
	for _, want := range []string{"setup.sh", "run_autograder", "kit/go.mod", "kit/lessons/manifest.json", "kit/tools/checker/main.go"} {
		if !contains(names, want) {
			t.Errorf("autograder.zip lacks %s at its root", want)
		}
	}
	for _, n := range names {
		if strings.HasPrefix(n, "kit/solutions/") || strings.HasPrefix(n, "source/") {
			t.Fatalf("autograder.zip holds %s: no solutions, and the scripts at the root", n)
		}
	}
	env := offlineEnv("AUTOGRADER_ROOT=" + root)

	// Go missing: setup.sh installs it from the download address.
	arch, machine, archOK := releaseArch(t)
	if noGo := pathWithoutGo(); !onPath(noGo, "bash", "curl", "tar") {
		t.Log("skipping the install from the download address: bash, curl or tar share a folder with go")
	} else if !archOK {
		t.Logf("skipping the install from the download address: setup.sh has Go releases for amd64 and arm64 machines (Gradescope's images), this one is %s", machine)
	} else {
		dl := filepath.Join(tmp, "dl")
		os.MkdirAll(dl, 0o755)
		fakeGoRelease(t, dl, "1.26.1", arch)
		prefix := filepath.Join(tmp, "prefix")
		senv := setEnv(env, "PATH="+pathWithoutGo(), "CONVLINGS_GO_DOWNLOAD=file://"+dl, "CONVLINGS_GO_PREFIX="+prefix)
		out, code := runScript(t, senv, filepath.Join(root, "source"), "bash", "setup.sh")
		if code != 0 || !strings.Contains(out, "installing go1.26.1 from file://"+dl) {
			t.Fatalf("setup.sh without Go: exit %d, want 0 and an install from the download address\n%s", code, out)
		}
		if _, err := os.Stat(filepath.Join(prefix, "go", "bin", "go")); err != nil {
			t.Fatalf("setup.sh did not install Go under CONVLINGS_GO_PREFIX: %v", err)
		}
	}
	// Go present: nothing is downloaded (the address leads nowhere).
	senv := setEnv(env, "CONVLINGS_GO_DOWNLOAD=file:///nonexistent", "CONVLINGS_GO_PREFIX="+filepath.Join(tmp, "unused"))
	out, code := runScript(t, senv, filepath.Join(root, "source"), "bash", "setup.sh")
	if code != 0 || !strings.Contains(out, "setup.sh: using go1.") || strings.Contains(out, "installing") {
		t.Fatalf("setup.sh with Go present: exit %d, want 0 and no install\n%s", code, out)
	}

	max := k.Manifest.MaxPoints()
	solved, stubs := map[string][]byte{}, map[string][]byte{}
	for _, l := range k.Manifest.Lessons {
		for n, d := range lessonFiles(t, k, "solutions", l.Name) {
			solved[n] = d
		}
		for n, d := range lessonFiles(t, k, "lessons", l.Name) {
			stubs[n] = d
		}
	}
	lessonsZip := func() map[string][]byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for n, d := range lessonFiles(t, k, "solutions", "padding") {
			w, _ := zw.Create("lessons/padding/" + n) // only the file the learner edited
			w.Write(d)
		}
		zw.Close()
		return map[string][]byte{"lessons.zip": buf.Bytes()}
	}
	broken := map[string][]byte{"padding.go": []byte("package padding\n\nfunc OutputLength(n, k, stride int, padding string) (int, error) {\n\treturn n +\n}\n")}
	for n, d := range lessonFiles(t, k, "solutions", "filters") {
		broken[n] = d
	}
	repo := map[string][]byte{}
	files, err := bundle.Files(k.Root)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range files {
		if strings.HasPrefix(n, "lessons/") {
			d, _ := os.ReadFile(filepath.Join(k.Root, filepath.FromSlash(n)))
			repo["convlings-main/"+n] = d
		}
	}
	for n, d := range lessonFiles(t, k, "solutions", "pooling") {
		repo["convlings-main/lessons/pooling/"+n] = d
	}
	repo["convlings-main/.git/HEAD"] = []byte("ref: refs/heads/main\n")

	tests := []struct {
		name   string
		files  map[string][]byte
		score  float64
		output []string // in the top-level output
	}{
		{"solved loose files", solved, max, []string{"placed at lessons/padding/padding.go"}},
		{"stubs loose files", stubs, 0, nil},
		{"partial zip of lessons holding one file", lessonsZip(), lessonMax(k, "padding"), nil},
		{"repository", repo, lessonMax(k, "pooling"), nil},
		{"broken", broken, lessonMax(k, "filters"), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			os.RemoveAll(filepath.Join(root, "submission"))
			os.RemoveAll(filepath.Join(root, "results"))
			writeFiles(t, filepath.Join(root, "submission"), tc.files)
			log, code := runScript(t, env, root, "bash", filepath.Join(root, "source", "run_autograder"))
			if code != 0 {
				t.Errorf("run_autograder: exit %d, want 0\n%s", code, log)
			}
			data, err := os.ReadFile(filepath.Join(root, "results", "results.json"))
			if err != nil {
				t.Fatalf("no results.json: %v\n%s", err, log)
			}
			score, vis, output, gtests, err := checkertest.ValidateGradescope(data)
			if err != nil {
				t.Fatal(err)
			}
			// One test per exercise, and one more for the hidden cases of
			// each exercise whose lesson compiled (the worker path).
			public := 0
			for _, gt := range gtests {
				if !strings.HasSuffix(gt.Name, "(hidden cases)") {
					public++
				}
			}
			if score != tc.score || vis != "after_published" || public != len(k.Manifest.Exercises()) {
				t.Errorf("score %v, visibility %s, %d tests of public cases; want %v, after_published, %d\n%s", score, vis, public, tc.score, len(k.Manifest.Exercises()), output)
			}
			for _, w := range tc.output {
				if !strings.Contains(output, w) {
					t.Errorf("output lacks %q:\n%s", w, output)
				}
			}
			if !bytes.Contains(data, []byte(`"leaderboard"`)) {
				t.Error("no leaderboard, though the bundle asked for one")
			}
		})
	}

	t.Run("checker crash", func(t *testing.T) {
		bin := filepath.Join(root, "source", ".convlings", "checker")
		saved, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(bin, saved, 0o755)
		if err := os.WriteFile(bin, []byte("#!/bin/sh\necho 'panic: runtime error: \"index\" out of range\\n\tgoroutine 1'\nexit 2\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(filepath.Join(root, "results"))
		log, code := runScript(t, env, root, "bash", filepath.Join(root, "source", "run_autograder"))
		data, err := os.ReadFile(filepath.Join(root, "results", "results.json"))
		if code != 0 || err != nil {
			t.Fatalf("run_autograder with a crashing checker: exit %d, %v\n%s", code, err, log)
		}
		score, _, output, _, err := checkertest.ValidateGradescope(data)
		if err != nil {
			t.Fatal(err)
		}
		if score != 0 || !strings.Contains(output, "exit status 2") || !strings.Contains(output, "panic: runtime error") {
			t.Errorf("crash results: score %v, output %q; want 0 and what happened", score, output)
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// workflow is the part of a GitHub Actions workflow the test runs.
type workflow struct {
	Jobs map[string]struct {
		RunsOn string `yaml:"runs-on"`
		If     string `yaml:"if"`
		Steps  []struct {
			Name    string            `yaml:"name"`
			ID      string            `yaml:"id"`
			If      string            `yaml:"if"`
			Uses    string            `yaml:"uses"`
			Run     string            `yaml:"run"`
			WorkDir string            `yaml:"working-directory"`
			With    map[string]string `yaml:"with"`
			Env     map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

var stepOutputRef = regexp.MustCompile(`\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}`)

func TestClassroomEndToEnd(t *testing.T) {
	k, checker := e2eSetup(t)
	tmp := t.TempDir()
	tmpl := filepath.Join(tmp, "template")
	ref := strings.Repeat("c0ffee12", 5)
	if out, code := runScript(t, offlineEnv(), k.Root, checker, "bundle", "classroom", "-o", tmpl, "-repo", "convlings/convlings", "-ref", ref); code != 0 {
		t.Fatalf("bundle classroom: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(tmpl, "solutions")); !os.IsNotExist(err) {
		t.Error("the template holds solutions/")
	}
	readme, _ := os.ReadFile(filepath.Join(tmpl, "README.md"))
	for _, w := range []string{"## How to read your grade", "issue #10", "29.29/41"} {
		if !strings.Contains(string(readme), w) {
			t.Errorf("the template README lacks %q", w)
		}
	}
	data, err := os.ReadFile(filepath.Join(tmpl, ".github", "workflows", "classroom.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("classroom.yml: %v", err)
	}
	job, ok := wf.Jobs["run-autograding-tests"]
	if !ok || job.RunsOn != "ubuntu-latest" {
		t.Fatalf("classroom.yml: no job run-autograding-tests on ubuntu-latest: %+v", wf)
	}
	var sawPristine, sawReporter bool
	for _, s := range job.Steps {
		if strings.HasPrefix(s.Uses, "actions/checkout@") && s.With["path"] != "" {
			sawPristine = true
			if !strings.HasPrefix(s.With["path"], ".") || s.With["ref"] != ref || s.With["repository"] != "convlings/convlings" {
				t.Errorf("pristine checkout %+v: want a dot-folder at the pinned commit", s.With)
			}
		}
		if strings.HasPrefix(s.Uses, "classroom-resources/autograding-grading-reporter@v1") {
			sawReporter = true
			if s.If != "always()" || s.With["runners"] != "convlings" || s.Env["CONVLINGS_RESULTS"] != "${{ steps.convlings.outputs.result }}" {
				t.Errorf("reporter step %+v: want if: always(), runners convlings and CONVLINGS_RESULTS from the convlings step", s)
			}
		}
		if s.Name == "Feedback" && s.If != "always()" {
			t.Error("the feedback step lacks if: always()")
		}
	}
	if !sawPristine || !sawReporter {
		t.Fatal("classroom.yml lacks the pristine checkout or the reporter")
	}

	// run plays the job's steps in order on a student repository made from
	// the template by submit, and returns the points the reporter would
	// post, the checker's own "Points x/y", and the step summary.
	run := func(t *testing.T, name string, submit func(ws string), breakChecker bool) (total, maxPts float64, checkerTotal string, summary string) {
		base := filepath.Join(tmp, name)
		ws, temp := filepath.Join(base, "repo"), filepath.Join(base, "runner-temp")
		checkertest.CopyTree(t, tmpl, ws)
		os.MkdirAll(temp, 0o755)
		submit(ws)
		summaryFile := filepath.Join(base, "summary.md")
		os.WriteFile(summaryFile, nil, 0o644)
		outputs := map[string]map[string]string{}
		failed := false
		for i, s := range job.Steps {
			if failed && s.If != "always()" {
				continue
			}
			switch {
			case strings.HasPrefix(s.Uses, "actions/checkout@"):
				if p := s.With["path"]; p != "" {
					files, err := bundle.Files(k.Root)
					if err != nil {
						t.Fatal(err)
					}
					for _, f := range files {
						d, _ := os.ReadFile(filepath.Join(k.Root, filepath.FromSlash(f)))
						writeFiles(t, filepath.Join(ws, p), map[string][]byte{f: d})
					}
				}
			case strings.HasPrefix(s.Uses, "actions/setup-go@"):
				if _, err := os.Stat(filepath.Join(ws, s.With["go-version-file"])); err != nil {
					t.Fatalf("setup-go's go-version-file: %v", err)
				}
			case strings.HasPrefix(s.Uses, "classroom-resources/autograding-grading-reporter@"):
				// The reporter: each runner's <ID>_RESULTS, base64 JSON.
				for _, id := range strings.Split(s.With["runners"], ",") {
					key := strings.ToUpper(strings.TrimSpace(id)) + "_RESULTS"
					val := stepOutputRef.ReplaceAllStringFunc(s.Env[key], func(ref string) string {
						m := stepOutputRef.FindStringSubmatch(ref)
						return outputs[m[1]][m[2]]
					})
					if val == "" {
						t.Fatalf("the reporter would crash: %s is empty", key)
					}
					tot, mx, err := checkertest.ReporterPoints(val)
					if err != nil {
						t.Fatal(err)
					}
					total += tot
					maxPts += mx
				}
			case s.Uses != "":
				t.Fatalf("step %q uses %s, which the test cannot play", s.Name, s.Uses)
			default:
				outFile := filepath.Join(base, fmt.Sprintf("output-%d", i))
				os.WriteFile(outFile, nil, 0o644)
				env := offlineEnv("GITHUB_OUTPUT="+outFile, "GITHUB_STEP_SUMMARY="+summaryFile, "RUNNER_TEMP="+temp, "GITHUB_WORKSPACE="+ws, "CI=true")
				out, code := runScript(t, env, filepath.Join(ws, s.WorkDir), "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s.Run)
				if s.ID == "convlings" {
					if m := regexp.MustCompile(`(?m)^Points (\S+)$`).FindStringSubmatch(out); m != nil {
						checkerTotal = m[1]
					}
				}
				if code != 0 {
					t.Logf("step %q failed (exit %d):\n%s", s.Name, code, out)
					failed = true
				}
				if s.ID != "" {
					outputs[s.ID] = map[string]string{}
					data, _ := os.ReadFile(outFile)
					for _, line := range strings.Split(string(data), "\n") {
						if k, v, ok := strings.Cut(line, "="); ok {
							outputs[s.ID][k] = v
						}
					}
				}
				if s.Name == "Build the checker" && breakChecker {
					os.WriteFile(filepath.Join(temp, "checker"), []byte("#!/bin/sh\necho 'panic: the checker broke' >&2\nexit 2\n"), 0o755)
				}
			}
		}
		sum, _ := os.ReadFile(summaryFile)
		return total, maxPts, checkerTotal, string(sum)
	}

	t.Run("partial", func(t *testing.T) {
		total, mx, checkerTotal, summary := run(t, "partial", func(ws string) {
			for _, l := range []string{"padding", "pooling"} {
				files := map[string][]byte{}
				for n, d := range lessonFiles(t, k, "solutions", l) {
					files["lessons/"+l+"/"+n] = d
				}
				writeFiles(t, ws, files)
			}
		}, false)
		want := lessonMax(k, "padding", "pooling")
		if total != want || mx != k.Manifest.MaxPoints() || checkerTotal != fmt.Sprintf("%v/%v", want, mx) {
			t.Errorf("the reporter would post %v/%v, the checker said %s; want %v/%v from both", total, mx, checkerTotal, want, k.Manifest.MaxPoints())
		}
		if !strings.Contains(summary, "# convlings: feedback for") || strings.Contains(summary, "rejected") {
			t.Errorf("step summary:\n%s", summary)
		}
	})
	t.Run("checker crash", func(t *testing.T) {
		total, mx, _, summary := run(t, "crash", func(string) {}, true)
		if total != 0 || mx != k.Manifest.MaxPoints() || !strings.Contains(summary, "could not grade") {
			t.Errorf("crash: the reporter would post %v/%v; want 0/%v; summary %q", total, mx, k.Manifest.MaxPoints(), summary)
		}
	})
}

func TestExercismEndToEnd(t *testing.T) {
	k, checker := e2eSetup(t)
	tmp := t.TempDir()
	// The runner's user must reach its files: open the test's own folders
	// (t.TempDir makes them 0700), never the system's temporary folder.
	for d := tmp; d != filepath.Clean(os.TempDir()) && d != filepath.Dir(d); d = filepath.Dir(d) {
		if !strings.HasPrefix(d, filepath.Clean(os.TempDir())+string(filepath.Separator)) {
			break
		}
		os.Chmod(d, 0o755)
	}
	runner := filepath.Join(tmp, "runner")
	if out, code := runScript(t, offlineEnv(), k.Root, checker, "bundle", "exercism", "-o", runner); code != 0 {
		t.Fatalf("bundle exercism: exit %d\n%s", code, out)
	}
	docker, err := os.ReadFile(filepath.Join(runner, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"FROM golang:1.26", "WORKDIR /opt/test-runner", "USER appuser", `ENTRYPOINT ["/opt/test-runner/bin/run.sh"]`, "go mod download"} {
		if !strings.Contains(string(docker), w) {
			t.Errorf("Dockerfile lacks %q", w)
		}
	}
	for _, l := range k.Manifest.Lessons {
		for _, f := range []string{".docs/instructions.md", ".meta/config.json"} {
			p := filepath.Join(runner, "exercises", "practice", l.Name, filepath.FromSlash(f))
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if f == ".docs/instructions.md" {
				for _, ex := range l.Exercises {
					if !regexp.MustCompile(`(?m)^## ` + strconv.Itoa(ex.Task) + `\. `).Match(data) {
						t.Errorf("%s: no task heading ## %d.", p, ex.Task)
					}
				}
			}
		}
	}

	// The image: the checker built into bin/, as the Dockerfile does.
	if out, code := runScript(t, offlineEnv(), filepath.Join(runner, "kit"), "go", "build", "-o", filepath.Join(runner, "bin", "checker"), "./tools/checker"); code != 0 {
		t.Fatalf("building the runner's checker: %s", out)
	}
	// The runner's user: not root. As root, nobody, with caches of its own
	// (made and warmed as the Dockerfile does); else this user.
	var cred *syscall.Credential
	// Time limits are Exercism's business: here the machine may be busy
	// with the rest of the kit's tests, so the test raises them.
	env := offlineEnv("CONVLINGS_RUNNER="+runner, "TMPDIR="+filepath.Join(tmp, "tmp"), "CONVLINGS_TIME_LIMIT=300", "CONVLINGS_TEST_TIMEOUT=60s")
	os.MkdirAll(filepath.Join(tmp, "tmp"), 0o777)
	os.Chmod(filepath.Join(tmp, "tmp"), 0o1777)
	if os.Geteuid() == 0 {
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
		// The runner user's caches outlive the test, as the image's do, so
		// that only the first run compiles the standard library for it.
		cache, mod, home := filepath.Join(os.TempDir(), "convlings-e2e-runner-gocache"), filepath.Join(os.TempDir(), "convlings-e2e-runner-mod"), filepath.Join(tmp, "home")
		modcache, _ := exec.Command("go", "env", "GOMODCACHE").Output()
		dl := "file://" + filepath.Join(strings.TrimSpace(string(modcache)), "cache", "download")
		if out, code := runScript(t, setEnv(offlineEnv(), "GOMODCACHE="+mod, "GOPROXY="+dl, "GOFLAGS=-mod=mod"), filepath.Join(runner, "kit"), "go", "mod", "download"); code != 0 {
			t.Fatalf("filling the runner's module cache: %s", out)
		}
		exec.Command("chmod", "-R", "a+rX", mod).Run()
		for _, d := range []string{cache, home} {
			os.MkdirAll(d, 0o755)
			os.Chown(d, 65534, 65534)
		}
		env = setEnv(env, "GOCACHE="+cache, "GOMODCACHE="+mod, "HOME="+home, "GOFLAGS=-mod=readonly")
		warm := exec.Command(filepath.Join(runner, "bin", "checker"), "grade", "-kit", filepath.Join(runner, "kit"), "-isolate=false", "-q", "-out", filepath.Join(tmp, "tmp", "warm"), filepath.Join(runner, "kit"))
		warm.Env = env
		warm.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		if out, err := warm.CombinedOutput(); err != nil && !strings.Contains(string(out), "Points") {
			t.Fatalf("warming the runner's cache: %v\n%s", err, out)
		}
	}
	runSlug := func(t *testing.T, slug string, files map[string][]byte) (string, string, []checkertest.ExercismTest) {
		t.Helper()
		sol := filepath.Join(tmp, "solutions", t.Name())
		out := filepath.Join(tmp, "outputs", t.Name())
		writeFiles(t, sol, files)
		os.MkdirAll(out, 0o755)
		os.Chown(out, 65534, 65534)
		exec.Command("chmod", "-R", "a-w,a+rX", sol).Run() // read-only, as Exercism mounts it
		defer exec.Command("chmod", "-R", "u+w", sol).Run()
		cmd := exec.Command("sh", filepath.Join(runner, "bin", "run.sh"), slug, sol+"/", out+"/")
		cmd.Env = env
		if cred != nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		start := time.Now()
		log, err := cmd.CombinedOutput()
		t.Logf("run.sh %s: %.1fs", slug, time.Since(start).Seconds())
		if err != nil {
			t.Fatalf("run.sh %s: %v (want exit 0 whatever the result)\n%s", slug, err, log)
		}
		data, err := os.ReadFile(filepath.Join(out, "results.json"))
		if err != nil {
			t.Fatalf("run.sh wrote no results.json: %v\n%s", err, log)
		}
		status, msg, tests, err := checkertest.ValidateExercism(data)
		if err != nil {
			t.Fatal(err)
		}
		return status, msg, tests
	}
	for _, l := range k.Manifest.Lessons {
		t.Run(l.Name+"/solved", func(t *testing.T) {
			files := lessonFiles(t, k, "solutions", l.Name)
			test, _ := os.ReadFile(filepath.Join(k.Root, "lessons", l.Name, l.Name+"_test.go"))
			files[l.Name+"_test.go"] = test // Exercism puts the tests beside the solution
			status, _, tests := runSlug(t, l.Name, files)
			if status != "pass" || len(tests) != len(l.Exercises) {
				t.Fatalf("status %s with %d tests; want pass with %d", status, len(tests), len(l.Exercises))
			}
			order := testOrder(t, string(test))
			for i, et := range tests {
				ex := k.Manifest.Lesson(l.Name).Exercises
				var want *kit.Exercise
				for _, e := range ex {
					if e.Test == order[i] {
						want = e
					}
				}
				if want == nil || !strings.Contains(et.Name, want.Test) || et.TaskID != want.Task {
					t.Errorf("tests[%d] = %s task %d; want %s (test file order) with the manifest's task", i, et.Name, et.TaskID, order[i])
				}
			}
		})
	}
	t.Run("padding/wrong answer", func(t *testing.T) {
		files := lessonFiles(t, k, "solutions", "padding")
		files["padding.go"] = bytes.Replace(files["padding.go"], []byte("return (n-k)/stride + 1, nil"), []byte("return (n-k)/stride, nil"), 1)
		status, _, tests := runSlug(t, "padding", files)
		found := false
		for _, et := range tests {
			if strings.Contains(et.Name, "TestOutputLength") {
				found = true
				if et.Status != "fail" || !strings.Contains(et.TestCode, "OutputLength(") || !strings.Contains(et.TestCode, "want") {
					t.Errorf("OutputLength: status %s, test_code %q; want fail and the failing call with its expected answer", et.Status, et.TestCode)
				}
			}
		}
		if status != "fail" || !found {
			t.Errorf("status %s; want fail with TestOutputLength", status)
		}
	})
	t.Run("pooling/does not compile", func(t *testing.T) {
		status, msg, _ := runSlug(t, "pooling", map[string][]byte{"pooling.go": []byte("package pooling\n\nfunc broken( {\n")})
		if status != "error" || !strings.Contains(msg, "pooling.go") {
			t.Errorf("status %s, message %q; want error with the compiler's words", status, msg)
		}
	})
	t.Run("unknown slug", func(t *testing.T) {
		status, msg, _ := runSlug(t, "no-such-lesson", map[string][]byte{"x.go": []byte("package x\n")})
		if status != "error" || !strings.Contains(msg, "no-such-lesson") {
			t.Errorf("status %s, message %q; want error naming the slug", status, msg)
		}
	})
}

// TestExercismTrackCurrent: the practice exercises in tools/exercism are
// what the generator makes of the lessons (like stubgen -check, and not
// skipped under -short, so that a lesson README edit shows it at once).
func TestExercismTrackCurrent(t *testing.T) {
	k := checkertest.LoadKit(t, "../..")
	dir := t.TempDir()
	if err := bundle.ExercismTrack(k, dir); err != nil {
		t.Fatal(err)
	}
	for _, l := range k.Manifest.Lessons {
		for _, f := range []string{".docs/instructions.md", ".meta/config.json"} {
			rel := filepath.Join("exercises", "practice", l.Name, filepath.FromSlash(f))
			made, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				t.Fatal(err)
			}
			committed, err := os.ReadFile(filepath.Join(k.Root, "tools", "exercism", rel))
			if err != nil || !bytes.Equal(made, committed) {
				t.Errorf("tools/exercism/%s is not what the generator makes (%v): run go run ./tools/checker bundle exercism -track -o tools/exercism", filepath.ToSlash(rel), err)
			}
		}
	}
}

// testOrder returns the Test functions of a test file in file order.
func testOrder(t *testing.T, src string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^func (Test\w+)\(t \*testing\.T\)`).FindAllStringSubmatch(src, -1) {
		out = append(out, m[1])
	}
	return out
}

// onPath reports whether every command is in one of path's folders.
func onPath(path string, cmds ...string) bool {
	for _, c := range cmds {
		found := false
		for _, d := range filepath.SplitList(path) {
			if fi, err := os.Stat(filepath.Join(d, c)); err == nil && !fi.IsDir() {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
