// Package learner is the checker's learner mode without its terminal: it
// runs the lesson tests of the learner's own copy of the kit (Runner),
// so that an endless loop costs the other exercises nothing, or one
// exercise alone under its own time limit (RunOne); turns `go test -json`
// into one result per exercise (Progress); follows the exercise a save
// changed and keeps the last known results (Focus, Merge); finds the next
// exercise; and keeps what the checker remembers between runs in
// .convlings-state.json at the kit's root (State: hint levels shown, the
// next exercise).
//
// Nothing here is sandboxed or graded: it is the learner's code on the
// learner's machine. Rendering is internal/view's job.
//
// It imports the standard library and internal/{kit,proc,result,testlog,i18n}.
package learner
