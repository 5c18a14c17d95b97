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
// Expected answers are computed in the grader's process by the mistake
// catalogue's Rules with no mistake switched on (golden/mistakes): one
// implementation of every function of the lessons, with exactly their
// signatures, that the kit's tests hold to every golden file (which
// goldengen makes from the reference library), and that ships with the
// kit wherever the checker is built (the platform bundles leave solutions/
// out). This package's tests run the solutions, a second implementation,
// on many drawn cases: the two agree on every one. Where Rules returns an
// error, the case expects one (any error passes, as with the golden files).
package hidden
