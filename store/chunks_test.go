package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/store/storetest"
)

// cutOff is a hook that lets through the first n script calls that work,
// then fails every other, as a process that dies midway would stop.
type cutOff struct{ left atomic.Int64 }

func (c *cutOff) DialHook(next redis.DialHook) redis.DialHook { return next }
func (c *cutOff) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if name := cmd.Name(); name != "evalsha" && name != "eval" {
			return next(ctx, cmd)
		}
		if c.left.Load() <= 0 {
			return errors.New("cut off")
		}
		err := next(ctx, cmd)
		if err == nil {
			c.left.Add(-1)
		}
		return err
	}
}
func (c *cutOff) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// keysOf lists the idempotency keys of figures, in their order.
func keysOf(figs []indicator.Record) []string {
	out := make([]string, len(figs))
	for i, f := range figs {
		out[i] = f.Key
	}
	return out
}

// manyFigures is n figures of code on day, keyed name:0, name:1, …
func manyFigures(code string, day indicator.Date, name string, n int) []store.NewFigure {
	figs := make([]store.NewFigure, n)
	for i := range figs {
		figs[i] = store.NewFigure{Indicator: code, Date: day, Value: float64(i), Key: fmt.Sprintf("%s:%d", name, i)}
	}
	return figs
}

func TestImportCutOffMidwayCompletesWhenRunAgain(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		figs := manyFigures("CT01.1", d(2023, 3, 25), "row", 2*store.ImportChunk+store.ImportChunk/2)
		figs = append(figs, figs[:10]...) // a file with the same row twice
		cut := &cutOff{}
		cut.left.Store(2)
		s.AddHook(cut)
		n, err := s.Figures.Import(ctx, 7, figs)
		if err == nil || n != 2*store.ImportChunk {
			t.Fatalf("cut off after two chunks: added %d, %v; want %d and an error", n, err, 2*store.ImportChunk)
		}
		cut.left.Store(1 << 30)
		n, err = s.Figures.Import(ctx, 7, figs)
		if want := store.ImportChunk / 2; err != nil || n != want {
			t.Errorf("run again: added %d, %v; want the %d left", n, err, want)
		}
		stored, _ := s.Figures.Records(ctx, "CT01.1", y2023)
		entries, _ := s.Audit.Entries(ctx, 10*len(figs), "")
		if want := 2*store.ImportChunk + store.ImportChunk/2; len(stored) != want || len(entries) != want ||
			len(slices.Compact(slices.Sorted(slices.Values(keysOf(stored))))) != want {
			t.Errorf("%d figures, %d audit entries; want %d distinct of each", len(stored), len(entries), want)
		}
		if n, _ := s.Figures.Import(ctx, 7, figs); n != 0 {
			t.Errorf("the whole file again added %d, want 0", n)
		}
	})
}

func TestImportWritesInChunks(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		rt := &roundTrips{}
		s.AddHook(rt)
		s.Figures.Import(ctx, 0, manyFigures("CT01.1", d(2023, 1, 1), "warm", 1)) // loads the script
		figs := manyFigures("CT01.1", d(2023, 1, 2), "a", 3*store.ImportChunk+1)
		var n int
		var err error
		if calls := rt.count(func() { n, err = s.Figures.Import(ctx, 0, figs) }); calls != 4 {
			t.Errorf("importing 3 chunks and 1 figure took %d calls, want 4", calls)
		}
		if err != nil || n != len(figs) {
			t.Errorf("added %d, %v; want %d", n, err, len(figs))
		}
	})
}

func TestAnImportWithABadRowWritesNothing(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		figs := manyFigures("CT01.1", d(2023, 1, 2), "a", 2*store.ImportChunk)
		figs[len(figs)-1].Key = ""
		if n, err := s.Figures.Import(ctx, 0, figs); err == nil || n != 0 {
			t.Errorf("added %d, %v; want nothing and an error", n, err)
		}
		if stored, _ := s.Figures.Records(ctx, "CT01.1", y2023); len(stored) != 0 {
			t.Errorf("%d figures stored", len(stored))
		}
	})
}

// TestReadInPieces reads indexes whose pieces end inside a day (the
// first), lie inside one day (the second), end just at an index's end (the
// third), and skip figures out of the period: the result is the one a
// single read would give.
func TestReadInPieces(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		b := store.ReadBudget
		groups := [][]store.NewFigure{
			manyFigures("CT01.1", d(2023, 2, 1), "feb", 100),
			manyFigures("CT01.1", d(2023, 3, 1), "mar", 2*b),
			manyFigures("CT01.1", d(2023, 4, 1), "apr", 100),
			manyFigures("CT01.1", d(2024, 4, 1), "next year", 10),
			manyFigures("CT02.1", d(2023, 5, 1), "end", b-210), // the third piece ends with it
			manyFigures("CT03.1", d(2022, 5, 1), "last year", 10),
			manyFigures("CT03.1", d(2023, 5, 1), "late", 5),
			manyFigures("CT01.1", d(2023, 1, 1), "jan", 10), // saved last, read first
		}
		var figs []store.NewFigure
		for _, g := range groups {
			figs = append(figs, g...)
		}
		if _, err := s.Figures.Import(ctx, 0, figs); err != nil {
			t.Fatal(err)
		}
		rt := &roundTrips{}
		s.AddHook(rt)
		s.Figures.Records(ctx, "CT09.9", y2023) // loads the script
		var all map[string][]indicator.Record
		var err error
		calls := rt.count(func() { all, err = s.Figures.All(ctx, []string{"CT01.1", "CT02.1", "CT03.1", "CT04.1"}, y2023) })
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{
			"CT01.1": slices.Concat(keysOfNew(groups[7]), keysOfNew(groups[0]), keysOfNew(groups[1]), keysOfNew(groups[2])),
			"CT02.1": keysOfNew(groups[4]), "CT03.1": keysOfNew(groups[6]),
		}
		for code, keys := range want {
			if got := keysOf(all[code]); !slices.Equal(got, keys) {
				t.Errorf("%s: %d figures read, want %d in date and saving order; first difference at %d",
					code, len(got), len(keys), firstDifference(got, keys))
			}
		}
		if len(all["CT04.1"]) != 0 || calls > 4 {
			t.Errorf("%d figures of an indicator without any; %d calls, want at most 4", len(all["CT04.1"]), calls)
		}
	})
}

