package convlingsgrade

import (
	"flag"
	"os"
	"slices"
	"testing"
)

// TestTampered checks that the harness notices changed arguments and a
// -test.* flag that is not what the checker passed.
func TestTampered(t *testing.T) {
	saveArgs, saveFlags := args, flags
	defer func() { args, flags = saveArgs, saveFlags }()
	args = slices.Clone(os.Args)
	flags = map[string]string{}
	flag.VisitAll(func(f *flag.Flag) { flags[f.Name] = f.Value.String() })
	if got := tampered(); got != "" {
		t.Fatalf("tampered() = %q on an untouched run", got)
	}

	skip := flag.Lookup("test.skip")
	old := skip.Value.String()
	skip.Value.Set("^TestTampered$/.")
	got := tampered()
	skip.Value.Set(old)
	if got != "-test.skip" {
		t.Errorf("tampered() = %q after -test.skip changed, want -test.skip", got)
	}

	args = append(args, "-test.short")
	if got := tampered(); got != "os.Args" {
		t.Errorf("tampered() = %q after os.Args changed, want os.Args", got)
	}
}
