package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/internal/kit"
)

// view is a learner view with one failing exercise whose output holds two
// records (one twice) among other lines, as go test prints them.
const view = `{"lessons": [{"name": "filters", "exercises": [
 {"id": "filters/conv2d_valid", "status": "passed", "output": ""},
 {"id": "filters/conv1d", "status": "failed", "message": "1 of 2 cases fail.\nsame: convlings-case {\"exercise\": \"filters/conv1d\", \"test\": \"TestConv1D\", \"case\": \"same\"}\nsame: got 1, want 2"},
 {"id": "filters/conv2d_strided", "status": "failed", "output": "=== RUN   TestConv2DStrided\n    filters_test.go:12: convlings-case {\"exercise\": \"filters/conv2d_strided\", \"test\": \"TestConv2DStrided\", \"case\": \"same_even\", \"layer\": {\"layer\": \"Conv2D\"}, \"want\": {\"shape\": [1, 1, 1, 1], \"values\": [1]}, \"got\": {\"shape\": [1, 1, 1, 1], \"values\": [2]}, \"first_diff\": 0, \"mistake\": {\"id\": \"post_rule\", \"en\": \"k/2 on each side\", \"ko\": \"사방으로 k/2\"}, \"window\": null}\nconvlings-case {\"exercise\": \"filters/conv2d_strided\", \"test\": \"TestConv2DStrided\", \"case\": \"same_even\"}\nconvlings-case {not json}\nconvlings-case {\"exercise\": \"filters/conv2d_strided\", \"test\": \"TestConv2DStrided\", \"case\": \"stride3\", \"layer\": null, \"want\": {\"error\": \"bad\"}, \"got\": {\"value\": 3}}\n--- FAIL: TestConv2DStrided\n"}
]}]}`

func TestParseRecords(t *testing.T) {
	var v struct {
		Lessons []struct {
			Exercises []struct{ Output string } `json:"exercises"`
		} `json:"lessons"`
	}
	if err := json.Unmarshal([]byte(view), &v); err != nil {
		t.Fatal(err)
	}
	recs := ParseRecords(v.Lessons[0].Exercises[2].Output)
	if len(recs) != 2 || recs[0].Case != "same_even" || recs[1].Case != "stride3" {
		t.Fatalf("ParseRecords found %+v, want the cases same_even and stride3 once each", recs)
	}
	if recs[0].Mistake == nil || recs[0].Mistake.Ko != "사방으로 k/2" || string(recs[0].Layer) != `{"layer": "Conv2D"}` {
		t.Errorf("record 0 = %+v", recs[0])
	}
	if string(recs[1].Layer) != "null" || string(recs[1].Want) != `{"error": "bad"}` {
		t.Errorf("record 1: layer %s, want %s", recs[1].Layer, recs[1].Want)
	}
	if got := ParseRecords("no records\nhere"); got != nil {
		t.Errorf("ParseRecords of plain output = %+v, want none", got)
	}
}

func get(t *testing.T, h http.Handler, host, path string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Host = host
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestRoutes(t *testing.T) {
	s := New(Config{})
	h := s.Handler(true)
	for _, tc := range []struct {
		path, host string
		code       int
		body       string
	}{
		{"/", "127.0.0.1:8080", 200, "progress.js"},
		{"/explorer", "localhost:8080", 200, `src="main.js"`},
		{"/main.js", "[::1]:8080", 200, "loadEngine"},
		{"/style.css", "127.0.0.1:1", 200, "--cell"},
		{"/state", "127.0.0.1:1", 200, `"status":"waiting"`},
		{"/build.go", "127.0.0.1:1", 404, ""},
		{"/", "evil.example", 403, "localhost"},
		{"/state", "192.168.1.2:80", 403, ""},
	} {
		w := get(t, h, tc.host, tc.path)
		if w.Code != tc.code || !strings.Contains(w.Body.String(), tc.body) {
			t.Errorf("GET %s (Host %s) = %d %.80q, want %d holding %q", tc.path, tc.host, w.Code, w.Body.String(), tc.code, tc.body)
		}
	}
	if w := get(t, s.Handler(false), "evil.example", "/state"); w.Code != 200 {
		t.Errorf("GET /state with any Host on a non-loopback server = %d, want 200", w.Code)
	}
}

// TestExplorerBuildFailure checks that a failed build answers 503 with
// the reason rather than hanging or serving nothing.
func TestExplorerBuildFailure(t *testing.T) {
	s := New(Config{KitRoot: t.TempDir()})
	s.BuildExplorer(context.Background())
	w := get(t, s.Handler(true), "127.0.0.1:1", "/explorer.wasm")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "could not be built") {
		t.Errorf("GET /explorer.wasm after a failed build = %d %q", w.Code, w.Body.String())
	}
}

