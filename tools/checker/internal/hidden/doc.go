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
// Expected answers are the reference library's (packages padding, conv,
// pool and model), computed in the grader's process through
// internal/reference: the same mapping from a lesson's function to the
// library with which tools/goldengen writes every public golden file. So
// a hidden case is judged by the code that judges the public ones, also
// outside the ground the golden files cover. Where the library raises, the
// case expects an error and records the library's kind
// ("nonpositive_output", "invalid_padding_mode", …; any error passes, as
// with the golden files). Where the lessons' contract is narrower than the
// library's API (a padding of "" or Conv1D's 'causal'), internal/reference
// says so, in one place.
//
// Generate checks its own output before it returns it: it reads every case
// back as the suites will and answers the decoded call again, so each
// case holds the library's answer to the very call a learner's code gets;
// a case that does not is an error, never a case. The library ships with
// the kit wherever the checker is built (the platform bundles leave only
// solutions/ out). This package's tests hold the cases to the library
// exactly over 100 seeds, prove with a wrong double of the library that
// the check catches a disagreement, and run the solutions (written apart
// from the library) and the mistake catalogue's correct variants on many
// seeds: they pass every case, and every cataloged mistake fails some.
package hidden
