package charts

import (
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// nameWidth is how many characters of an indicator's name a program's
// chart shows beside its code.
const nameWidth = 40

// Program draws a program's indicators as bars of their progress against
// the trajectory on the day their figures stand for, coloured by status,
// each named, with a line at 100%, the percent at the end of each bar (or
// "Chưa có số liệu"), and a legend of the status colours.
func Program(p *locales.Printer, code string, day indicator.Date, evals []indicator.Evaluation) ([]byte, error) {
	pl, err := programPlot(p, code, day, evals)
	if err != nil {
		return nil, err
	}
	return toPNG(pl, statusLegend(p))
}

// programPlot lays a program's chart out, but for its legend.
func programPlot(p *locales.Printer, code string, day indicator.Date, evals []indicator.Evaluation) (*plot.Plot, error) {
	pl := newPlot(p.T("chart.program", "Code", code, "Date", render.Date(day)))
	pl.X.Label.Text = p.T("chart.progress")
	pl.X.Tick.Marker = numberTicks{}
	pl.X.Min, pl.X.Max = 0, 150
	pl.Y.Tick.Label.Font = font.From(sans, 14)
	names := make([]string, len(evals))
	notes := rowNotes{style: pl.Legend.TextStyle}
	for i, e := range evals {
		row := float64(len(evals) - 1 - i)
		if err := addBar(pl, e, row, len(evals)); err != nil {
			return nil, err
		}
		names[len(evals)-1-i] = shortName(e.Indicator, nameWidth)
		notes.add(row, Progress(e), barNote(p, e), e.Status == indicator.NoData)
	}
	pl.NominalY(names...)
	full := vline{x: 100}
	full.Color, full.Width, full.Dashes = targetColor, vg.Points(2), []vg.Length{vg.Points(6), vg.Points(4)}
	pl.Add(full, notes)
	return pl, nil
}

// shortName is an indicator's code and its name cut at a word to about n
// characters.
func shortName(ind *indicator.Indicator, n int) string {
	s := ind.Code + " " + ind.Name
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return strings.TrimRight(string(r[:cut]), " ,-–(\"") + "…"
}

// addBar draws one indicator's bar on its row.
func addBar(pl *plot.Plot, e indicator.Evaluation, row float64, rows int) error {
	bars, err := plotter.NewBarChart(plotter.Values{Progress(e)}, vg.Points(float64(min(36, 380/max(1, rows)))))
	if err != nil {
		return err
	}
	bars.Horizontal, bars.XMin = true, row
	bars.Color, bars.LineStyle.Width = StatusColors[e.Status], 0
	pl.Add(bars)
	return nil
}

// barNote is what is written at the end of a bar: the progress in percent
// ("≥ 150%" when cut), or that there is no figure to go on.
func barNote(p *locales.Printer, e indicator.Evaluation) string {
	v := Progress(e)
	switch {
	case e.Status == indicator.NoData:
		return p.T("status.no_data")
	case v >= 150:
		return "≥ 150%"
	}
	return locales.FormatNumber(math.Round(v), 0) + "%"
}

// statusLegend is the key to the bars' colours.
func statusLegend(p *locales.Printer) legend {
	var l legend
	for _, s := range statusOrder {
		l = append(l, entry{p.T("status." + s.String()), []plot.Thumbnailer{box{StatusColors[s]}}})
	}
	return l
}

// rowNotes writes a short text after each bar; a row without data in
// grey.
type rowNotes struct {
	style text.Style
	rows  []float64
	at    []float64
	texts []string
	grey  []bool
}

func (n *rowNotes) add(row, at float64, s string, grey bool) {
	n.rows, n.at, n.texts, n.grey = append(n.rows, row), append(n.at, at), append(n.texts, s), append(n.grey, grey)
}

// Plot writes each note just right of its bar's end, or left of it when
// the bar reaches the right edge.
func (n rowNotes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := n.style
	sty.YAlign = draw.YCenter
	for i, s := range n.texts {
		x := trX(n.at[i]) + vg.Points(6)
		sty.XAlign, sty.Color = draw.XLeft, color.Black
		if n.grey[i] {
			sty.Color = color.Gray{Y: 0x60}
		}
		if n.at[i] > 120 {
			x, sty.XAlign, sty.Color = trX(n.at[i])-vg.Points(6), draw.XRight, color.White
		} else {
			blank(c, sty, vg.Point{X: x, Y: trY(n.rows[i])}, s)
		}
		c.FillText(sty, vg.Point{X: x, Y: trY(n.rows[i])}, s)
	}
}

// blank paints white under a note left-aligned at pt, so the line at 100%
// does not run through it.
func blank(c draw.Canvas, sty text.Style, pt vg.Point, s string) {
	r := sty.Rectangle(s).Add(pt)
	c.FillPolygon(color.White, []vg.Point{r.Min, {X: r.Min.X, Y: r.Max.Y}, r.Max, {X: r.Max.X, Y: r.Min.Y}})
}

// Progress is how far an indicator is along the trajectory on the day its
// figures stand for, in percent (100 is on the trajectory), from 0 to
// 150; 0 without figures.
func Progress(e indicator.Evaluation) float64 {
	a, x := e.Actual, e.Expected
	if math.IsNaN(x) && e.Indicator.Trajectory == indicator.End {
		x = e.Target // nothing is expected before the end: the way to the target
	}
	var v float64
	switch {
	case e.Figures == 0 && !e.Indicator.Increments() || math.IsNaN(a) || math.IsNaN(x):
		return 0
	case e.Indicator.Target.Op == indicator.LE || e.Indicator.Target.Op == indicator.LT:
		v = ratio(x, a)
	default:
		v = ratio(a, x)
	}
	return math.Min(math.Max(v, 0), 150)
}

// ratio is a/b in percent, 100 when both are 0 and 150 when only b is.
func ratio(a, b float64) float64 {
	switch {
	case b == 0 && a == 0:
		return 100
	case b == 0:
		return 150
	}
	return a / b * 100
}