func keysOfNew(figs []store.NewFigure) []string {
	out := make([]string, len(figs))
	for i, f := range figs {
		out[i] = f.Key
	}
	return out
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestFigureCodesInPieces(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		figs := slices.Concat(manyFigures("CT01.1", d(2023, 1, 1), "a", 4500), manyFigures("CT02.1", d(2023, 1, 1), "b", 7),
			manyFigures("OLD.1", d(2021, 1, 1), "c", 1))
		if _, err := s.Figures.Import(ctx, 0, figs); err != nil {
			t.Fatal(err)
		}
		got, err := s.Figures.Codes(ctx)
		if want := map[string]int{"CT01.1": 4500, "CT02.1": 7, "OLD.1": 1}; err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("codes = %v, %v; want %v", got, err, want)
		}
	})
}

// bigCodes are the indicators of a big history: one daily indicator with
// most of the figures, so that one index is big, and a few smaller ones.
var bigCodes = []string{"CT01.1", "CT01.1", "CT01.1", "CT02.1", "CT03.1"}

// bigSpan is the days the big history's figures are dated in.
var bigSpan = indicator.Period{From: indicator.NewDate(2021, 1, 1), To: indicator.NewDate(2025, 12, 31)}

// bigHistory is n figures over bigSpan, several a day, keyed by batch and
// position so that two batches never share a key.
func bigHistory(batch string, n int) []store.NewFigure {
	days := int(bigSpan.To-bigSpan.From) + 1
	figs := make([]store.NewFigure, n)
	for i := range figs {
		figs[i] = store.NewFigure{Indicator: bigCodes[i%len(bigCodes)], Date: bigSpan.From + indicator.Date(i%days),
			Value: float64(i % 97), Text: fmt.Sprint(i % 97), Source: "import", Key: fmt.Sprintf("%s:%d", batch, i)}
	}
	return figs
}

// count is how many figures a read returned, all indicators together.
func count(all map[string][]indicator.Record) int {
	n := 0
	for _, figs := range all {
		n += len(figs)
	}
	return n
}

// sizes is a hook that keeps, for every script call, how many arguments
// it sent and how many values its reply held (lists counted through).
type sizes struct {
	mu            sync.Mutex
	args, replied int
}

func (h *sizes) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *sizes) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}
func (h *sizes) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if c, ok := cmd.(*redis.Cmd); ok && (cmd.Name() == "evalsha" || cmd.Name() == "eval") {
			h.mu.Lock()
			h.args, h.replied = max(h.args, len(cmd.Args())), max(h.replied, values(c.Val()))
			h.mu.Unlock()
		}
		return err
	}
}

func values(v any) int {
	list, ok := v.([]any)
	if !ok {
		return 1
	}
	n := 0
	for _, x := range list {
		n += values(x)
	}
	return n
}

// TestNoCallCarriesMoreThanAPiece imports 20,000 figures, reads them all
// and counts them by code, and holds every call to its piece: an import's
// call carries at most ImportChunk figures, a read's reply at most
// ReadBudget, whatever the history — so no call holds Redis long, on any
// machine. (How long the calls take on a real Redis with 100,000 figures
// is checked by TestNoLongCallsOn100kFigures, behind the build tag
// slowlog, which .ci/run runs.)
func TestNoCallCarriesMoreThanAPiece(t *testing.T) {
	if store.ImportChunk > 50 || store.ReadBudget > 1000 {
		t.Errorf("pieces of %d figures an import and %d a read: measured (slowlog) at 25 and 1,000", store.ImportChunk, store.ReadBudget)
	}
	s := storetest.New(t, nil)
	h := &sizes{}
	s.AddHook(h)
	figs := bigHistory("piece", 20_000)
	if n, err := s.Figures.Import(ctx, 0, figs); err != nil || n != len(figs) {
		t.Fatalf("import: %d, %v", n, err)
	}
	if perFigure := 9; h.args > 5+3+perFigure*store.ImportChunk+len(bigCodes)*2 {
		t.Errorf("an import's call sent %d arguments: more than %d figures", h.args, store.ImportChunk)
	}
	h.args, h.replied = 0, 0
	all, err := s.Figures.All(ctx, []string{"CT01.1", "CT02.1", "CT03.1"}, bigSpan)
	if err != nil || count(all) != len(figs) {
		t.Fatalf("read %d figures, %v", count(all), err)
	}
	if h.replied > 2*store.ReadBudget+10 {
		t.Errorf("a read's reply held %d values: more than %d figures", h.replied, store.ReadBudget)
	}
	h.replied = 0
	if codes, err := s.Figures.Codes(ctx); err != nil || codes["CT01.1"] != 12_000 {
		t.Fatalf("codes %v, %v", codes, err)
	}
	if h.replied > 2*1000 {
		t.Errorf("counting the codes' figures returned %d values in one call", h.replied)
	}
}
