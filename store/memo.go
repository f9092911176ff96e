package store

import (
	"sync"

	"chitieu/indicator"
)

// memo keeps what is made again and again from the same input on the hot
// path: the state's field names of days and spans (every report names
// today's blocks and today's spans) and the records of its blocks (a past
// year's or month's record reads the same in every report). It forgets
// everything when it grows past its size, so it stays small however long
// the process runs. What it gives must not be changed.
type memo[K comparable, V any] struct {
	mu   sync.Mutex
	size int
	m    map[K]V
	make func(K) (V, error)
}

func (c *memo[K, V]) get(k K) (V, error) {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := c.make(k)
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.size {
		c.m = make(map[K]V)
	}
	c.m[k] = v
	c.mu.Unlock()
	return v, nil
}

var (
	dayFields  = &memo[indicator.Date, []string]{size: 4096, make: always(blockFieldsOf)}
	spanFields = &memo[indicator.Period, []string]{size: 4096, make: always(spanFieldsOf)}
	records    = &memo[string, *record]{size: 4096, make: parsedRecord}
)

func parsedRecord(s string) (*record, error) {
	r, err := parseRecord(s)
	return &r, err
}

func always[K, V any](f func(K) V) func(K) (V, error) {
	return func(k K) (V, error) { return f(k), nil }
}

// blockFields are the blocks a day is in, as stateLua's blocks names them:
// its year's, its month's, its own. The caller must not change them.
func blockFields(d indicator.Date) []string {
	f, _ := dayFields.get(d)
	return f
}
