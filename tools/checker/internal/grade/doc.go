// Package grade is the grading engine: it reads the instructor's pristine
// kit once (LoadPristine), plans each submission against it (which files
// are taken, the import policy for lesson code), compiles the lessons in a
// shared build tree, and makes a Row per submission (GradeAll, Grader).
//
// On the worker path (the default for the kit's own lessons,
// gradeworker.go), the lessons are compiled into one worker per
// submission that only answers calls, the golden suites run here against
// proxies of it (internal/worker) on the public cases and on hidden cases
// drawn for the run (internal/hidden), and the verdicts are made here. A
// lesson whose init never lets the worker get ready is left out, with the
// lessons that import it, and the worker built again without it. The
// reports' first failing case is read from the suites' structured case
// records (golden's CONVLINGS_CASE_RECORDS, which the grader sets in its
// own process), never from the suites' text, which quotes lesson code. With
// Options.UseHarness (and for other kits), each lesson's test binary runs
// in the sandbox with the grading harness, whose signed reports give the
// verdicts (internal/convlingsgrade).
//
// Before any submission, it refuses a kit that is not what its generators
// make (CheckPristine), and it picks the isolation level every run gets
// (Grader.Isolation, recorded on every Row): namespaces, a user id of the
// submission's own, or none.
//
// Learner code is hostile here: nothing it prints, writes or exits with
// decides a point.
//
// It imports the standard library, golden and internal/{kit,proc,result,
// testlog,sandbox,submission,worker,hidden}. It does not write reports (internal/report does,
// from the rows and the Course) and it does not embed the harness's
// source: the caller passes it in Options.Harness.
package grade
