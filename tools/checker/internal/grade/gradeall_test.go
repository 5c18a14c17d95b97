package grade

import "testing"

func TestSubmissionIDs(t *testing.T) {
	got := submissionIDs([]string{"subs/alice.zip", "other/alice.tar.gz", "bob.TGZ", "subs/김민준 과제", "/"})
	want := []string{"alice", "alice-2", "bob", "김민준_과제", "submission"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("submissionIDs: %q, want %q", got, want)
			break
		}
	}
}
