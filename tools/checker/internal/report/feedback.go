package report

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/i18n"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/testlog"
)

// words are feedback.md's sentences in each language. Korean is written
// as Korean, not word for word: the post's own words (윈도우, 필터,
// 스트라이드, 패딩) where it names them.
var words = map[string]map[string]string{
	"en": {
		"title":        "# convlings: feedback for %s\n\n",
		"ungraded":     "**Your submission could not be graded:** %s\n\n",
		"ungraded how": "Hand in the lesson files you changed (such as padding.go), a .zip of your `lessons` folder, or your whole copy of the kit.\n",
		"score":        "**Score: %s of %s points** (%d of %d exercises pass)\n\n",
		"table":        "| Lesson | Exercise | Points | Status |\n|---|---|---:|---|\n",
		"wrong":        "\n## What went wrong\n",
		"first case":   "The first failing case: %s, expected %s.\n\n",
		"no record":    "The grader kept no record of the first failing case; the test's messages are below.\n\n",
		"printed":      "Your code printed:\n\n",
		"read":         "Read %s in the lesson's README",
		"hint":         ". A first hint: %s",
		"todo":         "\n## Not started yet\n\n%s\n",
		"original":     "%s",
		"gs score":     "**%s of %s points.**\n",
		"gs first":     "First failing case: %s\nwant: %s",
		"gs public":    "%d of %d public cases pass.",
		"gs hidden":    "%d of %d hidden cases pass.",
		"gs output":    "Output of your code:",
	},
	"ko": {
		"title":        "# convlings 채점 결과: %s\n\n",
		"ungraded":     "**제출물을 채점하지 못했습니다.** 이유: %s\n\n",
		"ungraded how": "고친 레슨 파일(예: padding.go)만 올리거나, `lessons` 폴더를 .zip으로 묶거나, 키트 전체를 제출하세요.\n",
		"score":        "**점수: %[2]s점 만점에 %[1]s점** (연습 문제 %[4]d개 중 %[3]d개 통과)\n\n",
		"table":        "| 레슨 | 연습 문제 | 점수 | 상태 |\n|---|---|---:|---|\n",
		"wrong":        "\n## 틀린 곳\n",
		"first case":   "처음 틀린 경우: %s, 기대한 값은 %s입니다.\n\n",
		"no record":    "채점기가 처음 틀린 경우를 기록하지 못했습니다. 아래 테스트 메시지를 보세요.\n\n",
		"printed":      "코드가 출력한 내용:\n\n",
		"read":         "레슨 README의 %s 절을 읽어 보세요",
		"hint":         ". 첫 번째 힌트: %s",
		"todo":         "\n## 아직 시작하지 않은 연습 문제\n\n%s\n",
		"original":     "(채점기의 원래 메시지: %s)",
		"gs score":     "**%[2]s점 만점에 %[1]s점**\n",
		"gs first":     "처음 틀린 경우: %s\n기대한 값: %s",
		"gs public":    "공개 테스트 케이스 %[2]d개 중 %[1]d개 통과.",
		"gs hidden":    "숨겨진 테스트 케이스 %[2]d개 중 %[1]d개 통과.",
		"gs output":    "코드가 출력한 내용:",
	},
}

func w(lang, key string) string {
	if m := words[lang]; m != nil {
		if s, ok := m[key]; ok {
			return s
		}
	}
	return words["en"][key]
}

