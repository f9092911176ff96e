package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
)

// NewFigure is a figure to save. Key makes saving idempotent: the same key
// saved twice (a redelivered chat message, a file imported again) is one
// figure.
type NewFigure struct {
	Indicator string
	Date      indicator.Date
	Value     float64
	Text      string
	Note      string
	By        int64
	Source    string
	Key       string
}

var saveScript = script("handled.lua", "audit.lua", "save.lua")

// Save saves a figure, its indicator's sums and its audit entry in
// one round trip, and with a HandledMark marks the update it came in
// handled in the same script. created is false when a figure with the
// same key was saved before; that figure is returned and nothing changes.
func (x Figures) Save(ctx context.Context, nf NewFigure, mark ...HandledMark) (indicator.Record, bool, error) {
	s := x.s
	if nf.Key == "" || nf.Indicator == "" {
		return indicator.Record{}, false, errors.New("save figure: indicator and key are required")
	}
	if err := s.writable(); err != nil {
		return indicator.Record{}, false, fmt.Errorf("save figure: %w", err)
	}
	f := s.newFigure(nf)
	doc, err := json.Marshal(f)
	if err != nil {
		return indicator.Record{}, false, err
	}
	k := s.tk()
	keys := []string{k.figureKeys(), s.k.figureSeq(), k.figures(), k.index(f.Indicator), k.byReporter(f.By),
		s.k.audit(), k.sums(f.Indicator), s.k.terms()}
	b := blocks(f.Date)
	args := []any{f.Key, doc, int(f.Date), f.At.UnixMilli(), f.At.Format(time.RFC3339Nano), f.By,
		auditDetail(f), f.Value, b[0], b[1], b[2], s.Term().ID}
	for _, m := range mark {
		keys, args = append(keys, m.Keys...), append(args, m.Args...)
	}
	res, err := saveScript.Run(ctx, s.rdb, keys, args...).Int64Slice()
	if err != nil || len(res) < 2 {
		return indicator.Record{}, false, fmt.Errorf("save figure: %w", cmp.Or(err, errors.New("a short reply")))
	}
	id, added := res[0], res[1]
	if added < 0 { // another instance finished the term since this one read it
		return indicator.Record{}, false, fmt.Errorf("save figure: %w", &FinishedError{s.Term()})
	}
	if added == 0 {
		old, err := s.Figures.Get(ctx, id)
		return old, false, err
	}
	f.ID = id
	return f, true, nil
}

func (s *Store) newFigure(nf NewFigure) indicator.Record {
	return indicator.Record{Indicator: nf.Indicator, Date: nf.Date, Value: nf.Value, Text: nf.Text, Note: nf.Note,
		By: nf.By, At: s.now().UTC(), Source: nf.Source, Key: nf.Key, Version: 1}
}

// auditDetail is what a figure's audit entry says of it. Its fields are in
// the order a map's keys were written in before: the entries read the same.
func auditDetail(f indicator.Record) string {
	b, _ := json.Marshal(struct {
		Date      indicator.Date `json:"date"`
		Indicator string         `json:"indicator"`
		Text      string         `json:"text"`
		Value     float64        `json:"value"`
	}{f.Date, f.Indicator, f.Text, f.Value})
	return string(b)
}

