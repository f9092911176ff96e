package report

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"chitieu/indicator"
	"chitieu/locales"
)

// Kind is the kind of a report's period.
type Kind int

// The periods DESIGN.md names.
const (
	Half Kind = iota + 1 // YYYY-H1: 1/1–30/6, sơ kết 6 tháng
	Year                 // YYYY: the year, tổng kết năm
	Mid                  // mid: the term's start to its mid-term day, sơ kết giữa nhiệm kỳ
	Term                 // term: the whole term, tổng kết nhiệm kỳ
)

// Period is the span a report covers, inside its plan's term.
type Period struct {
	Kind Kind
	Year int              // Half and Year: the calendar year
	Span indicator.Period // its days, cut to the term
}

func (p Period) String() string {
	switch p.Kind {
	case Half:
		return fmt.Sprintf("%d-H1", p.Year)
	case Year:
		return strconv.Itoa(p.Year)
	case Mid:
		return "mid"
	}
	return "term"
}

// PeriodReason is why a period cannot be reported on.
type PeriodReason int

// The reasons.
const (
	PeriodSyntax  PeriodReason = iota + 1 // not one of YYYY-H1, YYYY, mid, term
	PeriodOutside                         // its days lie outside the plan's term
	PeriodAhead                           // it has not begun on the report's day
)

// PeriodError is a period that cannot be reported on: the caller says why
// in its reader's words.
type PeriodError struct {
	Text   string // as given
	Reason PeriodReason
	Span   indicator.Period // the period's days (PeriodOutside: uncut; PeriodAhead)
	Term   indicator.Period // the plan's term
}

func (e *PeriodError) Error() string {
	switch e.Reason {
	case PeriodOutside:
		return fmt.Sprintf("period %q (%v..%v) lies outside the term %v..%v", e.Text, e.Span.From, e.Span.To, e.Term.From, e.Term.To)
	case PeriodAhead:
		return fmt.Sprintf("period %q begins on %v, after the report's day", e.Text, e.Span.From)
	}
	return fmt.Sprintf("period %q: want YYYY-H1, YYYY, mid or term", e.Text)
}

// The periods as people write them, folded (lower case, without
// diacritics): "2026-H1", "6 tháng đầu năm 2026", "H1 2026"; "2026", "năm
// 2026"; "mid", "giữa kỳ", "giữa nhiệm kỳ"; "term", "nhiệm kỳ", "cả nhiệm
// kỳ", "toàn khóa".
var (
	midWords  = regexp.MustCompile(`^(?:mid(?:-?term)?|(?:so ket )?giua(?: ?(?:nhiem )?ky| nhiemky)?)$`)
	termWords = regexp.MustCompile(`^(?:term|ca|(?:tong ket )?(?:ca |toan )?nhiem ?ky|toan khoa)$`)
	halfWords = regexp.MustCompile(`^(?:(?:so ket )?(?:6|sau) ?t(?:hang)?(?: dau)?(?: nam)?|nua dau nam|h1)[ /-]?(\d{4})$|^(\d{4})[ /-]?h1$`)
	yearWords = regexp.MustCompile(`^(?:(?:tong ket )?(?:ca )?nam )?(\d{4})$`)
)

// ParsePeriod reads a period of plan's term: "2026-H1", "2026", "mid",
// "term", or their Vietnamese words ("6 tháng đầu năm 2026", "năm 2026",
// "giữa nhiệm kỳ", "cả nhiệm kỳ"), with or without diacritics.
func ParsePeriod(s string, plan *indicator.Plan) (Period, error) {
	text := locales.Fold(s)
	switch {
	case midWords.MatchString(text):
		return MidOf(plan), nil
	case termWords.MatchString(text):
		return TermOf(plan), nil
	}
	var p Period
	var whole indicator.Period
	if m := halfWords.FindStringSubmatch(text); m != nil {
		y, _ := strconv.Atoi(m[1] + m[2])
		p, whole = HalfOf(y, plan), halfDays(y)
	} else if m := yearWords.FindStringSubmatch(text); m != nil {
		y, _ := strconv.Atoi(m[1])
		p, whole = YearOf(y, plan), yearDays(y)
	} else {
		return Period{}, &PeriodError{Text: s, Reason: PeriodSyntax, Term: plan.Term}
	}
	if p.Span.From > p.Span.To {
		return Period{}, &PeriodError{Text: s, Reason: PeriodOutside, Span: whole, Term: plan.Term}
	}
	return p, nil
}

