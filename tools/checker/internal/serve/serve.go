package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/explorer/web"
)

// Config says where to listen and where the kit is.
type Config struct {
	// Addr is the address to listen on; "" means 127.0.0.1 and a free port.
	Addr string
	// KitRoot is the kit's module root, from which the explorer's
	// WebAssembly module is built.
	KitRoot string
	// Log receives one line per problem worth the learner's attention.
	Log io.Writer
	// Hints returns the hints of an exercise, by id
	// ("filters/conv2d_strided"), as `checker hint` shows them; nil (or
	// a nil func) when it has none. The page shows those of the first
	// failing exercise (see Hint).
	Hints func(id string) []kit.Text
}

// State is what the progress page shows, sent on every change.
type State struct {
	// Status is "waiting" before the first run, "running", "done" or "error".
	Status string `json:"status"`
	// Error is why the last run could not finish, when Status is "error".
	Error string `json:"error,omitempty"`
	// Ran is when the last run ended.
	Ran time.Time `json:"ran,omitzero"`
	// Progress is the learner view by language ("en", "ko"), each
	// exercise with the case records of its output added as "cases", and
	// the first failing one with its Hint added as "hint".
	Progress map[string]json.RawMessage `json:"progress,omitempty"`
}

// Hint is what the page shows, in one language, behind its "Show hint"
// control for the first failing exercise: the exercise's hints, and the
// known mistake its failing cases match, as the terminal shows them.
type Hint struct {
	// Texts are the exercise's hints in order, as `checker hint` shows
	// them one level at a time.
	Texts []string `json:"texts"`
	// Mistake finishes "This is what you get when …" (Korean: "이 답은 …"):
	// the golden/mistakes diagnosis of the first failing case that names
	// one, "" when none does. It comes from the case records, which
	// lesson code can print too: the page shows it as text, never markup.
	Mistake string `json:"mistake,omitempty"`
	// MistakeID is the catalogue's name for it ("post_rule").
	MistakeID string `json:"mistake_id,omitempty"`
}

// Server serves the pages and pushes State to them.
type Server struct {
	cfg Config

	mu    sync.Mutex
	state State
	subs  map[chan []byte]bool

	explorer     chan struct{} // closed when the WebAssembly build ends
	wasm, loader []byte
	explorerErr  error
}

// New returns a server in the "waiting" state. Call BuildExplorer to make
// the explorer's module, and Listen and Serve to answer requests.
func New(cfg Config) *Server {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	return &Server{cfg: cfg, state: State{Status: "waiting"}, subs: map[chan []byte]bool{}, explorer: make(chan struct{})}
}

// BuildExplorer builds the explorer's WebAssembly module from the kit, as
// `go run ./tools/explorer` does; requests for it wait until it is done.
// It builds from the kit's sources every time, so the page cannot be
// stale.
func (s *Server) BuildExplorer(ctx context.Context) {
	defer close(s.explorer)
	wasm, err := web.BuildWasm(ctx, s.cfg.KitRoot)
	if err != nil {
		s.explorerErr = err
		fmt.Fprintf(s.cfg.Log, "checker: the explorer is not available: %v\n", err)
		return
	}
	loader, err := web.WasmExec(ctx)
	if err != nil {
		s.explorerErr = err
		fmt.Fprintf(s.cfg.Log, "checker: the explorer is not available: %v\n", err)
		return
	}
	s.wasm, s.loader = wasm, loader
}

// Running tells the pages that the tests run again.
func (s *Server) Running() {
	s.mu.Lock()
	s.state.Status = "running"
	s.mu.Unlock()
	s.broadcast()
}

// Publish sets the result of a run: the learner view's JSON by language,
// or the error that stopped the run.
func (s *Server) Publish(views map[string][]byte, err error) {
	st := State{Status: "done", Ran: time.Now()}
	if err != nil {
		st.Status, st.Error = "error", err.Error()
	} else {
		st.Progress = map[string]json.RawMessage{}
		for lang, v := range views {
			withCases, err := addCases(v, lang, s.cfg.Hints)
			if err != nil {
				st.Status, st.Error = "error", fmt.Sprintf("reading the learner view: %v", err)
				break
			}
			st.Progress[lang] = withCases
		}
	}
	s.mu.Lock()
	if st.Status == "error" {
		st.Progress = s.state.Progress // keep showing the last good run
	}
	s.state = st
	s.mu.Unlock()
	s.broadcast()
}

