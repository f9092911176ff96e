package store

import "context"

// DropSums loses a code's sums and the layout mark, as a store written
// before the sums were kept has neither.
func (s *Store) DropSums(ctx context.Context, code string) error {
	return s.rdb.Del(ctx, s.tk().sums(code), s.tk().sumsLayout()).Err()
}

// ImportChunk and ReadBudget are how many figures an import writes per call
// and a read returns per call, for the tests that cross them.
const ImportChunk, ReadBudget = importChunk, readBudget

// HandledLua is lua/handled.lua, for a test's own script that marks an
// update handled with its write.
var HandledLua = luaSource("handled.lua")

// OldKeys are the keys of the layout before committees still in Redis.
func (s *Store) OldKeys(ctx context.Context) ([]string, error) { return s.oldKeys(ctx) }