// TestEvents checks the stream: the state on connecting, then each change,
// with the records of a failing exercise added as cases.
func TestEvents(t *testing.T) {
	s := New(Config{})
	srv := httptest.NewServer(s.Handler(true))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	r := bufio.NewReader(resp.Body)
	next := func() State {
		t.Helper()
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("reading the stream: %v", err)
			}
			if data, ok := strings.CutPrefix(line, "data: "); ok {
				var st State
				if err := json.Unmarshal([]byte(data), &st); err != nil {
					t.Fatalf("event data %q: %v", data, err)
				}
				return st
			}
		}
	}
	if st := next(); st.Status != "waiting" {
		t.Fatalf("first event %+v, want waiting", st)
	}
	s.Running()
	if st := next(); st.Status != "running" {
		t.Fatalf("after Running: %+v", st)
	}
	s.Publish(map[string][]byte{"en": []byte(view), "ko": []byte(view)}, nil)
	st := next()
	if st.Status != "done" || st.Ran.IsZero() {
		t.Fatalf("after Publish: %+v", st)
	}
	var v struct {
		Lessons []struct {
			Exercises []struct {
				ID      string   `json:"id"`
				Message string   `json:"message"`
				Cases   []Record `json:"cases"`
			} `json:"exercises"`
		} `json:"lessons"`
	}
	if err := json.Unmarshal(st.Progress["ko"], &v); err != nil {
		t.Fatal(err)
	}
	exs := v.Lessons[0].Exercises
	if len(exs[0].Cases) != 0 || len(exs[1].Cases) != 1 || len(exs[2].Cases) != 2 {
		t.Errorf("cases per exercise: %d, %d and %d, want 0, 1 and 2", len(exs[0].Cases), len(exs[1].Cases), len(exs[2].Cases))
	}
	if msg := exs[1].Message; strings.Contains(msg, RecordPrefix) || !strings.Contains(msg, "got 1, want 2") {
		t.Errorf("message shown beside the drawn case: %q; want it without the record", msg)
	}
	s.Publish(nil, io.ErrUnexpectedEOF)
	st = next()
	if st.Status != "error" || st.Error == "" || st.Progress["en"] == nil {
		t.Errorf("after a failed run: %+v; want the error and the last good view", st.Status)
	}
}

func TestListenLoopback(t *testing.T) {
	s := New(Config{})
	ln, url, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0/") {
		t.Errorf("Listen URL %q, want loopback and a real port", url)
	}
	if _, _, err := New(Config{Addr: "bad address"}).Listen(); err == nil || !strings.Contains(err.Error(), "bad address") {
		t.Errorf("Listen on a bad address: %v", err)
	}
}

// hostileView is a learner view whose first failing exercise printed a
// forged case record: lesson code can print anything, and its text must
// reach the page as JSON with no markup in it. The second failing
// exercise gets no hint: the page shows the first one's.
const hostileView = `{"lessons": [{"name": "filters", "exercises": [
 {"id": "filters/conv2d_valid", "status": "passed"},
 {"id": "filters/conv2d_strided", "status": "failed", "message": "1 of 1 cases fail.", "hint_command": "go run ./tools/checker hint filters/conv2d_strided", "output": "convlings-case {\"exercise\": \"filters/conv2d_strided\", \"test\": \"TestConv2DStrided\", \"case\": \"<i>x</i>\", \"got\": {\"error\": \"</script><script>alert(1)</script>\"}}\nconvlings-case {\"exercise\": \"filters/conv2d_strided\", \"test\": \"TestConv2DStrided\", \"case\": \"same_even\", \"mistake\": {\"id\": \"post_rule\", \"en\": \"<img src=x onerror=alert(1)> & k/2\", \"ko\": \"<img src=x onerror=alert(2)> 사방으로 k/2\"}}\n"},
 {"id": "filters/conv1d", "status": "failed", "message": "convlings-case {\"exercise\": \"filters/conv1d\", \"test\": \"TestConv1D\", \"case\": \"same\", \"mistake\": {\"id\": \"other\", \"en\": \"other\", \"ko\": \"다른\"}}"}
]}]}`

