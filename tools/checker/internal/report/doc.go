// Package report writes what grading produced, from the rows and the
// Course, never from the grader: per submission the Exercism results.json
// (v3), Gradescope's gradescope/results.json, GitHub Classroom's
// classroom.json and .b64, and feedback.md; per class gradebook.csv and
// summary.json (WriteAll). Classroom is also the GitHub Actions step
// output.
//
// It imports the standard library and internal/{kit,result,testlog,i18n,
// grade}.
package report
