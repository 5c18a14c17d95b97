package main

import (
	"bytes"
	"context"
	"fmt"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/convlings/convlings/internal/kit"
	"github.com/convlings/convlings/tools/checker/internal/checkertest"
	"github.com/convlings/convlings/tools/checker/internal/grade"
	"github.com/convlings/convlings/tools/checker/internal/result"
)

// BenchmarkGradeClass grades a class of 40 submissions of the real kit,
// each the solutions with every file different from every other
// submission's (as real learners' files are, so that nothing of a
// learner's is in the build cache), with GOMAXPROCS workers, isolation on
// (namespaces as root on Linux) and a warm build cache for the kit itself,
// in one GradeAll as one `grade` call does, and reports submissions per
// minute and where the time went. Every submission must score full marks.
// BenchmarkGradeClass/solved grades such a class on the worker path (the
// default) and another on the harness path (-harness), back to back, and
// reports both rates and their ratio, since the machine's load changes
// between runs. BenchmarkGradeClass/mistakes grades 40 with a different
// mistake each (one comparison or arithmetic operator flipped) instead:
//
//	go test ./tools/checker -run '^$' -bench GradeClass -benchtime 1x
func BenchmarkGradeClass(b *testing.B) {
	b.Run("solved", func(b *testing.B) { benchGradeClass(b, false) })
	b.Run("mistakes", func(b *testing.B) { benchGradeClass(b, true) })
}

func benchGradeClass(b *testing.B, mistakes bool) {
	kit, err := findKit(context.Background(), "../..")
	if err != nil {
		b.Fatal(err)
	}
	paths := []string{"worker", "harness"}
	if mistakes {
		paths = paths[:1]
	}
	base := grade.Options{Harness: harnessSource(), Timeout: 10 * time.Second, BuildTimeout: 3 * time.Minute, MemMiB: 512, OutputCap: 1 << 20,
		Jobs: runtime.GOMAXPROCS(0), IsolateUser: true, BaseUID: 61500}
	warm := func(opts grade.Options) {
		// Warm the build cache with one grading run of one submission.
		sources := mutatedSolutions(b, kit, 1, b.TempDir(), false)
		if _, g, err := grade.GradeAll(context.Background(), kit, opts, sources, nil); err != nil {
			b.Fatal(err)
		} else {
			g.Close()
		}
	}
	for _, p := range paths {
		opts := base
		opts.UseHarness = p == "harness"
		warm(opts)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rate := map[string]float64{}
		for _, p := range paths {
			b.StopTimer()
			// Fresh files for each path, so neither finds the other's
			// compiled packages in the cache.
			sources := mutatedSolutions(b, kit, 40, b.TempDir(), mistakes)
			opts := base
			opts.UseHarness = p == "harness"
			b.StartTimer()
			start := time.Now()
			rows, g, err := grade.GradeAll(context.Background(), kit, opts, sources, nil)
			if err != nil {
				b.Fatal(err)
			}
			el := time.Since(start)
			g.Close()
			var prep, build, run time.Duration
			scores := map[float64]int{}
			for _, r := range rows {
				if !r.Graded {
					b.Fatalf("%s not graded: %s", r.ID, r.Error)
				}
				if !mistakes && r.Score != r.MaxScore {
					for _, res := range r.Results {
						if res.Status != result.Passed {
							b.Errorf("%s: %s %s: %s\n%s", r.ID, res.Exercise.ID(), res.Status, res.Reason, result.Clip(res.Message, 3000))
						}
					}
					b.Fatalf("%s path: %s, the solutions, scored %v of %v", p, r.ID, r.Score, r.MaxScore)
				}
				prep += r.Timing.Prepare
				build += r.Timing.Build
				run += r.Timing.Run
				scores[r.Score]++
			}
			total := prep + build + run
			rate[p] = float64(len(rows)) / el.Minutes()
			b.ReportMetric(rate[p], p+"-submissions/min")
			if p == "worker" {
				b.ReportMetric(100*build.Seconds()/total.Seconds(), "%build")
				b.ReportMetric(100*run.Seconds()/total.Seconds(), "%run")
				b.ReportMetric(100*prep.Seconds()/total.Seconds(), "%prepare")
			}
			if i == 0 {
				var keys []float64
				for s := range scores {
					keys = append(keys, s)
				}
				sort.Float64s(keys)
				var dist []string
				for _, s := range keys {
					dist = append(dist, fmt.Sprintf("%s×%d", result.FormatPoints(s), scores[s]))
				}
				b.Logf("%s path, isolation %s: %d submissions in %.1fs with %d workers (%.0f a minute); per submission: prepare %.2fs, build %.2fs, run %.2fs; scores %s",
					p, g.Isolation(), len(rows), el.Seconds(), opts.Jobs, rate[p], prep.Seconds()/float64(len(rows)), build.Seconds()/float64(len(rows)),
					run.Seconds()/float64(len(rows)), strings.Join(dist, " "))
			}
		}
		if rate["harness"] > 0 {
			b.ReportMetric(rate["worker"]/rate["harness"], "worker/harness")
		}
	}
}

