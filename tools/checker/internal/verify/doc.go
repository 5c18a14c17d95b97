// Package verify is the kit's self-check (`checker verify`): the manifest
// and its hints, README sections and links, the English texts in step with
// their Korean translations (internal/bilingual), that every lesson test is an
// exercise and every exercise's functions exist in the stubs and the
// solutions, that grading gives the solutions every point and the stubs
// none, and that the generated stubs and golden files are current.
//
// It imports the standard library and internal/{kit,proc,result,testlog,
// grade,submission,bilingual}.
package verify
