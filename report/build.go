package report

import (
	"io"
	"math"
	"regexp"
	"slices"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// Input is what a report is drawn from: no storage, only the domain's
// values.
type Input struct {
	Source         // the term reported on
	Before *Source // the term before, when Redis keeps it: what a term or mid-term report, and a first year's, compare with
	Period Period
	// Day is the day the report is drawn: every number in it is the one
	// the chat says that day.
	Day indicator.Date
	// Draft marks the report "DỰ THẢO". A report of a period not yet ended
	// on Day is one whatever Draft says (Drafted).
	Draft bool
}

// Drafted reports whether the report is a draft (DỰ THẢO): asked as one,
// or drawn before its period has ended.
func (in Input) Drafted() bool { return in.Draft || !in.Period.Ended(in.Day) }

// vi writes the words the report shares with the chat: a báo cáo is in
// Vietnamese whoever asks for it.
var vi = locales.MustLoad().Printer("vi")

// builder holds what every part of the report reads.
type builder struct {
	in      Input
	results []Result
	targets []target          // every program's, in plan order
	before  map[string]Result // the comparison's result, by the reported plan's code
	// beforePeriod is the period compared with.
	beforePeriod Period
	all          count
	byProg       map[string]count
	numbers      map[string]string // the annex's STT, by code
	issuer       string
}

// Build drafts the report of in.Period as of in.Day. It refuses a period
// that has not begun (a *PeriodError).
func Build(in Input) (Document, error) {
	if err := in.Period.Begun(in.Day, in.Plan); err != nil {
		return Document{}, err
	}
	b := newBuilder(in)
	return b.document(), nil
}

// Draw drafts the report and writes it as a .docx to w.
func Draw(w io.Writer, in Input) error {
	doc, err := Build(in)
	if err != nil {
		return err
	}
	return Write(w, doc)
}

func newBuilder(in Input) *builder {
	b := &builder{in: in, results: Results(in.Source, in.Period, in.Day), issuer: strings.TrimSpace(in.Plan.Committee.Name)}
	b.all, b.byProg = newCount(), map[string]count{}
	for _, prog := range in.Plan.Programs {
		c := newCount()
		for _, t := range targetsOf(b.ofProgram(prog.Code)) {
			b.targets = append(b.targets, t)
			b.all.add(t)
			c.add(t)
		}
		b.byProg[prog.Code] = c
	}
	b.before = b.comparison()
	b.numbers = numbers(in.Plan)
	return b
}

func (b *builder) ofProgram(code string) []Result {
	var out []Result
	for _, r := range b.results {
		if r.Indicator.Program == code {
			out = append(out, r)
		}
	}
	return out
}

// comparison is the result of the period compared with, by the reported
// plan's code: the same code in the earlier plan, or a code it had before.
func (b *builder) comparison() map[string]Result {
	var prev *indicator.Plan
	if b.in.Before != nil {
		prev = b.in.Before.Plan
	}
	q, plan, ok := b.in.Period.before(b.in.Plan, prev)
	if !ok {
		return nil
	}
	b.beforePeriod = q
	src := b.in.Source
	if plan != b.in.Plan {
		src = *b.in.Before
	}
	earlier := map[string]Result{}
	for _, r := range Results(src, q, b.in.Day) {
		earlier[r.Indicator.Code] = r
	}
	out := map[string]Result{}
	for _, ind := range b.in.Plan.Indicators() {
		for _, code := range append([]string{ind.Code}, ind.Formerly...) {
			if e := plan.Indicator(code); e != nil {
				out[ind.Code] = earlier[e.Code]
				break
			}
		}
	}
	return out
}

func (b *builder) document() Document {
	c := b.in.Plan.Committee
	symbol := "BC"
	if c.Symbol != "" {
		symbol += "/" + c.Symbol
	}
	return Document{
		Superior: c.Superior, Issuer: c.Name, Symbol: symbol, Place: c.Place,
		Date:       Date{Year: b.in.Day.Year()},
		Summary:    w("summary", "Period", b.periodName()),
		Draft:      b.in.Drafted(),
		Body:       b.body(),
		Annexes:    b.annexes(symbol),
		Recipients: b.recipients(),
		SignFor:    w("sign.for"),
		SignRole:   w("sign.role"),
	}
}

// periodName is the period as the summary and the sentences name it: "6
// tháng đầu năm 2026", "năm 2026", "giữa nhiệm kỳ 2025–2030", "nhiệm kỳ
// 2020–2025".
func (b *builder) periodName() string { return PeriodName(b.in.Period, b.in.Source) }

// PeriodName names period p of src's term as a report does: "6 tháng đầu
// năm 2026", "năm 2026", "giữa nhiệm kỳ 2025–2030", "nhiệm kỳ 2020–2025".
func PeriodName(p Period, src Source) string {
	switch p.Kind {
	case Half:
		return w("period.half", "Year", p.Year)
	case Year:
		return w("period.year", "Year", p.Year)
	case Mid:
		return w("period.mid", "Term", src.name())
	}
	return w("period.term", "Term", src.name())
}

// judged is the day the results in progress are judged on: the period's
// last day, or the report's day when it comes first.
func (b *builder) judged() indicator.Date { return min(b.in.Day, b.in.Period.Span.To) }

func (b *builder) body() []Block {
	p := b.in.Period
	intro := w("intro", "Title", b.in.Plan.Title, "Issuer", b.issuer, "Period", b.periodName(), "Span", p.Kind == Mid,
		"From", dmy(p.Span.From), "To", dmy(p.Span.To))
	source := w("source", "Date", dmy(b.in.Day), "Estimates", b.estimates())
	out := []Block{Text(intro)}
	if s := b.termCut(); s != "" {
		out = append(out, Text(s))
	}
	out = append(out, Paragraph{Runs: []Run{{Text: source, Italic: true}}})
	out = append(out, b.resultsPart()...)
	out = append(out, b.limitsPart()...)
	return append(out, b.tasksPart()...)
}

// estimates reports whether the report gives an estimate anywhere: a
// result graded by its forecast, or a forecast shown.
func (b *builder) estimates() bool {
	for _, r := range b.results {
		if r.Estimated || !math.IsNaN(r.Forecast()) || r.Term != nil && len(b.termEstimates(r)) > 0 {
			return true
		}
	}
	return false
}

// termCut says that the term ended before its planned end, and how a
// yearly window the term cuts is judged (its count's target in proportion
// to its days), when the period holds such a window; "" otherwise.
func (b *builder) termCut() string {
	var parts []string
	term, span := b.in.Plan.Term, b.in.Period.Span
	if b.in.EndedEarly && span.To == term.To {
		parts = append(parts, w("term.early", "Date", dmy(term.To)))
	}
	for _, d := range []indicator.Date{term.From, term.To} {
		if !span.Contains(d) {
			continue
		}
		for _, ind := range b.in.Plan.Indicators() {
			win := ind.WindowOn(d)
			if ind.Window != indicator.Year || ind.Prorated(win) == 1 {
				continue
			}
			e := indicator.EvaluateIn(ind, nil, win.To)
			parts = append(parts, w("term.prorated", "Year", win.From.Year(), "From", dmy(win.From), "To", dmy(win.To),
				"Code", ind.Code, "Cut", withUnit(ind, render.Stated(vi, e)), "Full", withUnit(ind, b.yearlyTarget(ind, nil))))
			break
		}
	}
	return keep(strings.Join(parts, " "))
}

// resultsPart is "I. Kết quả thực hiện các chỉ tiêu": the tally overall,
// then each program's, with its targets by result and by progress.
func (b *builder) resultsPart() []Block {
	out := []Block{Heading{Level: 1, Text: w("h.results")}, Heading{Level: 2, Text: w("h.overall")}, Text(b.overall())}
	if s := b.nearlyNote(); s != "" {
		out = append(out, Paragraph{Runs: []Run{{Text: s, Italic: true}}})
	}
	out = append(out, Heading{Level: 2, Text: w("h.programs")})
	for i, prog := range b.in.Plan.Programs {
		out = append(out, Heading{Level: 3, Text: w("h.program", "Letter", string(rune('a'+i%26)), "Program", programName(prog.Code), "Title", typeset(oneLine(prog.Title)))})
		out = append(out, Text(b.programTally(b.byProg[prog.Code])))
		out = append(out, b.lists(prog.Code)...)
	}
	return append(out, Paragraph{Runs: []Run{{Text: w("annex.see", "Years", b.hasYears()), Italic: true}}})
}

// overall is the sentence of the whole: how many targets, the result of
// those the period judges, how many of them are estimates, and where those
// that go on after the period stand.
func (b *builder) overall() string {
	c := b.all
	all := c.Targets + c.InProgress
	parts := []string{w("overall", "Targets", all)}
	if c.Targets > 0 {
		parts = append(parts, w("overall.graded", "Period", b.periodName(), "Part", c.InProgress > 0, "Graded", c.Targets,
			"Tally", b.tally(c)))
	}
	if c.Estimated > 0 {
		parts = append(parts, w("overall.estimated", "Targets", all, "Estimated", c.Estimated))
	}
	if c.InProgress > 0 {
		parts = append(parts, w("overall.progress", "What", b.what(c), "Count", c.InProgress, "Date", dmy(b.judged()),
			"Stands", b.stands(c)))
	}
	return strings.Join(parts, " ")
}

// programTally is a program's sentence: its graded targets' tally, and
// where those in progress stand.
func (b *builder) programTally(c count) string {
	var parts []string
	if c.Targets > 0 {
		parts = append(parts, capitalize(b.tally(c))+".")
	}
	if c.InProgress > 0 {
		parts = append(parts, w("program.progress", "What", b.what(c), "Stands", b.stands(c)))
	}
	return strings.Join(parts, " ")
}

// tally writes a count's graded targets: "đạt và vượt 15/18 chỉ tiêu; cơ
// bản đạt 1; không đạt 1; có nguy cơ không đạt 1; chưa đánh giá 1" (an
// estimate to miss is no "không đạt" yet).
func (b *builder) tally(c count) string {
	return w("tally", "Held", c.Held, "Targets", c.Targets, "NearlyMet", c.NearlyMet, "NotMet", c.NotMet-c.AtRisk,
		"AtRisk", c.AtRisk, "NotAssessed", c.NotAssessed)
}

// stands writes where the targets in progress stand: "đúng tiến độ 8; có
// nguy cơ 3; chậm tiến độ 2; chưa đến hạn đánh giá 2".
func (b *builder) stands(c count) string {
	var parts []string
	for _, s := range standsShown {
		if n := c.Stands[s]; n > 0 {
			parts = append(parts, w("stands."+s.String(), "N", n))
		}
	}
	return strings.Join(parts, "; ")
}

// what names the windows of the targets in progress: "cả năm", "cả nhiệm
// kỳ", or both.
func (b *builder) what(c count) string {
	return w("progress.what", "Year", c.Windows[indicator.Year], "Term", c.Windows[indicator.Term])
}

// nearlyNote explains "cơ bản đạt" where the report gives it: the
// tolerances it rests on.
func (b *builder) nearlyNote() string {
	var own []string
	found := false
	for _, r := range b.results {
		nearly := r.Ends && r.Grade == indicator.NearlyMet
		if r.Term != nil {
			nearly = nearly || slices.ContainsFunc(r.Term.Years, func(y indicator.YearResult) bool { return y.Grade == indicator.NearlyMet })
		}
		if !nearly {
			continue
		}
		found = true
		if t := r.Indicator.Tolerance; t > 0 {
			own = append(own, w("nearly.own", "Code", r.Indicator.Code, "Percent", locales.FormatNumber(t*100, 1)))
		}
	}
	if !found {
		return ""
	}
	return w("nearly", "Kept", locales.FormatNumber(indicator.KeptTolerance*100, 1),
		"Moving", locales.FormatNumber(indicator.DefaultTolerance*100, 1), "Own", strings.Join(own, "; "))
}

// list is one of a program's lists: the targets it keeps, as a sentence
// of names (compact) or a line each.
type list struct {
	key     string
	keep    func(target) bool
	compact bool
}

// lists are a program's lists, in the order a report gives them: the
// graded targets by result (final, then estimated), those not assessed,
// then those in progress by where they stand.
var lists = func() []list {
	graded := func(g func(indicator.Grade) bool, est bool) func(target) bool {
		return func(t target) bool { return !t.progress && g(t.graded.Grade) && t.graded.Estimated == est }
	}
	is := func(want indicator.Grade) func(indicator.Grade) bool {
		return func(g indicator.Grade) bool { return g == want }
	}
	out := []list{
		{"list.held", graded(indicator.Grade.Held, false), true},
		{"list.held.estimated", graded(indicator.Grade.Held, true), true},
		{"list.nearly_met", graded(is(indicator.NearlyMet), false), false},
		{"list.nearly_met.estimated", graded(is(indicator.NearlyMet), true), false},
		{"list.not_met", graded(is(indicator.NotMet), false), false},
		{"list.not_met.estimated", graded(is(indicator.NotMet), true), false},
		{"list.not_assessed", graded(is(indicator.NotAssessed), false), true},
	}
	for _, s := range standsShown {
		compact := s != StandAtRisk && s != StandOffTrack && s != StandPassed
		out = append(out, list{"list.stand." + s.String(), func(t target) bool { return t.progress && t.stand == s }, compact})
	}
	return out
}()

// lists are a program's targets by result and by progress: short names
// of those that held, are not assessed, are on track or not due yet, and
// a line with its figures for each of the others.
func (b *builder) lists(program string) []Block {
	var mine []target
	for _, t := range b.targets {
		if t.parts[0].Indicator.Program == program {
			mine = append(mine, t)
		}
	}
	var out []Block
	for _, l := range lists {
		var names []string
		var lines []Block
		for _, t := range mine {
			if !l.keep(t) {
				continue
			}
			names = append(names, b.entry(t))
			for _, r := range b.lineParts(t) {
				lines = append(lines, Text(sentence("+ "+b.line(r, t))))
			}
		}
		switch {
		case len(names) == 0:
		case l.compact:
			out = append(out, Paragraph{Runs: []Run{{Text: "- "}, {Text: w(l.key) + ": ", Italic: true}, {Text: sentence(strings.Join(names, "; "))}}})
		default:
			out = append(append(out, Paragraph{Runs: []Run{{Text: "- "}, {Text: w(l.key) + ":", Italic: true}}}), lines...)
		}
	}
	return out
}

// sentence ends s with a full stop, unless an ellipsis ends it.
func sentence(s string) string {
	if strings.HasSuffix(s, "…") || strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// entry is a target in a sentence of names: its code and short name, or a
// group's code and parts, with what it needs beside it — the estimate a
// word rests on, why it is not assessed, where it stands.
func (b *builder) entry(t target) string {
	r := t.parts[0]
	var extra string
	switch {
	case t.progress && t.stand == StandNotDue:
		extra = b.notDue(t)
	case !t.progress && t.graded.Grade == indicator.NotAssessed:
		extra = b.reasonOf(t)
	case !t.progress && t.graded.Estimated && len(t.parts) == 1 && r.Term != nil:
		extra = strings.Join(b.termEstimates(r), "; ")
	case !t.progress && t.graded.Estimated && len(t.parts) == 1:
		extra = b.estimateOf(r)
		if note := asOf(r.Eval, b.in.Period); note != "" && extra != "" {
			extra += "; " + withUnit(r.Indicator, bare(r.Indicator, r.Value())) + ", " + note
		}
	}
	if len(t.parts) > 1 {
		var codes []string
		for _, p := range t.parts {
			codes = append(codes, p.Indicator.Code)
		}
		return w("entry.group", "Group", t.name, "Parts", strings.Join(codes, ", "), "Extra", extra)
	}
	name := r.Indicator.Code + " " + shortName(r.Indicator.Name)
	if extra == "" {
		return name
	}
	return name + " (" + extra + ")"
}

// lineParts are the parts of a target that need a line of their own: an
// indicator, or a group's parts that did not hold or are behind.
func (b *builder) lineParts(t target) []Result {
	if len(t.parts) == 1 {
		return t.parts
	}
	var out []Result
	for _, r := range t.parts {
		behind := r.Ends && !r.Grade.Held() && r.Grade != indicator.NotAssessed || r.Progress() && r.Stand() >= StandAtRisk
		if behind {
			out = append(out, r)
		}
	}
	return out
}

// line is an indicator in a line of its own: its code and name (and its
// group), then its figures, estimate, trajectory and target, each apart.
func (b *builder) line(r Result, t target) string {
	head := r.Indicator.Code + " " + typeset(r.Indicator.Name)
	if len(t.parts) > 1 {
		head += " " + w("line.of_group", "Group", t.name)
	}
	return keep(head + ": " + strings.Join(b.details(r), "; "))
}

// details are what a line says of a result: the period's value (or the
// term's years), the estimate its word rests on, the trajectory a result
// in progress is held against, and the target.
func (b *builder) details(r Result) []string {
	ind, e := r.Indicator, r.Eval
	if r.Term != nil {
		out := []string{render.TermYears(vi, ind, *r.Term)}
		if r.Estimated {
			out = append(out, b.termEstimates(r)...)
		}
		if r.Term.Rule == indicator.EachYear {
			out = append(out, w("detail.target.yearly", "Target", withUnit(ind, b.yearlyTarget(ind, r.Term))))
		}
		return out
	}
	var out []string
	est := b.estimateOf(r)
	if est != "" && r.Estimated {
		out = append(out, est) // the word rests on it: it comes first
	}
	if v := b.valueSentence(r); v != "" {
		out = append(out, v)
	}
	if r.Progress() {
		if s := b.plan(r, true); s != "" {
			out = append(out, s)
		}
		if est != "" {
			out = append(out, est)
		}
	}
	target := b.statedTarget(r)
	if target != "" && target != "—" {
		key := "detail.target"
		if r.Progress() {
			key = "detail.target.until"
		}
		out = append(out, w(key, "Target", target, "End", endName(e.End)))
	}
	return out
}

// valueSentence is the value in a sentence: with its unit, its day and
// the reports missing, its share of the target where that means
// something, and a compound target's growth; "chưa có số liệu" without a
// figure.
func (b *builder) valueSentence(r Result) string {
	ind, e, p := r.Indicator, r.Eval, b.in.Period
	v := periodValue(e, p)
	if math.IsNaN(v) {
		if s := b.latest(r, true); s != "" {
			if g := growth(e); !math.IsNaN(g) {
				s += ", " + growthText(g)
			}
			return w("value.none_in_period") + ", " + s
		}
		if r.Progress() && r.Stand() == StandNoData || !r.Progress() && r.Grade == indicator.NotAssessed {
			return b.reason(r)
		}
		return w("value.none")
	}
	s := withUnit(ind, bare(ind, v))
	if note := asOf(e, p); note != "" {
		s += " (" + note + ")"
	}
	if g := growth(e); !math.IsNaN(g) {
		s += ", " + growthText(g)
	} else if c := b.share(r, v); c != "" {
		s += ", " + c
	}
	return s
}

// share is the value's share of the target, for a floor judged in the
// period or a year's target in a six months' report: "bằng 42% kế hoạch
// năm".
func (b *builder) share(r Result, v float64) string {
	ind, e := r.Indicator, r.Eval
	switch {
	case r.Progress() && r.Stand() == StandNotDue:
		return "" // judged only at its end: its figures so far are not held against the target
	case r.Progress() && ind.Window == indicator.Year:
		return against(ind, v, e.Target, w("compare.of.year"))
	case r.Progress():
		return ""
	case ind.Window == indicator.Year && b.in.Period.Kind != Term && b.in.Period.Kind != Mid:
		return against(ind, v, e.Target, w("compare.of.year"))
	}
	return against(ind, v, e.Target, w("compare.of.target"))
}

// plan is a result in progress against its trajectory on the day its
// figures stand for ("kế hoạch đến 20/12/2023: 88,2%"), or, for a
// trajectory judged only at its end, its deadline.
// A sentence names the unit (unit), a cell leaves it to its column.
func (b *builder) plan(r Result, unit bool) string {
	ind, e := r.Indicator, r.Eval
	value := func(v float64) string {
		if unit {
			return withUnit(ind, bare(ind, v))
		}
		return bare(ind, v)
	}
	switch s := r.Stand(); {
	case s == StandNotDue:
		return w("detail.not_due", "Date", dmy(e.End))
	case s == StandDone, s == StandNoData, s == StandPassed, e.Judged == 0 || math.IsNaN(e.Expected):
		return ""
	}
	return w("detail.plan", "Date", dmy(e.Judged), "Value", value(e.Expected))
}

// latest is the latest figure of a result whose period has none: "số
// liệu gần nhất 95% ngày 20/12/2023"; "" when the period has one or there
// is none at all.
func (b *builder) latest(r Result, unit bool) string {
	e := r.Eval
	if e.AsOf == 0 || e.AsOf >= b.in.Period.Span.From {
		return ""
	}
	v := bare(r.Indicator, e.Reported())
	if unit {
		v = withUnit(r.Indicator, v)
	}
	return w("value.latest", "Value", v, "Date", dmy(e.AsOf))
}

// notDue is where a target judged only at its end stands before it: each
// part's value (named, in a group) and the deadline.
func (b *builder) notDue(t target) string {
	var parts []string
	for _, r := range t.parts {
		v := periodValue(r.Eval, b.in.Period)
		if math.IsNaN(v) {
			continue
		}
		s := withUnit(r.Indicator, bare(r.Indicator, v))
		if len(t.parts) > 1 {
			s = r.Indicator.Code + " " + s
		}
		parts = append(parts, s)
	}
	end := t.parts[0].Eval.End
	for _, r := range t.parts {
		end = max(end, r.Eval.End)
	}
	return strings.Join(append(parts, w("detail.not_due", "Date", dmy(end))), ", ")
}

// estimateOf is the estimate a result's word rests on, or that a result
// in progress heads for: "ước cả năm 79 đảng viên"; "" without one.
func (b *builder) estimateOf(r Result) string {
	v := r.Forecast()
	if math.IsNaN(v) {
		return ""
	}
	e := r.Eval
	return w("detail.estimate", "Label", estimateLabel(e), "Value", withUnit(r.Indicator, estimated(r.Indicator, v)))
}

// estimateLabel names what an estimate is for: the year, the term, or a
// deadline.
func estimateLabel(e indicator.Evaluation) string {
	switch {
	case e.End != e.Window.To:
		return w("estimate.until", "Date", dmy(e.End))
	case e.Indicator.Window == indicator.Year:
		return w("estimate.year")
	case e.Day < e.Indicator.LastPeriod(e.Window, e.End).From:
		return w("estimate.term_end") // a term-long target, the term going on
	}
	return w("estimate.term")
}

// termEstimates are the estimates a yearly indicator's term rests on: each
// year not yet final, "năm 2025 ước 96".
func (b *builder) termEstimates(r Result) []string {
	var out []string
	for _, y := range r.Term.Years {
		e := y.Eval
		if !slices.Contains(r.Term.Estimated, y.Year) || e.Decided() || e.Indicator.Choices() != nil || math.IsNaN(e.Forecast) {
			continue
		}
		out = append(out, w("detail.year_estimate", "Year", y.Year, "Value", withUnit(r.Indicator, estimated(r.Indicator, e.Forecast))))
	}
	return out
}

// reasonOf is why a target is not assessed: its parts' reasons, each part
// named when they differ.
func (b *builder) reasonOf(t target) string {
	var codes, reasons []string
	for _, r := range t.parts {
		if r.Grade == indicator.NotAssessed {
			codes, reasons = append(codes, r.Indicator.Code), append(reasons, b.reason(r))
		}
	}
	if len(t.parts) == 1 || len(slices.Compact(slices.Clone(reasons))) == 1 && len(codes) == len(t.parts) {
		return reasons[0]
	}
	for i := range reasons {
		reasons[i] = codes[i] + " " + reasons[i]
	}
	return strings.Join(reasons, ", ")
}

// reason says why a result has no grade, or no figure: "thiếu số liệu kỳ
// cuối, số liệu đến 25/5/2025", "chờ số liệu kỳ cuối, hạn báo cáo
// 15/3/2024", "không có số liệu", "chưa có số liệu".
func (b *builder) reason(r Result) string {
	e := r.Eval
	switch r.why() {
	case unassessedShort:
		if r.Term != nil {
			return w("reason.short.years")
		}
		return w("reason.short", "Date", dmy(e.AsOf))
	case unassessedWaiting:
		return w("reason.waiting", "Date", dmy(lastDue(e)))
	case unassessedNone:
		return w("reason.none")
	}
	return w("reason.not_yet")
}

// lastDue is the due day of the report that closes the evaluation's
// window.
func lastDue(e indicator.Evaluation) indicator.Date {
	s := e.Indicator.Report
	return s.DueDate(s.PeriodOf(e.End))
}

// statedTarget is the target as a sentence states it, with its unit: a
// rate of growth as the resolution words it.
func (b *builder) statedTarget(r Result) string {
	ind := r.Indicator
	if compound(ind) {
		return stated(ind)
	}
	return withUnit(ind, render.Stated(vi, r.Eval))
}

// stated is a compound target as the resolution states it: "tăng bình
// quân 10%/năm".
func stated(ind *indicator.Indicator) string {
	return render.Stated(vi, indicator.Evaluation{Indicator: ind, Target: math.NaN()})
}

// yearlyTarget is a yearly indicator's target for a whole year, as the
// resolution states it: a year the term cuts asks its count in
// proportion, never the others.
func (b *builder) yearlyTarget(ind *indicator.Indicator, t *indicator.TermResult) string {
	if t != nil {
		for _, y := range t.Years {
			if ind.Prorated(y.Eval.Window) == 1 && !math.IsNaN(y.Eval.Target) {
				return render.Stated(vi, y.Eval)
			}
		}
	}
	if compound(ind) {
		return stated(ind)
	}
	return render.Stated(vi, indicator.Evaluation{Indicator: ind, Target: ind.Target.Value})
}

// limitsPart is "II. Hạn chế, nguyên nhân": what did not hold, what is
// behind on the day, and the reasons cadres gave with their figures.
func (b *builder) limitsPart() []Block {
	out := []Block{Heading{Level: 1, Text: w("h.limits")}, Heading{Level: 2, Text: w("h.limits.1")}, Text(b.limits())}
	if behind := b.behindInProgress(); len(behind) > 0 {
		out = append(out, Text(sentence(w("limits.progress", "What", b.what(b.all), "Date", dmy(b.judged()), "Names", strings.Join(behind, "; ")))))
	}
	if behind := b.behindToday(); len(behind) > 0 {
		out = append(out, Text(sentence(w("limits.behind", "Date", dmy(b.in.Day), "Names", strings.Join(behind, "; ")))))
	}
	out = append(out, placeholder(w("placeholder.limits")), Heading{Level: 2, Text: w("h.limits.2")})
	causes := b.causes()
	if len(causes) == 0 {
		out = append(out, Text(w("causes.none")))
	} else {
		out = append(append(out, Text(w("causes"))), causes...)
	}
	return append(out, placeholder(w("placeholder.causes")))
}

// limits is the sentence on the graded targets that did not hold, are
// estimated not to, or are not assessed (and why).
func (b *builder) limits() string {
	c := b.all
	var parts []string
	if n := c.NotMet - c.AtRisk; n > 0 {
		parts = append(parts, w("limits.not_met", "N", n))
	}
	if c.NearlyMet > 0 {
		parts = append(parts, w("limits.nearly_met", "N", c.NearlyMet))
	}
	if c.AtRisk > 0 {
		parts = append(parts, w("limits.at_risk", "N", c.AtRisk))
	}
	if c.NotAssessed > 0 {
		var why []string
		for _, u := range []unassessed{unassessedNone, unassessedShort, unassessedWaiting, unassessedNotYet} {
			if n := c.Unassessed[u]; n > 0 {
				why = append(why, w("limits.why."+unassessedNames[u], "N", n))
			}
		}
		parts = append(parts, w("limits.not_assessed", "N", c.NotAssessed, "Why", strings.Join(why, ", ")))
	}
	if len(parts) == 0 {
		if c.Targets == 0 {
			return w("limits.progress_only")
		}
		return w("limits.none")
	}
	return capitalize(strings.Join(parts, "; ")) + "."
}

var unassessedNames = map[unassessed]string{unassessedNotYet: "not_yet", unassessedWaiting: "waiting", unassessedShort: "short", unassessedNone: "none"}

// behindInProgress are the targets in progress that are behind their
// trajectory at the period's end.
func (b *builder) behindInProgress() []string {
	var out []string
	for _, t := range b.targets {
		if t.progress && (t.stand == StandAtRisk || t.stand == StandOffTrack || t.stand == StandPassed) {
			out = append(out, b.nameOf(t))
		}
	}
	return out
}

// behindToday are the indicators whose result the tally counts as held
// (or estimates so) but that are off track or at risk on the report's day,
// while the period runs.
func (b *builder) behindToday() []string {
	if b.in.Period.Ended(b.in.Day) {
		return nil
	}
	var out []string
	for _, r := range b.results {
		s := r.Eval.Status
		if r.Ends && r.Term == nil && r.Grade.Held() && (s == indicator.OffTrack || s == indicator.AtRisk) {
			out = append(out, r.Indicator.Code+" "+shortName(r.Indicator.Name))
		}
	}
	return out
}

// nameOf is a target's code and short name.
func (b *builder) nameOf(t target) string {
	if len(t.parts) > 1 {
		return t.name
	}
	return t.name + " " + shortName(t.parts[0].Indicator.Name)
}

// causes quote, for each result behind, the notes cadres saved with its
// figures of the period (the latest three, once each), with the
// indicator, its unit and each figure's day.
func (b *builder) causes() []Block {
	var out []Block
	for _, r := range b.results {
		if !r.Behind() {
			continue
		}
		notes := notesIn(b.in.Figures[r.Indicator.Code], r.spans(b.in.Period), b.in.Day)
		if len(notes) == 0 {
			continue
		}
		runs := []Run{{Text: "- " + w("cause.head", "Code", r.Indicator.Code, "Name", typeset(r.Indicator.Name), "Unit", b.unitName(r.Indicator.Owner))}}
		for i, f := range notes {
			if i > 0 {
				runs = append(runs, Run{Text: "; "})
			}
			runs = append(runs, Run{Text: w("cause.note", "Note", strings.TrimSpace(f.Note)), Italic: true},
				Run{Text: w("cause.date", "Date", dmy(f.Date))})
		}
		out = append(out, Paragraph{Runs: append(runs, Run{Text: "."})})
	}
	return out
}

// notesIn are the figures with a note dated in the spans and not after d,
// each note once (its latest figure), the latest three, oldest first.
func notesIn(figs []indicator.Figure, spans []indicator.Period, d indicator.Date) []indicator.Figure {
	var out []indicator.Figure
	for _, f := range indicator.SortFigures(figs) {
		in := slices.ContainsFunc(spans, func(s indicator.Period) bool { return s.Contains(f.Date) })
		if strings.TrimSpace(f.Note) == "" || !in || f.Date > d {
			continue
		}
		out = slices.DeleteFunc(out, func(g indicator.Figure) bool { return strings.TrimSpace(g.Note) == strings.TrimSpace(f.Note) })
		out = append(out, f)
	}
	return out[max(0, len(out)-3):]
}

func (b *builder) unitName(code string) string {
	for _, u := range b.in.Plan.Units {
		if u.Code == code {
			return u.Name
		}
	}
	return code
}

// tasksPart is "III.", left for the office with a line saying what to
// write (and the body's closing "./." for it to add after).
func (b *builder) tasksPart() []Block {
	p := b.in.Period
	var head, hint string
	switch p.Kind {
	case Half:
		head, hint = w("h.tasks.half", "Year", p.Year), w("placeholder.tasks")
	case Year:
		head, hint = w("h.tasks.year", "Next", p.Year+1), w("placeholder.tasks")
	case Mid:
		head, hint = w("h.tasks.mid", "Term", b.in.name()), w("placeholder.tasks")
	default:
		head, hint = w("h.tasks.term"), w("placeholder.lessons")
	}
	return []Block{Heading{Level: 1, Text: head}, placeholder(hint)}
}

// recipients are the plan's, or the committee's own people and its
// office's copy.
func (b *builder) recipients() []string {
	if rs := b.in.Plan.Committee.Recipients; len(rs) > 0 {
		return rs
	}
	var out []string
	for _, r := range strings.Split(w("recipients.default", "Issuer", b.issuer), "|") {
		out = append(out, strings.TrimSpace(r))
	}
	return out
}

// placeholder is a line the office replaces: in brackets, in italics.
func placeholder(s string) Paragraph { return Paragraph{Runs: []Run{{Text: s, Italic: true}}} }

var programNumber = regexp.MustCompile(`^(?i:CT)\s*0*(\d+)$`)

// programName names a program as offices do: "CT01" is "Chương trình 01".
func programName(code string) string {
	if m := programNumber.FindStringSubmatch(code); m != nil {
		n := m[1]
		if len(n) < 2 {
			n = "0" + n
		}
		return w("program", "Number", n)
	}
	return code
}

// numbers are the annex's STT of each indicator, counted by target within
// its program: a group's parts share its number, lettered (4a, 4b, 4c).
func numbers(plan *indicator.Plan) map[string]string {
	out := map[string]string{}
	for _, prog := range plan.Programs {
		n, group, letters := 0, map[string]int{}, map[string]int{}
		for _, ind := range prog.Indicators {
			if ind.Group == "" {
				n++
				out[ind.Code] = itoa(n)
				continue
			}
			if _, ok := group[ind.Group]; !ok {
				n++
				group[ind.Group] = n
			}
			letters[ind.Group]++
			out[ind.Code] = itoa(group[ind.Group]) + string(rune('a'+letters[ind.Group]-1))
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// shortName is an indicator's name as a list of names gives it: its first
// words when it is long, a quotation it opens closed.
func shortName(name string) string {
	const most, keep = 12, 9
	words := strings.Fields(typeset(name))
	if len(words) <= most {
		return strings.Join(words, " ")
	}
	s := strings.TrimRight(strings.Join(words[:keep], " "), ",;:-–")
	if strings.Count(s, "“") > strings.Count(s, "”") {
		return s + "…”"
	}
	return s + "…"
}

// capitalize is s with its first letter in capitals.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// typeset sets a plan's text as a document prints it: straight double
// quotes paired into “ ”.
func typeset(s string) string {
	var b strings.Builder
	open := true
	for _, r := range s {
		if r != '"' {
			b.WriteRune(r)
			continue
		}
		if open {
			b.WriteRune('“')
		} else {
			b.WriteRune('”')
		}
		open = !open
	}
	return b.String()
}
