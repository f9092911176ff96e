package store

import (
	"context"
	"time"

	"chitieu/indicator"
)

// DropStateBlock loses a block of a code's evaluation state, as a bug or a
// hand edit would.
func (s *Store) DropStateBlock(ctx context.Context, code, block string) error {
	return s.rdb.HDel(ctx, s.tk().state(code), block).Err()
}

// ImportChunk and ReadBudget are how many figures an import writes per call
// and a read returns per call, for the tests that cross them.
const ImportChunk, ReadBudget = importChunk, readBudget

// State answers the spans from code's evaluation state in one round trip.
func (s *Store) State(ctx context.Context, code string, spans []indicator.Period) (*indicator.Answered, error) {
	v, err := s.ReportRead(code, spans, 0, time.Time{}).View(ctx)
	return v.State, err
}
