package sandbox

import (
	"bufio"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Harness is the checker's end of one run of a test binary: the key,
// what to send, and the verified events received.
type Harness struct {
	key    []byte
	tests  []string
	Args   []string // the -test.* flags the binary is run with
	events []harnessEvent
	Forged int  // lines on the report pipe that are not validly signed
	Hello  bool // the harness reached its init
	Done   bool // the harness reported the end of the run
	// Tampered names what lesson code changed in the test run's own
	// arguments (a -test.* flag, or os.Args), when the harness saw it.
	Tampered string
}

// Reported returns how many validly signed events the harness sent.
func (h *Harness) Reported() int { return len(h.events) }

type harnessEvent struct {
	seq  int
	kind string // start, pass, fail, skip, missing, tampered, done
	test string
}

// NewHarness starts a session for a run of the tests, in order, with a
// fresh random key.
func NewHarness(tests []string) (*Harness, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	return &Harness{key: key, tests: tests}, nil
}

// params is what the checker writes on the key pipe: the key, the tests
// in order, and the resource limits the harness sets on its process
// before lesson code runs.
func (h *Harness) params(lim Limits) []byte {
	var b strings.Builder
	b.WriteString("convlings-grade 1\nkey " + hex.EncodeToString(h.key) + "\n")
	for _, t := range h.tests {
		b.WriteString("test " + t + "\n")
	}
	for _, a := range h.Args {
		name, value, ok := strings.Cut(strings.TrimPrefix(a, "-"), "=")
		if !ok {
			value = "true"
		}
		b.WriteString("flag " + name + " " + value + "\n")
	}
	if lim.MemMiB > 0 {
		fmt.Fprintf(&b, "limit as %d\n", uint64(lim.MemMiB)<<20)
	}
	if lim.CPU > 0 {
		fmt.Fprintf(&b, "limit cpu %d\n", int64(lim.CPU/time.Second)+1)
	}
	b.WriteString("limit fsize 16777216\nlimit nofile 256\nlimit core 0\n")
	if lim.UID >= 0 {
		// RLIMIT_NPROC counts every process and thread of the user, so it
		// only makes sense for a user of its own.
		b.WriteString("limit nproc 128\n")
	}
	return []byte(b.String())
}

// readReports reads the report pipe until EOF or limit bytes, verifying each
// line.
func (h *Harness) readReports(r io.Reader, limit int64) {
	br := bufio.NewReaderSize(io.LimitReader(r, limit), 4096)
	want := 1
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			line = strings.TrimSuffix(line, "\n")
			switch {
			case !h.Hello && line == "hello":
				h.Hello = true
			default:
				if ev, ok := h.verify(line, want); ok {
					h.events = append(h.events, ev)
					want++
					if ev.kind == "done" {
						h.Done = true
					}
				} else {
					h.Forged++
				}
			}
		}
		if err != nil {
			break
		}
	}
	// Drain whatever is left, so a chatty writer does not block on a full
	// pipe while the checker waits for it to exit.
	io.Copy(io.Discard, r)
}

// verify checks one report line: "<seq> <event> <test> <hex mac>".
func (h *Harness) verify(line string, want int) (harnessEvent, bool) {
	i := strings.LastIndexByte(line, ' ')
	if i < 0 {
		return harnessEvent{}, false
	}
	body, sig := line[:i], line[i+1:]
	got, err := hex.DecodeString(sig)
	if err != nil {
		return harnessEvent{}, false
	}
	mac := hmac.New(sha256.New, h.key)
	mac.Write([]byte(body))
	if !hmac.Equal(got, mac.Sum(nil)) {
		return harnessEvent{}, false
	}
	f := strings.Fields(body)
	if len(f) != 3 {
		return harnessEvent{}, false
	}
	seq, err := strconv.Atoi(f[0])
	if err != nil || seq != want {
		return harnessEvent{}, false
	}
	return harnessEvent{seq: seq, kind: f[1], test: f[2]}, true
}

// Outcome returns, per test, the final signed event ("pass", "fail",
// "skip", "missing"), whether it started, and the test that started last
// without a result (the one running when the process ended), if any.
func (h *Harness) Outcome() (final map[string]string, started map[string]bool, running string) {
	final, started = map[string]string{}, map[string]bool{}
	for _, ev := range h.events {
		switch ev.kind {
		case "tampered":
			h.Tampered = ev.test
		case "start":
			started[ev.test] = true
			running = ev.test
		case "pass", "fail", "skip", "missing":
			final[ev.test] = ev.kind
			if running == ev.test {
				running = ""
			}
		}
	}
	return final, started, running
}
