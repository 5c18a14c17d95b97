package i18n

import (
	"fmt"
	"regexp"
	"strings"
)

// The learner-facing words of the checker, in English and Korean. Hints,
// titles and README links come from the manifest.
var messages = map[string]map[string]string{
	"en": {
		"passed":         "passed",
		"failed":         "failed",
		"not started":    "not started",
		"error":          "error",
		"progress":       "convlings: %d of %d exercises pass, %s of %s points",
		"pt":             "pt",
		"points":         "points",
		"next":           "Next: %s (%s)",
		"read":           "Read:",
		"hint":           "Hint:",
		"test":           "Test:",
		"all done":       "Every exercise passes. Well done!",
		"hint head":      "Hint %d of %d for %s",
		"hint more":      "Run the same command again for hint %d of %d.",
		"hint more w":    "Press h again for hint %d of %d.",
		"hint last":      "That was the last hint. The README section explains the rule: %s",
		"hint reset":     "Hints for %s will start again from the first one.",
		"watching":       "Watching lessons/ (%s). Keys: r rerun, h hint, e detail, q quit.",
		"watching np":    "Watching lessons/ (%s). Press Ctrl-C to stop.",
		"running":        "Running the lesson tests…",
		"mode events":    "file events",
		"mode poll":      "polling every %s",
		"no events":      "File events do not seem to arrive here: switched to polling every %s.",
		"not ran":        "(not run yet)",
		"focus":          "Now: %s (%s)",
		"running one":    "Running %s…",
		"running rest":   "Running the other exercises… (keys work meanwhile)",
		"focus passes":   "✓ %s passes.",
		"editing":        "← editing",
		"lesson passes":  "%d of %d pass",
		"more lines":     "… (%d more lines)",
		"more lines e":   "… (%d more lines: press e to show them)",
		"fold e":         "(press e to fold the detail)",
		"press h":        "press h",
		"focus on":       "Showing %s first; save a change to another exercise's function and watch moves there.",
		"all done next":  "Every exercise passes. Well done! What to do next: %s",
		"no exercise":    "no exercise %q in %s; the exercises are: %s",
		"no hints":       "%s has no hints; read %s",
		"no file events": "no file events (%v): polling every %s",
	},
	"ko": {
		"passed":         "통과",
		"failed":         "실패",
		"not started":    "시작 전",
		"error":          "오류",
		"progress":       "convlings: 연습 문제 %d/%d개 통과, %s/%s점",
		"pt":             "점",
		"points":         "점",
		"next":           "다음: %s (%s)",
		"read":           "읽기:",
		"hint":           "힌트:",
		"test":           "테스트:",
		"all done":       "모든 연습 문제를 통과했습니다. 수고하셨습니다!",
		"hint head":      "%[3]s 힌트 %[1]d/%[2]d",
		"hint more":      "같은 명령을 다시 실행하면 다음 힌트(%d/%d)를 볼 수 있습니다.",
		"hint more w":    "h를 다시 누르면 다음 힌트(%d/%d)를 볼 수 있습니다.",
		"hint last":      "마지막 힌트였습니다. 규칙은 README의 이 절에 설명되어 있습니다: %s",
		"hint reset":     "%s의 힌트를 다음에는 처음부터 다시 보여 줍니다.",
		"watching":       "lessons/ 감시 중 (%s). 키: r 다시 실행, h 힌트, e 자세히, q 끝내기.",
		"watching np":    "lessons/ 감시 중 (%s). 끝내려면 Ctrl-C를 누르세요.",
		"running":        "레슨 테스트를 실행하는 중…",
		"mode events":    "파일 이벤트",
		"mode poll":      "%s마다 확인",
		"no events":      "이 파일 시스템에서는 파일 이벤트가 오지 않는 것 같습니다. %s마다 직접 확인하는 방식으로 바꿨습니다.",
		"not ran":        "(아직 실행 전)",
		"focus":          "지금: %s (%s)",
		"running one":    "%s 실행 중…",
		"running rest":   "나머지 연습 문제를 실행하는 중… (그동안에도 키를 쓸 수 있습니다)",
		"focus passes":   "✓ %s 통과.",
		"editing":        "← 고치는 중",
		"lesson passes":  "%d/%d 통과",
		"more lines":     "… (%d줄 더 있음)",
		"more lines e":   "… (%d줄 더 있음: e를 누르면 모두 보여 줍니다)",
		"fold e":         "(e를 누르면 다시 접습니다)",
		"press h":        "h를 누르세요",
		"focus on":       "%s부터 보여 줍니다. 다른 연습 문제의 함수를 고쳐 저장하면 그 연습 문제로 넘어갑니다.",
		"all done next":  "모든 연습 문제를 통과했습니다. 수고하셨습니다! 다음에 해 볼 것: %s",
		"no exercise":    "%[2]s에 %[1]q 연습 문제가 없습니다. 연습 문제 목록: %[3]s",
		"no hints":       "%s에는 힌트가 없습니다. README의 이 절을 읽어 보세요: %s",
		"no file events": "파일 이벤트를 쓸 수 없어(%v) %s마다 직접 확인합니다",
	},
}

// reasonsKo are the Korean words for the reasons a result gives.
var reasonsKo = map[string]string{
	"does not compile":  "컴파일되지 않음",
	"did not run":       "실행되지 않음",
	"timed out":         "시간 초과",
	"crashed":           "비정상 종료",
	"deadlock":          "교착 상태",
	"ran out of memory": "메모리 부족",
	"skipped":           "건너뜀",
}

// stuckKo matches the part of a timeout's reason that says where the code
// was: "still running in pkg.Func (file:line): an endless loop?" or
// "waiting (state) in pkg.Func (file:line): a deadlock?".
var stuckKo = regexp.MustCompile(`^(timed out(?: after \S+)?), (?:still running in (.+): an endless loop\?|waiting \((.+)\) in (.+): a deadlock\?)$`)

// TrReason returns the reason of a result (why it did not pass or fail
// normally) in lang.
func TrReason(lang, reason string) string {
	if lang != "ko" {
		return reason
	}
	if k, ok := reasonsKo[reason]; ok {
		return k
	}
	if m := stuckKo.FindStringSubmatch(reason); m != nil {
		head := "시간 초과"
		if after, ok := strings.CutPrefix(m[1], "timed out after "); ok {
			head = after + " 시간 초과"
		}
		if m[2] != "" {
			return head + ", " + m[2] + "에서 아직 실행 중: 무한 루프일까요?"
		}
		return head + ", " + m[4] + "에서 기다리는 중(" + m[3] + "): 교착 상태일까요?"
	}
	if after, ok := strings.CutPrefix(reason, "timed out after "); ok {
		return after + " 시간 초과"
	}
	return reason
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
