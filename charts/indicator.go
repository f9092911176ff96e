package charts

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// indicatorChart is an indicator's chart being drawn.
type indicatorChart struct {
	pl   *plot.Plot
	p    *locales.Printer
	e    indicator.Evaluation
	figs []indicator.Figure
	key  legend
}

// Indicator draws an indicator's window: its figures as reported (summed
// up for a count), the trajectory, the target, the point the evaluation
// stands on (the as-of day), the forecast from it to the trajectory's end,
// and today. A rating or a milestone with stages is a step line over its
// names; a rank runs from the best (1) at the top; whole things have whole
// ticks.
func Indicator(p *locales.Printer, e indicator.Evaluation, figs []indicator.Figure) ([]byte, error) {
	c, err := newIndicatorChart(p, e, figs)
	if err != nil {
		return nil, err
	}
	return toPNG(c.pl, c.key)
}

// newIndicatorChart lays an indicator's chart out.
func newIndicatorChart(p *locales.Printer, e indicator.Evaluation, figs []indicator.Figure) (*indicatorChart, error) {
	ind := e.Indicator
	c := &indicatorChart{pl: newPlot(wrap(ind.Code+" "+ind.Name, 72)), p: p, e: e, figs: figs}
	c.pl.X.Label.Text = p.T("chart.days", "From", render.Date(e.Window.From), "To", render.Date(e.Window.To))
	c.pl.X.Tick.Marker = dayTicks{e.Window}
	c.pl.X.Min, c.pl.X.Max = 0, float64(e.Window.Days())
	for _, add := range []func() error{c.addExpected, c.addTarget, c.addActual} {
		if err := add(); err != nil {
			return nil, err
		}
	}
	c.yAxis()
	if err := c.addForecast(); err != nil {
		return nil, err
	}
	c.addAsOf()
	c.addToday()
	c.addRevisions()
	return c, nil
}

// IsRank reports whether an indicator is a rank, where 1 is the best: a
// rank, or (in a plan written before ranks were a kind) a level whose
// target is to fall by a change, or counted in bậc or hạng.
func IsRank(ind *indicator.Indicator) bool {
	if ind.Ranked() {
		return true
	}
	if ind.Kind != indicator.Level {
		return false
	}
	falls := ind.Target.Change != nil && (ind.Target.Op == indicator.LE || ind.Target.Op == indicator.LT)
	u := ind.Unit()
	return falls || u == "bậc" || u == "hạng"
}

// yAxis sets the value axis: names for choices, whole ticks for whole
// things, a rank turned upside down, room around the lines.
func (c *indicatorChart) yAxis() {
	ind, y := c.e.Indicator, &c.pl.Y
	y.Label.Text = yLabel(c.p, ind)
	if ch := ind.Choices(); ch != nil {
		y.Tick.Marker = choiceTicks(ch)
		y.Min, y.Max = -0.3, float64(len(ch))-0.7
		return
	}
	y.Tick.Marker = numberTicks{}
	whole := c.wholeThings()
	pad(y, ind.Increments() || whole && !IsRank(ind) && y.Min >= 0)
	if whole {
		y.Tick.Marker = wholeTicks{}
		y.Min, y.Max = math.Floor(y.Min), math.Max(math.Ceil(y.Max), math.Floor(y.Min)+2)
	}
	if IsRank(ind) {
		y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}}
		y.Min = math.Max(1, y.Min)
	}
}

// wholeThings reports whether the values are of whole things: a count, a
// rank, or a level of things (not a percent, not a rate) whose target and
// figures are all whole ("Số hộ nghèo" = 0 hộ).
func (c *indicatorChart) wholeThings() bool {
	ind := c.e.Indicator
	switch u := ind.Unit(); {
	case ind.Whole() || IsRank(ind):
		return true
	case ind.Kind != indicator.Level || u == "%" || u == "‰" || !isWhole(c.e.Target):
		return false
	}
	for _, f := range c.figs {
		if !isWhole(f.Value) {
			return false
		}
	}
	return true
}

func isWhole(v float64) bool { return v == math.Trunc(v) }

// pad leaves a tenth of the span above and below the lines, and starts a
// count at 0.
func pad(y *plot.Axis, fromZero bool) {
	span := y.Max - y.Min
	if span == 0 {
		span = math.Max(1, math.Abs(y.Max))
	}
	if fromZero && y.Min >= 0 {
		y.Min = 0
	} else {
		y.Min -= span / 10
	}
	y.Max += span / 10
}

func yLabel(p *locales.Printer, ind *indicator.Indicator) string {
	switch {
	case ind.Kind == indicator.Rating:
		return p.T("chart.level")
	case ind.Choices() != nil:
		return p.T("chart.stage")
	case IsRank(ind):
		return p.T("chart.rank")
	case ind.Increments():
		return p.T("chart.cumulative", "Unit", ind.Unit())
	}
	return ind.Unit()
}

// x is a day's place on the axis: days since the window's start.
func (c *indicatorChart) x(d indicator.Date) float64 { return float64(d - c.e.Window.From) }

