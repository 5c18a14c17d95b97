package grade

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/proc"
	"github.com/convlings/convlings/tools/checker/internal/result"
	"github.com/convlings/convlings/tools/checker/internal/sandbox"
)

// GradeAll grades the submissions with opts.jobs workers and returns the
// rows in the order of the submissions.
func GradeAll(ctx context.Context, kit *kit.Kit, opts Options, sources []string, progress interface{ Write([]byte) (int, error) }) ([]*Row, *Grader, error) {
	p, err := LoadPristine(kit)
	if err != nil {
		return nil, nil, err
	}
	if err := sandbox.BecomeSubreaper(); err != nil && sandbox.Supported {
		return nil, nil, err
	}
	// The kit's generators check it while the pristine kit compiles.
	pristine := make(chan error, 1)
	if opts.CheckPristine {
		go func() { pristine <- CheckPristine(ctx, kit) }()
	} else {
		pristine <- nil
	}
	g, err := New(p, opts)
	if err != nil {
		<-pristine
		return nil, nil, err
	}
	err = g.Preflight(ctx)
	if perr := <-pristine; perr != nil {
		err = perr
	}
	if err != nil {
		g.Close()
		return nil, nil, err
	}
	ids := submissionIDs(sources)
	rows := make([]*Row, len(sources))
	var wg sync.WaitGroup
	var mu sync.Mutex
	next, done := 0, 0
	start := time.Now()
	for w := 0; w < opts.Jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(sources) || ctx.Err() != nil {
					return
				}
				row := g.Grade(ctx, sources[i], ids[i])
				mu.Lock()
				rows[i] = row
				done++
				if progress != nil {
					status := fmt.Sprintf("%s/%s", result.FormatPoints(row.Score), result.FormatPoints(row.MaxScore))
					if !row.Graded {
						status = "not graded: " + row.Error
					}
					fmt.Fprintf(progress, "[%d/%d] %s: %s (%.1fs: build %.1fs, run %.1fs)\n", done, len(sources), row.ID, result.Terminal(status),
						row.Timing.Total.Seconds(), row.Timing.Build.Seconds(), row.Timing.Run.Seconds())
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		g.Close()
		return nil, nil, ctx.Err()
	}
	if progress != nil && len(sources) > 1 {
		el := time.Since(start)
		fmt.Fprintf(progress, "graded %d submissions in %.1fs (%.1f per minute, %d workers)\n", len(sources), el.Seconds(), float64(len(sources))/el.Minutes(), opts.Jobs)
	}
	return rows, g, nil
}

// Preflight compiles the pristine kit once: it fails early, with the go
// command's own words, when the kit cannot be built here (missing module
// cache, wrong toolchain), rather than failing every submission; and it
// warms the build cache.
func (g *Grader) Preflight(ctx context.Context) error {
	ws, err := os.MkdirTemp(g.base, "preflight-")
	if err != nil {
		return err
	}
	defer proc.RemoveAll(ws)
	var names []string
	for _, l := range g.kit.kit.Manifest.Lessons {
		names = append(names, l.Name)
	}
	bins, errs, err := g.compile(ctx, ws, nil, names)
	if err != nil {
		return err
	}
	for _, n := range names {
		if bins[n] == "" {
			return fmt.Errorf("the pristine kit's lesson %s does not compile for grading (offline, GOFLAGS=-mod=readonly); run `go mod download` in the kit and try again:\n%s", n, errs[n])
		}
	}
	return nil
}

var idUnsafe = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// submissionIDs names each submission after its file or folder, without
// the archive extension, made safe as a folder name (letters, digits, '.',
// '_' and '-', never starting with '-' or '.') and unique, ignoring case (a
// case-insensitive file system would merge "Alice" and "alice"). A name
// that appears once keeps it; the second "alice" gets the first "alice-N"
// that no submission is named, so a real "alice-2" never collides with it.
func submissionIDs(sources []string) []string {
	base := make([]string, len(sources))
	taken := map[string]bool{}
	for i, s := range sources {
		if abs, err := filepath.Abs(s); err == nil {
			s = abs
		}
		b := filepath.Base(s)
		lower := strings.ToLower(b)
		for _, ext := range []string{".tar.gz", ".tgz", ".zip"} {
			if strings.HasSuffix(lower, ext) {
				b = b[:len(b)-len(ext)]
				break
			}
		}
		id := strings.TrimRight(strings.TrimLeft(idUnsafe.ReplaceAllString(b, "_"), "._-"), "._")
		if id == "" {
			id = "submission"
		}
		base[i] = id
		taken[strings.ToLower(id)] = true
	}
	ids := make([]string, len(sources))
	used := map[string]bool{}
	for i, id := range base {
		if used[strings.ToLower(id)] {
			for n := 2; ; n++ {
				c := fmt.Sprintf("%s-%d", id, n)
				if !taken[strings.ToLower(c)] {
					id = c
					break
				}
			}
			taken[strings.ToLower(id)] = true
		}
		used[strings.ToLower(id)] = true
		ids[i] = id
	}
	return ids
}