// koReasons turns the grader's one-line reasons into Korean: the pattern
// in English, and its Korean with the captured parts kept.
var koReasons = []struct {
	re *regexp.Regexp
	ko string
}{
	{regexp.MustCompile(`^does not compile$`), "컴파일되지 않습니다"},
	{regexp.MustCompile(`^not graded$`), "채점하지 못했습니다"},
	{regexp.MustCompile(`^breaks the rules for lesson code$`), "레슨 코드 규칙을 어겼습니다"},
	{regexp.MustCompile(`^timed out after (\S+)$`), "${1} 안에 끝나지 않았습니다"},
	{regexp.MustCompile(`^timed out after (\S+), still running in (\S+): an endless loop\?$`), "${1} 안에 끝나지 않았습니다. ${2}에서 아직 실행 중이었으니 무한 루프가 아닌지 확인해 보세요"},
	{regexp.MustCompile(`^still running in (\S+): an endless loop\?$`), "${1}에서 아직 실행 중이었습니다. 무한 루프가 아닌지 확인해 보세요"},
	{regexp.MustCompile(`^deadlock: all goroutines are asleep$`), "교착 상태입니다: 모든 고루틴이 멈춰 있습니다"},
	{regexp.MustCompile(`^ran out of memory \(limit (\d+) MiB\)$`), "메모리 한도(${1} MiB)를 넘었습니다"},
	{regexp.MustCompile(`^did not run$`), "실행되지 않았습니다"},
	{regexp.MustCompile(`^test not found in the binary$`), "테스트를 찾지 못했습니다"},
	{regexp.MustCompile(`^the test run was tampered with$`), "테스트 실행이 조작되었습니다"},
	{regexp.MustCompile(`^timed out after (\S+), waiting \((.*)\) in (\S+) \((.*)\): a deadlock\?$`), "${1} 안에 끝나지 않았습니다. ${3}(${4})에서 기다리는 중(${2})이었으니 교착 상태가 아닌지 확인해 보세요"},
	{regexp.MustCompile(`^timed out$`), "시간 안에 끝나지 않았습니다"},
	{regexp.MustCompile(`^deadlock$`), "교착 상태입니다"},
	{regexp.MustCompile(`^ran out of memory$`), "메모리가 모자랐습니다"},
	{regexp.MustCompile(`^crashed$`), "테스트 도중 프로그램이 멈췄습니다"},
	{regexp.MustCompile(`^the test process exited with status 0 before its tests finished .*$`), "테스트가 끝나기 전에 프로세스가 상태 0으로 끝났습니다. 레슨 코드가 os.Exit을 부르지 않는지 확인해 보세요"},
	{regexp.MustCompile(`^the test process exited with status (\d+) during the test .*$`), "테스트 도중 프로세스가 끝났습니다(종료 상태 ${1}). 레슨 코드의 os.Exit이나 log.Fatal을 확인해 보세요"},
	{regexp.MustCompile(`^panic: (.*)$`), "패닉이 일어났습니다: ${1}"},
	{regexp.MustCompile(`^test binary too big$`), "테스트 바이너리가 너무 큽니다"},
	{regexp.MustCompile(`^worker binary too big$`), "워커 바이너리가 너무 큽니다"},
	{regexp.MustCompile(`^skipped$`), "건너뛰었습니다"},
	{regexp.MustCompile(`^the submission's time budget \((\S+) for all its tests\) ran out$`), "제출물 하나에 주어진 시간(모든 테스트를 합쳐 ${1})을 다 썼습니다"},
	{regexp.MustCompile(`^stopped: the submission's time budget ran out while the lessons' init ran$`), "레슨의 초기화(init)가 도는 동안 제출물 하나에 주어진 시간을 다 써서 멈췄습니다"},
	{regexp.MustCompile(`^stopped: (.*)$`), "중단되었습니다: ${1}"},
	{regexp.MustCompile(`^crashed before any test ran: (.*)$`), "테스트가 하나도 실행되기 전에 프로그램이 멈췄습니다: ${1}"},
	{regexp.MustCompile(`^the test binary stopped before the grading harness started: (.*)$`), "채점 하네스가 시작되기 전에 테스트 바이너리가 멈췄습니다: ${1}"},
	{regexp.MustCompile(`^the checker has no suite for (\S+)$`), "채점기에 ${1}의 테스트 모음이 없습니다"},
	{regexp.MustCompile(`^imports lessons/(\S+), whose init did not finish$`), "가져오는(import) lessons/${1}의 초기화(init)가 끝나지 않았습니다"},
	{regexp.MustCompile(`^the lessons' init \(their init functions and package-level variables\) did not finish within (\S+)$`), "레슨의 초기화(init 함수와 패키지 수준 변수의 초깃값)가 ${1} 안에 끝나지 않았습니다"},
	{regexp.MustCompile(`^the lessons' init printed more output than the grader keeps, so the worker was stopped$`), "레슨의 초기화(init)가 채점기가 보관하는 양보다 많이 출력해서 워커를 멈췄습니다"},
	{regexp.MustCompile(`^the worker's first answer was not its hello \(lesson code wrote to the answer pipe in an init\?\): (.*)$`), "워커의 첫 응답이 준비 신호(hello)가 아니었습니다(${1}). init에서 레슨 코드가 응답 파이프에 쓰지 않는지 확인해 보세요"},
	{regexp.MustCompile(`^the worker exited with status 0 while the lessons' init ran \(os\.Exit in an init function\?\)$`), "레슨의 초기화(init)가 도는 동안 워커가 상태 0으로 끝났습니다. init 함수에서 os.Exit을 부르지 않는지 확인해 보세요"},
	{regexp.MustCompile(`^the worker crashed while the lessons' init ran: (.*)$`), "레슨의 초기화(init)가 도는 동안 워커가 비정상 종료했습니다: ${1}"},
	{regexp.MustCompile(`^could not run the test binary: (.*)$`), "테스트 바이너리를 실행하지 못했습니다: ${1}"},
	{regexp.MustCompile(`^printed more than (.+), so the run was stopped$`), "${1}보다 많이 출력해서 실행을 멈췄습니다"},
	{regexp.MustCompile(`^the test process was killed by (.*)$`), "테스트 프로세스가 신호(${1})를 받고 끝났습니다"},
	{regexp.MustCompile(`^the test process exited with status (\d+)$`), "테스트 프로세스가 끝났습니다(종료 상태 ${1})"},
}

