package store

import (
	"sync"

	"chitieu/indicator"
)

// fieldCache keeps the state's field names of days and spans, which every
// report names again (today's blocks, the spans of today's evaluation):
// made once, not per report. It forgets everything when it grows past its
// size, so it stays small however long the process runs.
type fieldCache[K comparable] struct {
	mu   sync.Mutex
	size int
	m    map[K][]string
	make func(K) []string
}

func (c *fieldCache[K]) get(k K) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.m[k]; ok {
		return v
	}
	if c.m == nil || len(c.m) >= c.size {
		c.m = make(map[K][]string)
	}
	v := c.make(k)
	c.m[k] = v
	return v
}

var (
	dayFields  = &fieldCache[indicator.Date]{size: 4096, make: blockFieldsOf}
	spanFields = &fieldCache[indicator.Period]{size: 4096, make: spanFieldsOf}
)

// blockFields are the blocks a day is in, as stateLua's blocks names them:
// its year's, its month's, its own. The caller must not change them.
func blockFields(d indicator.Date) []string { return dayFields.get(d) }
