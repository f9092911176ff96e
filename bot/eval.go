package bot

import (
	"context"
	"time"

	"chitieu/indicator"
	"chitieu/store"
)

// today is the day in the plan's time zone.
func (b *Bot) today() indicator.Date {
	return indicator.DateOf(b.Now().In(b.Plan.Location))
}

// figures reads an indicator's figures over the whole term.
func (b *Bot) figures(ctx context.Context, ind *indicator.Indicator) ([]store.Figure, error) {
	figs, err := b.Store.Figures(ctx, ind.Code, b.Plan.Span())
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

// view reads, in one round trip, what judging a report of ind today
// needs: the indicator's evaluation state for the spans an evaluation
// reads (a few blocks, however many its figures), and, for a person, what
// they saved today.
func (b *Bot) view(ctx context.Context, ind *indicator.Indicator, u *store.User) (store.ReportView, error) {
	rr := &store.ReportRead{Code: ind.Code, Spans: ind.Reads(b.today())}
	if u != nil {
		y, m, d := b.Now().In(b.Plan.Location).Date()
		rr.By, rr.Since = u.ID, time.Date(y, m, d, 0, 0, 0, 0, b.Plan.Location)
	}
	v, err := b.Store.ReadReport(ctx, rr)
	return v, unavailable(err)
}

// judge evaluates ind today in the window holding day of, from what view
// read, with extra figures as if saved. Should the state lack a span the
// evaluation asks (it never should), the figures are read whole.
func (b *Bot) judge(ctx context.Context, ind *indicator.Indicator, v store.ReportView, of indicator.Date, extra ...indicator.Figure) (indicator.Evaluation, error) {
	e := indicator.EvaluateSeriesOf(ind, indicator.With(v.State, extra...), of, b.today())
	if v.State.Complete() {
		return e, nil
	}
	b.Log.Warn("the evaluation state lacks a span: the figures are read whole", "indicator", ind.Code)
	figs, err := b.figures(ctx, ind)
	if err != nil {
		return indicator.Evaluation{}, err
	}
	return indicator.EvaluateOf(ind, append(store.Domain(figs), extra...), of, b.today()), nil
}

// evaluateAll evaluates every indicator of the plan in one read.
func (b *Bot) evaluateAll(ctx context.Context) ([]indicator.Evaluation, error) {
	inds := b.Plan.Indicators()
	all, err := b.Store.AllFigures(ctx, b.Plan.Codes(), b.Plan.Span())
	if err != nil {
		return nil, unavailable(err)
	}
	day := b.today()
	out := make([]indicator.Evaluation, len(inds))
	for i, ind := range inds {
		out[i] = indicator.Evaluate(ind, store.Domain(all[ind.Code]), day)
	}
	return out, nil
}

// reportDay is the day a figure reported today speaks for: the baseline's
// day while its figure is missing (the trajectory waits for it), in the
// overdue period when a report is missing, the last day of a period that
// has ended but whose figure is due later (a rating issued the next
// March), else today (within the term).
func reportDay(e indicator.Evaluation, today indicator.Date) (indicator.Date, indicator.Period) {
	ind := e.Indicator
	if b := e.MissingBaseline; b != nil {
		return *b, ind.Report.PeriodOf(*b)
	}
	if e.Overdue {
		return min(today, e.Due.To), *e.Due
	}
	if p := e.Pending; p != nil {
		return p.To, *p
	}
	d := min(max(today, ind.Term.From), ind.Term.To)
	return d, ind.Report.PeriodOf(d)
}
