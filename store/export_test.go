package store

import "context"

// DropStateBlock loses a block of a code's evaluation state, as a bug or a
// hand edit would.
func (s *Store) DropStateBlock(ctx context.Context, code, block string) error {
	return s.rdb.HDel(ctx, s.k.state(code), block).Err()
}
