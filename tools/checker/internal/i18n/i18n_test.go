package i18n

import (
	"strings"
	"testing"
)

func TestEveryMessageInBothLanguages(t *testing.T) {
	for key, en := range messages["en"] {
		ko, ok := messages["ko"][key]
		if !ok || ko == "" {
			t.Errorf("%q has no Korean text", key)
			continue
		}
		if a, b := strings.Count(en, "%"), strings.Count(ko, "%"); a != b {
			t.Errorf("%q: %d verbs in English, %d in Korean", key, a, b)
		}
	}
	for key := range messages["ko"] {
		if _, ok := messages["en"][key]; !ok {
			t.Errorf("%q is only in Korean", key)
		}
	}
}

func TestTrFallsBackToEnglish(t *testing.T) {
	if got := Tr("fr", "passed"); got != "passed" {
		t.Errorf("Tr(fr) = %q", got)
	}
	if got := Tr("ko", "hint head", 1, 3, "padding/x"); got != "padding/x 힌트 1/3" {
		t.Errorf("Tr(ko, hint head) = %q", got)
	}
}

func TestLangFromEnv(t *testing.T) {
	for env, want := range map[string]string{"LANG=ko_KR.UTF-8": "ko", "LC_ALL=C LANG=ko_KR.UTF-8": "en", "": "en", "LANGUAGE=ko": "ko"} {
		vars := map[string]string{}
		for _, kv := range strings.Fields(env) {
			k, v, _ := strings.Cut(kv, "=")
			vars[k] = v
		}
		if got := LangFromEnv(func(k string) string { return vars[k] }); got != want {
			t.Errorf("%q: %q, want %q", env, got, want)
		}
	}
	if CheckLang("ko") != nil || CheckLang("de") == nil {
		t.Error("CheckLang accepts the wrong values")
	}
}

func TestCellWidthAndPad(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "통과": 4, "a\x1bb": 2, "": 0} {
		if got := CellWidth(s); got != want {
			t.Errorf("CellWidth(%q) = %d, want %d", s, got, want)
		}
	}
	if got := Pad("통과", 6); got != "통과  " {
		t.Errorf("Pad = %q", got)
	}
}

func TestTrReason(t *testing.T) {
	for _, tc := range []struct{ reason, want string }{
		{"does not compile", "컴파일되지 않음"},
		{"timed out, still running in alpha.Add: an endless loop?", "시간 초과, alpha.Add에서 아직 실행 중: 무한 루프일까요?"},
		{"timed out after 10s, waiting (sync.Mutex.Lock) in alpha.Add (lessons/alpha/alpha.go:9): a deadlock?", "10s 시간 초과, alpha.Add (lessons/alpha/alpha.go:9)에서 기다리는 중(sync.Mutex.Lock): 교착 상태일까요?"},
		{"timed out after 2s", "2s 시간 초과"},
	} {
		if got := TrReason("ko", tc.reason); got != tc.want {
			t.Errorf("TrReason(ko, %q) = %q, want %q", tc.reason, got, tc.want)
		}
		if got := TrReason("en", tc.reason); got != tc.reason {
			t.Errorf("TrReason(en, %q) = %q, want it unchanged", tc.reason, got)
		}
	}
}