// addActual draws the figures reported in the window up to the as-of day.
func (c *indicatorChart) addActual() error {
	var pts plotter.XYs
	sum := 0.0
	for _, f := range indicator.SortFigures(c.figs) {
		if !c.e.Window.Contains(f.Date) || f.Date > c.e.Day {
			continue
		}
		v := f.Value
		if c.e.Indicator.Increments() {
			sum += f.Value
			v = sum
		}
		pts = append(pts, plotter.XY{X: c.x(f.Date), Y: v})
	}
	if len(pts) == 0 {
		return nil
	}
	line, points, err := plotter.NewLinePoints(pts)
	if err != nil {
		return err
	}
	col := StatusColors[c.e.Status]
	line.Color, line.Width = col, vg.Points(4)
	if c.e.Indicator.Choices() != nil || c.e.Indicator.Increments() {
		line.StepStyle = plotter.PostStep
	}
	points.Color, points.Radius = col, vg.Points(4)
	c.pl.Add(line, points)
	c.key = append(c.key, entry{c.p.T("chart.actual"), []plot.Thumbnailer{line, points}})
	return nil
}

// addExpected draws the trajectory day by day: a stair for ratings and
// stages, a line or a curve otherwise.
func (c *indicatorChart) addExpected() error {
	e := c.e
	var pts plotter.XYs
	step := max(1, e.Window.Days()/240)
	for d := max(e.Window.From, e.Start); d <= e.Window.To; d += indicator.Date(step) {
		if v := e.ExpectedOn(d); !math.IsNaN(v) {
			pts = append(pts, plotter.XY{X: c.x(d), Y: v})
		}
	}
	if len(pts) == 0 {
		return nil
	}
	return c.addLine(pts, expectedColor, 2.5, []vg.Length{vg.Points(8), vg.Points(5)}, c.p.T("chart.expected"))
}

// addLine draws a line with its legend.
func (c *indicatorChart) addLine(pts plotter.XYs, col color.RGBA, width float64, dashes []vg.Length, label string) error {
	line, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	line.Color, line.Width, line.Dashes = col, vg.Points(width), dashes
	c.pl.Add(line)
	c.key = append(c.key, entry{label, []plot.Thumbnailer{line}})
	return nil
}

// addTarget draws the target across the window, changing where a
// revision changed it.
func (c *indicatorChart) addTarget() error {
	e := c.e
	if math.IsNaN(e.Target) {
		return nil
	}
	pts := c.targetLine()
	return c.addLine(pts, targetColor, 2, nil, c.p.T("chart.target", "Op", render.Op(e.Indicator.Target.Op)))
}

// addForecast draws the line from the as-of point to the forecast at the
// trajectory's end, cut where it leaves the picture; the legend says the
// forecast's value.
func (c *indicatorChart) addForecast() error {
	e := c.e
	if math.IsNaN(e.Forecast) || math.IsNaN(e.Actual) || e.AsOf == 0 || e.Day >= e.End || e.AsOf >= e.End {
		return nil
	}
	from := plotter.XY{X: c.x(e.AsOf), Y: e.Actual}
	to := clip(from, plotter.XY{X: c.x(e.End), Y: e.Forecast}, c.pl.Y.Min, c.pl.Y.Max)
	shown := e.Forecast
	if IsRank(e.Indicator) {
		shown = math.Max(1, math.Round(shown))
	}
	label := c.p.T("chart.forecast", "Value", render.Value(e.Indicator, shown))
	return c.addLine(plotter.XYs{from, to}, forecastColor, 3, []vg.Length{vg.Points(2), vg.Points(4)}, label)
}

// clip cuts the segment from a to b where it leaves the band lo–hi (a lies
// inside).
func clip(a, b plotter.XY, lo, hi float64) plotter.XY {
	edge := math.Min(math.Max(b.Y, lo), hi)
	if edge == b.Y || b.Y == a.Y {
		return b
	}
	return plotter.XY{X: a.X + (b.X-a.X)*(edge-a.Y)/(b.Y-a.Y), Y: edge}
}

// addAsOf rings the figure the evaluation stands on, naming its day.
func (c *indicatorChart) addAsOf() {
	e := c.e
	if e.AsOf == 0 || math.IsNaN(e.Actual) || !e.Window.Contains(e.AsOf) {
		return
	}
	s, err := plotter.NewScatter(plotter.XYs{{X: c.x(e.AsOf), Y: e.Actual}})
	if err != nil {
		return
	}
	s.GlyphStyle = draw.GlyphStyle{Color: asOfColor, Radius: vg.Points(9), Shape: draw.RingGlyph{}}
	c.pl.Add(s)
	c.key = append(c.key, entry{c.p.T("chart.as_of", "Date", render.Date(e.AsOf)), []plot.Thumbnailer{s}})
}

// addToday marks today with a vertical line.
func (c *indicatorChart) addToday() {
	e := c.e
	if !e.Window.Contains(e.Day) {
		return
	}
	t := vline{x: c.x(e.Day)}
	t.Color, t.Width = todayColor, vg.Points(2.5)
	c.pl.Add(t)
	c.key = append(c.key, entry{c.p.T("chart.today", "Date", render.Date(e.Day)), []plot.Thumbnailer{t}})
}
