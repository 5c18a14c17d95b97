// Package i18n holds the checker's learner-facing words in English and
// Korean (Tr), picks the language from the environment (LangFromEnv), and
// measures and pads text in terminal cells, where a Hangul syllable takes
// two (CellWidth, Pad). Hints, titles and README links are not here: they
// come from the manifest.
//
// It imports only the standard library.
package i18n
