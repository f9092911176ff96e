package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
)

// An indicator's figures are read by evaluation from Redis's own
// structures: its index (a sorted set of members by day) gives a span's
// count, its first figure and its latest; its sums (a hash of the values'
// sums per year "y2023", month "m202306" and day "d19538", days since
// 1970-01-01) give a span's sum from a few blocks. The save, import and
// correction scripts keep the sums as they write the figure.

// sumsLayout names how the sums are kept; a term whose figures were
// written before (or under another layout) has them summed up on start
// (EnsureSums).
const sumsLayout = "1"

// blocks are the sums a figure dated d adds to: its year's, its month's
// and its day's.
func blocks(d indicator.Date) [3]string {
	y, m, _ := d.Civil()
	return [3]string{"y" + strconv.Itoa(y), "m" + strconv.Itoa(y*100+int(m)), "d" + strconv.Itoa(int(d))}
}

// spanBlocks are the blocks whose sums added make p's: the years p covers
// whole, the months it covers whole of the rest, and the days left.
func spanBlocks(p indicator.Period) []string {
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

var stats = script("documents.lua", "stats.lua")

// Series reads what evaluating code needs of the spans an evaluation reads
// (indicator.Reads), in one round trip, whatever the number of figures:
// per span their count, sum, first and latest figures, the codes it had
// before included.
func (x Figures) Series(ctx context.Context, code string, spans []indicator.Period) (*indicator.Answered, error) {
	s := x.s
	codes := append([]string{code}, s.formerly(code)...)
	keys := []string{s.tk().figures()}
	for _, c := range codes {
		keys = append(keys, s.tk().index(c), s.tk().sums(c))
	}
	args := []any{indicator.Recent}
	asked := spans[:0:0]
	for _, p := range spans {
		if p.From > p.To {
			continue
		}
		bs := spanBlocks(p)
		args = append(args, int(p.From), int(p.To), len(bs))
		for _, b := range bs {
			args = append(args, b)
		}
		asked = append(asked, p)
	}
	a := &indicator.Answered{Spans: make(map[indicator.Period]indicator.Stats, len(spans))}
	if len(asked) == 0 {
		return a, nil
	}
	res, err := stats.Run(ctx, s.rdb, keys, args...).Slice()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", code, err)
	}
	if len(res) != len(asked)*len(codes) {
		return nil, fmt.Errorf("read %s: %d answers for %d spans", code, len(res), len(asked))
	}
	for i, p := range asked {
		st, err := spanStats(res[i*len(codes) : (i+1)*len(codes)])
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", code, err)
		}
		a.Spans[p] = st
	}
	return a, nil
}

// spanStats joins the answers for one span of each code read.
func spanStats(per []any) (indicator.Stats, error) {
	var st indicator.Stats
	var firsts, tails []indicator.Record
	for _, r := range per {
		got, _ := r.([]any)
		if len(got) == 0 {
			return st, errors.New("an answer does not read")
		}
		n, _ := got[0].(int64)
		if n == 0 {
			continue
		}
		text, _ := got[1].(string)
		sum, err := strconv.ParseFloat(text, 64)
		if err != nil || len(got) < 4 {
			return st, fmt.Errorf("an answer does not read: %v", got)
		}
		figs, err := decodePairs(nil, got[2:])
		if err != nil {
			return st, err
		}
		st.N += int(n)
		st.Sum += sum
		firsts = append(firsts, figs[0])
		tail := figs[1:]
		slices.Reverse(tail)
		tails = mergeFigures(tails, tail)
	}
	if st.N == 0 {
		return st, nil
	}
	st.Sum = indicator.TidySum(st.Sum)
	slices.SortFunc(firsts, func(a, b indicator.Record) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	st.First = firsts[0].Figure()
	st.Tail = indicator.FiguresOf(tails[max(0, len(tails)-indicator.Recent):])
	return st, nil
}

// sumsOf are the blocks' sums of figures.
func sumsOf(figs []indicator.Record) map[string]float64 {
	out := map[string]float64{}
	for _, f := range figs {
		for _, b := range blocks(f.Date) {
			out[b] += f.Value
		}
	}
	return out
}

// EnsureSums sums up the figures of each term Redis keeps whose figures
// were written before the sums were kept (or under another layout): serve
// calls it on start. A code saved to while it is summed up is summed up
// again. It reports how many codes it summed up.
func (x Figures) EnsureSums(ctx context.Context) (int, error) {
	s := x.s
	terms, err := s.Terms(ctx)
	if err != nil {
		return 0, err
	}
	n, err := s.InTerm(Term{}).ensureSums(ctx) // the first term's keys, registered or not
	for _, t := range terms {
		if err != nil {
			break
		}
		var k int
		k, err = s.InTerm(t).ensureSums(ctx)
		n += k
	}
	return n, err
}

func (s *Store) ensureSums(ctx context.Context) (int, error) {
	v, err := s.rdb.Get(ctx, s.tk().sumsLayout()).Result()
	if err == nil && v == sumsLayout {
		return 0, nil
	}
	if err != nil && !errors.Is(err, redis.Nil) {
		return 0, err
	}
	counts, err := s.Figures.Codes(ctx)
	if err != nil {
		return 0, err
	}
	for code := range counts {
		if err := s.sumUp(ctx, code); err != nil {
			return 0, fmt.Errorf("sum up the figures of %s: %w", code, err)
		}
	}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, s.tk().sumsLayout(), sumsLayout, 0)
		p.Del(ctx, s.tk().oldState("version")) // the evaluation state kept before
		for code := range counts {
			p.Del(ctx, s.tk().oldState(code))
		}
		return nil
	})
	return len(counts), err
}

// sumUp replaces a code's sums with those of its figures, unless a figure
// of it was saved or corrected in the meantime: then again.
func (s *Store) sumUp(ctx context.Context, code string) error {
	return s.watch(ctx, func(tx *redis.Tx) error {
		all, err := s.Figures.All(ctx, []string{code}, allTime)
		if err != nil {
			return err
		}
		own := slices.DeleteFunc(all[code], func(f indicator.Record) bool { return f.Indicator != code })
		fields := []any{}
		for b, sum := range sumsOf(own) {
			fields = append(fields, b, strconv.FormatFloat(sum, 'g', -1, 64))
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Del(ctx, s.tk().sums(code))
			for chunk := range slices.Chunk(fields, 2000) {
				p.HSet(ctx, s.tk().sums(code), chunk...)
			}
			return nil
		})
		return err
	}, s.tk().index(code), s.tk().sums(code))
}

// allTime is every day a figure may carry.
var allTime = indicator.Period{From: -1 << 30, To: 1 << 30}
