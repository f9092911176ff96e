package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
)

// Figure is a saved figure with its correction history.
type Figure struct {
	ID        int64          `json:"-"`
	Indicator string         `json:"indicator"`
	Date      indicator.Date `json:"date"`
	Value     float64        `json:"value"`
	Text      string         `json:"text,omitempty"` // as the reporter typed it
	Note      string         `json:"note,omitempty"` // a reason, a comment
	By        int64          `json:"by"`             // Telegram id; 0 for the command line
	At        time.Time      `json:"at"`
	Source    string         `json:"source"` // chat, import, …
	Key       string         `json:"key"`    // idempotency key
	Version   int            `json:"version"`
	History   []Revision     `json:"history,omitempty"` // earlier versions, oldest first
}

// Revision is a figure as it was before a correction, and who replaced it.
type Revision struct {
	Date       indicator.Date `json:"date"`
	Value      float64        `json:"value"`
	Text       string         `json:"text,omitempty"`
	Note       string         `json:"note,omitempty"`
	By         int64          `json:"by"`
	At         time.Time      `json:"at"`
	ReplacedBy int64          `json:"replaced_by"`
	ReplacedAt time.Time      `json:"replaced_at"`
	Reason     string         `json:"reason"`
}

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

// Domain turns saved figures into the domain's, in the same order.
func Domain(figs []Figure) []indicator.Figure {
	out := make([]indicator.Figure, len(figs))
	for i, f := range figs {
		out[i] = indicator.Figure{Date: f.Date, Value: f.Value, Note: f.Note}
	}
	return out
}

// SaveFigure saves a figure, its evaluation state and its audit entry in
// one round trip, and with a HandledMark marks the update it came in
// handled in the same write. created is false when a figure with the same
// key was saved before; that figure is returned and nothing changes.
func (s *Store) SaveFigure(ctx context.Context, nf NewFigure, mark ...HandledMark) (Figure, bool, error) {
	if nf.Key == "" || nf.Indicator == "" {
		return Figure{}, false, errors.New("save figure: indicator and key are required")
	}
	f := s.newFigure(nf)
	doc, err := json.Marshal(f)
	if err != nil {
		return Figure{}, false, err
	}
	keys := []string{s.k.figureKeys(), s.k.figureSeq(), s.k.figures(), s.k.index(f.Indicator), s.k.byReporter(f.By), s.k.audit(),
		s.k.state(f.Indicator)}
	args := []any{f.Key, doc, int(f.Date), f.At.UnixMilli(), f.At.Format(time.RFC3339Nano), f.By, "figure.save", auditDetail(f),
		strconv.FormatFloat(f.Value, 'g', -1, 64), f.Note}
	for _, m := range mark {
		keys, args = append(keys, m.Keys...), append(args, m.Args...)
	}
	res, err := saveFigure.Run(ctx, s.rdb, keys, args...).Int64Slice()
	if err != nil {
		return Figure{}, false, fmt.Errorf("save figure: %w", err)
	}
	if res[1] == 0 {
		old, err := s.Figure(ctx, res[0])
		return old, false, err
	}
	f.ID = res[0]
	return f, true, nil
}

func (s *Store) newFigure(nf NewFigure) Figure {
	return Figure{Indicator: nf.Indicator, Date: nf.Date, Value: nf.Value, Text: nf.Text, Note: nf.Note,
		By: nf.By, At: s.now().UTC(), Source: nf.Source, Key: nf.Key, Version: 1}
}

func auditDetail(f Figure) string {
	b, _ := json.Marshal(map[string]any{"indicator": f.Indicator, "date": f.Date, "value": f.Value, "text": f.Text})
	return string(b)
}

// Figure reads one figure by its id.
func (s *Store) Figure(ctx context.Context, id int64) (Figure, error) {
	doc, err := s.rdb.HGet(ctx, s.k.figures(), member(id)).Result()
	if errors.Is(err, redis.Nil) {
		return Figure{}, fmt.Errorf("figure %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Figure{}, err
	}
	return decodeFigure(member(id), doc)
}

func decodeFigure(m, doc string) (Figure, error) {
	var f Figure
	if err := json.Unmarshal([]byte(doc), &f); err != nil {
		return Figure{}, fmt.Errorf("figure %s: %w", m, err)
	}
	f.ID, _ = strconv.ParseInt(m, 10, 64)
	return f, nil
}

// Figures reads an indicator's figures dated in p, in date order (a day's
// figures in the order they were saved), in one round trip.
func (s *Store) Figures(ctx context.Context, code string, p indicator.Period) ([]Figure, error) {
	all, err := s.AllFigures(ctx, []string{code}, p)
	return all[code], err
}

// AllFigures reads the figures of many indicators dated in p in one round
// trip, whatever their number. A code's figures include those saved under
// the codes it had before (see Follow).
func (s *Store) AllFigures(ctx context.Context, codes []string, p indicator.Period) (map[string][]Figure, error) {
	keys, owners := []string{s.k.figures()}, []string{}
	for _, c := range codes {
		for _, read := range append([]string{c}, s.formerly[c]...) {
			keys, owners = append(keys, s.k.index(read)), append(owners, c)
		}
	}
	res, err := readFigures.Run(ctx, s.rdb, keys, int(p.From), int(p.To)).Slice()
	if err != nil {
		return nil, fmt.Errorf("read figures: %w", err)
	}
	out := make(map[string][]Figure, len(codes))
	for i, code := range owners {
		figs, err := decodePairs(res[i])
		if err != nil {
			return nil, err
		}
		out[code] = mergeFigures(out[code], figs)
	}
	return out, nil
}

// decodePairs reads a script's flat list of member, document, member, …
func decodePairs(v any) ([]Figure, error) {
	list, _ := v.([]any)
	figs := make([]Figure, 0, len(list)/2)
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

// RecentFigures reads the latest n figures a person saved, newest first.
func (s *Store) RecentFigures(ctx context.Context, by int64, n int) ([]Figure, error) {
	res, err := recentFigures.Run(ctx, s.rdb, []string{s.k.figures(), s.k.byReporter(by)}, n).Slice()
	if err != nil {
		return nil, fmt.Errorf("recent figures: %w", err)
	}
	return decodePairs(res)
}
