package report

import (
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

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
	// Draft marks the report "DỰ THẢO" and gives, for a period not yet
	// ended, the figures still to come as the forecast estimates them
	// (ước thực hiện).
	Draft bool
}

// vi writes the words the report shares with the chat: a báo cáo is in
// Vietnamese whoever asks for it.
var vi = locales.MustLoad().Printer("vi")

// builder holds what every part of the report reads.
type builder struct {
	in      Input
	results []Result
	before  map[string]Result // the comparison's result, by the reported plan's code
	// beforePeriod is the period compared with.
	beforePeriod Period
	all          indicator.Tally
	byProg       map[string]indicator.Tally
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
	b.all, b.byProg = indicator.TallyOf(Graded(b.results))
	b.before = b.comparison()
	b.numbers = numbers(in.Plan)
	return b
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
		Draft:      b.in.Draft,
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

func (b *builder) body() []Block {
	p := b.in.Period
	intro := w("intro", "Title", b.in.Plan.Title, "Issuer", b.issuer, "Period", b.periodName(), "Span", p.Kind == Mid,
		"From", render.Date(p.Span.From), "To", render.Date(p.Span.To))
	source := w("source", "Date", render.Date(b.in.Day), "Estimates", b.all.Estimated > 0)
	out := []Block{Text(intro), Paragraph{Runs: []Run{{Text: source, Italic: true}}}}
	out = append(out, b.resultsPart()...)
	out = append(out, b.limitsPart()...)
	return append(out, b.tasksPart()...)
}

// resultsPart is "I. Kết quả thực hiện các chỉ tiêu": the tally overall,
// then each program's, with its indicators by result.
func (b *builder) resultsPart() []Block {
	inds := b.in.Plan.Indicators()
	out := []Block{
		Heading{Level: 1, Text: w("h.results")},
		Heading{Level: 2, Text: w("h.overall")},
		Text(w("overall", "Targets", b.all.Targets, "Parts", len(inds) > b.all.Targets, "Indicators", len(inds),
			"Period", b.periodName(), "Tally", render.Tally(vi, b.all))),
		Heading{Level: 2, Text: w("h.programs")},
	}
	for i, prog := range b.in.Plan.Programs {
		out = append(out, Heading{Level: 3, Text: w("h.program", "Letter", string(rune('a'+i%26)), "Program", programName(prog.Code), "Title", typeset(oneLine(prog.Title)))})
		out = append(out, Text(capitalize(w("program.tally", "Tally", render.Tally(vi, b.byProg[prog.Code])))))
		out = append(out, b.lists(prog.Code)...)
	}
	return append(out, Paragraph{Runs: []Run{{Text: w("annex.see", "Years", b.hasYears()), Italic: true}}})
}

// target is one of the resolution's targets in a program: an indicator,
// or the parts of a group, with the tally's result.
type target struct {
	name  string // the indicator's code, or the group's
	grade indicator.Grade
	parts []Result
}

// targets are a program's targets, in plan order.
func (b *builder) targets(program string) []target {
	var out []target
	at := map[string]int{}
	for _, r := range b.results {
		if r.Indicator.Program != program {
			continue
		}
		g := r.Indicator.Group
		if i, ok := at[g]; ok && g != "" {
			out[i].parts = append(out[i].parts, r)
			continue
		}
		name := r.Indicator.Code
		if g != "" {
			at[g], name = len(out), g
		}
		out = append(out, target{name: name, parts: []Result{r}})
	}
	for i := range out {
		grades := make([]indicator.Grade, len(out[i].parts))
		for j, r := range out[i].parts {
			grades[j] = r.Grade
		}
		out[i].grade = grades[0]
		if len(grades) > 1 {
			out[i].grade = indicator.GroupGrade(grades)
		}
	}
	return out
}

// lists are a program's targets by result: the codes of those that held
// and of those not assessed, and each one missed on a line of its own with
// its result and target (of a group, the parts that did not hold).
func (b *builder) lists(program string) []Block {
	targets := b.targets(program)
	var out []Block
	for _, part := range []struct {
		key  string
		keep func(indicator.Grade) bool
	}{
		{"list.held", indicator.Grade.Held},
		{"list.nearly_met", func(g indicator.Grade) bool { return g == indicator.NearlyMet }},
		{"list.not_met", func(g indicator.Grade) bool { return g == indicator.NotMet }},
		{"list.not_assessed", func(g indicator.Grade) bool { return g == indicator.NotAssessed }},
	} {
		var names []string
		var lines []Block
		for _, t := range targets {
			if !part.keep(t.grade) {
				continue
			}
			names = append(names, t.name)
			lines = append(lines, Text("+ "+b.targetItem(t)+"."))
		}
		switch {
		case len(names) == 0:
		case part.key == "list.held" || part.key == "list.not_assessed":
			out = append(out, Paragraph{Runs: []Run{{Text: "- "}, {Text: w(part.key) + ": ", Italic: true}, {Text: strings.Join(names, ", ") + "."}}})
		default:
			out = append(append(out, Paragraph{Runs: []Run{{Text: "- "}, {Text: w(part.key) + ":", Italic: true}}}), lines...)
		}
	}
	return out
}

// targetItem is a target not held, in a line: the indicator with its
// result and target, or the group with its parts that did not hold.
func (b *builder) targetItem(t target) string {
	if len(t.parts) == 1 {
		return b.listItem(t.parts[0])
	}
	var codes, items []string
	for _, r := range t.parts {
		codes = append(codes, r.Indicator.Code)
		if !r.Grade.Held() {
			items = append(items, b.listItem(r))
		}
	}
	return w("list.group", "Group", t.name, "Parts", strings.Join(codes, ", ")) + strings.Join(items, "; ")
}

// listItem is an indicator not held, in a sentence: its code, name,
// result and target.
func (b *builder) listItem(r Result) string {
	result, target := b.valueIn(r, "list.as_of"), withUnit(r.Eval.Indicator, render.Stated(vi, r.Eval))
	switch {
	case r.Term != nil && r.Term.Rule != indicator.EachYear:
		target = "" // the mean's words name the target
	case r.Term == nil && r.Eval.Figures == 0 && r.Eval.AsOf == 0:
		result = w("list.no_figure")
	}
	if target == "—" {
		target = ""
	}
	return w("list.item", "Code", r.Indicator.Code, "Name", typeset(r.Indicator.Name), "Result", result, "Target", target)
}

// limitsPart is "II. Hạn chế, nguyên nhân": what did not hold, what is
// behind on the day, and the reasons cadres gave with their figures.
func (b *builder) limitsPart() []Block {
	t := b.all
	limits := w("limits.none")
	if t.NotMet+t.NearlyMet+t.NotAssessed > 0 {
		limits = w("limits", "NotMet", t.NotMet, "NearlyMet", t.NearlyMet, "NotAssessed", t.NotAssessed, "Estimated", t.Estimated > 0)
	}
	out := []Block{Heading{Level: 1, Text: w("h.limits")}, Heading{Level: 2, Text: w("h.limits.1")}, Text(limits)}
	if behind := b.behindToday(); len(behind) > 0 {
		out = append(out, Text(w("limits.behind", "Date", render.Date(b.in.Day), "Codes", strings.Join(behind, ", "))))
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
		if r.Term == nil && r.Grade.Held() && (s == indicator.OffTrack || s == indicator.AtRisk) {
			out = append(out, r.Indicator.Code)
		}
	}
	return out
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
				Run{Text: w("cause.date", "Date", render.Date(f.Date))})
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

// withUnit is a number as a sentence states it, with its unit of measure
// ("≥ 90 đảng viên", "201 hộ"); a percent, a level's name or a place
// already says what it is.
func withUnit(ind *indicator.Indicator, s string) string {
	u := ind.Unit()
	if u == "" || u == "%" || u == "‰" || ind.Choices() != nil || ind.Kind == indicator.Rank || s == "—" || s == "" {
		return s
	}
	return s + " " + u
}

// capitalize is s with its first letter in capitals.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// endName names the last day of a trajectory: "hết năm 2030", or the day.
func endName(d indicator.Date) string {
	if _, m, day := d.Civil(); m == time.December && day == 31 {
		return w("end.year", "Year", d.Year())
	}
	return w("end.day", "Date", render.Date(d))
}

// valueText is a result's cell: a yearly indicator's term in words, or the
// period's value — estimated (ước) in a draft while its result is not
// final, else as the figures stand, with their day when they stop short of
// the period's end.
func (b *builder) valueText(r Result) string { return b.valueIn(r, "value.as_of") }

// valueIn is valueText with the words asOf for a value as of an earlier
// day: a cell's line under it, or a sentence's words after it.
func (b *builder) valueIn(r Result, asOf string) string {
	if r.Term != nil {
		return render.TermYears(vi, r.Indicator, *r.Term)
	}
	v, est := r.Value(b.in.Draft)
	s := render.Bare(r.Eval.Indicator, v)
	if asOf == "list.as_of" {
		s = withUnit(r.Eval.Indicator, s) // a sentence names the unit, a cell leaves it to its column
	}
	switch {
	case est:
		return w("value.estimated", "Value", s)
	case !math.IsNaN(v) && short(r.Eval, b.in.Period):
		return w(asOf, "Value", s, "Date", render.Date(r.Eval.AsOf))
	}
	return s
}

// short reports whether the figures stop before the period's last report
// (cut to the window's trajectory): the value is as of an earlier day.
func short(e indicator.Evaluation, p Period) bool {
	if e.AsOf == 0 {
		return false
	}
	return e.Indicator.Report.PeriodOf(e.AsOf).To < min(p.Span.To, e.End)
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
