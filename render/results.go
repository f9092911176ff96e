package render

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
)

// The results of a period, as reports word them: the báo cáo's tallies and
// annex, the weekly digest and the chat's term report say them alike.

// GradeMarks are the signs of the grades in lists.
var GradeMarks = map[indicator.Grade]string{
	indicator.Exceeded: "✅", indicator.Met: "✅", indicator.NearlyMet: "🟡", indicator.NotMet: "❌", indicator.NotAssessed: "⚪",
}

// Tally writes a tally as reports count: "đạt và vượt 15/18 chỉ tiêu; cơ
// bản đạt 1; không đạt 1; chưa đánh giá 1" (the counts that are 0 left
// out), "ước …" when every result assessed is an estimate, and how many
// are when some are.
func Tally(p *locales.Printer, t indicator.Tally) string {
	return p.T("tally.text", "Held", t.Held, "Targets", t.Targets, "NearlyMet", t.NearlyMet, "NotMet", t.NotMet,
		"NotAssessed", t.NotAssessed, "Estimated", t.Estimated, "All", t.Estimated > 0 && t.Estimated == t.Targets-t.NotAssessed,
		"Some", t.Estimated > 0 && t.Estimated < t.Targets-t.NotAssessed)
}

// Stated writes the evaluation's target as a resolution states it: "≥ 90",
// "trên 75%", "dưới 12,37‰", "100%", "Hoàn thành tốt nhiệm vụ trở lên",
// "xếp thứ 12 trở lên (tăng ít nhất 2 bậc so với năm 2019)"; a target
// that waits for its baseline says how it is set ("tăng bình quân
// 10%/năm"). Units other than % and ‰ are left to the reader's column or
// sentence.
func Stated(p *locales.Printer, e indicator.Evaluation) string {
	ind := e.Indicator
	switch {
	case ind.Ranked():
		return statedRank(p, e)
	case ind.Trajectory == indicator.Compound && math.IsNaN(e.Target):
		return p.T("stated.compound", "Rate", locales.FormatNumber(ind.Rate, 2))
	case math.IsNaN(e.Target):
		return "—"
	}
	v := Bare(ind, e.Target)
	top := ind.Choices() != nil && int(e.Target) == len(ind.Choices())-1 ||
		ind.Choices() == nil && e.Target == 100 && (ind.Unit() == "%" || ind.Kind == indicator.Milestone)
	switch op := ind.Target.Op; {
	case op == indicator.GE && top, e.Target == 0 && (op == indicator.LE || op == indicator.EQ):
		return v // "100%"; "0": none at all
	case ind.Choices() != nil && op == indicator.GE:
		return p.T("stated.choice_ge", "V", v)
	default:
		return p.T("stated."+op.Name(), "V", v)
	}
}

// statedRank is a place's target: "xếp thứ 12 trở lên (tăng ít nhất 2
// bậc so với năm 2019)", or only the change while the baseline's place is
// not known.
func statedRank(p *locales.Printer, e indicator.Evaluation) string {
	ind := e.Indicator
	if !math.IsNaN(e.Target) {
		return Target(p, e)
	}
	if c := ind.Target.Change; c != nil && ind.Baseline != nil {
		s := p.T("value.rank_change", "Places", strconv.Itoa(int(math.Abs(*c))), "Up", *c < 0, "Year", ind.Baseline.On.Year())
		return strings.Trim(s, "()")
	}
	return "—"
}

// Bare writes a value as a table or a sentence that names the unit
// elsewhere states it: "41", "75,5%", "12,37‰", "xếp thứ 10", and a rating
// on the default scale by its official name, "Hoàn thành tốt nhiệm vụ";
// "—" when unknown.
func Bare(ind *indicator.Indicator, v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case ind.Kind == indicator.Rating && slices.Equal(ind.Scale, indicator.DefaultScale):
		return ind.Label(v) + " nhiệm vụ"
	case ind.Choices() != nil || ind.Ranked():
		return Value(ind, v)
	}
	s := locales.FormatNumber(v, 2)
	if u := ind.Unit(); u == "%" || u == "‰" {
		s += u
	}
	return s
}

// TermYears writes a yearly indicator's term by its rule: for each_year
// its years — "đạt 3/5 năm; 2021, 2023 không đạt; 2020 không có số
// liệu", a year missed within its band "cơ bản đạt" (the term still
// counts it missed) —, for a mean the mean against the target — "tăng bình quân
// 10,6%/năm, mục tiêu trên 10%"; and the years that are estimates.
func TermYears(p *locales.Printer, ind *indicator.Indicator, t indicator.TermResult) string {
	var none, pending, short []int
	for _, y := range t.Years {
		switch {
		case y.Eval.Figures > 0 && y.Eval.Final() && y.Eval.Incomplete:
			short = append(short, y.Year) // its last report never came: not assessed
		case y.Eval.Figures > 0:
		case y.Eval.Final():
			none = append(none, y.Year)
		default:
			pending = append(pending, y.Year)
		}
	}
	var estimated []int
	for _, y := range t.Years {
		if slices.Contains(t.Estimated, y.Year) && y.Eval.Figures > 0 {
			estimated = append(estimated, y.Year)
		}
	}
	var missed, nearly []int
	for _, y := range t.Years {
		switch y.Grade {
		case indicator.NotMet:
			missed = append(missed, y.Year)
		case indicator.NearlyMet:
			nearly = append(nearly, y.Year)
		}
	}
	if len(t.Held()) == 0 && len(missed) == len(t.Assessed()) && len(missed) > 1 {
		missed = nil // "đạt 0/6 năm" says it: no need to name every year
	}
	data := []any{"Held", len(t.Held()), "Assessed", len(t.Assessed()), "Missed", years(missed), "Nearly", years(nearly),
		"None", years(none), "Pending", years(pending), "Short", years(short), "Estimated", years(estimated)}
	if len(t.Assessed()) == 0 {
		return p.T("term.none", data...)
	}
	if t.Rule == indicator.EachYear {
		return p.T("term.each_year", data...)
	}
	e := indicator.Evaluation{Indicator: ind, Target: ind.Target.Value}
	return p.T("term."+t.Rule.String(), append(data, "Mean", Value(ind, t.Mean), "Target", Stated(p, e))...)
}

// years writes years as a list: "2021, 2023".
func years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}
