package store

import "context"

// DropStateBlock loses a block of a code's evaluation state, as a bug or a
// hand edit would.
func (s *Store) DropStateBlock(ctx context.Context, code, block string) error {
	return s.rdb.HDel(ctx, s.k.state(code), block).Err()
}

// ImportChunk and ReadBudget are how many figures an import writes per call
// and a read returns per call, for the tests that cross them.
const ImportChunk, ReadBudget = importChunk, readBudget