// koNotes are the notes' texts in Korean, matched like koReasons.
var koNotes = []struct {
	re *regexp.Regexp
	ko string
}{
	{regexp.MustCompile(`^not in the submission; the kit's stubs are graded$`), "제출물에 없어서 키트의 빈 함수(스텁)로 채점했습니다"},
	{regexp.MustCompile(`^changed; the kit's copy is used$`), "바뀌어 있어서 키트의 원본을 썼습니다"},
	{regexp.MustCompile(`^changed test file; the kit's copy is used$`), "테스트 파일이 바뀌어 있어서 키트의 원본을 썼습니다"},
	{regexp.MustCompile(`^added test file; tests come from the kit, so it is not used$`), "새로 추가한 테스트 파일은 쓰지 않습니다. 테스트는 키트의 것을 씁니다"},
	{regexp.MustCompile(`^files in sub-folders of a lesson are not graded$`), "레슨의 하위 폴더에 있는 파일은 채점하지 않습니다"},
	{regexp.MustCompile(`^only .go files are graded$`), ".go 파일만 채점합니다"},
	{regexp.MustCompile(`^changed; only .go files are graded$`), "바뀌었지만 .go 파일만 채점합니다"},
	{regexp.MustCompile(`^not in a lesson of the kit$`), "키트의 레슨에 속하지 않는 파일입니다"},
	{regexp.MustCompile(`^added; not part of the kit, so it is not used$`), "키트에 없는 파일이라 쓰지 않았습니다"},
	{regexp.MustCompile(`^placed at (\S+) \(by its package clause, package (\S+)\)$`), "package 선언(${2})을 보고 ${1}에 두었습니다"},
	{regexp.MustCompile(`^placed at (\S+) \(by the functions it declares\)$`), "선언한 함수를 보고 ${1}에 두었습니다"},
	{regexp.MustCompile(`^appears (\d+) times in the archive; .*$`), "압축 파일에 ${1}번 들어 있어서 어느 것도 쓰지 않았습니다"},
	{regexp.MustCompile(`^line (\d+): (.*)$`), "${1}번째 줄이 규칙을 어겼습니다"},
	{regexp.MustCompile(`^not extracted: .*$`), "꺼내지 않았습니다(일반 파일이 아닙니다)"},
	{regexp.MustCompile(`^lies loose at the top, .*$`), "어느 레슨의 파일인지 알 수 없어 채점하지 않았습니다"},
}

// localise returns text in lang through table; text the table does not
// know is kept, as the checker's own words in a code span, so that the
// Korean feedback has no English sentence outside code.
func localise(lang, text string, table []struct {
	re *regexp.Regexp
	ko string
}) string {
	if lang != "ko" {
		return mdText(text)
	}
	for _, t := range table {
		if t.re.MatchString(text) {
			return mdText(t.re.ReplaceAllString(text, t.ko))
		}
	}
	return fmt.Sprintf(w(lang, "original"), mdCode(text))
}

// sentence ends text with a full stop, unless it already ends in one.
func sentence(s string) string {
	s = strings.TrimRight(s, " ")
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".?!") {
		return s
	}
	return s + "."
}