// mutatedSolutions writes n lessons/ folders into dir, each holding the
// kit's solutions, every file made unique, and, with mistakes, one
// operator flipped: the k-th flippable operator of the whole set, so every
// submission has a different mistake.
func mutatedSolutions(tb testing.TB, kit *kit.Kit, n int, dir string, mistakes bool) []string {
	type site struct {
		file string // slash path under lessons/
		off  int
		op   token.Token
	}
	flip := map[token.Token]string{token.ADD: "-", token.SUB: "+", token.LSS: "<=", token.LEQ: "<", token.GTR: ">=", token.GEQ: ">"}
	files := map[string][]byte{}
	var sites []site
	for _, l := range kit.Manifest.Lessons {
		src := filepath.Join(kit.Root, "solutions", l.Name)
		entries, err := os.ReadDir(src)
		if err != nil {
			tb.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				tb.Fatal(err)
			}
			rel := l.Name + "/" + e.Name()
			// A solution that builds on earlier ones imports them from
			// solutions/; a learner's imports them from lessons/.
			data = bytes.ReplaceAll(data, []byte(`"github.com/convlings/convlings/solutions/`), []byte(`"github.com/convlings/convlings/lessons/`))
			files[rel] = data
			var s scanner.Scanner
			fset := token.NewFileSet()
			s.Init(fset.AddFile(rel, -1, len(data)), data, nil, 0)
			for {
				pos, tok, _ := s.Scan()
				if tok == token.EOF {
					break
				}
				if _, ok := flip[tok]; ok {
					sites = append(sites, site{rel, fset.Position(pos).Offset, tok})
				}
			}
		}
	}
	if len(sites) == 0 {
		tb.Fatal("no operator to flip in the solutions")
	}
	var names []string
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	nonce := time.Now().UnixNano()
	var sources []string
	for i := 0; i < n; i++ {
		// Spread the mistakes over the whole kit.
		s := sites[(i*len(sites)/n)%len(sites)]
		sub := filepath.Join(dir, fmt.Sprintf("learner%02d", i+1))
		for _, f := range names {
			data := files[f]
			if mistakes && f == s.file {
				op := s.op.String()
				data = []byte(string(data[:s.off]) + flip[s.op] + string(data[s.off+len(op):]))
			}
			// Unique to this run too: a second run must not find the
			// first run's compiled packages and binaries in the cache.
			data = append(data, fmt.Sprintf("\n// learner %d's copy, %d\n", i+1, nonce)...)
			checkertest.WriteFile(tb, filepath.Join(sub, "lessons", filepath.FromSlash(f)), string(data))
		}
		sources = append(sources, sub)
	}
	return sources
}
