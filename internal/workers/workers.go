// Package workers runs the rows of one kernel call on the calling goroutine
// and a few long-lived helpers. The conv and pool kernels share it.
//
// The caller offers a Job with a number of seats, works on it itself, and
// withdraws the seats nobody took before waiting for those who did. A helper
// that has just finished spins for a while, yielding to other goroutines,
// before it parks, so that back-to-back calls, as in a network's forward
// pass, do not pay for waking a sleeping thread (tens to hundreds of
// microseconds in a VM). A call never waits for another call's work, and
// nothing is allocated in the steady state.
package workers

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// spinTime is how long a helper looks for new work before it parks, and how
// long a caller spins for its helpers' last rows before it blocks.
const spinTime = 50 * time.Microsecond

// Rower computes one row of a call with the scratch space s of the goroutine
// running it.
type Rower[S any] interface {
	Row(s *S, r int)
}

// Job is one call's rows, shared by every goroutine working on it. Embed it
// in the call's plan and Reset it before each Run.
type Job[S any] struct {
	rower Rower[S]
	rows  int
	next  atomic.Int64
	seats atomic.Int32  // helpers the job still takes
	done  chan struct{} // a helper's last act on the job: one token each
}

// Reset prepares j to run rows rows of rower.
func (j *Job[S]) Reset(rower Rower[S], rows int) {
	j.rower, j.rows = rower, rows
	j.next.Store(0)
}

// Release drops j's reference to its rower, so a reused job keeps nothing alive.
func (j *Job[S]) Release() { j.rower = nil }

// work computes rows until none is left.
func (j *Job[S]) work(s *S) {
	for {
		r := int(j.next.Add(1)) - 1
		if r >= j.rows {
			return
		}
		j.rower.Row(s, r)
	}
}

// Pool is a set of helpers with scratch spaces of type S. The zero value is
// ready to use; helpers start on first need and live for the process.
type Pool[S any] struct {
	offer     atomic.Pointer[Job[S]]
	parked    atomic.Int32
	mu        sync.Mutex
	wake      chan struct{}
	count     int
	scratches FreeList[S]
}

// Run computes every row of j using threads goroutines: the caller's and
// threads−1 helpers. With threads ≤ 1 it stays on the caller's goroutine.
func (p *Pool[S]) Run(j *Job[S], threads int) {
	s := p.scratches.Get()
	defer p.scratches.Put(s)
	if threads <= 1 {
		j.work(s)
		return
	}
	p.ensure(threads - 1)
	helpers := int32(threads - 1)
	if cap(j.done) < int(helpers) {
		j.done = make(chan struct{}, max(helpers, 64))
	}
	j.seats.Store(helpers)
	p.offer.Store(j)
	for i := min(p.parked.Load(), helpers); i > 0; i-- {
		select {
		case p.wake <- struct{}{}:
		default:
		}
	}
	j.work(s)
	p.offer.CompareAndSwap(j, nil)
	left := max(j.seats.Swap(0), 0) // seats nobody took
	// Wait for the helpers that took a seat: they are at most one row
	// behind, so spin first rather than park, which would cost a wake-up.
	for range helpers - left {
		start := time.Now()
	wait:
		for {
			select {
			case <-j.done:
				break wait
			default:
			}
			if time.Since(start) > spinTime {
				<-j.done
				break
			}
			runtime.Gosched()
		}
	}
}

func (p *Pool[S]) ensure(n int) {
	p.mu.Lock()
	if p.wake == nil {
		p.wake = make(chan struct{}, 256)
	}
	for ; p.count < n; p.count++ {
		go p.helper()
	}
	p.mu.Unlock()
}

// claim takes a seat on the offered job, if there is one.
func (p *Pool[S]) claim() *Job[S] {
	if j := p.offer.Load(); j != nil && j.seats.Load() > 0 && j.seats.Add(-1) >= 0 {
		return j
	}
	return nil
}

func (p *Pool[S]) claimable() bool {
	j := p.offer.Load()
	return j != nil && j.seats.Load() > 0
}

func (p *Pool[S]) helper() {
	s := new(S)
	for {
		if j := p.claim(); j != nil {
			j.work(s)
			j.done <- struct{}{}
			continue
		}
		if p.spin() {
			continue
		}
		p.parked.Add(1)
		if p.claimable() {
			p.parked.Add(-1)
			continue
		}
		<-p.wake
		p.parked.Add(-1)
	}
}

// spin waits up to spinTime for a claimable job, yielding the processor to
// any other goroutine that wants it.
func (p *Pool[S]) spin() bool {
	start := time.Now()
	for time.Since(start) < spinTime {
		if p.claimable() {
			return true
		}
		runtime.Gosched()
	}
	return false
}

// FreeList keeps values for reuse. Unlike a sync.Pool it never drops them
// at a garbage collection, so calls allocate nothing in the steady state
// even while other code makes garbage; it holds no more values than were
// ever in use at once. The zero value is ready to use.
type FreeList[T any] struct {
	mu   sync.Mutex
	free []*T
}

// Get returns a value from the list, or a new zero value.
func (l *FreeList[T]) Get() *T {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.free); n > 0 {
		v := l.free[n-1]
		l.free = l.free[:n-1]
		return v
	}
	return new(T)
}

// Put returns v to the list.
func (l *FreeList[T]) Put(v *T) {
	l.mu.Lock()
	l.free = append(l.free, v)
	l.mu.Unlock()
}
