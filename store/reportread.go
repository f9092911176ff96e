package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
)

// ReportRead is what judging a report reads, in one round trip: an
// indicator's state for the spans its evaluation reads, and what the
// person saved since an instant (a figure saved twice today is asked
// about). It runs alone (View) or rides in an update's first round trip
// (a store.Read for Begin). The state is read with plain HMGETs of the
// blocks Go names (spanFieldsOf): no script, which is what a read cost in
// Redis.
type ReportRead struct {
	s     *Store
	Code  string
	Spans []indicator.Period
	By    int64
	Since time.Time // zero: none of the person's figures
	// Days are the days a figure of the report will likely be dated:
	// their blocks are read too, for its save (ReportView.Seen).
	Days   []indicator.Date
	fields []string // the blocks every span needs, once each
	per    [][]int  // the blocks of each span, in date order: places in fields
	blocks []*redis.SliceCmd
	mine   *redis.Cmd
}

// ReportView is what a ReportRead read: the state's answers, and the
// person's latest figures since the instant (at most 50, newest first).
type ReportView struct {
	State *indicator.Answered
	Mine  []indicator.Record
	seen  []Seen // the blocks of the read's Days, under the code itself
}

// Seen is what the read saw of the blocks of day, for the save of a figure
// of that day; the zero Seen when it did not read them.
func (v ReportView) Seen(day indicator.Date) Seen {
	for _, sn := range v.seen {
		if sn.Day == day {
			return sn
		}
	}
	return Seen{}
}

// ReportRead prepares a read of code's state for spans and, unless since
// is zero, of what person by saved since then.
func (s *Store) ReportRead(code string, spans []indicator.Period, by int64, since time.Time) *ReportRead {
	return &ReportRead{s: s, Code: code, Spans: spans, By: by, Since: since}
}

// At reads the blocks of days too (Days), for a save of a figure of one
// of them; it returns the read.
func (r *ReportRead) At(days ...indicator.Date) *ReportRead {
	r.Days = days
	return r
}

// readMine reads what one person saved since an instant: their latest 50,
// newest first. KEYS: figures, the person's index. ARGV: since (ms).
// Returns {member, document, …}.
var readMine = redis.NewScript(`
local ms = redis.call('ZREVRANGEBYSCORE', KEYS[2], '+inf', ARGV[1], 'LIMIT', 0, 50)
local out = {}
if #ms > 0 then
  local docs = redis.call('HMGET', KEYS[1], unpack(ms))
  for i = 1, #ms do out[#out + 1] = ms[i]; out[#out + 1] = docs[i] end
end
return out
`)

// Queue adds the read to a pipeline (Begin's): an HMGET per state hash
// and, for a person, readMine. View reads again alone what the pipeline
// could not run (the script not loaded yet).
func (r *ReportRead) Queue(ctx context.Context, p redis.Pipeliner) {
	r.queueBlocks(ctx, p)
	if !r.Since.IsZero() {
		r.mine = readMine.EvalSha(ctx, p, r.mineKeys(), r.Since.UnixMilli())
	}
}

func (r *ReportRead) queueBlocks(ctx context.Context, p redis.Pipeliner) {
	if r.fields == nil {
		r.fields, r.per = unionFields(r.Spans, r.Days)
	}
	r.blocks = r.blocks[:0]
	for _, h := range r.s.stateKeys(r.Code) {
		if len(r.fields) > 0 {
			r.blocks = append(r.blocks, p.HMGet(ctx, h, r.fields...))
		}
	}
}

func (r *ReportRead) mineKeys() []string {
	return []string{r.s.tk().figures(), r.s.tk().byReporter(r.By)}
}

// View is what the read found, reading again alone what was not queued
// or failed in its pipeline.
func (r *ReportRead) View(ctx context.Context) (ReportView, error) {
	if err := r.again(ctx); err != nil {
		return ReportView{}, fmt.Errorf("read for a report: %w", err)
	}
	a, err := r.answered()
	if err != nil || r.mine == nil {
		return ReportView{State: a, seen: r.seen()}, err
	}
	mine, err := decodePairs(nil, r.mine.Val())
	return ReportView{State: a, Mine: mine, seen: r.seen()}, err
}

