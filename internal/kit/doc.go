// Package kit locates the convlings kit on disk and reads its lessons
// manifest (lessons/manifest.json): the lessons in course order, their
// exercises, the test that grades each, its points and hints.
//
// It is the one reader of the manifest and the one finder of the module
// root for the whole module: the checker, stubgen, goldengen and golden's
// tests all use it. It also holds WriteFileAtomic, the write every generator
// uses so that readers never see half a file.
//
// It imports only the standard library. Lesson code cannot import it: the
// grader's import policy allows lesson code the standard library and the
// tensor package only.
package kit
