package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/bundle"
	"github.com/convlings/convlings/tools/checker/internal/report"
)

// runBundle is `go run ./tools/checker bundle <platform> -o out`.
func runBundle(e *env, args []string) int {
	fs := newFlags(e, "bundle", "Bundle")
	out := fs.String("o", "", "where to write: a .zip for gradescope, a new or empty folder for classroom and exercism")
	kitDir := fs.String("kit", "", "the pristine kit (default: the module holding the current folder)")
	lang := fs.String("lang", "en", "language of the learners' feedback: en or ko")
	visibility := fs.String("visibility", "visible", "gradescope: visibility of the result: "+strings.Join(report.Visibilities, ", "))
	hiddenVisibility := fs.String("hidden-visibility", "", "gradescope: visibility of the hidden cases' tests (default: as -visibility)")
	leaderboard := fs.Bool("leaderboard", false, "gradescope: show a leaderboard (points, exercises passed)")
	goVersion := fs.String("go", defaultGoVersion(), "gradescope: the Go release setup.sh installs when the image has no Go 1.26 or newer")
	repo := fs.String("repo", "", "classroom: the kit's GitHub repository, owner/name (default: from git remote origin)")
	ref := fs.String("ref", "", "classroom: the commit of the pristine kit (default: the kit's HEAD)")
	track := fs.Bool("track", false, "exercism: write only the practice exercises (exercises/practice/<lesson>/.docs, .meta) into -o, which may exist")
	if code := fs.parse(args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		return usage(e, "bundle needs one platform: gradescope, classroom or exercism")
	}
	platform := fs.Arg(0)
	if *out == "" {
		return usage(e, "bundle %s needs -o", platform)
	}
	if *lang != "en" && *lang != "ko" {
		return usage(e, "-lang %q: want en or ko", *lang)
	}
	k, err := findKit(e.ctx, *kitDir)
	if err != nil {
		return fail(e, err)
	}
	ro := report.Options{Lang: *lang, Visibility: *visibility, HiddenVisibility: *hiddenVisibility}
	if err := ro.Check(k.Manifest); err != nil {
		return usage(e, "%v", err)
	}
	switch platform {
	case "gradescope":
		if !regexp.MustCompile(`^1\.(2[6-9]|[3-9]\d)(\.\d+)?$`).MatchString(*goVersion) {
			return usage(e, "-go %q: want a Go release 1.26 or newer, such as 1.26.1", *goVersion)
		}
		files, err := bundle.Files(k.Root)
		if err != nil {
			return fail(e, err)
		}
		data, err := bundle.Gradescope(k, files, bundle.GradescopeOptions{
			GoVersion: *goVersion, Visibility: *visibility, HiddenVisibility: *hiddenVisibility, Leaderboard: *leaderboard, Lang: *lang,
		})
		if err != nil {
			return fail(e, err)
		}
		if err := kit.WriteFileAtomic(*out, data); err != nil {
			return fail(e, fmt.Errorf("bundle gradescope: %w", err))
		}
		fmt.Fprintf(e.stdout, "wrote %s (%d files of the kit, %d KiB): upload it as the autograder of a Gradescope programming assignment\n", *out, len(files), (len(data)+1023)/1024)
	case "classroom":
		if err := emptyDir(*out); err != nil {
			return fail(e, fmt.Errorf("bundle classroom: %w", err))
		}
		o := bundle.ClassroomOptions{Repo: *repo, Ref: *ref, Lang: *lang}
		if o.Repo == "" {
			o.Repo = gitRepo(k.Root)
		}
		if o.Ref == "" {
			o.Ref = gitOutput(k.Root, "rev-parse", "HEAD")
			if dirty := gitOutput(k.Root, "status", "--porcelain", "--untracked-files=no"); dirty != "" {
				fmt.Fprintf(e.stderr, "checker: warning: the kit has uncommitted changes; the workflow grades against the commit %s, without them\n", o.Ref)
			}
		}
		if err := o.Check(); err != nil {
			return usage(e, "%v", err)
		}
		files, err := bundle.Files(k.Root)
		if err != nil {
			return fail(e, err)
		}
		if err := bundle.Classroom(k, files, o, *out); err != nil {
			return fail(e, err)
		}
		fmt.Fprintf(e.stdout, "wrote the template repository to %s, grading against %s@%s: push it to GitHub as the assignment's template\n", *out, o.Repo, o.Ref[:12])
	case "exercism":
		if *track {
			if err := bundle.ExercismTrack(k, *out); err != nil {
				return fail(e, err)
			}
			fmt.Fprintf(e.stdout, "wrote the practice exercises under %s\n", filepath.Join(*out, "exercises", "practice"))
			return 0
		}
		if err := emptyDir(*out); err != nil {
			return fail(e, fmt.Errorf("bundle exercism: %w", err))
		}
		files, err := bundle.Files(k.Root)
		if err != nil {
			return fail(e, err)
		}
		if err := bundle.Exercism(k, files, *out); err != nil {
			return fail(e, err)
		}
		fmt.Fprintf(e.stdout, "wrote the Exercism test runner to %s: Exercism's tooling builds its Dockerfile\n", *out)
	default:
		return usage(e, "bundle: unknown platform %q: want gradescope, classroom or exercism", platform)
	}
	return 0
}

// emptyDir makes dir, or checks that it exists and is empty: a bundle
// never writes over someone's files.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("-o %s: the folder is not empty", dir)
	}
	return nil
}

// defaultGoVersion is the release of the Go that built the checker when
// it is 1.26 or newer, else 1.26.0.
func defaultGoVersion() string {
	v := strings.TrimPrefix(runtime.Version(), "go")
	if regexp.MustCompile(`^1\.(2[6-9]|[3-9]\d)\.\d+$`).MatchString(v) {
		return v
	}
	return "1.26.0"
}

func gitOutput(dir string, args ...string) string {
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

var githubRemote = regexp.MustCompile(`github\.com[:/]([^/]+/[^/]+?)(?:\.git)?/?$`)

// gitRepo is owner/name of the kit's origin on GitHub, or "".
func gitRepo(dir string) string {
	if m := githubRemote.FindStringSubmatch(gitOutput(dir, "remote", "get-url", "origin")); m != nil {
		return m[1]
	}
	return ""
}
