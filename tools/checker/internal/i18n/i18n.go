package i18n

import (
	"fmt"
	"strings"
)

// The learner-facing words of the checker, in English and Korean. Hints,
// titles and README links come from the manifest.
var messages = map[string]map[string]string{
	"en": {
		"passed":      "passed",
		"failed":      "failed",
		"not started": "not started",
		"error":       "error",
		"progress":    "convlings: %d of %d exercises pass, %s of %s points",
		"pt":          "pt",
		"points":      "points",
		"next":        "Next: %s (%s)",
		"read":        "Read:",
		"hint":        "Hint:",
		"test":        "Test:",
		"all done":    "Every exercise passes. Well done!",
		"hint head":   "Hint %d of %d for %s",
		"hint more":   "Run the same command again for hint %d of %d.",
		"hint more w": "Press h again for hint %d of %d.",
		"hint last":   "That was the last hint. The README section explains the rule: %s",
		"hint reset":  "Hints for %s will start again from the first one.",
		"watching":    "Watching lessons/ for changes (%s). Keys: r run again, h hint, q quit.",
		"watching np": "Watching lessons/ for changes (%s). Press Ctrl-C to stop.",
		"running":     "Running the lesson tests…",
		"mode events": "file events",
		"mode poll":   "polling every %s",
		"no events":   "File events do not seem to arrive here: switched to polling every %s.",
		"not ran":     "(not run yet)",
	},
	"ko": {
		"passed":      "통과",
		"failed":      "실패",
		"not started": "시작 전",
		"error":       "오류",
		"progress":    "convlings: 연습 문제 %d/%d 통과, 점수 %s/%s",
		"pt":          "점",
		"points":      "점",
		"next":        "다음: %s (%s)",
		"read":        "읽기:",
		"hint":        "힌트:",
		"test":        "테스트:",
		"all done":    "모든 연습 문제를 통과했습니다. 수고하셨습니다!",
		"hint head":   "%[3]s 힌트 %[1]d/%[2]d",
		"hint more":   "같은 명령을 다시 실행하면 힌트 %d/%d를 볼 수 있습니다.",
		"hint more w": "h를 다시 누르면 힌트 %d/%d를 볼 수 있습니다.",
		"hint last":   "마지막 힌트였습니다. 규칙은 README 절에 설명되어 있습니다: %s",
		"hint reset":  "%s의 힌트를 처음부터 다시 보여 줍니다.",
		"watching":    "lessons/의 변경을 지켜보는 중 (%s). 키: r 다시 실행, h 힌트, q 끝내기.",
		"watching np": "lessons/의 변경을 지켜보는 중 (%s). 끝내려면 Ctrl-C.",
		"running":     "레슨 테스트를 실행하는 중…",
		"mode events": "파일 이벤트",
		"mode poll":   "%s마다 확인",
		"no events":   "이 파일 시스템에서는 파일 이벤트가 오지 않는 것 같습니다: %s마다 확인하는 방식으로 바꿨습니다.",
		"not ran":     "(아직 실행 전)",
	},
}

// Tr returns the message key in lang, formatted with args.
func Tr(lang, key string, args ...any) string {
	m := messages[lang]
	if m == nil {
		m = messages["en"]
	}
	s, ok := m[key]
	if !ok {
		s = messages["en"][key]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// LangFromEnv picks "ko" when the locale says Korean, else "en", reading
// the variables in the order setlocale does.
func LangFromEnv(getenv func(string) string) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		if s := getenv(v); s != "" {
			if strings.HasPrefix(strings.ToLower(s), "ko") {
				return "ko"
			}
			return "en"
		}
	}
	return "en"
}

// CheckLang validates a -lang flag value.
func CheckLang(lang string) error {
	if lang != "en" && lang != "ko" {
		return fmt.Errorf("-lang %q: want en or ko", lang)
	}
	return nil
}

// CellWidth returns how many terminal cells s takes: Hangul and other East
// Asian wide characters take two.
func CellWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF && r != 0x303F,
			r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F,
			r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
			w += 2
		case r < 0x20 || r == 0x7F:
		default:
			w++
		}
	}
	return w
}

// Pad pads s with spaces to w terminal cells.
func Pad(s string, w int) string {
	if n := CellWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
