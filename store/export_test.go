package store

// ImportChunk and ReadBudget are how many figures an import writes per call
// and a read returns per call, for the tests that cross them.
const ImportChunk, ReadBudget = importChunk, readBudget
