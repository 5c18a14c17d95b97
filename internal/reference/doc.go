// Package reference answers the calls of every exercise of the kit with
// the reference library (packages padding, conv, pool and model): the one
// mapping from a lesson's function to the library's layers, shared by
// tools/goldengen, which writes the public golden files with it, and by
// the checker's hidden cases (tools/checker/internal/hidden), whose
// expected answers it computes in the grader's process. So every expected
// answer a learner's code is held to, public or hidden, is the library's.
//
// Answers has one function per exercise, named after the exercise's test
// without "Test" (OutputLength answers TestOutputLength): it takes the
// call as a golden file stores it and returns the answer as a golden file
// stores it, or the library's error. Each reads its call the way the
// exercise's suite in package golden turns the call into the lesson
// function's arguments (Conv2DStrided's strides (3) mean (3, 3), a
// GlobalCall names its layer, and so on), so the answer is the library's
// answer to the very call the learner's code gets. Library returns the
// library's Answers; tests replace one function with a wrong one to prove
// that a disagreement is caught (see Check).
//
// Every error an answer returns is one of the library's kinds
// (padding.Kind) or ErrUnknownLayer, for a lesson-4 layer class the kit
// does not know; Kind names it, NewCase records it, and an error of no
// kind is a bug in this package, never a case.
//
// The package is for the kit's tools, not lesson code: the grader links
// it, learners' workers never do.
package reference
