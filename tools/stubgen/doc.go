// Stubgen writes the lesson stubs, lessons/<lesson>/*.go, from the solved
// lessons in solutions/<lesson>/, so that the two trees cannot drift apart.
//
// Usage, from anywhere inside the module:
//
//	go run ./tools/stubgen          rewrite the stubs in lessons/ that differ
//	go run ./tools/stubgen -check   change nothing; exit 1 and print a diff if lessons/ is not current
//
// In a solution file, the code a learner must write sits between two marker
// lines, as in nbgrader:
//
//	func OutputLength(n, k, stride int, padding string) (int, error) {
//		// BEGIN SOLUTION
//		…
//		// END SOLUTION
//	}
//
// A region inside a function must end the function's body; stubgen
// replaces it with a TODO comment and panic(todo("OutputLength")), a value
// of the lesson's own todo type that the lesson tests report as "not
// implemented yet". A region between declarations (helpers, types) is
// removed. Markers must stand alone on their line; a BEGIN inside a region,
// an END without a BEGIN and a BEGIN without an END are errors. Imports that
// the stub no longer uses are removed, and the result is gofmt'ed, so every
// stub compiles with the solution's signatures and doc comments.
//
// Import paths of solutions/ become lessons/ in every file: a lesson that
// builds on earlier ones (stacking calls padding, filters and pooling)
// imports the learner's own packages, as its solution imports the
// solutions.
//
// The lessons' _test.go files are their solution twins with those import
// paths changed. Stubs and tests are written each through a temporary file
// and a rename; -check also reports files in lessons/ that no solution
// file accounts for. The lessons come from lessons/manifest.json, which also
// maps each function to the test named in its TODO.
//
// The test TestLessonsAreCurrent (go test ./tools/stubgen), which the kit's
// test command runs, fails whenever -check would.
//
// Exit status: 0 when lessons/ is current (or was written), 1 when it is not
// or a solution file is malformed, 2 for a usage error.
package main
