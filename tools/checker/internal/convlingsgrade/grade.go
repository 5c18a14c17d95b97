// Package convlingsgrade is the grading harness that the checker adds to
// every grading workspace. It is not imported by the kit: the checker
// copies this folder to internal/convlingsgrade in the workspace, adds to
// each lesson package a file that imports it (so that it is initialised
// before any lesson code runs, as a dependency of the lesson package), and
// adds a test, TestConvlingsGrade, that calls Run with the lesson's tests.
//
// The protocol, on two pipes the checker passes as file descriptors 3 and 4:
//
//  1. init writes "hello\n" on the report pipe (4), so the checker knows the
//     process got this far;
//  2. init reads the run's parameters from the key pipe (3) until the
//     checker closes it: "convlings-grade 1", "key <hex>", one
//     "test <name>" line per test to run, in order, and "limit <name>
//     <value>" lines; it closes the pipe, lowers its own resource limits
//     (which needs no privilege, unlike setting another process's), and
//     makes the process undumpable, so that /proc/self/mem and friends
//     belong to root and lesson code cannot read the key from memory;
//  3. Run checks that os.Args and every -test.* flag are what the checker
//     passed ("flag <name> <value>" lines; others at their defaults), since
//     lesson code that rewrote os.Args before the flags were parsed could
//     have skipped the golden cases with -test.skip or -test.run; if not,
//     it reports "<seq> tampered <flag>" and fails;
//  4. Run reports "<seq> start <test>" before each test and
//     "<seq> pass|fail|skip <test>" after it (and its subtests) finished,
//     then "<seq> done -"; each line ends with " <hex HMAC-SHA256 of the
//     rest under the key>". seq counts 1, 2, … so lines cannot be replayed
//     or reordered.
//
// Lesson code can write anything to any file descriptor, but it cannot sign
// a line: the key never appears in the arguments, the environment, a file
// or the binary, it is read before any lesson code runs, and lesson code may
// not import unsafe, reflect or syscall to dig it out of memory.
package convlingsgrade

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const (
	keyFD    = 3
	reportFD = 4
)

var (
	mu     sync.Mutex
	key    []byte
	tests  []string
	report *os.File
	seq    int
	broken string // why the harness cannot report, or ""

	args  []string          // os.Args as the process started
	flags map[string]string // the -test.* flags the checker passed
)

func init() {
	args = slices.Clone(os.Args)
	flags = map[string]string{}
	report = os.NewFile(reportFD, "convlings-report")
	in := os.NewFile(keyFD, "convlings-key")
	if _, err := report.Write([]byte("hello\n")); err != nil {
		broken = "not started by the checker (no report pipe): " + err.Error()
		return
	}
	data, err := io.ReadAll(io.LimitReader(in, 1<<20))
	in.Close()
	if err != nil {
		broken = "cannot read the key pipe: " + err.Error()
		return
	}
	lim := map[string]uint64{}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	if !sc.Scan() || sc.Text() != "convlings-grade 1" {
		broken = "the key pipe does not start with \"convlings-grade 1\""
		return
	}
	for sc.Scan() {
		field, value, _ := strings.Cut(sc.Text(), " ")
		switch field {
		case "key":
			key, err = hex.DecodeString(value)
			if err != nil || len(key) < 16 {
				broken = "bad key"
				return
			}
		case "test":
			tests = append(tests, value)
		case "flag":
			name, v, _ := strings.Cut(value, " ")
			flags[name] = v
		case "limit":
			name, n, _ := strings.Cut(value, " ")
			v, err := strconv.ParseUint(n, 10, 64)
			if err != nil {
				broken = "bad limit " + value
				return
			}
			lim[name] = v
		}
	}
	if key == nil {
		broken = "no key"
		return
	}
	if err := setLimits(lim); err != nil {
		broken = "cannot set resource limits: " + err.Error()
		return
	}
	undumpable()
}

// Run runs the tests the checker asked for, in its order, each as a
// subtest of t named after it, and reports each start and result. Tests the
// checker names that are not in all are reported as "missing".
func Run(t *testing.T, all map[string]func(*testing.T)) {
	if broken != "" {
		t.Fatalf("convlingsgrade: %s", broken)
	}
	if bad := tampered(); bad != "" {
		send("tampered", bad)
		t.Fatalf("convlingsgrade: %s is not what the checker passed: the test run was tampered with", bad)
	}
	for _, name := range tests {
		fn, ok := all[name]
		if !ok {
			send("missing", name)
			continue
		}
		send("start", name)
		t.Run(name, func(t *testing.T) {
			// Cleanup runs after the test and all its subtests, also
			// after a panic, with t.Failed already set.
			t.Cleanup(func() {
				switch {
				case t.Failed():
					send("fail", name)
				case t.Skipped():
					send("skip", name)
				default:
					send("pass", name)
				}
			})
			fn(t)
		})
	}
	// Only when the loop ends normally: a panic or runtime.Goexit that
	// unwinds through here must not say the run is complete, so that the
	// checker runs the remaining tests again.
	send("done", "-")
}

// tampered returns the name of a -test.* flag whose value is not what the
// checker passed (or its default), or "os.Args" when the arguments were
// changed; "" when all is as it should be.
func tampered() string {
	if !slices.Equal(os.Args, args) {
		return "os.Args"
	}
	bad := ""
	flag.VisitAll(func(f *flag.Flag) {
		if bad != "" || !strings.HasPrefix(f.Name, "test.") {
			return
		}
		want, ok := flags[f.Name]
		if !ok {
			want = f.DefValue
		}
		if f.Value.String() != want {
			bad = "-" + f.Name
		}
	})
	return bad
}

// send writes one signed report line.
func send(event, name string) {
	mu.Lock()
	defer mu.Unlock()
	seq++
	line := strconv.Itoa(seq) + " " + event + " " + name
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(line))
	report.Write([]byte(line + " " + hex.EncodeToString(mac.Sum(nil)) + "\n"))
}
