// Package indicator is the domain of chitieu: a term's plan, its indicators
// with their targets and trajectories, and the pure evaluation of an
// indicator's figures on a day. It does no I/O except reading a plan.
package indicator

import (
	"slices"
	"strings"
	"time"

	"chitieu/calendar"
)

// Plan is one term's programs and indicators.
type Plan struct {
	Code     string
	Title    string
	Term     Period
	Timezone string
	Location *time.Location
	Units    []Unit
	Programs []Program
	// LateDays is how long after its last report is due the term still
	// takes figures dated inside it; 0: DefaultLateDays.
	LateDays int
	// Committee is who issues the plan's reports; its parts are "" when
	// the plan does not say.
	Committee Committee
	// MidTerm is the day the mid-term report looks at; 0: the term's
	// middle day (Mid).
	MidTerm Date
	byCode  map[string]*Indicator // every indicator by its code, folded
	span    Period                // Span, kept when the plan is indexed
}

// Unit (đơn vị) owns indicators; reporters belong to one.
type Unit struct {
	Code string
	Name string
}

// Program is one of the term's work programs.
type Program struct {
	Code       string
	Title      string
	Indicators []*Indicator
}

// Indicator is one target (chỉ tiêu) with its trajectory and report schedule.
type Indicator struct {
	Code          string
	Name          string
	UnitOfMeasure string
	Owner         string
	Program       string
	Kind          Kind
	Window        Window
	Target        Target
	Trajectory    Trajectory
	Report        Schedule
	Baseline      *Baseline
	Tolerance     float64 // a share the plan sets; 0: the default (Tol)
	Rate          float64 // percent a year, for a compound trajectory
	Steps         []Step
	By            Date     // a deadline before the window's end; 0 for none
	Decimals      int      // digits after the point a count's values keep; 0: whole things
	Scale         []string // a rating's levels, lowest first
	Stages        []string // a milestone's stages, in order
	Note          string
	// Group names the resolution's target the indicator is a part of:
	// indicators that split one target share it, and are tallied as one.
	Group string
	// TermRule is how a yearly indicator's years make the term's result.
	TermRule TermRule
	Term     Period // the plan's term, copied for evaluation
	// Revisions are the later resolutions' changes, in date order.
	Revisions []Revision
	// Revision is the revision in force, on a version InForce returns.
	Revision *Revision
	// Formerly are the codes the indicator had before: their figures are
	// its figures.
	Formerly []string
	// CityCode is the code of the indicator the city sets for every ward
	// that this one answers: the wards are compared side by side on it,
	// whatever their own codes. "" for none.
	CityCode string
	first    *Indicator // the plan's first version, on a revised copy
	memo     *readsMemo // Reads of the latest day asked, once the plan is indexed
	// closes is the last day the term takes figures (its plan's Closes),
	// after which no report is owed; 0 on an indicator made by hand.
	closes Date
}

// Target is the condition the window's value must meet.
type Target struct {
	Op    Op
	Value float64 // for a rating or a staged milestone, a position
	// Change, when set, makes the target the baseline plus Change
	// ("tăng ít nhất 02 bậc": a rank with Change -2).
	Change *float64
}

// Baseline anchors a trajectory: Value on the day On. When FromFigure is
// set the plan gives only the day, and the figure reported for that day's
// period is the value.
type Baseline struct {
	Value      float64
	On         Date
	FromFigure bool
}

// Step is a checkpoint of a steps trajectory.
type Step struct {
	By    Date
	Value float64
}

// Schedule says how often figures are reported and when each is due.
type Schedule struct {
	Every     Every
	DueDay    int // day of the month; for week, 1 = Monday
	LagMonths int // the figure is due this many months after the period's end
	// Days are the days off a due day moves past; nil is the law's calendar.
	Days *calendar.WorkDays
}

// DefaultTolerance is the share of the scale within which a shortfall is
// at risk, on a trajectory that moves.
const DefaultTolerance = 0.1

// KeptTolerance is that share for a kept target (a constant trajectory):
// 90,5% against "100% công trình được kiểm soát" is off track.
const KeptTolerance = 0.02

// DefaultScale is a rating's scale when the plan gives none.
var DefaultScale = []string{"Không hoàn thành", "Hoàn thành", "Hoàn thành tốt", "Hoàn thành xuất sắc"}