// TestHint checks the hint of the first failing exercise in /state: its
// hints and its mistake in the view's language, only on that exercise,
// and every text that could hold markup escaped in what the server sends.
func TestHint(t *testing.T) {
	hints := map[string][]kit.Text{
		"filters/conv2d_strided": {
			{En: "Start at i·stride − top <b>here</b>", Ko: "i·stride − top에서 <b>시작</b>"},
			{En: "The odd zero goes after & below", Ko: "남는 0은 뒤에"},
		},
		"filters/conv1d": {{En: "never shown", Ko: "보이지 않음"}},
	}
	s := New(Config{Hints: func(id string) []kit.Text { return hints[id] }})
	s.Publish(map[string][]byte{"en": []byte(hostileView), "ko": []byte(hostileView)}, nil)
	w := get(t, s.Handler(true), "127.0.0.1:1", "/state")
	body := w.Body.String()
	for _, raw := range []string{"<img", "<b>", "<script", "</script", "<i>", "& "} {
		if strings.Contains(body, raw) {
			t.Errorf("/state holds %q unescaped:\n%s", raw, body)
		}
	}
	if !strings.Contains(body, `\u003cimg src=x`) {
		t.Errorf("/state does not hold the forged mistake, escaped:\n%s", body)
	}
	var st State
	if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	type exercise struct {
		ID   string `json:"id"`
		Hint *Hint  `json:"hint"`
	}
	for _, tc := range []struct {
		lang, first, mistake string
	}{
		{"en", "Start at i·stride − top <b>here</b>", "<img src=x onerror=alert(1)> & k/2"},
		{"ko", "i·stride − top에서 <b>시작</b>", "<img src=x onerror=alert(2)> 사방으로 k/2"},
	} {
		var v struct {
			Lessons []struct{ Exercises []exercise } `json:"lessons"`
		}
		if err := json.Unmarshal(st.Progress[tc.lang], &v); err != nil {
			t.Fatal(err)
		}
		exs := v.Lessons[0].Exercises
		if exs[0].Hint != nil || exs[2].Hint != nil {
			t.Errorf("%s: hints on %s (%+v) and %s (%+v); want the first failing exercise's only", tc.lang, exs[0].ID, exs[0].Hint, exs[2].ID, exs[2].Hint)
		}
		h := exs[1].Hint
		if h == nil {
			t.Fatalf("%s: no hint on the first failing exercise %s", tc.lang, exs[1].ID)
		}
		if len(h.Texts) != 2 || h.Texts[0] != tc.first || h.Mistake != tc.mistake || h.MistakeID != "post_rule" {
			t.Errorf("%s: hint %+v; want 2 hints starting %q, mistake %q (post_rule)", tc.lang, h, tc.first, tc.mistake)
		}
	}
}

// TestHintWithout checks that a failing exercise without hints still
// gets its mistake, and one with neither gets no hint.
func TestHintWithout(t *testing.T) {
	for _, tc := range []struct {
		view, mistake string
	}{
		{hostileView, "<img src=x onerror=alert(1)> & k/2"},
		{view, ""}, // conv1d fails first, and its record names no mistake
	} {
		h, err := addCases([]byte(tc.view), "en", nil)
		if err != nil {
			t.Fatal(err)
		}
		var v struct {
			Lessons []struct {
				Exercises []struct {
					Hint *Hint `json:"hint"`
				} `json:"exercises"`
			} `json:"lessons"`
		}
		if err := json.Unmarshal(h, &v); err != nil {
			t.Fatal(err)
		}
		var got *Hint
		for _, e := range v.Lessons[0].Exercises {
			if e.Hint != nil {
				if got != nil {
					t.Errorf("two hints in one view")
				}
				got = e.Hint
			}
		}
		switch {
		case tc.mistake == "" && got != nil:
			t.Errorf("hint %+v for an exercise with no hints and no mistake", got)
		case tc.mistake != "" && (got == nil || got.Mistake != tc.mistake || len(got.Texts) != 0):
			t.Errorf("hint %+v; want the mistake %q alone", got, tc.mistake)
		}
	}
}

// TestPageDrawsText guards the page's side of the escaping: its scripts
// never parse a string as markup, so a hint, a case or a message is
// always shown as text.
func TestPageDrawsText(t *testing.T) {
	h := New(Config{}).Handler(true)
	for _, f := range []string{"/progress.js", "/grid.js", "/explorer.js", "/i18n.js"} {
		body := get(t, h, "127.0.0.1:1", f).Body.String()
		if body == "" {
			t.Fatalf("GET %s is empty", f)
		}
		for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser"} {
			if strings.Contains(body, sink) {
				t.Errorf("%s uses %s: text from the tests must be drawn as text nodes", f, sink)
			}
		}
	}
	if js := get(t, h, "127.0.0.1:1", "/progress.js").Body.String(); !strings.Contains(js, "'hint.show'") {
		t.Errorf("progress.js does not draw the hint's control")
	}
}
