package golden_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// decodeRecord parses one case record line.
func decodeRecord(t *testing.T, line string) map[string]json.RawMessage {
	t.Helper()
	body, ok := strings.CutPrefix(line, "convlings-case ")
	if !ok || strings.Contains(body, "\n") {
		t.Fatalf("a case record is one line starting convlings-case: %q", line)
	}
	var rec map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &rec); err != nil {
		t.Fatalf("case record %q: %v", line, err)
	}
	return rec
}