// Get reads one figure by its id.
func (x Figures) Get(ctx context.Context, id int64) (indicator.Record, error) {
	s := x.s
	doc, err := s.rdb.HGet(ctx, s.tk().figures(), member(id)).Result()
	if errors.Is(err, redis.Nil) {
		return indicator.Record{}, fmt.Errorf("figure %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return indicator.Record{}, err
	}
	return decodeFigure(member(id), doc)
}

func decodeFigure(m, doc string) (indicator.Record, error) {
	var f indicator.Record
	if err := json.Unmarshal([]byte(doc), &f); err != nil {
		return indicator.Record{}, fmt.Errorf("figure %s: %w", m, err)
	}
	f.ID, _ = strconv.ParseInt(m, 10, 64)
	return f, nil
}

// Records reads an indicator's figures dated in p, in date order (a day's
// figures in the order they were saved), in one round trip unless there
// are more than readBudget.
func (x Figures) Records(ctx context.Context, code string, p indicator.Period) ([]indicator.Record, error) {
	s := x.s
	all, err := s.Figures.All(ctx, []string{code}, p)
	return all[code], err
}

// readBudget is how many figures one call of a read returns at most: a
// piece this size takes Redis a few milliseconds (well under 50 even on a
// busy machine), so reading 100,000 figures never stalls it for others,
// and a read of up to 1,000 (a report, a digest of a few years) is still
// one round trip.
const readBudget = 1000

// All reads the figures of many indicators dated in p: in one round
// trip up to readBudget figures, then one more per readBudget. A code's
// figures include those saved under the codes it had before (see Follow).
//
// A read of more than one piece is not a snapshot: a figure corrected to
// another day while it runs may be read at both days or at neither.
func (x Figures) All(ctx context.Context, codes []string, p indicator.Period) (map[string][]indicator.Record, error) {
	s := x.s
	keys, owners := []string{s.tk().figures()}, []string{}
	for _, c := range codes {
		for _, read := range append([]string{c}, s.formerly(c)...) {
			keys, owners = append(keys, s.tk().index(read)), append(owners, c)
		}
	}
	lists, err := s.readIndexes(ctx, keys, p)
	if err != nil {
		return nil, fmt.Errorf("read figures: %w", err)
	}
	out := make(map[string][]indicator.Record, len(codes))
	for i, code := range owners {
		out[code] = mergeFigures(out[code], lists[i])
	}
	return out, nil
}

// readIndexes reads the figures of each index in keys[1:] dated in p, a
// piece of at most readBudget figures per call, each piece going on where
// the last stopped.
func (s *Store) readIndexes(ctx context.Context, keys []string, p indicator.Period) ([][]indicator.Record, error) {
	lists := make([][]indicator.Record, len(keys)-1)
	var err error
	for at := (readCursor{index: 2, day: int64(p.From)}); at.index != 0; {
		if at, err = s.readPiece(ctx, keys, p, at, lists); err != nil {
			return nil, err
		}
	}
	return lists, nil
}

// readCursor is where a piece of readFigures starts: the KEYS position of
// an index (0 when all were read), a day, and how many of that day's
// figures the last piece already returned.
type readCursor struct{ index, day, skip int64 }

// readPiece reads the piece at at, appends its figures to lists (by
// index, keys[1] first) and returns where the next piece starts.
func (s *Store) readPiece(ctx context.Context, keys []string, p indicator.Period, at readCursor, lists [][]indicator.Record) (readCursor, error) {
	res, err := readFigures.Run(ctx, s.rdb, keys, int(p.From), int(p.To), readBudget, at.index, at.day, at.skip).Slice()
	if err != nil {
		return readCursor{}, err
	}
	if len(res) < 4 {
		return readCursor{}, fmt.Errorf("a piece of %d values, want at least 4", len(res))
	}
	for j, list := range res[4:] {
		i := int(at.index) - 2 + j
		if lists[i], err = decodePairs(lists[i], list); err != nil {
			return readCursor{}, err
		}
	}
	next, err := nextCursor(res)
	if err == nil && next == at {
		err = fmt.Errorf("a piece of figures ends where it started, %+v", at)
	}
	if left, _ := res[3].(int64); err == nil && next.index != 0 && left > 0 {
		lists[next.index-2] = slices.Grow(lists[next.index-2], int(left)) // room for the rest at once
	}
	return next, err
}

// nextCursor reads the cursor at the head of a piece.
func nextCursor(res []any) (readCursor, error) {
	index, _ := res[0].(int64)
	if index == 0 {
		return readCursor{}, nil
	}
	day, _ := res[1].(string)
	skip, _ := res[2].(int64)
	d, err := strconv.ParseInt(day, 10, 64)
	if err != nil {
		return readCursor{}, fmt.Errorf("a piece ends at day %q: %w", day, err)
	}
	return readCursor{index, d, skip}, nil
}

// decodePairs appends to figs the figures of a script's flat list of
// member, document, member, …
func decodePairs(figs []indicator.Record, v any) ([]indicator.Record, error) {
	list, _ := v.([]any)
	figs = slices.Grow(figs, len(list)/2)
	for i := 0; i+1 < len(list); i += 2 {
		m, _ := list[i].(string)
		doc, _ := list[i+1].(string)
		f, err := decodeFigure(m, doc)
		if err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	return figs, nil
}

// Recent reads the latest n figures a person saved, newest first.
func (x Figures) Recent(ctx context.Context, by int64, n int) ([]indicator.Record, error) {
	s := x.s
	res, err := recentFigures.Run(ctx, s.rdb, []string{s.tk().figures(), s.tk().byReporter(by)}, n).Slice()
	if err != nil {
		return nil, fmt.Errorf("recent figures: %w", err)
	}
	return decodePairs(nil, res)
}

// readFigures reads a bounded piece of the figures of many indexes dated
// from ARGV[1] to ARGV[2]; its keys and arguments are in
// lua/read_figures.lua.
var readFigures = script("documents.lua", "read_figures.lua")

// recentFigures reads the latest ARGV[1] figures of a reporter, newest
// first; its keys and arguments are in lua/recent_figures.lua.
var recentFigures = script("documents.lua", "recent_figures.lua")

// codesPiece is the COUNT of figureCodes' HSCAN: about this many figures a
// call, about a millisecond of decoding. (A hash small enough to be kept as
// a list is scanned whole in one call.)
const codesPiece = 250

// figureCodes counts the figures of each indicator code in a piece of the
// figures hash; its keys and arguments are in lua/figure_codes.lua.
var figureCodes = script("figure_codes.lua")

// Codes counts the figures saved under each code, reading the
// figures hash in pieces of about codesPiece (one round trip for a small
// one). A scan returns a field twice only if the hash shrinks while it
// runs; figures are never deleted, so the counts are exact.
func (x Figures) Codes(ctx context.Context) (map[string]int, error) {
	s := x.s
	out := map[string]int{}
	for cursor := "0"; ; {
		res, err := figureCodes.Run(ctx, s.rdb, []string{s.tk().figures()}, cursor, codesPiece).Slice()
		if err != nil {
			return nil, fmt.Errorf("figure codes: %w", err)
		}
		cursor, _ = res[0].(string)
		for i := 1; i+1 < len(res); i += 2 {
			code, _ := res[i].(string)
			n, _ := res[i+1].(int64)
			out[code] += int(n)
		}
		if cursor == "0" || cursor == "" {
			return out, nil
		}
	}
}

// Domain reads the figures of every indicator of plan, in the
// store's term, in the domain's form; a code's include those of the codes
// it had before (see Follow).
func (x Figures) Domain(ctx context.Context, plan *indicator.Plan) (map[string][]indicator.Figure, error) {
	s := x.s
	stored, err := s.Figures.All(ctx, plan.Codes(), plan.Span())
	if err != nil {
		return nil, err
	}
	out := make(map[string][]indicator.Figure, len(stored))
	for code, f := range stored {
		out[code] = indicator.FiguresOf(f)
	}
	return out, nil
}
