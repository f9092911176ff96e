package indicator

// DefaultLateDays is how long after its last report is due a term still
// takes figures dated inside it, unless the plan sets late_days.
const DefaultLateDays = 30

// LastDue is the latest due day of any report of the plan's term: the
// day its term report can be final (a yearly rating issued the next March
// makes it 15/3 of the year after the term).
func (p *Plan) LastDue() Date {
	var last Date
	for _, ind := range p.Indicators() {
		t := ind.ReportTerm()
		last = max(last, ind.Report.DueDate(ind.Report.PeriodOf(t.To)))
	}
	return last
}

// Closes is the last day the term takes figures dated inside it: its last
// report's due day and the plan's grace (late_days) after it.
func (p *Plan) Closes() Date {
	return p.LastDue() + Date(p.lateDays())
}

func (p *Plan) lateDays() int {
	if p.LateDays > 0 {
		return p.LateDays
	}
	return DefaultLateDays
}

// EndOn ends the plan's term on day d, before its planned end (an admin's
// explicit act): every window and report period stops at d, a yearly
// window cut short keeping a count's value in proportion. A day on or
// after the planned end changes nothing.
func (p *Plan) EndOn(d Date) {
	if d >= p.Term.To || d < p.Term.From {
		return
	}
	p.Term.To = d
	for _, ind := range p.Indicators() {
		ind.Term.To = d
		if ind.By > d {
			ind.By = d // a deadline after the end is the end
		}
		ind.memo = &readsMemo{}
	}
	p.span = p.spanOf()
	p.setCloses()
}

// ReportDay is the day a figure reported on today speaks for, and its
// report period: the baseline's day while its figure is missing (the
// trajectory waits for it), the overdue period when a report is missing
// (dated its last day, or today if earlier), the last day of a period
// that has ended but whose figure is due later (a rating issued the next
// March), else today (within the term). missing is set when the figure
// fills a report that is missing or awaited, not today's.
func (e Evaluation) ReportDay(today Date) (day Date, period Period, missing bool) {
	ind := e.Indicator
	switch {
	case e.MissingBaseline != nil:
		return *e.MissingBaseline, ind.Report.PeriodOf(*e.MissingBaseline), true
	case e.Due != nil:
		return min(today, e.Due.To), *e.Due, true
	case e.Pending != nil:
		return e.Pending.To, *e.Pending, true
	}
	d := min(max(today, ind.Term.From), ind.Term.To)
	return d, ind.Report.PeriodOf(d), false
}
