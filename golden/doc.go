// Package golden holds the kit's golden files and the suites that hold an
// implementation of a lesson to them.
//
// Suites. Each lesson has one suite, written once here and run by both
// lessons/<lesson> (the learner's stubs) and solutions/<lesson>: Padding,
// Filters, Pooling and Stacking. A suite is a struct of the lesson's
// functions with one method per exercise, named after the lesson's test
// function, in the manner of golang.org/x/net/nettest.TestConn:
//
//	var suite = golden.Padding{OutputLength: padding.OutputLength, …}
//	func TestOutputLength(t *testing.T) { suite.TestOutputLength(golden.Std(t)) }
//
// The methods take a T, which Std makes of a *testing.T and which a
// Recorder implements, so the kit's own tests can run a suite against the
// pristine stubs (every exercise must fail), the solutions (every exercise
// must pass) and deliberately wrong implementations (each listed mistake
// must fail), and inspect the outcome.
//
// Every golden case runs in its own subtest. A panic is recovered there: a
// stub's todo value is reported as "not implemented yet: see
// lessons/<lesson>/README.md#<section>" once for its exercise, and the
// other exercises still run. A failure message gives the call and its
// inputs, then the shape, then the first differing index with got and want
// and a grid around it, then the case file and the hint command.
//
// Golden files. golden/testdata/<lesson>/<Test>/<case>.golden.json, one
// case per file, are generated from the reference library by
//
//	go run ./tools/goldengen
//
// and never edited by hand; go test ./tools/goldengen fails when one is
// stale. They are embedded in this package (Files), so code under test
// cannot change what it is compared with. Encode writes them: two-space
// indented JSON with short lists on one line, and tensors as shape and
// values nested the way numpy's tolist prints them (Tensor). Where Keras
// raises, a case records the error's kind and message, and an
// implementation passes by returning any non-nil error.
//
// Values are compared with Tolerance, the kit's one definition of equal.
package golden