// SetWorkDays makes every due day of the plan move past the days off of w
// (the office's bridge days and make-up days besides the law's holidays).
func (p *Plan) SetWorkDays(w calendar.WorkDays) {
	for _, ind := range p.Indicators() {
		ind.Report.Days = &w
		ind.memo = &readsMemo{} // due days moved: the spans read with them
	}
}

// WorkDays are the days off the plan's due days move past, as SetWorkDays
// set them; ok is false when it was not called.
func (p *Plan) WorkDays() (w calendar.WorkDays, ok bool) {
	for _, ind := range p.Indicators() {
		if ind.Report.Days != nil {
			return *ind.Report.Days, true
		}
	}
	return calendar.WorkDays{}, false
}

// Span is every day a figure of the plan may stand for: the term, and
// before it the periods whose figures are baselines ("so với năm 2019").
func (p *Plan) Span() Period {
	if p.span.To != 0 {
		return p.span
	}
	return p.spanOf()
}

func (p *Plan) spanOf() Period {
	span := p.Term
	for _, ind := range p.Indicators() {
		if b := ind.baselinePeriod(); b != nil {
			span.From = min(span.From, b.From)
		}
	}
	return span
}

// Dated reports whether a figure of the indicator may stand for day d: a
// day of the term, or of the period whose figure is its baseline.
func (ind *Indicator) Dated(d Date) bool {
	b := ind.baselinePeriod()
	return ind.Term.Contains(d) || b != nil && b.Contains(d)
}

// baselinePeriod is the report period whose figure is the baseline, when
// the plan gives the baseline's day without its value; nil otherwise.
func (ind *Indicator) baselinePeriod() *Period {
	if ind.Baseline == nil || !ind.Baseline.FromFigure {
		return nil
	}
	p := ind.Report.PeriodOf(ind.Baseline.On)
	return &p
}

// Indicators returns every indicator of the plan, program by program.
func (p *Plan) Indicators() []*Indicator {
	var all []*Indicator
	for _, prog := range p.Programs {
		all = append(all, prog.Indicators...)
	}
	return all
}

// Codes returns every indicator's code, program by program.
func (p *Plan) Codes() []string {
	var codes []string
	for _, ind := range p.Indicators() {
		codes = append(codes, ind.Code)
	}
	return codes
}

// Unit finds the unit of a code as a person types it, in any case and
// spacing.
func (p *Plan) Unit(code string) (Unit, bool) {
	key := foldCode(code)
	for _, u := range p.Units {
		if foldCode(u.Code) == key {
			return u, true
		}
	}
	return Unit{}, false
}

// Indicator returns the indicator with the code, or the one that had it
// before (formerly), or nil.
func (p *Plan) Indicator(code string) *Indicator {
	if ind := p.Find(code); ind != nil && (ind.Code == code || slices.Contains(ind.Formerly, code)) {
		return ind
	}
	return nil
}

// Find returns the indicator a person means by code, written in any case
// and with any spaces ("ct01.1", "CT 01.1"), or the one that had it
// before (formerly), or nil.
func (p *Plan) Find(code string) *Indicator {
	key := foldCode(code)
	if ind := p.byCode[key]; ind != nil && ind.answersTo(key) {
		return ind
	}
	return p.scan(key) // a plan built or changed by hand
}

// scan looks for a folded code among the codes, then the former codes.
func (p *Plan) scan(key string) *Indicator {
	for _, ind := range p.Indicators() {
		if foldCode(ind.Code) == key {
			return ind
		}
	}
	for _, ind := range p.Indicators() {
		if ind.answersTo(key) {
			return ind
		}
	}
	return nil
}

// answersTo reports whether a folded code is the indicator's, or one it
// had before.
func (ind *Indicator) answersTo(key string) bool {
	if foldCode(ind.Code) == key {
		return true
	}
	for _, old := range ind.Formerly {
		if foldCode(old) == key {
			return true
		}
	}
	return false
}

// index maps each indicator's folded code, and the codes it had before, to
// it; a plan is indexed when it is loaded.
func (p *Plan) index() {
	p.byCode = map[string]*Indicator{}
	for _, ind := range p.Indicators() {
		for _, old := range ind.Formerly {
			p.byCode[foldCode(old)] = ind
		}
	}
	for _, ind := range p.Indicators() {
		p.byCode[foldCode(ind.Code)] = ind
		ind.memo = &readsMemo{}
	}
	p.span = p.spanOf()
	p.setCloses()
}

