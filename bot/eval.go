package bot

import (
	"context"
	"slices"
	"time"

	"chitieu/indicator"
	"chitieu/store"
)

// today is the day in the plan's time zone.
func (b *Bot) today() indicator.Date {
	return indicator.DateOf(b.Now().In(b.Plan.Location))
}

// figures reads an indicator's figures over the whole term.
func (b *Bot) figures(ctx context.Context, ind *indicator.Indicator) ([]indicator.Record, error) {
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
// they saved today. The update's first round trip read it already when
// the update is a one-line report.
func (b *Bot) view(ctx context.Context, ind *indicator.Indicator, u *store.User) (store.ReportView, error) {
	var by int64
	if u != nil {
		by = u.ID
	}
	rr := b.reportRead(ind, by)
	if f := firstReadOf(ctx); f != nil && f.report != nil && sameRead(f.report, rr) {
		rr, f.report = f.report, nil // read once: what the update saves since is not in it
	}
	v, err := rr.View(ctx)
	return v, unavailable(err)
}

// reportRead is the read view makes for a report of ind by person by (0:
// none of their figures), with the blocks of the days a figure is most
// often dated, for its save: today, and the last day of the period before
// (a missing report, a rating issued after its year).
func (b *Bot) reportRead(ind *indicator.Indicator, by int64) *store.ReportRead {
	var since time.Time
	if by != 0 {
		y, m, d := b.Now().In(b.Plan.Location).Date()
		since = time.Date(y, m, d, 0, 0, 0, 0, b.Plan.Location)
	}
	today := b.today()
	return b.Store.ReportRead(ind.Code, ind.Reads(today), by, since).At(today, ind.Report.PeriodOf(today).From-1)
}

func sameRead(a, b *store.ReportRead) bool {
	return a.Code == b.Code && a.By == b.By && a.Since.Equal(b.Since) && slices.Equal(a.Days, b.Days) && slices.Equal(a.Spans, b.Spans)
}

// prefetch is the read a one-line report will make, for the update's
// first round trip; nil for anything else.
func (b *Bot) prefetch(r *Request) *store.ReportRead {
	if r.Callback != nil || r.Command != "" || r.Document != nil || r.Group {
		return nil
	}
	l, ok := b.findLine(r.Text)
	if !ok || l.ind == nil {
		return nil
	}
	var by int64
	if l.ind.Increments() {
		by = r.From.ID
	}
	return b.reportRead(l.ind, by)
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
	return indicator.EvaluateOf(ind, append(indicator.FiguresOf(figs), extra...), of, b.today()), nil
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
		out[i] = indicator.Evaluate(ind, indicator.FiguresOf(all[ind.Code]), day)
	}
	return out, nil
}
