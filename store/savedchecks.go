package store

import (
	"sync"
	"sync/atomic"

	"chitieu/indicator"
)

// savedChecks keeps what a report's save read for the alert check that
// follows it (the indicator's alert state and the silences), so that the
// check takes no round trip of its own. A check takes its save's entry
// once; one that finds none (the figure was known, another instance
// saved it, the entries were dropped) reads as before. An entry is stale,
// and read again, once this instance tried to change the indicator's
// alert state or any silence after the save read it.
type savedChecks struct {
	on    atomic.Bool
	mu    sync.Mutex
	byKey map[string]savedCheck // by figure key
	gen   map[string]uint64     // by code: alert states this instance tried to change
	all   uint64                // silences changed
}

type savedCheck struct {
	code     string
	day      indicator.Date
	by       int64
	alert    any // the alert state's document, or nil
	silences any // HGETALL's list
	gen, all uint64
}

// maxSavedChecks bounds the entries: checks that never came (a reply
// failed before it) do not pile up; past it, all are dropped.
const maxSavedChecks = 4096

// ReadAlertsWithSaves makes every figure saved from now on read, in its
// save's round trip, what the alert check after it needs
// (ReadAlertCheck with the figure's key then reads nothing).
func (s *Store) ReadAlertsWithSaves() { s.checks.on.Store(true) }

func (c *savedChecks) keep(f indicator.Record, alert, silences any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil || len(c.byKey) >= maxSavedChecks {
		c.byKey = map[string]savedCheck{}
	}
	c.byKey[f.Key] = savedCheck{code: f.Indicator, day: f.Date, by: f.By, alert: alert, silences: silences,
		gen: c.gen[f.Indicator], all: c.all}
}

// changing marks code's alert state as changed, or with "" the silences.
func (c *savedChecks) changing(code string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if code == "" {
		c.all++
		return
	}
	if c.gen == nil {
		c.gen = map[string]uint64{}
	}
	c.gen[code]++
}

func (c *savedChecks) take(key string) (savedCheck, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sc, ok := c.byKey[key]
	delete(c.byKey, key)
	return sc, ok && sc.gen == c.gen[sc.code] && sc.all == c.all
}
