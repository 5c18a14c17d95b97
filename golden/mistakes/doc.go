// Package mistakes is the kit's catalogue of plausible learner mistakes:
// each one a real implementation of one wrong rule a student following the
// post might write, with a short diagnosis in English and Korean.
//
// Rules is one implementation of every function the lessons ask for, with
// a switch per mistake. Its zero value is correct (Keras's rules), and the
// kit's tests hold it to every golden case. A Mistake is a Rules with one
// switch turned on, the exercise that teaches the rule it breaks, and the
// diagnosis:
//
//	{ID: "flipped_kernel", Teaches: "filters/conv2d_valid", Rules: Rules{FlipKernel: true},
//	 En: "the kernel is flipped: Keras does not flip it …", Ko: "…"}
//
// Package golden uses the catalogue in two ways. Its tests prove that every
// mistake fails at least one case of the exercise that teaches its rule,
// and that Variants (correct implementations that compute in another
// order, in float64, by padding first or through im2col) pass every case.
// Its suites, when a learner's answer to a case fails, compute each
// mistake's answer to the same case: when one is the learner's, the
// failure names it.
//
// The package imports only tensor, so a lesson's test binary links no
// other implementation of the layers than this one.
package mistakes
