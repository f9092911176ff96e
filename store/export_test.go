package store

import (
	"context"
	"fmt"

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

// readState answers spans from the state of an indicator and the codes it
// had before. KEYS: the state hashes. ARGV: from, to, from, to, …
// Returns per span the records to merge.
var readState = stateScript(`
local out = {}
for i = 1, #ARGV, 2 do out[#out + 1] = state_pick(KEYS, tonumber(ARGV[i]), tonumber(ARGV[i + 1])) end
return out
`)

// State answers the spans from code's evaluation state in one round trip.
func (s *Store) State(ctx context.Context, code string, spans []indicator.Period) (*indicator.Answered, error) {
	list, err := readState.Run(ctx, s.rdb, s.stateKeys(code), spanArgs(spans)...).Slice()
	if err != nil {
		return nil, fmt.Errorf("read evaluation state: %w", err)
	}
	return answered(spans, list)
}
