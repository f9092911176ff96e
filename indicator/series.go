package indicator

import (
	"cmp"
	"math"
	"slices"
	"sync/atomic"
)

// Stats sums up the figures dated in a span: all evaluation needs of them.
// Its size does not grow with the figures, so a store can keep it per
// block of days and answer a span from a few blocks.
type Stats struct {
	N     int     // how many figures
	Sum   float64 // their values added up (a count's window value)
	First Figure  // the earliest, in date then save order
	// Tail is the latest figures, oldest first, at most Recent: the last
	// is the window's latest figure, and they make a level's trend.
	Tail []Figure
}

// Recent is how many of the latest figures Stats keeps in its tail.
const Recent = recent

// Last is the latest figure; Stats must not be empty.
func (s Stats) Last() Figure { return s.Tail[len(s.Tail)-1] }

// Series is an indicator's figures as evaluation reads them: the Stats of
// a span of days.
type Series interface {
	Stats(p Period) Stats
}

// Figures is a series held whole: figures in date order, a day's in the
// order they were saved.
type Figures []Figure

// Stats sums up the figures dated in p.
func (fs Figures) Stats(p Period) Stats {
	in := inside(fs, p)
	s := Stats{N: len(in)}
	if len(in) == 0 {
		return s
	}
	for _, f := range in {
		s.Sum += f.Value
	}
	s.Sum = TidySum(s.Sum)
	s.First = in[0]
	s.Tail = in[max(0, len(in)-Recent):]
	return s
}

// TidySum takes off what adding decimals in binary leaves behind
// (0,1 + 0,2 is 0,30000000000000004), which a ceiling at a whole number
// would read as passed: figures are typed with a few decimals at most, so
// a sum is kept to nine. Every sum evaluation reads is made so, whatever
// order its figures were added in.
func TidySum(x float64) float64 {
	const scale = 1e9
	if r := math.Round(x * scale); math.Abs(r) < 1<<53 {
		return r / scale
	}
	return x
}

// StatsOf sums up figures given in date then save order (as Figures
// holds them): a store's block.
func StatsOf(figs []Figure) Stats {
	return Figures(figs).Stats(Period{From: figs[0].Date, To: figs[len(figs)-1].Date})
}

// seriesOf wraps figures as a series, sorting a copy when they are not in
// date order.
func seriesOf(figs []Figure) Series { return Figures(SortFigures(figs)) }

// upToDay is the part of p not after day d.
func upToDay(p Period, d Date) Period {
	p.To = min(p.To, d)
	return p
}

// With is a series with figures added as if saved after all it holds (a
// figure to judge before it is saved).
func With(s Series, extra ...Figure) Series {
	if len(extra) == 0 {
		return s
	}
	return withExtra{s, extra}
}

type withExtra struct {
	Series
	extra []Figure
}

func (w withExtra) Stats(p Period) Stats {
	s := w.Series.Stats(p)
	for _, f := range w.extra {
		if p.Contains(f.Date) {
			s = s.Insert(f)
		}
	}
	return s
}

// Insert adds a figure saved after all those s sums up, in its place by
// date: after the figures of its own day.
func (s Stats) Insert(f Figure) Stats {
	if s.N == 0 || f.Date < s.First.Date {
		s.First = f
	}
	s.N++
	s.Sum = TidySum(s.Sum + f.Value)
	i, _ := slices.BinarySearchFunc(s.Tail, f.Date+1, func(t Figure, d Date) int { return cmp.Compare(t.Date, d) })
	if i == 0 && len(s.Tail) == Recent {
		return s // older than the whole tail
	}
	tail := make([]Figure, 0, len(s.Tail)+1) // s.Tail may be shared: a new one
	tail = append(append(append(tail, s.Tail[:i]...), f), s.Tail[i:]...)
	s.Tail = tail[max(0, len(tail)-Recent):]
	return s
}

// Answered is a series answered in advance, for the spans Reads lists: a
// store reads them all in one round trip. A span it was not given is
// answered empty and makes it incomplete: the caller then reads the
// figures whole.
type Answered struct {
	Spans  map[Period]Stats
	missed bool
}

// Stats is the answer given for p.
func (a *Answered) Stats(p Period) Stats {
	if p.From > p.To {
		return Stats{}
	}
	s, ok := a.Spans[p]
	a.missed = a.missed || !ok
	return s
}

// Complete reports whether every span asked had its answer.
func (a *Answered) Complete() bool { return !a.missed }

// recorder is a series that answers nothing and notes the spans asked.
type recorder map[Period]bool

func (r recorder) Stats(p Period) Stats {
	if p.From <= p.To {
		r[p] = true
	}
	return Stats{}
}

// Reads lists the spans an evaluation on day d reads, in the window of d
// and in the window of each day a figure reported on d may stand for (the
// baseline's, an overdue period's, a pending one's): what a store must
// answer for a report to be judged before and after it is saved.
func (ind *Indicator) Reads(d Date) []Period {
	if m := ind.origin().memo; m != nil {
		if last := m.last.Load(); last != nil && last.day == d {
			return last.spans
		}
		spans := ind.reads(d)
		m.last.Store(&readsOn{d, spans})
		return spans
	}
	return ind.reads(d)
}

// readsMemo keeps the spans Reads listed for the latest day asked: every
// report of a day asks the same.
type readsMemo struct{ last atomic.Pointer[readsOn] }

type readsOn struct {
	day   Date
	spans []Period // shared: not to be changed
}

func (ind *Indicator) reads(d Date) []Period {
	r := recorder{}
	for _, of := range ind.reportDays(d) {
		ind.evaluate(r, d, ind.frameOf(of, d)) // a revision changes no span: not the kind, baseline or window
	}
	out := make([]Period, 0, len(r))
	for p := range r {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Period) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	return out
}

// reportDays are the days a figure reported on d may stand for, whatever
// the figures: d itself (within the term), the baseline's day, the last
// overdue period's last day, the pending period's last day.
func (ind *Indicator) reportDays(d Date) []Date {
	days := []Date{d, min(max(d, ind.Term.From), ind.Term.To)}
	if b := ind.Baseline; b != nil {
		days = append(days, b.On)
	}
	if p, ok := ind.Report.LastDue(ind.ReportTerm(), d); ok {
		days = append(days, min(d, p.To))
	}
	if p := ind.pending(recorder{}, d); p != nil {
		days = append(days, p.To)
	}
	return days
}
