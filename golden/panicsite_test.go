package golden

import (
	"strings"
	"testing"
)

// sited is a panic value that says where it was raised, as the grader's
// worker proxies' are.
type sited struct{ site string }

func (s sited) PanicSite() string { return s.site }

// TestPanicSite: a panic is placed at the frame that raised it, unless its
// value says where (a proxy that re-raises a panic recovered in another
// process names the learner's frame there, or none), so that no message
// names the proxy's own line.
func TestPanicSite(t *testing.T) {
	o := protect(func() outcome { panic("boom") })
	if !strings.HasPrefix(o.site, "golden/panicsite_test.go:") || !strings.HasSuffix(o.site, "(golden.TestPanicSite.func1)") {
		t.Errorf("a local panic: site %q, want this file's line and function", o.site)
	}
	o = protect(func() outcome { panic(sited{"lessons/padding/padding.go:32 (padding.OutputLength)"}) })
	if o.site != "lessons/padding/padding.go:32 (padding.OutputLength)" {
		t.Errorf("a panic that says where: site %q", o.site)
	}
	o = protect(func() outcome { panic(sited{}) })
	if o.site != "" {
		t.Errorf("a panic that says nowhere: site %q, want none", o.site)
	}
	v, _ := judgeOutcome("padding.OutputLength(1, 2, 3, \"same\")", nil, outcome{panic: "boom", site: "lessons/padding/padding.go:32 (padding.OutputLength)"}, nil)
	if v == nil || !strings.Contains(v.head, "lessons/padding/padding.go:32 (padding.OutputLength)") {
		t.Errorf("the message does not name the site: %+v", v)
	}
	v, _ = judgeOutcome("padding.OutputLength(1, 2, 3, \"same\")", nil, outcome{panic: "no answer"}, nil)
	if v == nil || strings.Contains(v.head, "at ") || strings.Contains(v.head, "위치") {
		t.Errorf("a panic with no site names one: %+v", v)
	}
}