// again makes the parts of the read not made yet: the blocks in a
// pipeline of their own, readMine by Run (which loads the script when
// Redis lacks it).
func (r *ReportRead) again(ctx context.Context) error {
	if r.fields == nil || slices.ContainsFunc(r.blocks, func(c *redis.SliceCmd) bool { return c.Err() != nil }) {
		p := r.s.rdb.Pipeline()
		r.queueBlocks(ctx, p)
		if _, err := p.Exec(ctx); err != nil {
			return err
		}
	}
	if !r.Since.IsZero() && (r.mine == nil || r.mine.Err() != nil) {
		r.mine = readMine.Run(ctx, r.s.rdb, r.mineKeys(), r.Since.UnixMilli())
	}
	if r.mine != nil {
		return r.mine.Err()
	}
	return nil
}

// answered sums up each span from the blocks read: per state hash, its
// blocks in date order (disjoint, so their figures follow one another),
// then the hashes merged (a code and the codes it had before).
func (r *ReportRead) answered() (*indicator.Answered, error) {
	hashes := make([][]*record, len(r.blocks)) // a block not found: nil
	for h, c := range r.blocks {
		hashes[h] = make([]*record, len(r.fields))
		for i, v := range c.Val() {
			if text, ok := v.(string); ok {
				rec, err := records.get(text) // its tail shared: read, never changed
				if err != nil {
					return nil, err
				}
				hashes[h][i] = rec
			}
		}
	}
	a := &indicator.Answered{Spans: make(map[indicator.Period]indicator.Stats, len(r.Spans))}
	for i, p := range r.Spans {
		var sum *record
		for _, got := range hashes {
			sum = merge(sum, inOrder(got, r.per[i]))
		}
		var st indicator.Stats
		if sum != nil {
			st = sum.stats()
		}
		a.Spans[p] = st
	}
	return a, nil
}

// inOrder sums up the records at places of got, blocks in date order; nil
// when none was found.
func inOrder(got []*record, places []int) *record {
	var out *record
	for _, at := range places {
		rec := got[at]
		if rec == nil || rec.N == 0 {
			continue
		}
		if out == nil {
			out = &record{First: rec.First, Tail: make([]entry, 0, 2*indicator.Recent)}
		}
		out.N, out.Sum, out.Note = out.N+rec.N, out.Sum+rec.Sum, rec.Note
		if len(out.Tail)+len(rec.Tail) > cap(out.Tail) { // keep the latest: room for the rest
			out.Tail = append(out.Tail[:0], out.Tail[max(0, len(out.Tail)-indicator.Recent):]...)
		}
		out.Tail = append(out.Tail, rec.Tail...)
	}
	if out != nil && len(out.Tail) > indicator.Recent {
		out.Tail = out.Tail[len(out.Tail)-indicator.Recent:]
	}
	return out
}

// spanFieldsOf are the blocks whose figures, summed up, are exactly those
// dated in p: the years p covers whole, the months it covers whole of the
// rest, and the days left.
func spanFieldsOf(p indicator.Period) []string {
	var out []string
	for d := p.From; d <= p.To; {
		y, m, day := d.Civil()
		if day == 1 {
			if next := indicator.NewDate(y+1, 1, 1); m == 1 && next-1 <= p.To {
				out, d = append(out, "y"+strconv.Itoa(y)), next
				continue
			}
			if next := indicator.NewDate(y, m+1, 1); next-1 <= p.To {
				out, d = append(out, "m"+strconv.Itoa(y*100+int(m))), next
				continue
			}
		}
		out, d = append(out, "d"+strconv.Itoa(int(d))), d+1
	}
	return out
}

// unionFields are the blocks of every span and of days, once each, and
// each span's places among them.
func unionFields(spans []indicator.Period, days []indicator.Date) (all []string, per [][]int) {
	all = []string{}
	index := map[string]int{}
	add := func(fields []string) []int {
		places := make([]int, len(fields))
		for i, f := range fields {
			at, ok := index[f]
			if !ok {
				at, all = len(all), append(all, f)
				index[f] = at
			}
			places[i] = at
		}
		return places
	}
	for _, p := range spans {
		fields, _ := spanFields.get(p)
		per = append(per, add(fields))
	}
	for _, d := range days {
		add(blockFields(d))
	}
	return all, per
}

