package serve

import (
	"bufio"
	"encoding/json"
	"strings"
)

// RecordPrefix starts the line a lesson test prints for each failing
// golden case when CONVLINGS_CASE_RECORDS=1.
const RecordPrefix = "convlings-case "

// RecordsEnv is the variable that makes the lesson tests print records.
const RecordsEnv = "CONVLINGS_CASE_RECORDS"

// Record is one failing golden case, as the golden package prints it.
// Layer is a tools/eval layer case (layer, config, input_shape, input,
// weights) or null; Want and Got are {"shape", "values"}, {"value"},
// {"error"} or {"panic"}. Fields the page does not read are kept as they
// came.
type Record struct {
	Exercise  string          `json:"exercise"`
	Test      string          `json:"test"`
	Case      string          `json:"case"`
	File      string          `json:"file,omitempty"`
	Call      string          `json:"call,omitempty"`
	Layer     json.RawMessage `json:"layer,omitempty"`
	Want      json.RawMessage `json:"want,omitempty"`
	Got       json.RawMessage `json:"got,omitempty"`
	FirstDiff json.RawMessage `json:"first_diff,omitempty"`
	Mistake   *Mistake        `json:"mistake,omitempty"`
	Window    json.RawMessage `json:"window,omitempty"`
}

// Mistake is the named mistake a failing case matches, with its hint.
type Mistake struct {
	ID string `json:"id"`
	En string `json:"en"`
	Ko string `json:"ko"`
}

// maxRecords bounds the records kept per exercise: the page draws the
// first few failing cases, not hundreds.
const maxRecords = 8

// ParseRecords finds the case records in a test's output: every line that
// holds RecordPrefix followed by a JSON object, wherever the test's
// logging put the line. Lines that do not parse are skipped; a case seen
// twice is kept once.
func ParseRecords(output string) []Record {
	var out []Record
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(output))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		i := strings.Index(line, RecordPrefix)
		if i < 0 {
			continue
		}
		var r Record
		if err := json.Unmarshal([]byte(strings.TrimSpace(line[i+len(RecordPrefix):])), &r); err != nil || r.Case == "" {
			continue
		}
		key := r.Exercise + "\x00" + r.Test + "\x00" + r.Case
		if seen[key] {
			continue
		}
		seen[key] = true
		if len(out) < maxRecords {
			out = append(out, r)
		}
	}
	return out
}

// withoutRecords drops the lines holding case records from text, which
// the page shows as the failure message: a record is drawn, not printed.
func withoutRecords(text string) string {
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !strings.Contains(l, RecordPrefix+"{") {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}
