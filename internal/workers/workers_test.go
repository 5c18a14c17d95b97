package workers

import (
	"sync"
	"sync/atomic"
	"testing"
)

type scratch struct{ rowsSeen int }

// counter records how many times each row ran.
type counter struct{ hits []atomic.Int32 }

func (c *counter) Row(s *scratch, r int) {
	s.rowsSeen++
	c.hits[r].Add(1)
}

// TestRunCoversEveryRowOnce runs jobs of many sizes with 1 to 4 threads,
// from several callers at once, and checks that every row ran exactly once.
func TestRunCoversEveryRowOnce(t *testing.T) {
	var p Pool[scratch]
	var wg sync.WaitGroup
	for caller := 0; caller < 4; caller++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var j Job[scratch]
			for rows := 1; rows <= 200; rows += 7 {
				for threads := 1; threads <= 4; threads++ {
					c := &counter{hits: make([]atomic.Int32, rows)}
					j.Reset(c, rows)
					p.Run(&j, threads)
					j.Release()
					for r := range c.hits {
						if n := c.hits[r].Load(); n != 1 {
							t.Errorf("rows=%d threads=%d: row %d ran %d times, want 1", rows, threads, r, n)
							return
						}
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestRunAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	var p Pool[scratch]
	var j Job[scratch]
	c := &counter{hits: make([]atomic.Int32, 64)}
	allocs := testing.AllocsPerRun(100, func() {
		j.Reset(c, 64)
		p.Run(&j, 2)
		j.Release()
	})
	if allocs != 0 {
		t.Errorf("Run allocated %v times per call, want 0", allocs)
	}
}

func TestFreeListReuses(t *testing.T) {
	var l FreeList[scratch]
	a := l.Get()
	l.Put(a)
	if b := l.Get(); b != a {
		t.Errorf("Get after Put returned a new value, want the one put back")
	}
}
