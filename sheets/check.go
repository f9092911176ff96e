package sheets

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// Checked is a file's rows sorted by what importing them would do.
type Checked struct {
	New      []Row      // plausible figures not saved yet: to save
	Doubtful []Doubtful // figures not saved yet that deserve a second look: saved only when told to
	Known    []Row      // figures saved already, by whatever way they came: nothing to do
}

// Doubtful is a row that deserves a second look, and why.
type Doubtful struct {
	Row
	Doubts  []indicator.Doubt
	Before  indicator.Evaluation // where the indicator stood before it, on its day
	Earlier *indicator.Figure    // the latest figure of its day, saved or a row before it, for SameDay
	// EarlierLine is the line of the row before it that Earlier is, 0 when
	// Earlier is a saved figure.
	EarlierLine int
	Today       indicator.Date // the day it arrived
}

// Message says what a doubtful row holds, as understood, and every reason
// it deserves a second look, as one item of a list in plain text: "dòng 6:
// CT01.1 ngày 25/04/2023: 2,5 đảng viên — …".
func (d Doubtful) Message(p *locales.Printer) string {
	ind := d.Indicator
	data := map[string]any{"Unit": ind.Unit(), "Rank": ind.Ranked(), "Target": render.Goal(ind, ind.DoubtTarget(d.Before)),
		"Actual": render.Value(ind, d.Before.Actual), "Text": d.Text, "Today": render.Date(d.Today)}
	if l := d.Before.Last; l != nil {
		data["Latest"], data["LatestDate"] = render.Value(ind, l.Value), render.Date(l.Date)
	}
	if d.Earlier != nil {
		data["Earlier"], data["EarlierLine"] = render.Value(ind, d.Earlier.Value), d.EarlierLine
	}
	if m, ok := ind.Meant(d.Figure.Value); ok {
		data["Meant"] = render.Value(ind, m)
	}
	reasons := make([]string, len(d.Doubts))
	for i, doubt := range d.Doubts {
		reasons[i] = p.TMap("doubt."+doubt.String(), data)
	}
	return p.T("row.doubtful", "Line", d.Line, "Code", ind.Code, "Date", render.Date(d.Figure.Date),
		"Value", render.Value(ind, d.Figure.Value), "Reasons", strings.Join(reasons, "; "))
}

// Check sorts a file's rows by what importing them would do, given the
// figures saved of their indicators (by code, as the store reads them) and
// the day they arrive. A row that matches a saved figure is that figure,
// whatever its source: the same row imported before (its key), even if
// corrected since, or the same indicator, day and value; each saved
// figure stands for one row only. Every other row meets the checks any new
// figure meets (indicator.Check), on its own day, against the saved
// figures and the file's rows before it (checkRows).
func Check(rows []Row, saved map[string][]indicator.Record, today indicator.Date) Checked {
	saved = inDateOrder(saved)
	known := matchSaved(rows, saved)
	var c Checked
	fresh := map[*indicator.Indicator][]Row{}
	for i, r := range rows {
		if known[i] {
			c.Known = append(c.Known, r)
			continue
		}
		fresh[r.Indicator] = append(fresh[r.Indicator], r)
	}
	for ind, rs := range fresh {
		news, doubtful := checkRows(ind, rs, saved[ind.Code], today)
		c.New = append(c.New, news...)
		c.Doubtful = append(c.Doubtful, doubtful...)
	}
	slices.SortFunc(c.New, byLine)
	slices.SortFunc(c.Doubtful, func(a, b Doubtful) int { return byLine(a.Row, b.Row) })
	return c
}

// inDateOrder is the saved figures of each code in date order, a day's in
// the order given (the store's, its save order).
func inDateOrder(saved map[string][]indicator.Record) map[string][]indicator.Record {
	out := make(map[string][]indicator.Record, len(saved))
	for code, figs := range saved {
		out[code] = slices.Clone(figs)
		slices.SortStableFunc(out[code], func(a, b indicator.Record) int { return cmp.Compare(a.Date, b.Date) })
	}
	return out
}

// Codes is the codes of the rows' indicators, each once, in the rows'
// order.
func Codes(rows []Row) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range rows {
		if !seen[r.Indicator.Code] {
			seen[r.Indicator.Code] = true
			out = append(out, r.Indicator.Code)
		}
	}
	return out
}

func byLine(a, b Row) int { return cmp.Compare(a.Line, b.Line) }