// addCases adds "cases", the case records of each exercise's output, to
// the learner view's JSON in lang, and "hint" to the first exercise that
// failed (status "failed" or "error"), the one a learner works on.
func addCases(view []byte, lang string, hints func(string) []kit.Text) (json.RawMessage, error) {
	var v map[string]any
	d := json.NewDecoder(bytes.NewReader(view))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	lessons, _ := v["lessons"].([]any)
	hinted := false
	for _, l := range lessons {
		lm, _ := l.(map[string]any)
		exs, _ := lm["exercises"].([]any)
		for _, e := range exs {
			em, _ := e.(map[string]any)
			if em == nil {
				continue
			}
			// The golden suites log records with the failure messages; a
			// test's own prints land in output.
			msg, _ := em["message"].(string)
			out, _ := em["output"].(string)
			recs := ParseRecords(msg + "\n" + out)
			if recs == nil {
				recs = []Record{}
			}
			em["cases"] = recs
			if msg != "" {
				em["message"] = withoutRecords(msg)
			}
			if out != "" {
				em["output"] = withoutRecords(out)
			}
			if st, _ := em["status"].(string); !hinted && (st == "failed" || st == "error") {
				hinted = true
				id, _ := em["id"].(string)
				if h := hintFor(id, lang, recs, hints); h != nil {
					em["hint"] = h
				}
			}
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// hintFor returns the Hint of exercise id in lang, or nil when it has
// neither hints nor a named mistake.
func hintFor(id, lang string, recs []Record, hints func(string) []kit.Text) *Hint {
	h := &Hint{Texts: []string{}}
	if hints != nil {
		for _, t := range hints(id) {
			h.Texts = append(h.Texts, t.In(lang))
		}
	}
	for _, r := range recs {
		if m := r.Mistake; m != nil && (m.En != "" || m.Ko != "") {
			h.Mistake = kit.Text{En: m.En, Ko: m.Ko}.In(lang)
			h.MistakeID = m.ID
			break
		}
	}
	if len(h.Texts) == 0 && h.Mistake == "" {
		return nil
	}
	return h
}

// stateJSON is the state as /state and /events send it. json.Marshal
// writes <, > and & as \u003c, \u003e and \u0026, in the views too, so
// no text the tests printed is markup even to a reader that sniffs it.
func (s *Server) stateJSON() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := json.Marshal(s.state)
	if err != nil {
		return []byte(`{"status":"error","error":"the state cannot be written"}`)
	}
	return b
}

func (s *Server) broadcast() {
	msg := s.stateJSON()
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.subs {
		// A page that does not keep up gets the newest state only.
		select {
		case <-ch:
		default:
		}
		select {
		case ch <- msg:
		default:
		}
	}
}

// Listen opens the listening socket and returns the page's URL.
func (s *Server) Listen() (net.Listener, string, error) {
	addr := s.cfg.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("serve: listening on %s: %v", addr, err)
	}
	a := ln.Addr().(*net.TCPAddr)
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return ln, "http://" + net.JoinHostPort(host, fmt.Sprint(a.Port)) + "/", nil
}

// Serve answers requests on ln until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	loopback := false
	if a, ok := ln.Addr().(*net.TCPAddr); ok {
		loopback = a.IP.IsLoopback()
	}
	srv := &http.Server{
		Handler:           s.handler(loopback),
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with ctx, so that open event streams do not hold
		// the shutdown up.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Handler returns the server's routes, answering only loopback names when
// loopbackOnly is set.
func (s *Server) Handler(loopbackOnly bool) http.Handler { return s.handler(loopbackOnly) }

func (s *Server) handler(loopbackOnly bool) http.Handler {
	mux := http.NewServeMux()
	files := http.FileServerFS(web.Files)
	page := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			b, err := fs.ReadFile(web.Files, name)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Write(b)
		}
	}
	mux.HandleFunc("GET /{$}", page("progress.html"))
	mux.HandleFunc("GET /explorer", page("index.html"))
	mux.HandleFunc("GET /index.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/explorer", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /explorer.wasm", s.explorerFile(func() []byte { return s.wasm }, "application/wasm"))
	mux.HandleFunc("GET /wasm_exec.js", s.explorerFile(func() []byte { return s.loader }, "text/javascript; charset=utf-8"))
	mux.HandleFunc("GET /state", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(s.stateJSON())
	})
	mux.HandleFunc("GET /events", s.events)
	mux.Handle("GET /", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if loopbackOnly && !loopbackHost(r.Host) {
			http.Error(w, "checker serve answers only requests to localhost", http.StatusForbidden)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		mux.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names the loopback interface.
func loopbackHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) explorerFile(get func() []byte, ctype string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-s.explorer:
		case <-r.Context().Done():
			return
		}
		if s.explorerErr != nil {
			http.Error(w, "the explorer could not be built: "+s.explorerErr.Error(), http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(get())
	}
}

// events streams the state: once on connecting, then on every change.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := make(chan []byte, 1)
	s.mu.Lock()
	s.subs[ch] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	send := func(msg []byte) bool {
		_, err := fmt.Fprintf(w, "event: state\ndata: %s\n\n", msg)
		fl.Flush()
		return err == nil
	}
	if !send(s.stateJSON()) {
		return
	}
	keep := time.NewTicker(15 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg := <-ch:
			if !send(msg) {
				return
			}
		case <-keep.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}
