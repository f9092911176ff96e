package render

import (
	"math"
	"strconv"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
)

// vi writes the words a value carries in itself ("xếp thứ 12") where no
// printer is at hand: Value is plain text read by Vietnamese offices.
var vi = locales.MustLoad().Printer("vi")

// rank writes a place: "xếp thứ 12", whole.
func rank(v float64) string {
	return vi.T("value.rank", "Place", strconv.Itoa(int(math.Max(1, math.Round(v)))))
}

// Target writes a target as the status line, /xem and the status table
// state it, in plain text: "≥ 90 đảng viên", "> 75%", and for a place
// "xếp thứ 12 trở lên (tăng ít nhất 2 bậc so với năm 2019)" — before its
// baseline's place is known, only the change.
func Target(p *locales.Printer, e indicator.Evaluation) string {
	ind := e.Indicator
	switch {
	case ind.Ranked() && math.IsNaN(e.Target) && ind.Target.Change != nil && ind.Baseline != nil:
		return statedRank(p, e)
	case !ind.Ranked() || math.IsNaN(e.Target):
		return Op(ind.Target.Op) + " " + Goal(ind, e.Target)
	}
	s := Aim(p, ind, e.Target)
	if c := ind.Target.Change; c != nil && ind.Baseline != nil {
		s += " " + p.T("value.rank_change", "Places", strconv.Itoa(int(math.Abs(*c))), "Up", *c < 0, "Year", ind.Baseline.On.Year())
	}
	return s
}

// Aim words a value the indicator must reach, by its target's direction,
// in plain text: "từ 75% trở lên", "trên 75%", "không quá 12 vụ", "dưới
// 6,5%", "đúng 0 hộ", "xếp thứ 12 trở lên".
func Aim(p *locales.Printer, ind *indicator.Indicator, v float64) string {
	if ind.Ranked() && !math.IsNaN(v) {
		return p.T("value.rank_"+ind.Target.Op.Name(), "Place", strconv.Itoa(int(math.Max(1, math.Round(v)))))
	}
	return p.T("aim."+ind.Target.Op.Name(), "Value", Goal(ind, v))
}

// Goal writes a value the indicator must reach, with its unit, as Value
// does, but for a money amount in tỷ that the plan derives (a compound
// growth, a change on the baseline): to a tenth of a tỷ, its hundredths a
// precision the plan never had ("1.610,6 tỷ đồng", not "1.610,51"),
// rounded so that a figure meeting the amount shown meets the real one.
func Goal(ind *indicator.Indicator, v float64) string {
	derived := ind.Trajectory == indicator.Compound || ind.Target.Change != nil
	if !derived || !strings.HasPrefix(ind.Unit(), "tỷ") || math.IsNaN(v) {
		return Value(ind, v)
	}
	x, noise := v*10, 1e-9*math.Max(1, math.Abs(v*10))
	switch ind.Target.Op {
	case indicator.GE, indicator.GT:
		x = math.Ceil(x - noise)
	case indicator.LE, indicator.LT:
		x = math.Floor(x + noise)
	default:
		x = math.Round(x)
	}
	return Value(ind, x/10)
}

// WindowName names an evaluation's window: "năm 2026", "cả nhiệm kỳ".
func WindowName(p *locales.Printer, e indicator.Evaluation) string {
	if e.Indicator.Window == indicator.Term {
		return p.T("window.term")
	}
	return p.T("period.year", "Year", e.Window.From.Year())
}

// Grade words a result as a báo cáo does: Vượt, Đạt, Cơ bản đạt, Không
// đạt, Chưa đánh giá.
func Grade(p *locales.Printer, g indicator.Grade) string { return p.T("grade." + g.String()) }

// lastDue is the due day of the report that closes the evaluation's
// window: until then a window that has ended awaits it.
func lastDue(e indicator.Evaluation) indicator.Date {
	s := e.Indicator.Report
	return s.DueDate(s.PeriodOf(e.End))
}