// HalfOf is the first half of year y in plan's term.
func HalfOf(y int, plan *indicator.Plan) Period {
	return Period{Kind: Half, Year: y, Span: cut(halfDays(y), plan.Term)}
}

// YearOf is year y in plan's term.
func YearOf(y int, plan *indicator.Plan) Period {
	return Period{Kind: Year, Year: y, Span: cut(yearDays(y), plan.Term)}
}

// MidOf is plan's term up to its mid-term day.
func MidOf(plan *indicator.Plan) Period {
	return Period{Kind: Mid, Span: indicator.Period{From: plan.Term.From, To: plan.Mid()}}
}

// TermOf is plan's whole term.
func TermOf(plan *indicator.Plan) Period { return Period{Kind: Term, Span: plan.Term} }

func halfDays(y int) indicator.Period {
	return indicator.Period{From: indicator.NewDate(y, time.January, 1), To: indicator.NewDate(y, time.June, 30)}
}

func yearDays(y int) indicator.Period {
	return indicator.Period{From: indicator.NewDate(y, time.January, 1), To: indicator.NewDate(y, time.December, 31)}
}

func cut(p, in indicator.Period) indicator.Period {
	return indicator.Period{From: max(p.From, in.From), To: min(p.To, in.To)}
}

// Begun refuses a period that has not begun on day d: it has no figure to
// report.
func (p Period) Begun(d indicator.Date, plan *indicator.Plan) error {
	if d < p.Span.From {
		return &PeriodError{Text: p.String(), Reason: PeriodAhead, Span: p.Span, Term: plan.Term}
	}
	return nil
}

// Ended reports whether the period has ended on day d.
func (p Period) Ended(d indicator.Date) bool { return d > p.Span.To }

// before is the period a report compares p with, in plan's term or the
// term before's (nil for none): the same half or year a year before, the
// term before's mid-term or whole term.
func (p Period) before(plan, prev *indicator.Plan) (Period, *indicator.Plan, bool) {
	switch p.Kind {
	case Half, Year:
		for _, in := range []*indicator.Plan{plan, prev} {
			if in == nil {
				continue
			}
			q := YearOf(p.Year-1, in)
			if p.Kind == Half {
				q = HalfOf(p.Year-1, in)
			}
			if q.Span.From <= q.Span.To {
				return q, in, true
			}
		}
	case Mid:
		if prev != nil {
			return MidOf(prev), prev, true
		}
	case Term:
		if prev != nil {
			return TermOf(prev), prev, true
		}
	}
	return Period{}, nil, false
}

// Choices are the periods a report is usually drafted for around day d,
// latest last: the first half from May to September, the year from
// October to the next March, the mid-term from three months before its
// day to six after, the term in its last year and the half year after it;
// when none is, the year of d. Only periods of plan's term that have begun
// are offered.
func Choices(plan *indicator.Plan, d indicator.Date) []Period {
	y, m, _ := d.Civil()
	var out []Period
	add := func(p Period) {
		if p.Span.From <= p.Span.To && p.Span.From <= d {
			out = append(out, p)
		}
	}
	if m <= time.March {
		add(YearOf(y-1, plan))
	}
	if m >= time.May && m <= time.September {
		add(HalfOf(y, plan))
	}
	if m >= time.October {
		add(YearOf(y, plan))
	}
	if mid := plan.Mid(); d >= mid.AddMonths(-3) && d <= mid.AddMonths(6) {
		add(MidOf(plan))
	}
	if d >= plan.Term.To.AddYears(-1) && d <= plan.Term.To.AddMonths(6) {
		add(TermOf(plan))
	}
	if len(out) == 0 {
		add(YearOf(y, plan))
	}
	return out
}

// ExampleYear is a year of the term to give as an example on day d: d's
// year, within the term's years.
func (e *PeriodError) ExampleYear(d indicator.Date) int {
	return min(max(d.Year(), e.Term.From.Year()), e.Term.To.Year())
}