// seen is what the read saw of its Days' blocks under the code itself
// (the first state hash).
func (r *ReportRead) seen() []Seen {
	if len(r.blocks) == 0 {
		return nil
	}
	vals := r.blocks[0].Val()
	var out []Seen
	for _, day := range r.Days {
		sn := Seen{Code: r.Code, Day: day}
		for i, field := range blockFields(day) {
			j := slices.Index(r.fields, field)
			if j < 0 || j >= len(vals) {
				return nil
			}
			sn.Blocks[i], _ = vals[j].(string)
		}
		out = append(out, sn)
	}
	return out
}

// Seen is what a read saw of the blocks of one day under an indicator's
// own code: its year's, its month's and its own. A figure of that day is
// saved with its blocks summed up in Go from these (saveSeen), when Redis
// still holds them; the zero Seen saw nothing.
type Seen struct {
	Code   string
	Day    indicator.Date
	Blocks [3]string // as read, in blockFields' order; "" for none
}

// after is what saveSeen needs to add figure f to the blocks seen: per
// block its field, the record seen, the new record's text up to its note
// (the figure's id to come as "#") and its note. false when the blocks
// seen are not f's, or do not read.
func (sn Seen) after(f indicator.Record) ([]any, bool) {
	if sn.Code == "" || sn.Code != f.Indicator || sn.Day != f.Date {
		return nil, false
	}
	e := entry{f.Date, f.Value, unsaved}
	out := make([]any, 0, 12)
	for i, field := range blockFields(f.Date) {
		head, note := appendedHead(sn.Blocks[i], e), f.Note
		if head == "" {
			r, err := withEntry(sn.Blocks[i], e, f.Note)
			if err != nil {
				return nil, false
			}
			head, note = string(r.appendHead(nil)), r.Note
		}
		out = append(out, field, sn.Blocks[i], head, note)
	}
	return out, true
}

// appendedHead is the text, up to its note, of record old with e added
// after all of its figures, made as the Lua appended makes it: the count
// and sum written anew, the first figure and the kept tail cut out of old
// as they were written, not read and formatted again. It is "" when old
// is empty, does not read, or has a figure dated after e's (then the
// records are merged).
func appendedHead(old string, e entry) string {
	var at [4]int // the ends of n, sum, first and the tail's length
	for i, from := 0, 0; i < len(at); i++ {
		j := strings.IndexByte(old[from:], '|')
		if j < 0 {
			return ""
		}
		at[i], from = from+j, from+j+1
	}
	n, err1 := strconv.Atoi(old[:at[0]])
	sum, err2 := strconv.ParseFloat(old[at[0]+1:at[1]], 64)
	k, err3 := strconv.Atoi(old[at[2]+1 : at[3]])
	if err1 != nil || err2 != nil || err3 != nil || n < 1 || k < 1 || k > indicator.Recent {
		return ""
	}
	var starts [indicator.Recent + 1]int // where each tail figure starts, then where the note does
	starts[0] = at[3] + 1
	for j := range k {
		end := strings.IndexByte(old[starts[j]:], '|')
		if end < 0 {
			return ""
		}
		starts[j+1] = starts[j] + end + 1
	}
	last, _, ok := cutEntry(old[starts[k-1]:])
	if !ok || !last.before(e) {
		return ""
	}
	drop := max(0, k+1-indicator.Recent)
	b := make([]byte, 0, len(old)+32)
	b = append(strconv.AppendInt(b, int64(n+1), 10), '|')
	b = append(strconv.AppendFloat(b, sum+e.Value, 'g', -1, 64), '|')
	b = append(b, old[at[1]+1:at[2]+1]...)
	b = append(strconv.AppendInt(b, int64(k+1-drop), 10), '|')
	b = append(b, old[starts[drop]:starts[k]]...)
	return string(append(e.append(b), '|'))
}

// withEntry is the record text old (none when "") with entry e of note
// added: appended when it comes after all of old's, as a new figure of
// the day most often does, else merged.
func withEntry(old string, e entry, note string) (record, error) {
	one := record{N: 1, Sum: e.Value, First: e, Tail: []entry{e}, Note: note}
	if old == "" {
		return one, nil
	}
	r, err := parseRecord(old)
	if err != nil {
		return record{}, err
	}
	if !r.Tail[len(r.Tail)-1].before(e) {
		return *merge(&r, &one), nil
	}
	tail := append(r.Tail[max(0, len(r.Tail)+1-indicator.Recent):], e)
	return record{N: r.N + 1, Sum: r.Sum + e.Value, First: r.First, Tail: tail, Note: note}, nil
}
