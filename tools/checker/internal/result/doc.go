// Package result holds the outcome of one exercise (Result, Status) and of
// a submission's files (Note), shared by the learner views, the grader and
// the reports, plus the text helpers every writer of them uses: Clip, the
// one truncation, and ByteSize.
//
// It imports the standard library and internal/kit only.
package result
