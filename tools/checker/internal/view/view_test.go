package view

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/learner"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

func progress(t *testing.T) *learner.Progress {
	t.Helper()
	m, err := kit.ParseManifest([]byte(`{"format": 1, "lessons": [{"name": "alpha", "title": {"en": "Alpha", "ko": "알파"}, "exercises": [
		{"name": "add", "test": "TestAdd", "points": 2, "task": 1, "readme": "README.md#1-add"},
		{"name": "mul", "test": "TestMul", "points": 3, "task": 2}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	exs := m.Exercises()
	return &learner.Progress{Kit: &kit.Kit{Root: "/kit", Manifest: m}, Results: []*result.Result{
		{Exercise: exs[0], Status: result.Passed},
		{Exercise: exs[1], Status: result.Failed, Message: "Mul(2, 3) = 5, want 6"},
	}}
}

func TestPlainTextHasNoEscapes(t *testing.T) {
	var b bytes.Buffer
	Progress(&b, progress(t), Style{Lang: "en"})
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Errorf("plain output holds escape sequences:\n%q", out)
	}
	for _, want := range []string{"1 of 2 exercises pass, 2 of 5 points", "Next: alpha/mul (failed)", "Mul(2, 3) = 5, want 6", "go run ./tools/checker hint alpha/mul", "go test ./lessons/alpha -run '^TestMul$'"} {
		if !strings.Contains(out, want) {
			t.Errorf("the view lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	Progress(&b, progress(t), Style{Color: true, Lang: "ko", Width: 60})
	if !strings.Contains(b.String(), "\x1b[") || !strings.Contains(b.String(), "통과") {
		t.Errorf("a Korean terminal view without colour or Korean:\n%s", b.String())
	}
}

func TestProgressJSON(t *testing.T) {
	var b bytes.Buffer
	if err := ProgressJSON(&b, progress(t), "en"); err != nil {
		t.Fatal(err)
	}
	var doc ProgressDoc
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Passed != 1 || doc.Count != 2 || doc.Points != 2 || doc.MaxPoints != 5 || doc.Next == nil || doc.Next.ID != "alpha/mul" || len(doc.Lessons) != 1 {
		t.Errorf("progress JSON: %+v", doc)
	}
}