// Feedback returns the Markdown a learner reads, in lang ("en" or "ko").
// Everything that came from the submission is escaped.
func Feedback(c *grade.Course, row *grade.Row, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, w(lang, "title"), mdText(row.ID))
	if !row.Graded {
		fmt.Fprintf(&b, w(lang, "ungraded"), localise(lang, row.Error, koReasons))
		b.WriteString(w(lang, "ungraded how"))
		writeNotesMD(&b, row.Notes, lang)
		return b.String()
	}
	passed := 0
	for _, r := range row.Results {
		if r.Status == result.Passed {
			passed++
		}
	}
	fmt.Fprintf(&b, w(lang, "score"), result.FormatPoints(row.Score), result.FormatPoints(row.MaxScore), passed, len(row.Results))
	b.WriteString(w(lang, "table"))
	marks := map[result.Status]string{result.Passed: "✅", result.Failed: "❌", result.NotStarted: "⬜", result.Errored: "⚠️"}
	for _, r := range ordered(c, row) {
		ex := r.Exercise
		st := i18n.Tr(lang, string(r.Status))
		if r.Reason != "" && r.Status != result.Passed {
			st += ": " + localise(lang, r.Reason, koReasons)
		}
		fmt.Fprintf(&b, "| %s | %s | %s/%s | %s %s |\n", mdText(ex.Lesson.Title.In(lang)), mdCode(ex.ID()), result.FormatPoints(r.Points()), result.FormatPoints(ex.Points), marks[r.Status], st)
	}
	first := true
	for _, r := range ordered(c, row) {
		if r.Status == result.Passed || r.Status == result.NotStarted {
			continue
		}
		if first {
			b.WriteString(w(lang, "wrong"))
			first = false
		}
		ex := r.Exercise
		fmt.Fprintf(&b, "\n### %s (%s/%s)\n\n", mdText(ex.ID()), result.FormatPoints(r.Points()), result.FormatPoints(ex.Points))
		if r.Reason != "" {
			fmt.Fprintf(&b, "%s\n\n", sentence(upperFirst(localise(lang, r.Reason, koReasons))))
		}
		if f := firstFailing(r); f != nil {
			fmt.Fprintf(&b, w(lang, "first case"), mdCode(f.Call), mdCode(f.Want))
		} else if noRecord(r) {
			b.WriteString(w(lang, "no record"))
		}
		if r.Message != "" {
			b.WriteString(mdBlock(testlog.Head(result.Clip(r.Message, 6000), 40)) + "\n")
		}
		if r.Output != "" {
			b.WriteString(w(lang, "printed") + mdBlock(testlog.Head(result.Clip(r.Output, 1500), 15)) + "\n")
		}
		if link := ex.ReadmeLink(lang); link != "" {
			fmt.Fprintf(&b, w(lang, "read"), mdCode(link))
		}
		if len(ex.Hints) > 0 {
			hint := w(lang, "hint")
			if ex.ReadmeLink(lang) == "" {
				hint = strings.TrimPrefix(hint, ". ")
			}
			fmt.Fprintf(&b, hint, mdText(ex.Hints[0].In(lang)))
		}
		b.WriteString("\n")
	}
	var todo []string
	for _, r := range ordered(c, row) {
		if r.Status == result.NotStarted {
			todo = append(todo, mdCode(r.Exercise.ID()))
		}
	}
	if len(todo) > 0 {
		fmt.Fprintf(&b, w(lang, "todo"), strings.Join(todo, ", "))
	}
	writeNotesMD(&b, row.Notes, lang)
	return b.String()
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var noteTitles = map[string]map[string]string{
	"en": {
		"policy":   "Rules for lesson code that were broken",
		"rejected": "Files the grader did not use",
		"tamper":   "Signs of tampering",
		"ignored":  "Files that are not graded",
		"info":     "Notes",
		"more":     "- … and %d more",
	},
	"ko": {
		"policy":   "어긴 레슨 코드 규칙",
		"rejected": "채점에 쓰지 않은 파일",
		"tamper":   "조작의 흔적",
		"ignored":  "채점하지 않는 파일",
		"info":     "참고",
		"more":     "- … 그 밖에 %d개",
	},
}

// writeNotesMD lists the notes that matter to a learner: rejected files,
// broken rules, tampering, ignored files, where files were placed.
func writeNotesMD(b *strings.Builder, notes []result.Note, lang string) {
	titles := noteTitles[lang]
	if titles == nil {
		titles = noteTitles["en"]
	}
	for _, kind := range []string{"policy", "tamper", "rejected", "ignored", "info"} {
		var lines []string
		for _, n := range notes {
			if n.Kind != kind {
				continue
			}
			text := localise(lang, n.Text, koNotes)
			if n.Path != "" {
				lines = append(lines, fmt.Sprintf("- %s: %s", mdCode(n.Path), text))
			} else {
				lines = append(lines, "- "+text)
			}
		}
		if len(lines) > 0 {
			if len(lines) > 30 {
				lines = append(lines[:30], fmt.Sprintf(titles["more"], len(lines)-30))
			}
			fmt.Fprintf(b, "\n## %s\n\n%s\n", titles[kind], strings.Join(lines, "\n"))
		}
	}
}
