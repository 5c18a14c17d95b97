/*
Checker shows a learner where they stand in the convlings lessons, grades
a class's submissions for an instructor, and proves that the kit itself is
consistent.

Usage:

	go run ./tools/checker [-json] [-lang ko]      the learner view
	go run ./tools/checker hint [exercise]         the next hint of an exercise
	go run ./tools/checker watch [exercise]        the learner view, again on every save
	go run ./tools/checker serve                   the explorer and the learner view in the browser
	go run ./tools/checker grade -out dir sub...   grade submissions
	go run ./tools/checker verify                  check the kit
	go run ./tools/checker bundle gradescope -o autograder.zip   deploy on a platform
	go run ./tools/checker help <command>          the manual of one command

Every command takes -h, which prints its section of this manual on
standard output. Exit status: 0 success, 1 failure, 2 usage error. Errors
go to standard error as "checker: …"; a usage error adds one "usage: …"
line there, and never prints the manual.

The code: this package holds only the command table and one file of flags
and wiring per command (progress.go, hint.go, watch.go, grade.go,
verify.go, bundle.go); the work is in tools/checker/internal/: grade (the
grading engine), worker (the worker's generated main, its client and the
proxy suites), hidden (the hidden cases), sandbox, submission, report
(the platform outputs), bundle (the platform deployments), learner, view,
watch, verify, testlog, result, proc and i18n, each with a doc.go saying
its job and what it may import. internal/convlingsgrade is the harness
compiled into every test binary graded with -harness. The kit's manifest
reader is the module's internal/kit.

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
command that runs just its test. When a lesson's tests time out in one
exercise (an endless loop), that exercise is reported as timed out and the
lesson runs again without it, so the exercises after it still get their
own results. The tests run with CONVLINGS_LANG set to the view's language,
so that their failure messages are in it too.

The exit status is 0 when the view was shown, whatever the progress (so
that `go run` does not add "exit status 1" under it), and 1 when the tests
could not be run. -json prints the same view as one JSON object: the
totals, every lesson and exercise (id, test, task, status, reason, points,
max_points, message, output, readme, hint_command, test_command) and
"next" (null when every exercise passes).

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

Usage: go run ./tools/checker watch [-poll] [-interval d] [-limit d] [-timeout d] [-lang en|ko] [-kit dir] [exercise]

Shows the learner view, then runs the lesson tests again whenever a .go
file under lessons/ changes, and shows the view again. Changes arrive as
file events (fsnotify); a burst of events within 200ms is one change.

Watch follows the exercise being edited. After each save it compares the
functions of the saved file (parsed with go/parser) with the last version
that parsed, and focuses the exercise one of whose functions changed
(the manifest's funcs); a change to a helper keeps the focus in its lesson.
The exercise named on the command line (watch filters/conv2d_valid, or
conv2d_valid) is the focus from the start; without one, the view names the
next unfinished exercise until the first save. The view shows the lesson
being edited in full, the others on one line each, and the focused
exercise's status and failure, cut to 14 lines.

Each run tests the focused exercise first, alone, with its own time limit
(-limit, default 3s), and shows its result at once; then the other
exercises, each lesson under -timeout (default 60s). An endless loop in the
focused exercise is therefore reported within the limit, and when a
lesson's tests time out in one exercise, that lesson runs again without
it, so the others keep or get their own results, as in grading. A save
that arrives during a run cancels it (the go command and the test binaries
it started are killed) and starts a new one.

Some file systems send no events (network drives, folders shared with a
virtual machine, WSL2 reading Windows drives). Watch also compares the
files' sizes and times every -interval (default 1s); when that finds a
change no event announced, it says so and relies on polling from then on.
-poll uses polling only, from the start.

On a terminal, keys act at once, also while tests run: r runs the tests
again, h shows the next hint of the focused exercise, e shows its whole
failure (and folds it again), q (or Ctrl-C) quits. When standard output is
not a terminal, each view is printed after a "==== hh:mm:ss ====" line,
without colours.

# Serve

Usage: go run ./tools/checker serve [-addr host:port] [-poll] [-interval d] [-kit dir] [-timeout d]

Serves two pages and prints their address: the learner view of every
lesson, and the explorer, which draws zero padding, convolution and
pooling windows with the numbers computed by the reference library
compiled to WebAssembly (built from the kit when serve starts; the first
start takes a few seconds more). The learner view runs the lesson tests as
watch does, again whenever a .go file under lessons/ changes (the same
file events and polling, and the same -poll and -interval), and the page
follows each run as it happens (server-sent events), in English or Korean.
Each failing golden case is drawn: the input with the window of the first
wrong output cell, the expected output and yours side by side with the
wrong cells marked, the likely mistake when the case names one, and a
button that opens the explorer on the case's layer. The first failing
exercise has a "Show hint" control above its cases: it opens the known
mistake its cases match, if any, as the test's message names it ("This is
what you get when …"), then the exercise's hints one at a time (a "Next
hint" button), the ones `hint` prints, in the page's language. The page
does not count them as shown: `hint` in the terminal goes on where it
was. The `hint` command stays below it, for the terminal.

The address is 127.0.0.1 and a free port unless -addr says otherwise, and
on loopback serve answers only requests addressed to localhost. It runs
until Ctrl-C. `go run ./tools/explorer -o dir` builds the explorer alone as
a folder that works without a server.

# Grade

Usage: go run ./tools/checker grade [-out dir] [-kit dir] [-j n] [-timeout d] [-budget d] [-mem MiB] [-max-binary MiB] [-seed n] [-hidden-weight both|w] [-harness] [-github-output file] [--] submission...

Grades each submission against the instructor's pristine kit (-kit,
default: the kit holding the current folder, that is, this repository).
Flags come before the submissions: the first argument that is not a
flag, or "--", ends them, so a submission folder named "-isolate=false"
is a submission. A flag that is also the name of a file or folder in the
current folder (a shell glob put it among the flags) stops the run with a
usage error: write grade -out dir -- * for globs.

Before anything else, grade checks that the kit is pristine: its lesson
stubs are what go run ./tools/stubgen makes of the solutions, and its
golden files what go run ./tools/goldengen makes (both run with -check,
offline). A kit in which someone solved exercises or edited golden files
is refused, with the way to a clean one: a fresh clone passed as -kit,
or git checkout -- lessons golden. Then -out is created, exclusively and
mode 0755: a folder that already exists is refused, since lesson code
could have made it first; grade into a new folder. A
submission is a folder, a .zip or a .tar.gz (.tgz) holding a learner's
copy of the whole kit, or of its lessons/ folder; a single top folder, as
GitHub's "Download ZIP" makes, is fine; so is a folder holding only such
an archive (an upload box that unpacks nothing), or lesson files lying
loose at the top (padding.go dragged into an upload box): each is placed
in lessons/<lesson>/ by its package clause, or else by the exercise
functions it declares, and a note says where it went. In every form the
learner's files are laid over the pristine lesson folder: a file they did
not send (todo.go, doc.go) is the kit's own. Submissions are graded in parallel
(-j, default GOMAXPROCS), sharing the Go build cache. For each one:

 1. The submission is read into memory (an archive) or listed (a folder),
    without writing anything: an archive entry with an absolute path or a
    ".." element rejects the whole archive; symbolic links, hard links and
    device files are not taken and are listed; a name the archive holds
    twice is not taken at all (unpackers disagree on which copy wins). At
    most 10000 entries, 20 MiB per file and 100 MiB in all, counted on the
    bytes actually inflated, entries not taken included. The submission
    is never modified.

 2. Only the learner's implementation files are taken: the non-test .go
    files directly in lessons/<lesson>/, with plain names (letters, digits,
    _ and -). They replace that lesson's stubs; a lesson the submission
    does not have is graded as the kit's stubs. Everything else the learner
    changed or added is not used and is listed: test files, golden files,
    the manifest, go.mod and library code as "rejected" (the kit's copy is
    used), other files as "ignored".

 3. Lesson code must import only the standard library and
    github.com/convlings/convlings/tensor; lessons/stacking may also import
    the learner's lessons/padding, lessons/filters and lessons/pooling,
    since lesson 4 composes them. Not allowed: the kit's other
    packages (solutions, golden, padding, conv, pool, model, …), cgo
    ("C"), unsafe, reflect, syscall, plugin, os/exec, net and net/...,
    log/syslog, runtime/debug, runtime/cgo, flag, testing and testing/...,
    and internal, vendor and cmd packages. Beyond these, the standard
    packages lesson code may import are an allowlist (computation, text,
    data formats, os, io and path/filepath; not go/build, which runs
    programs from a GOROOT of its caller's choice, nor embed, os/signal,
    os/user, debug/..., expvar, crypto/tls or any package added to Go
    later), and lessons/stacking may also import the learner's own
    lessons/padding, lessons/filters and lessons/pooling. Not allowed
    either: os.StartProcess, os.FindProcess, os.Getppid, os.Chdir, the
    environment setters, runtime.GOMAXPROCS and runtime.LockOSThread,
    //go:linkname and cgo directives, and assigning to another package's
    variables (os.Args = …, tensor.ErrShape = …). A lesson that breaks a
    rule is not compiled and earns nothing; the report names the file,
    the line and the rule. Files are parsed with go/parser, without type
    information: a local variable named like an imported package and
    assigned a field is flagged too.

 4. Learner code only answers calls. Every lesson that keeps the rules is
    compiled, before any lesson code runs, into one worker binary per
    submission: the learner's lesson packages plus a main the checker
    generates, a table of the lessons' 23 functions by name that reads a
    call's arguments (encoding/gob) from a pipe, calls the learner's
    function, recovers a panic in it and writes back its results, its
    error or the panic. The worker links the lessons, package tensor and
    the standard library only: no golden file, no reference library, no
    expected answer (a test of internal/worker checks it with go list
    -deps). Every submission of a run is compiled in one shared, read-only
    copy of the pristine kit, its own files put in with -overlay; the copy
    is hashed and checked before each compile. The go command runs
    offline: GOPROXY=off, GOFLAGS=-mod=readonly, GOTOOLCHAIN=local,
    GOWORK=off, CGO_ENABLED=0, with -trimpath. A lesson that does not
    compile, or whose functions lost the kit's signatures, is left out of
    the worker and earns nothing, with the compiler's message; the others
    are built without it. A worker bigger than -max-binary (64 MiB; lesson
    code with a huge initialised array makes a huge one) is not read. Before
    the first submission, the pristine kit is compiled once, so that a kit
    that cannot be built here (no module cache) stops the run with the go
    command's own words.

 5. The golden suites, the comparison and the score run in the checker's
    own process, against proxies: each of the lesson's functions, as the
    suite calls it, sends its arguments to the worker and decodes the
    answer. Each call has a time limit (-timeout, default 10s); a call that
    crashes the worker, hangs, or answers what does not decode fails that
    case only: the worker is killed and a fresh one answers the next call,
    so an endless loop in one exercise costs only its own cases. Once a
    function has run out of time, its later calls get a tenth of -timeout
    (at least 250ms): the inputs it loops on fail quickly, the others
    still pass. A fresh worker first runs the lessons' init functions and
    package-level variables, which no call's limit covers: it must say it
    is ready within -timeout too. One whose init loops, sleeps, crashes,
    exits or prints past -output is stopped with everything it started,
    never started again, and fails every exercise of the lesson its stack
    names ("the lessons' init ... did not finish within 10s", and where
    it was stuck), and of stacking, which imports it; the other lessons
    are built again without it and graded. All the
    calls of one submission share a wall-clock budget (-budget, default
    1m). Nothing the worker prints, writes or exits with decides a point:
    lesson code can print fake go test output, write forged bytes to the
    answer pipe (that call fails), answer with more than 4 MiB (that call
    fails) or race on its own memory (Go's memory
    safety does not hold under data races, but the process holds nothing
    but the learner's own answers), without effect on any other call.
    The worker runs from a fresh copy of its binary in its own process
    group, with a clean environment and GOMAXPROCS=1, an output limit
    (-output, default 1 MiB) and limits it sets on itself in a package
    whose init runs before any lesson code's: memory (-mem MiB, default
    512, of address space above what the Go runtime reserves at start),
    CPU time, file size (16 MiB), open files, core dumps and, with a
    user of its own, processes (128).

    Beside the public golden cases, every exercise runs 8 hidden cases,
    drawn fresh for the run from a seed the checker keeps (internal/hidden):
    both paddings, strides, dilations, even and odd sizes, batches, no
    bias, and inputs where Keras raises. Their expected answers are the
    reference library's (padding, conv, pool, model), computed in the
    checker's process through internal/reference, the same mapping from a
    lesson's function to the library that goldengen writes the public
    golden files with; an expected error records the library's kind. The
    worker never sees the seed nor a
    case before it is called with it, so a table of the public answers
    passes the public cases and fails the hidden ones. The summary prints
    the seed ("Hidden cases: seed N"), every row of summary.json records it
    under "under", and -seed N grades with the same hidden cases again. An
    exercise's points need every public and every hidden case to pass;
    -hidden-weight w (0 to 1) gives instead w of the points for passing
    every hidden case and 1-w for every public one. The reports say how
    many public and hidden cases each exercise passed.

    As root on Linux (-isolate, the default), every worker is in new PID,
    network, mount, IPC and UTS namespaces (syscall.SysProcAttr, no other
    tool): the checker's own binary starts as the namespaces' init, makes
    every mount read-only, mounts a /proc of its own and a private,
    size-limited tmpfs on the worker's scratch folder (its HOME and TMPDIR,
    64 MiB) and on /dev/shm (16 MiB), limits the processes of the user
    (128; where the machine offers cgroup v2 with the memory and pids
    controllers, the worker also starts in a cgroup of its own with
    memory.max, memory.swap.max 0 and pids.max, which count every
    process and tmpfs page of it), drops to a user id of the submission's own (a fresh one per
    submission, from -uid up, skipping ids that a process uses or that
    another grading run holds with a lock file in /run/convlings-grade,
    opened without following links; a bad lock file is skipped) with
    no_new_privs, and executes the worker as process 1. When it is
    killed, the kernel kills everything left in its PID namespace. Lesson
    code sees no network but a loopback of its own, no process of the
    machine, and can write nothing but its scratch tmpfs and /dev/shm,
    both gone with the worker. The output says "Isolation: namespaces".
    Where namespaces are unavailable (a container or kernel that forbids
    them), the worker runs as the user id alone, and grade warns
    "NOT ISOLATED" and records "user"; not as root, "none", with a warning;
    the checker, as the "child subreaper" of everything it starts, then
    kills any process lesson code detached. Every row of summary.json
    records its level under "under".

 6. -harness grades the older way instead (and kits other than this
    one's four lessons are always graded so): one go test -c per lesson
    with a grading harness compiled in, whose reports, signed with
    HMAC-SHA256 under a fresh key, give the scores. There the verdicts are
    made inside the process that runs lesson code, so a data race that
    forges memory can forge them, there are no hidden cases, and no
    first failing case is recorded (the reports say so and show the
    tests' messages): use it only to compare.

Outputs, under -out (default ./grades), per submission <id> (the file or
folder name without extension):

	<id>/results.json            Exercism test runner results, version 3, plus score and max_score
	<id>/gradescope/results.json Gradescope autograder results
	<id>/classroom.json          GitHub Classroom runner result (version 1)
	<id>/classroom.b64           the same, base64, for the step output "result"
	<id>/feedback.md             Markdown feedback for the learner (-lang en or ko)

and for the whole run gradebook.csv and summary.json (every row, with
timings and the isolation level it ran under, as "under"). The terminal
shows each submission's score, with every name from a submission printed
with control characters escaped (\x1b), then the isolation level. The
points of each exercise come from lessons/manifest.json. Tests appear in
the order of the lesson test files.

Exercism: task_id is the manifest's task number (the "## N." heading of
the lesson's instructions) with -lesson, which limits the file to one
lesson as Exercism grades one slug; across lessons the ids count on, so
they are unique in the file. test_code is the first failing case's call
with its expected answer (OutputLength(10, 3, 1, "valid"), want 8), as
the suites' case records give it (never read from a message, which lesson
code can write), or the test's command. When no lesson compiles, status is "error" with the
compiler's words. output is at most 500 bytes, results.json at most
500 KB (messages are shortened; scores never are).

Gradescope: -visibility (visible, after_due_date, after_published,
hidden) for the result, -hidden-visibility for the tests of the hidden
cases (a test of their own per exercise, worth no points of its own),
-leaderboard for a leaderboard of points and exercises passed.

GitHub Classroom: the base64 result stays under 100 KiB (Linux allows an
environment variable 128 KiB): messages are shortened, scores never.

gradebook.csv has one row per submission: Student, ID, SIS User ID, SIS
Login ID, Section (Canvas's grade import identifies students by these;
the student id is the submission's id, in Student and SIS Login ID),
Submitted (when the submission last changed, UTC), the points of each
lesson as "convlings <lesson> (<max>)", "convlings total (<max>)",
Graded and Notes. Canvas makes an assignment of each points column;
Moodle's CSV import maps the id column to a user field and each points
column to a grade item. Cells that start with = + - @, a tab or a
carriage return get a leading apostrophe, so a spreadsheet never runs
one as a formula.

Everything that comes from a submission (file names, compiler messages,
what lesson code printed) is escaped where it lands: as text or code
spans in Markdown and HTML, never as tags. In every output, JSON and CSV
included, control characters, bidirectional overrides and bytes that are
not UTF-8 are written as escapes (\x1b, \r, \u202e, \xff), so that no
terminal, log or page runs a sequence lesson code chose. A panic in lesson
code is placed at the learner's line, which the worker sends with its
answer.

With -github-output, a single submission's result and points are appended
as the step outputs result=<base64> and points=<x/y>; standard output ends
with "Points x/y" either way. The platforms' own glue is made by bundle.

The exit status is 0 when every submission was graded (whatever its
score), 1 when some could not be graded (not the kit, a broken archive),
2 for usage errors.

Throughput, measured from outside as a class is graded (one grade call of
40 solved submissions, every file unique so nothing of a learner's is in
the build cache, the module and the kit in the cache, isolation
"namespaces", -j 2 on the 2-core machine the kit was written on, shared
with other work, load average about 4): 9.3s, 259 submissions a minute,
against 20.8s, 116 a minute, with -harness right after it. In
BenchmarkGradeClass/solved, which grades such a class on both paths back
to back: 238 to 266 a minute on the worker path over four runs, 102 to
112 with the harness, 2.2 to 2.5 times as many. Per submission: 0.33 to
0.36s compiling the learner's four packages and linking one worker (78 to
80% of the time, two at a time), 0.08 to 0.09s running the calls of 21
exercises' public and hidden cases, including starting the worker in its
namespaces (what the sandbox costs: BenchmarkRun in internal/sandbox
measures a start per isolation level), and 0.01s reading and checking the
submission. A class with a mistake in every submission
(BenchmarkGradeClass/mistakes) grades at about 150 a minute: failing
cases are diagnosed against the mistake catalogue in the checker.

What the sandbox does not do: the hidden cases are drawn from the same
ground as the public ones, so they prove the code general over that
ground, not beyond it; their answers come from the reference library,
which is cross-checked against Keras (docs/library.md), not from Keras
itself. A learner's worker keeps
its state between calls (a fresh one starts only after a failed call).
The worker's limits are set by code that runs before lesson code, in the
worker's own process; a lesson's package init runs after them but before
the first call. Without cgroup v2 memory and pids controllers (a hybrid
hierarchy, as on the machine this was written on), memory is limited only
with rlimits (address space). Without namespaces (not root, or a runner
that forbids them), lesson code runs as the grader's user or a user id of
its own, shares the machine's network, /tmp and /dev/shm, and as the
grader's user can read what it can and change the build cache; its
answers still decide nothing but its own cases. Run grade as root, or
for a class you do not trust in a throwaway container or VM.

# Bundle

Usage: go run ./tools/checker bundle [flags] gradescope|classroom|exercism -o out

Makes the deployment of the kit on a grading platform, ready to upload,
from the kit (-kit, default this repository). Each script in it calls
grade and reads its outputs. Solutions are never included.

	bundle gradescope -o autograder.zip [-visibility v] [-hidden-visibility v] [-leaderboard] [-go 1.26.x] [-lang ko]

autograder.zip has setup.sh and run_autograder at its root and the kit
under kit/. setup.sh (run once, as root, when Gradescope builds the
image) installs Go -go when the image has no Go 1.26 or newer, from
$CONVLINGS_GO_DOWNLOAD (default the official https://go.dev/dl) into
$CONVLINGS_GO_PREFIX (default /usr/local); runs go mod download; builds
the checker once; and warms the build cache by grading the pristine kit.
run_autograder grades $AUTOGRADER_ROOT/submission (default /autograder)
into $AUTOGRADER_ROOT/results/results.json with the chosen visibility and
leaderboard, and always leaves a valid results.json: when the checker
dies or runs past $CONVLINGS_TIME_LIMIT seconds (default 540), the script
writes one with no points that says what happened and the checker's last
words. Students may submit a GitHub or Bitbucket repository, a zip of the
kit or of lessons/, or the lesson files they changed, loose.

	bundle classroom -o DIR [-repo owner/name] [-ref commit] [-lang ko]

DIR (new or empty) becomes the student template repository of a GitHub
Classroom assignment: the kit without solutions/, a README.md that starts
with how to read the grade, and .github/workflows/classroom.yml. On every
push, on a fresh ubuntu-latest runner, the workflow checks the pristine
kit out from -repo (default: the kit's git origin on GitHub) at the commit
-ref (default: the kit's HEAD; a warning names uncommitted changes) into
.convlings-pristine/, a dot-folder the grader does not count as the
student's files; sets up Go from its go.mod with the module download
cached; builds the checker from it; grades the repository with
-github-output (the step always sets "result", with a zero-point error
result if the checker dies); appends feedback.md to the run's summary;
and hands the result to classroom-resources/autograding-grading-reporter@v1
with if: always(). The reporter posts "Points x/y", the sum of the
tests' scores; its own log line "Total points" computes passed ÷ tests ×
max (issue #10 of the reporter) and can differ: the README says so.

	bundle exercism -o DIR
	bundle exercism -track -o tools/exercism

DIR (new or empty) becomes an Exercism test runner repository:
tools/exercism's Dockerfile and bin/run.sh, the kit under kit/, and the
solved lessons under reference/: Exercism grades one lesson at a time,
and a lesson may build on the ones before it (stacking composes the
learner's padding, filters and pooling), so run.sh puts those in.
Exercism's tooling builds the image (golang alpine, /opt/test-runner, a
non-root user, the modules, the checker and a warm build cache made at
build time, since the runner has no network) and runs
run.sh <slug> <solution-dir> <output-dir>: it grades the lesson <slug>
alone from the .go files in <solution-dir> (read only), writes
<output-dir>/results.json and exits 0 whatever the result, within
Exercism's 20 s. DIR/exercises/practice/<lesson>/ holds each lesson as a
practice exercise: .docs/instructions.md from the lesson's README (its
"## N." sections are the tasks results.json's task_id names) and
.meta/config.json. -track writes only those; the copy in tools/exercism is
regenerated so, and a test fails when it is stale.

# Verify

Usage: go run ./tools/checker verify [-kit dir] [-v]

Proves the kit is consistent, and exits 1 naming every problem:
lessons/manifest.json is well formed; every exercise has at least two
hints, each in English and in Korean (with Hangul in it); README.md and
README.ko.md of each lesson have the headings the exercises' links point
to (GitHub's anchors); every manifest test is declared in the lesson's
tests and every lesson test is an exercise; every function an exercise
names has the same signature in lessons/ and solutions/; the solutions,
graded as a submission, earn every point and keep the rules for lesson
code, and the pristine stubs earn none, every exercise "not started";
and, when the kit has them, go run ./tools/stubgen -check (the stubs are
what the generator makes of the solutions) and go run ./tools/goldengen
-check (the golden files are what the reference library makes) pass. -v
says more about each check. It takes about 10s with a warm build cache.

The checker's own tests run verify on the kit (TestVerifyKit, skipped
under -short), so the kit's test command,
go test $(go list ./... | grep -v /lessons/), runs it.
*/
package main
