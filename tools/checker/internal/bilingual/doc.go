// Package bilingual keeps the kit's English texts and their Korean
// translations in step, and checks that GitHub renders the bold spans of
// either.
//
// A translation is the file X.ko.md beside X.md (README.md and README.ko.md).
// [Compare] holds the two to the same outline: the same headings at the same
// levels, and in every section the same code spans, the same link targets,
// the same numbers in the prose, and the same fenced blocks, line for line
// (a line of a block with no Hangul must be the English line unchanged; a
// translated line must carry the same numbers). A fact that changes in one
// language and not in the other then fails the kit's tests.
//
// [Emphasis] finds the ** delimiters that CommonMark, and so GitHub, will
// show as literal asterisks: a closing ** after punctuation followed by a
// letter (**깊이(depth)**를), or an opening one the other way round. Korean
// text meets this often, because a particle follows the closing ** with no
// space.
//
// The checker's verify command and this package's tests run both over every
// pair in the repository ([Pairs]).
package bilingual
