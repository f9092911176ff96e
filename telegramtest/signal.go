package telegramtest

import (
	"sync"
	"time"
)

// Signal lets a test wait for a condition that a change makes true: the
// side that changes calls Notify, the test waits in Until, which looks
// again at each change, never on a timer. The zero Signal is ready.
type Signal struct {
	mu      sync.Mutex
	changed chan struct{} // closed and replaced at each Notify
}

func (s *Signal) current() chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.changed == nil {
		s.changed = make(chan struct{})
	}
	return s.changed
}

// Notify wakes whoever waits in Until.
func (s *Signal) Notify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.changed != nil {
		close(s.changed)
	}
	s.changed = make(chan struct{})
}

// Until waits, at most for within, until ok holds; false when it did not.
func (s *Signal) Until(within time.Duration, ok func() bool) bool {
	timeout := time.After(within)
	for {
		changed := s.current() // taken before ok looks: a change after it is not missed
		if ok() {
			return true
		}
		select {
		case <-changed:
		case <-timeout:
			return ok()
		}
	}
}
