/*
Checker shows a learner where they stand in the convlings lessons, grades
a class's submissions for an instructor, and proves that the kit itself is
consistent.

Usage:

	go run ./tools/checker [-json] [-lang ko]      the learner view
	go run ./tools/checker hint [exercise]         the next hint of an exercise
	go run ./tools/checker watch [-poll]           the learner view, again on every save
	go run ./tools/checker grade -out dir sub...   grade submissions
	go run ./tools/checker verify                  check the kit
	go run ./tools/checker help <command>          the manual of one command

Every command takes -h. Exit status: 0 success, 1 failure (for the learner
view: some exercise does not pass yet), 2 usage error. Errors go to
standard error as "checker: …".

Colours, marks and bars appear only when standard output is a terminal
(and NO_COLOR is not set); piped output is plain, stable text, and -json
serves tools. The language of the learner's messages and hints is English,
or Korean when LANG (LC_ALL, LC_MESSAGES) starts with "ko"; -lang overrides.

# Progress

Usage: go run ./tools/checker [progress] [-json] [-lang en|ko] [-kit dir] [-timeout d]

Runs the lesson tests (go test -json ./lessons/...) and shows every lesson
and exercise of lessons/manifest.json as passed, failed, not started (its
stub still panics "not implemented yet") or error (it does not compile,
crashed, or timed out), with its points, and an overall progress bar. It
then names the next exercise in course order that does not pass, with its
failure message, its README section, the command that shows a hint and the
command that runs just its test.

The exit status is 0 when every exercise passes and 1 otherwise. -json
prints the same view as one JSON object: the totals, every lesson and
exercise (id, test, task, status, reason, points, max_points, message,
output, readme, hint_command, test_command) and "next".

# Hint

Usage: go run ./tools/checker hint [-lang en|ko] [-all] [-reset] [exercise]

Shows the hints of an exercise one level at a time, general first and
specific last: each call shows the hints seen so far and one more. The
exercise is named as padding/output_length, or output_length alone; without
one, hint takes the exercise the last learner view named as next. -all
shows every hint at once; -reset starts the exercise's hints over.

How many hints were shown is kept in .convlings-state.json at the kit's
root (ignored by git), with the next exercise of the last run.

# Watch

Usage: go run ./tools/checker watch [-poll] [-interval d] [-lang en|ko] [-kit dir]

Shows the learner view, then runs the lesson tests again whenever a .go
file under lessons/ changes, and shows the view again. Changes arrive as
file events (fsnotify); a burst of events within 200ms is one change.
Events that arrive while the tests run are dropped rather than acted on
one by one; if a .go file changed during the run, the tests run once more
when it ends.

Some file systems send no events (network drives, folders shared with a
virtual machine, WSL2 reading Windows drives). Watch also compares the
files' sizes and times every -interval (default 1s); when that finds a
change no event announced, it says so and relies on polling from then on.
-poll uses polling only, from the start.

On a terminal, keys act at once: r runs the tests again, h shows the next
hint of the next exercise, q (or Ctrl-C) quits. When standard output is
not a terminal, each view is printed after a "==== hh:mm:ss ====" line,
without colours.

# Grade

Usage: go run ./tools/checker grade [-out dir] [-kit dir] [-j n] [-timeout d] [-mem MiB] [-github-output file] submission...

Grades each submission against the instructor's pristine kit (-kit,
default: the kit holding the current folder, that is, this repository). A
submission is a folder, a .zip or a .tar.gz (.tgz) holding a learner's
copy of the whole kit, or of its lessons/ folder; a single top folder, as
GitHub's "Download ZIP" makes, is fine. For each submission, in parallel
(-j, default GOMAXPROCS) and with the Go build cache shared:

 1. The archive is read without writing anything outside a temporary
    folder: an entry with an absolute path or a ".." element rejects the
    whole archive; symbolic links, hard links and device files are not
    extracted and are listed. At most 10000 entries and 100 MiB unpacked.

 2. The pristine kit is copied to a temporary folder, and the learner's
    implementation files replace the stubs: the non-test .go files directly
    in lessons/<lesson>/. Everything else the learner changed or added
    (test files, golden files, the manifest, go.mod, library code) is
    ignored and listed in the report as rejected; README edits and other
    files are ignored. The submission itself is never modified.

 3. Lesson code must import only the standard library and
    github.com/convlings/convlings/tensor. Not allowed: the kit's other
    packages (solutions, golden, padding, conv, pool, model, …), cgo
    ("C"), unsafe, reflect, syscall, plugin, os/exec, net and net/...,
    log/syslog, runtime/debug, runtime/cgo, testing, and internal or vendor
    packages. Lesson code may not assign to another package's variables,
    and file names must be plain (letters, digits, _ and -). A lesson that
    breaks these rules is not compiled and earns nothing; the report says
    which file and which rule.

 4. Every lesson is compiled (go test -c, with GOPROXY=off,
    GOFLAGS=-mod=readonly, GOTOOLCHAIN=local, CGO_ENABLED=0 and -trimpath)
    before any learner code runs, so code that rewrites files at run time
    cannot change what is graded after it. A lesson that does not compile
    earns nothing; the others are graded as usual.

 5. Each lesson's test binary runs in its own process group, with a time
    limit (-timeout per run, default 10s, as -test.timeout and as a
    wall-clock kill of the whole group), an output limit (1 MiB), a memory
    limit (-mem MiB of address space above what the Go runtime reserves at
    start), limits on file size and open files, a clean environment, and
    -test.paniconexit0. When the checker runs as root, the tests run as an
    unused user id, one per worker, which cannot write the kit, the build
    cache or the submission, cannot read its own memory through /proc, and
    whose leftover processes are killed afterwards. When one exercise
    loops, crashes or exits, the exercises after it run again in a fresh
    process, so one bad exercise costs only its own points.

 6. Scores come only from reports signed by the grading harness, never
    from what the test binary prints or its exit status: lesson code can
    print fake go test output, fake JSON events or call os.Exit(0) without
    effect. The checker adds a harness package to the workspace that the
    lesson package imports, so it starts before any lesson code; it reads a
    fresh random key from a pipe, makes the process undumpable, runs each
    exercise's test as a subtest and reports its start and its result on a
    second pipe, each line signed with HMAC-SHA256 under that key. A test
    with no signed result has failed, whatever the exit status; unsigned
    lines on the report pipe are counted and reported as tampering.

Outputs, under -out (default ./grades), per submission <id> (the file or
folder name without extension):

	<id>/results.json            Exercism test runner results, version 3, plus score and max_score
	<id>/gradescope/results.json Gradescope autograder results
	<id>/classroom.json          GitHub Classroom grader result (version 1)
	<id>/classroom.b64           the same, base64, for the step output "result"
	<id>/feedback.md             Markdown feedback for the learner

and for the whole run gradebook.csv (one row per submission, one column per
exercise with the points earned, then total and max) and summary.json. The
points of each exercise come from lessons/manifest.json. With
-github-output (normally "$GITHUB_OUTPUT"), a single submission's result
and points are appended as the step outputs result=<base64> and
points=<x/y>; standard output ends with "Points x/y" either way.

The exit status is 0 when every submission was graded (whatever its
score), 1 when some could not be graded (not the kit, a broken archive),
2 for usage errors.

Limits of the sandbox: the checker isolates lesson code with processes,
limits and (as root) a separate user id, not with containers or seccomp.
Run as a normal user, lesson code runs as that user and can read whatever
the user can, such as the pristine kit's golden files. For a class you do
not trust, run the checker as root in a throwaway container or VM.

# Verify

Usage: go run ./tools/checker verify [-kit dir] [-v]

Proves the kit is consistent, and exits 1 naming every problem:
lessons/manifest.json is well formed; every exercise has at least two hints
in both English and Korean, and README.md and README.ko.md of its lesson
have the headings its links point to; every manifest test exists in the
lesson's tests and every lesson test is in the manifest; the solutions,
graded as a submission, earn every point, and the pristine stubs earn none
with every exercise "not started"; the solutions obey the import rules;
and, when the kit has them, tools/stubgen -check (the stubs are what the
generator makes of the solutions) and the golden package's own currency
check pass.

The checker's own tests run verify on the kit, so the kit's test command
(go test $(go list ./... | grep -v /lessons/)) runs it.
*/
package main