// setCloses tells each indicator the last day its term takes figures.
func (p *Plan) setCloses() {
	closes := p.Closes()
	for _, ind := range p.Indicators() {
		ind.closes = closes
	}
}

// foldCode is a code as compared: upper case, without spaces.
func foldCode(code string) string {
	return strings.ToUpper(strings.Join(strings.Fields(code), ""))
}

// Choices returns the names a figure may take: the scale of a rating, the
// stages of a staged milestone, nil for a number.
func (ind *Indicator) Choices() []string {
	switch {
	case ind.Kind == Rating:
		return ind.Scale
	case ind.Kind == Milestone && len(ind.Stages) > 0:
		return ind.Stages
	}
	return nil
}

// Unit returns the unit of measure figures are written in; a percent
// milestone without stages is in percent.
func (ind *Indicator) Unit() string {
	if ind.Kind == Milestone && len(ind.Stages) == 0 && ind.UnitOfMeasure == "" {
		return "%"
	}
	return ind.UnitOfMeasure
}

// Ranked reports whether the indicator is a place in a league table,
// typed "xếp thứ 12" as well as "12".
func (ind *Indicator) Ranked() bool { return ind.Kind == Rank }

// Increments reports whether each figure adds to the window's value.
func (ind *Indicator) Increments() bool { return ind.Kind == Count }

// Ceiling reports whether the indicator is a count with a ceiling ("≤ 12
// vụ"): its value only grows, so once past its cap it cannot hold again.
func (ind *Indicator) Ceiling() bool {
	return ind.Kind == Count && (ind.Target.Op == LE || ind.Target.Op == LT)
}

// Tol is the share of the scale within which a shortfall is at risk: the
// plan's, or by default 2% for a kept target and 10% for one that moves.
func (ind *Indicator) Tol() float64 {
	switch {
	case ind.Tolerance > 0:
		return ind.Tolerance
	case ind.Trajectory == Constant:
		return KeptTolerance
	}
	return DefaultTolerance
}

// ChoiceIndex finds a name on a scale or a stage list as the plan writes
// it, or in the official form with "nhiệm vụ" on either side ("Hoàn thành
// tốt nhiệm vụ" is "Hoàn thành tốt"); -1 when it is not there.
func ChoiceIndex(choices []string, name string) int {
	bare := func(s string) string { return strings.TrimSuffix(strings.TrimSpace(s), " nhiệm vụ") }
	for i, c := range choices {
		if c == name || strings.EqualFold(bare(c), bare(name)) {
			return i
		}
	}
	return -1
}

// Label names a value: its level or stage for a choice, "" for a number.
func (ind *Indicator) Label(v float64) string {
	c := ind.Choices()
	i := int(v + 0.5)
	if c == nil || i < 0 || i >= len(c) {
		return ""
	}
	return c[i]
}

// monotone reports whether the window's value can only grow, so a target
// above it, once met, stays met.
func (ind *Indicator) monotone() bool {
	grows := ind.Kind == Count || ind.Kind == Milestone
	return grows && (ind.Target.Op == GE || ind.Target.Op == GT)
}

// Continued is the plan as a committee that continues it reads it: only
// the indicators codes names (the continuing committee's code → this
// plan's), each under the continuing committee's code, so that a report
// compares each with its own. The plan itself when codes is empty: the
// same codes.
func (p *Plan) Continued(codes map[string]string) *Plan {
	if len(codes) == 0 {
		return p
	}
	theirs := map[string]string{}
	for own, their := range codes {
		theirs[foldCode(their)] = own
	}
	out := *p
	out.Programs = nil
	for _, prog := range p.Programs {
		kept := Program{Code: prog.Code, Title: prog.Title}
		for _, ind := range prog.Indicators {
			if own, ok := theirs[foldCode(ind.Code)]; ok {
				c := *ind
				c.Code, c.Formerly = own, nil
				kept.Indicators = append(kept.Indicators, &c)
			}
		}
		if len(kept.Indicators) > 0 {
			out.Programs = append(out.Programs, kept)
		}
	}
	out.index()
	return &out
}
