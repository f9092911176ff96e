package bot

import (
	"context"
	"time"

	"chitieu/indicator"
	"chitieu/store"
)

// today is the day in the plan's time zone.
func (b *Bot) today() indicator.Date {
	return indicator.DateOf(b.Clock.Now().In(b.Plan.Location))
}

// figures reads an indicator's figures over the whole term.
func (b *Bot) figures(ctx context.Context, ind *indicator.Indicator) ([]indicator.Record, error) {
	figs, err := b.Store.Figures.Records(ctx, ind.Code, b.Plan.Span())
	return figs, unavailable(err)
}

// evaluate says where an indicator stands today, with extra figures added
// as if saved (to see what a figure would do before saving it).
func (b *Bot) evaluate(ctx context.Context, ind *indicator.Indicator, extra ...indicator.Figure) (indicator.Evaluation, error) {
	return b.evaluateOf(ctx, ind, b.today(), extra...)
}

// evaluateOf says where an indicator stands today in the window holding
// day of: a figure for last year's overdue period is judged in last year.
func (b *Bot) evaluateOf(ctx context.Context, ind *indicator.Indicator, of indicator.Date, extra ...indicator.Figure) (indicator.Evaluation, error) {
	v, err := b.view(ctx, ind, nil)
	if err != nil {
		return indicator.Evaluation{}, err
	}
	return b.judge(ctx, ind, v, of, extra...)
}

// view is what judging a report of an indicator reads: its figures in the
// spans an evaluation today reads (a few answers, however many figures),
// and what the person saved today, newest first (a figure saved twice
// today is asked about).
type view struct {
	series *indicator.Answered
	mine   []indicator.Record
}

// view reads what judging a report of ind today needs, for person u (nil:
// none of their figures).
func (b *Bot) view(ctx context.Context, ind *indicator.Indicator, u *store.User) (view, error) {
	a, err := b.Store.Figures.Series(ctx, ind.Code, ind.Reads(b.today()))
	if err != nil {
		return view{}, unavailable(err)
	}
	v := view{series: a}
	if u == nil {
		return v, nil
	}
	recent, err := b.Store.Figures.Recent(ctx, u.ID, 50)
	if err != nil {
		return view{}, unavailable(err)
	}
	y, m, d := b.Clock.Now().In(b.Plan.Location).Date()
	since := time.Date(y, m, d, 0, 0, 0, 0, b.Plan.Location)
	for _, f := range recent {
		if !f.At.Before(since) {
			v.mine = append(v.mine, f)
		}
	}
	return v, nil
}

// judge evaluates ind today in the window holding day of, from what view
// read, with extra figures as if saved. Should the state lack a span the
// evaluation asks (it never should), the figures are read whole.
func (b *Bot) judge(ctx context.Context, ind *indicator.Indicator, v view, of indicator.Date, extra ...indicator.Figure) (indicator.Evaluation, error) {
	e := indicator.EvaluateSeriesOf(ind, indicator.With(v.series, extra...), of, b.today())
	if v.series.Complete() {
		return e, nil
	}
	b.Log.Warn("the read lacks a span: the figures are read whole", "indicator", ind.Code)
	figs, err := b.figures(ctx, ind)
	if err != nil {
		return indicator.Evaluation{}, err
	}
	return indicator.EvaluateOf(ind, append(indicator.FiguresOf(figs), extra...), of, b.today()), nil
}

// evaluateAll evaluates every indicator of the plan in one read.
func (b *Bot) evaluateAll(ctx context.Context) ([]indicator.Evaluation, error) {
	inds := b.Plan.Indicators()
	all, err := b.Store.Figures.All(ctx, b.Plan.Codes(), b.Plan.Span())
	if err != nil {
		return nil, unavailable(err)
	}
	day := b.today()
	out := make([]indicator.Evaluation, len(inds))
	for i, ind := range inds {
		out[i] = indicator.Evaluate(ind, indicator.FiguresOf(all[ind.Code]), day)
	}
	return out, nil
}
