// Package grade is the grading engine: it reads the instructor's pristine
// kit once (LoadPristine), plans each submission against it (which files
// are taken, the import policy for lesson code), compiles the lessons in a
// shared build tree with the grading harness, runs each lesson's test
// binary in the sandbox, and turns the harness's signed reports into a Row
// per submission (GradeAll, Grader). Before any submission, it refuses a
// kit that is not what its generators make (CheckPristine), and it picks
// the isolation level every run gets (Grader.Isolation, recorded on every
// Row): namespaces, a user id of the submission's own, or none.
//
// Learner code is hostile here: nothing it prints, writes or exits with
// decides a point; the verdicts come from the signed reports (see
// internal/sandbox and internal/convlingsgrade).
//
// It imports the standard library and internal/{kit,proc,result,testlog,
// sandbox,submission}. It does not write reports (internal/report does,
// from the rows and the Course) and it does not embed the harness's
// source: the caller passes it in Options.Harness.
package grade