// checkRows checks one indicator's new rows in date order (a day's in the
// file's order), each against the figures saved and the file's rows before
// it. A row is doubtful when it is so both counting the doubtful rows
// before it and not: neither a slip (0,78 among 80s) nor a change the
// file goes on from (4% → 45% → 46%) makes the rows after it doubtful.
func checkRows(ind *indicator.Indicator, rows []Row, saved []indicator.Record, today indicator.Date) ([]Row, []Doubtful) {
	slices.SortStableFunc(rows, func(a, b Row) int { return cmp.Compare(a.Figure.Date, b.Figure.Date) })
	all := indicator.SortFigures(indicator.FiguresOf(saved)) // with every row checked before
	kept := slices.Clone(all)                                // with the plausible rows only
	lines := map[indicator.Date][]int{}                      // the lines of the rows in all, by day
	var news []Row
	var doubtful []Doubtful
	for _, r := range rows {
		d := checkRow(ind, r, all, today)
		if len(d.Doubts) > 0 && len(kept) < len(all) { // a doubtful row before: doubted without it too?
			d.Doubts = both(d.Doubts, checkRow(ind, r, kept, today).Doubts)
		}
		if len(d.Doubts) > 0 {
			if day := lines[r.Figure.Date]; d.Earlier != nil && len(day) > 0 {
				d.EarlierLine = day[len(day)-1]
			}
			doubtful = append(doubtful, d)
		} else {
			news = append(news, r)
			kept = insertFigure(kept, r.Figure)
		}
		all = insertFigure(all, r.Figure)
		lines[r.Figure.Date] = append(lines[r.Figure.Date], r.Line)
	}
	return news, doubtful
}

// checkRow is the checks row r meets against figs, the figures before it.
func checkRow(ind *indicator.Indicator, r Row, figs []indicator.Figure, today indicator.Date) Doubtful {
	before := indicator.EvaluateSeriesOf(ind, indicator.Figures(figs), r.Figure.Date, r.Figure.Date)
	a := indicator.Arrival{Figure: r.Figure, Today: today, Converted: r.Converted, Earlier: sameDay(figs, r.Figure.Date)}
	return Doubtful{Row: r, Doubts: ind.Check(a, before), Before: before, Earlier: a.Earlier, Today: today}
}

// both is the doubts in a and in b, in a's order.
func both(a, b []indicator.Doubt) []indicator.Doubt {
	var out []indicator.Doubt
	for _, d := range a {
		if slices.Contains(b, d) {
			out = append(out, d)
		}
	}
	return out
}

// sameDay is the latest figure of day d, or nil.
func sameDay(figs []indicator.Figure, d indicator.Date) *indicator.Figure {
	i, _ := slices.BinarySearchFunc(figs, d+1, func(f indicator.Figure, d indicator.Date) int { return cmp.Compare(f.Date, d) })
	if i == 0 || figs[i-1].Date != d {
		return nil
	}
	f := figs[i-1]
	return &f
}

// insertFigure puts f after the figures of its day and before later ones.
func insertFigure(figs []indicator.Figure, f indicator.Figure) []indicator.Figure {
	i, _ := slices.BinarySearchFunc(figs, f.Date+1, func(g indicator.Figure, d indicator.Date) int { return cmp.Compare(g.Date, d) })
	return slices.Insert(figs, i, f) // figs is checkRows' own copy
}

// matchSaved finds the rows that are saved figures: first by key (a row
// imported before), then by indicator, day and value; each saved figure
// matches one row.
func matchSaved(rows []Row, saved map[string][]indicator.Record) []bool {
	known := make([]bool, len(rows))
	used := map[string]map[int]bool{}
	byKey := map[string]map[string]int{}
	for code, figs := range saved {
		used[code], byKey[code] = map[int]bool{}, make(map[string]int, len(figs))
		for j, f := range figs {
			byKey[code][f.Key] = j
		}
	}
	take := func(i int, code string, j int) {
		known[i] = true
		used[code][j] = true
	}
	for i, r := range rows {
		if j, ok := byKey[r.Indicator.Code][r.Key]; ok && !used[r.Indicator.Code][j] {
			take(i, r.Indicator.Code, j)
		}
	}
	for i, r := range rows {
		code := r.Indicator.Code
		for _, j := range dayOf(saved[code], r.Figure.Date) {
			if !known[i] && !used[code][j] && sameValue(saved[code][j].Value, r.Figure.Value) {
				take(i, code, j)
			}
		}
	}
	return known
}

// dayOf is the places of the figures saved for day d (figures in date
// order, as the store reads them).
func dayOf(figs []indicator.Record, d indicator.Date) []int {
	i, _ := slices.BinarySearchFunc(figs, d, func(f indicator.Record, d indicator.Date) int { return cmp.Compare(f.Date, d) })
	var out []int
	for ; i < len(figs) && figs[i].Date == d; i++ {
		out = append(out, i)
	}
	return out
}

// sameValue reports whether two values are one, allowing for the last
// digit a file's decimal text may change.
func sameValue(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
