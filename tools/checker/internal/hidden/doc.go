// Package hidden draws the grader's hidden cases: for every exercise, new
// random cases from a seed the grader keeps (Generate), beside the public
// golden cases. The worker never sees the seed nor the cases before it is
// called with them, so a table of the public answers scores nothing here,
// and correct code passes them.
//
// The cases cover the ground the public ones do: 'valid' and 'same',
// strides, dilations, even and odd sizes, kernels larger than the input,
// batches, no bias, and the inputs where Keras raises. Tensor values are
// quarters in [-2, 2], as the golden files' are, so every sum is exact in
// float32 in any order and the kit's Tolerance applies unchanged.
//
// Expected answers are computed in the grader's process by the solutions
// (solutions/<lesson>), not by the reference library: they have exactly the
// lessons' signatures, so one call gives the answer in the suites' own
// form, and the kit's tests hold them to every golden file, which
// goldengen makes from the reference library; this package's tests
// compare them with the reference library on many drawn cases as well.
// Where a solution returns an error, the case expects one (any error
// passes, as with the golden files).
package hidden
