package golden

import (
	"os"
	"strings"
)

// korean reports whether the learner reads Korean: CONVLINGS_LANG when it
// is set ("ko" or "en"), else LC_ALL, else LANG, as the checker decides.
// It reads the environment on every call, so a test can switch it with
// t.Setenv.
func korean() bool {
	if v := os.Getenv("CONVLINGS_LANG"); v != "" {
		return strings.HasPrefix(strings.ToLower(v), "ko")
	}
	for _, k := range []string{"LC_ALL", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return strings.HasPrefix(strings.ToLower(v), "ko")
		}
	}
	return false
}

// tr returns en, or ko for a Korean reader. Code, commands and file names
// stay as they are in both.
func tr(en, ko string) string {
	if korean() {
		return ko
	}
	return en
}

// readme is the link to the exercise's README section in the learner's
// language: README.ko.md for a Korean reader.
func (e Exercise) readme() string {
	if korean() {
		return "lessons/" + e.Lesson + "/README.ko.md#" + e.AnchorKo
	}
	return e.README()
}
