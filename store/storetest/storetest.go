// Package storetest gives tests a store on a real Redis when REDIS_URL is
// set and on an in-process one (miniredis) when it is not, so the same
// tests pass on a fresh machine and prove themselves on a real server.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"chitieu/store"
)

// Clock is a settable clock for a store under test.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now reads the clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set puts the clock at t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Prefix is a key prefix no other test uses.
func Prefix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return "test-" + hex.EncodeToString(b)
}

var (
	mu      sync.Mutex
	reopens = map[*store.Store]func(testing.TB) *store.Store{}
)

// Reopen connects anew to the Redis a store from New or Open is on, with
// the same prefix, as a restarted process would.
func Reopen(tb testing.TB, s *store.Store) *store.Store {
	tb.Helper()
	mu.Lock()
	open := reopens[s]
	mu.Unlock()
	return open(tb)
}

func remember(s *store.Store, open func(testing.TB) *store.Store) *store.Store {
	mu.Lock()
	defer mu.Unlock()
	reopens[s] = open
	return s
}

// New returns a store with its own key prefix on REDIS_URL, or on a fresh
// miniredis; its keys are deleted when the test ends. now may be nil.
func New(tb testing.TB, now func() time.Time) *store.Store {
	tb.Helper()
	if url := os.Getenv("REDIS_URL"); url != "" {
		return Open(tb, store.Options{URL: url, Prefix: Prefix(), Now: now})
	}
	mr := miniredis.RunT(tb)
	return onMiniredis(tb, mr, Prefix(), now)
}

// Mini returns a store on a fresh miniredis and the miniredis itself, for
// a test that moves Redis's time (FastForward) to see keys time out.
func Mini(tb testing.TB, now func() time.Time) (*store.Store, *miniredis.Miniredis) {
	tb.Helper()
	mr := miniredis.RunT(tb)
	return onMiniredis(tb, mr, Prefix(), now), mr
}

func onMiniredis(tb testing.TB, mr *miniredis.Miniredis, prefix string, now func() time.Time) *store.Store {
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr(), DisableIdentity: true})
	s, err := store.New(rdb, store.Options{Prefix: prefix, Now: now})
	if err == nil {
		err = s.Init(context.Background())
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return remember(s, func(tb testing.TB) *store.Store { return onMiniredis(tb, mr, prefix, now) })
}

// Open opens a store on a real Redis and deletes its keys when the test
// ends.
func Open(tb testing.TB, o store.Options) *store.Store {
	tb.Helper()
	s, err := store.Open(context.Background(), o)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		s.Close()
		c, err := store.Open(context.Background(), o)
		if err == nil {
			err = c.DeleteAll(context.Background())
			c.Close()
		}
		if err != nil {
			tb.Errorf("clean up %s: %v", o.Prefix, err)
		}
	})
	return remember(s, func(tb testing.TB) *store.Store {
		s, err := store.Open(context.Background(), o)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		return s
	})
}
