// Package worker is the grading path where learner code only ever answers
// calls. The golden suites, the comparison and the score run in the
// grader's own process, against proxy implementations (Suites): a
// golden.Padding, Filters, Pooling and Stacking whose functions encode the
// call's arguments with encoding/gob, send them to a worker process, and
// decode its answer. The worker is one binary per submission, built from the
// learner's lesson packages and a main the grader generates (MainSource): a
// dispatch table by function name that recovers a panic in the learner's
// function and sends it back as a panic answer, with the frame of the lesson
// package that panicked (Response.Site), which the client's panic values
// give the suites (PanicSite), so that a message names the learner's line,
// never the client's. It embeds no golden file and
// links no reference library, only the lessons and package tensor.
//
// Calls (Client). Each call has a time limit decided by the grader. A call
// that crashes the worker, hangs, or answers what does not decode fails that
// call only: the worker is killed (in namespaces, with everything it
// started) and started again for the next call. Nothing the worker prints,
// writes or exits with decides a point: only decoded answers, compared in
// the grader.
//
// Start. A worker runs every package's init (the lessons' too) before its
// main, outside any call's time limit; main's first message is a Hello.
// The client waits for it at most InitTimeout; a worker that does not get
// ready is asked for its goroutines' stacks (to say where its init is
// stuck) and killed, and the client fails every call with that
// *InitError, without starting another worker. Text from lesson code
// (panic values, error texts, what it printed) reaches the grader through
// Printable, with its control characters escaped.
//
// Protocol. The grader writes requests on the worker's file descriptor 3
// and reads answers on its descriptor 4, one gob stream each way for the
// worker's life (the worker's Hello first); the worker's standard output and error are kept apart (the
// learner's prints, for the feedback), so a print cannot corrupt an answer.
// Lesson code can still write to descriptor 4: it can forge only its own
// answers, which is what it answers anyway.
//
// It imports the standard library, golden, tensor and internal/sandbox.
package worker
