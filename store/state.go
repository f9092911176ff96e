package store

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"chitieu/indicator"
)

// The evaluation state keeps, per indicator, its figures summed up by
// years, months and days (see stateLua), written in the same script as the figure
// or its correction. Evaluating after a report reads a few blocks, not the
// history: the history stays for /xem, charts, export and audit, and the
// state can be rebuilt from it (RebuildState) and checked (CheckState).

func (k termKeys) state(code string) string { return k.data("state:" + code) } // hash: block → record

// entry is a figure as a record keeps it: its day, value and save order.
type entry struct {
	Day   indicator.Date
	Value float64
	Seq   int64
}

func (a entry) before(b entry) bool { return a.Day < b.Day || a.Day == b.Day && a.Seq < b.Seq }

// record sums up the figures of a block. As text (the Lua enc/dec):
// n|sum|first|tail length|tail…|note, each figure of first and the tail
// written day,value,seq, and note, the latest figure's, the rest of the
// text.
type record struct {
	N     int
	Sum   float64
	First entry
	Tail  []entry // the latest, oldest first, at most indicator.Recent
	Note  string
}

// unsaved is the order of a figure not saved yet: after every saved one.
// Its text is "#", for the script that saves it to put its id in.
const unsaved = math.MaxInt64

func (e entry) String() string { return string(e.append(nil)) }

// append writes the entry as a record keeps it: day,value,seq.
func (e entry) append(b []byte) []byte {
	b = strconv.AppendInt(b, int64(e.Day), 10)
	b = strconv.AppendFloat(append(b, ','), e.Value, 'g', -1, 64)
	if b = append(b, ','); e.Seq == unsaved {
		return append(b, '#')
	}
	return strconv.AppendInt(b, e.Seq, 10)
}

func (r record) String() string { return string(append(r.appendHead(nil), r.Note...)) }

// appendHead writes the record's text up to its note (the last "|"
// included).
func (r record) appendHead(b []byte) []byte {
	b = append(strconv.AppendInt(b, int64(r.N), 10), '|')
	b = append(strconv.AppendFloat(b, r.Sum, 'g', -1, 64), '|')
	b = append(r.First.append(b), '|')
	b = append(strconv.AppendInt(b, int64(len(r.Tail)), 10), '|')
	for _, t := range r.Tail {
		b = append(t.append(b), '|')
	}
	return b
}

var errRecord = errors.New("evaluation state: a record does not read")

func parseRecord(s string) (record, error) {
	var r record
	var ok bool
	n, s, ok1 := cutInt(s, '|')
	sum, s, ok2 := cutFloat(s, '|')
	r.N, r.Sum = n, sum
	r.First, s, ok = cutEntry(s)
	k, s, ok3 := cutInt(s, '|')
	if !ok || !ok1 || !ok2 || !ok3 || k < 1 || n < 1 {
		return record{}, errRecord
	}
	r.Tail = make([]entry, k)
	for i := range k {
		if r.Tail[i], s, ok = cutEntry(s); !ok {
			return record{}, errRecord
		}
	}
	r.Note = s
	return r, nil
}

// cutEntry reads "day,value,seq|" off the start of s.
func cutEntry(s string) (entry, string, bool) {
	day, s, ok1 := cutInt(s, ',')
	value, s, ok2 := cutFloat(s, ',')
	seq, s, ok3 := cutInt(s, '|')
	return entry{indicator.Date(day), value, int64(seq)}, s, ok1 && ok2 && ok3
}

// cutInt reads an integer ended by sep off the start of s.
func cutInt(s string, sep byte) (int, string, bool) {
	i := strings.IndexByte(s, sep)
	if i < 0 {
		return 0, s, false
	}
	n, err := strconv.Atoi(s[:i])
	return n, s[i+1:], err == nil
}

// cutFloat reads a number ended by sep off the start of s.
func cutFloat(s string, sep byte) (float64, string, bool) {
	i := strings.IndexByte(s, sep)
	if i < 0 {
		return 0, s, false
	}
	x, err := strconv.ParseFloat(s[:i], 64)
	return x, s[i+1:], err == nil
}

// merge sums up two records' figures, as the Lua merge does.
func merge(a, b *record) *record {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	tail := append(slices.Clone(a.Tail), b.Tail...)
	slices.SortFunc(tail, func(x, y entry) int { return cmp.Or(cmp.Compare(x.Day, y.Day), cmp.Compare(x.Seq, y.Seq)) })
	out := &record{N: a.N + b.N, Sum: a.Sum + b.Sum, First: a.First, Tail: tail[max(0, len(tail)-indicator.Recent):], Note: a.Note}
	if b.First.before(a.First) {
		out.First = b.First
	}
	if a.Tail[len(a.Tail)-1].before(b.Tail[len(b.Tail)-1]) {
		out.Note = b.Note
	}
	return out
}

// stats is the record as evaluation reads it.
func (r record) stats() indicator.Stats {
	s := indicator.Stats{N: r.N, Sum: r.Sum, First: indicator.Figure{Date: r.First.Day, Value: r.First.Value}}
	for _, t := range r.Tail {
		s.Tail = append(s.Tail, indicator.Figure{Date: t.Day, Value: t.Value})
	}
	s.Tail[len(s.Tail)-1].Note = r.Note
	if r.First == r.Tail[len(r.Tail)-1] {
		s.First.Note = r.Note
	}
	return s
}

// blocksOf sums up figures (of one code, in any order) into the blocks the
// state keeps.
func blocksOf(figs []indicator.Record) map[string]record {
	figs = slices.Clone(figs)
	slices.SortFunc(figs, func(a, b indicator.Record) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	out := map[string]*record{}
	for _, f := range figs {
		e := entry{f.Date, f.Value, f.ID}
		one := &record{N: 1, Sum: f.Value, First: e, Tail: []entry{e}, Note: f.Note}
		for _, field := range blockFields(f.Date) {
			out[field] = merge(out[field], one)
		}
	}
	res := make(map[string]record, len(out))
	for k, r := range out {
		res[k] = *r
	}
	return res
}

// blockFieldsOf are the blocks a day is in, as stateLua's blocks names
// them: its year's, its month's, its own.
func blockFieldsOf(d indicator.Date) []string {
	y, m, _ := d.Civil()
	return []string{"y" + strconv.Itoa(y), "m" + strconv.Itoa(y*100+int(m)), "d" + strconv.Itoa(int(d))}
}

// stateKeys are the state hashes of a code and of the codes it had before.
func (s *Store) stateKeys(code string) []string {
	out := []string{s.tk().state(code)}
	for _, c := range s.formerly(code) {
		out = append(out, s.tk().state(c))
	}
	return out
}
