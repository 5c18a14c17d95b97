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
// Failures. A suite computes every case of an exercise first, then
// reports each case in its own subtest named after the case, so
// go test ./lessons/filters -run 'TestConv2DValid/asymmetric_kernel' reruns
// one case. The first failing case is reported in full: the mistake it
// matches, if any (below), the call and its inputs, the shape, the first
// differing index with got and want and a grid around it, for a
// convolution or a pooling a picture of the window behind that cell (the
// padded input with the cells it reads, the padding and the cells no
// window reads marked, beside the output), then the case file. Every other
// failing case takes one line. The test ends, once, with how many cases
// fail, the hint command and the command that reruns one case. TestForward
// also names the first layer whose output differs, with that layer's
// grid. A panic is recovered per case: a stub's todo value is reported as
// "not implemented yet: see lessons/<lesson>/README.md#<section>" once for
// its exercise, and any other panic with where it happened: the frame
// that raised it, or, when the panic value has a PanicSite() string method
// (the grader's worker proxies re-raise a panic recovered in the worker
// process), the place that method gives ("" for none).
//
// Mistakes. When a failing answer is what one of the catalogue's mistakes
// (package golden/mistakes) computes for that case, the failure says so
// first: "This is what you get when the kernel is flipped: Keras does not
// flip it …". Where several match, the one that matches the most cases of
// the test is named.
//
// Language. Every message is in Korean when CONVLINGS_LANG starts with
// "ko", or, without CONVLINGS_LANG, when LC_ALL (else LANG) does; it then
// links README.ko.md. Code, commands and file names stay as they are.
//
// Case records. With CONVLINGS_CASE_RECORDS=1 in the environment, every
// failing case also logs one line, for tools that read go test's output:
//
//	convlings-case {"exercise":"filters/conv2d_valid","test":"TestConv2DValid","case":"asymmetric_kernel", …}
//
// The JSON object, on the same line, holds:
//
//	exercise    the exercise's id, "filters/conv2d_valid"
//	test        its test function, "TestConv2DValid"
//	case        the case's name
//	file        the golden file, "golden/testdata/filters/TestConv2DValid/asymmetric_kernel.golden.json"
//	call        the call as the failure shows it, "Conv2D(x, kernel, bias)"
//	layer       null, or the case as one tools/eval layer case ("layer",
//	            "config", "input_shape", and for values "input" and
//	            "weights"), so that it can be run again exactly: a Conv1D
//	            for the axis exercises, a ZeroPadding2D for PaddingPairs,
//	            the layer for the shape and value exercises, and for
//	            TestForward the first wrong layer fed with Keras's output of
//	            the layer before; null for TestSummary
//	want        {"shape": […], "values": […]} for a tensor (values flat,
//	            row-major), {"value": …} for any other answer, as plain
//	            JSON, or {"error": "<kind>"} where Keras raises
//	got         the same forms, {"error": "<message>"} for a returned
//	            error, or {"panic": "<message>"}
//	first_diff  the first differing index of a tensor (for TestForward, in
//	            the first wrong layer's output; for TestSummary, [row]), or null
//	mistake     null, or the catalogue's entry the answer matches:
//	            {"id": …, "en": …, "ko": …}
//	window      null, or for a convolution or pooling the window behind
//	            the first wrong cell: {"rows": [r0, r1], "cols": [c0, c1],
//	            "stride": [sh, sw], "pad": [[top, bottom], [left, right]]},
//	            rows and columns inclusive, in the input's coordinates
//	            (the padding before is negative)
//
// A value JSON cannot hold (NaN, ±Inf) is null. Without the variable,
// nothing is logged.
//
// Golden files. golden/testdata/<lesson>/<Test>/<case>.golden.json, one
// case per file, are generated from the reference library by
//
//	go run ./tools/goldengen
//
// and never edited by hand; go test ./tools/goldengen fails when one is
// stale. TestForward's answers (ForwardWant) also hold each layer's output. They are embedded in this package (Files), so code under test
// cannot change what it is compared with. Encode writes them: two-space
// indented JSON with short lists on one line, and tensors as shape and
// values nested the way numpy's tolist prints them (Tensor). Where Keras
// raises, a case records the error's kind and message, and an
// implementation passes by returning any non-nil error.
//
// Values are compared with Tolerance, the kit's one definition of equal.
package golden
