package grade

import (
	"strings"
	"testing"
)

func TestSubmissionIDs(t *testing.T) {
	for _, c := range []struct{ in, want []string }{
		{[]string{"subs/alice.zip", "other/alice.tar.gz", "bob.TGZ", "subs/김민준 과제", "/"},
			[]string{"alice", "alice-2", "bob", "김민준_과제", "submission"}},
		// A duplicate alice never takes the name of a real alice-2.
		{[]string{"a/alice", "b/alice", "alice-2"}, []string{"alice", "alice-3", "alice-2"}},
		{[]string{"alice-2", "a/alice", "b/alice"}, []string{"alice-2", "alice", "alice-3"}},
		// Case-insensitive file systems merge these.
		{[]string{"Alice", "alice"}, []string{"Alice", "alice-2"}},
		// Never a flag, never hidden.
		{[]string{"-isolate=false", "--", ".hidden", "\x1b[31mred"}, []string{"isolate_false", "submission", "hidden", "31mred"}},
	} {
		got := submissionIDs(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("submissionIDs(%q) = %q, want %q", c.in, got, c.want)
		}
		seen := map[string]bool{}
		for _, id := range got {
			if strings.HasPrefix(id, "-") || seen[strings.ToLower(id)] {
				t.Errorf("submissionIDs(%q): id %q starts with '-' or is not unique", c.in, id)
			}
			seen[strings.ToLower(id)] = true
		}
	}
}
