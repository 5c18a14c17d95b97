// Package submission opens what a learner hands in: a folder, a .zip, a
// .tar.gz or a .tgz (Open), under limits on entries and sizes, with every
// entry name checked before it is trusted (no absolute paths, no "..",
// no links or devices), and finds the kit or the lessons folder inside it
// (Locate). What it does not take it records as result.Notes.
//
// It reads; it never writes outside memory. It imports the standard
// library, internal/kit and internal/result only.
package submission
