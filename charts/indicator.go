package charts

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"chitieu/indicator"
	"chitieu/locales"
)

// Indicator draws an indicator's window: its figures as reported (summed
// up for a count), the expected trajectory, the target, the forecast to
// the window's end, and today. A rating or a milestone with stages is a
// step line over its list.
func Indicator(p *locales.Printer, e indicator.Evaluation, figs []indicator.Figure) ([]byte, error) {
	ind := e.Indicator
	pl := newPlot(fmt.Sprintf("%s %s", ind.Code, short(ind.Name, 60)))
	pl.X.Label.Text = p.T("chart.days", "From", date(e.Window.From), "To", date(e.Window.To))
	pl.X.Tick.Marker = dayTicks{e.Window}
	pl.Y.Label.Text = yLabel(p, ind)
	pl.Y.Tick.Marker = numberTicks{}
	if c := ind.Choices(); c != nil {
		pl.Y.Tick.Marker = choiceTicks(c)
		pl.Y.Min, pl.Y.Max = -0.3, float64(len(c))-0.7
	}
	pl.X.Min, pl.X.Max = 0, float64(e.Window.Days())
	if err := addSeries(pl, p, e, figs); err != nil {
		return nil, err
	}
	if ind.Choices() == nil {
		headroom(pl, ind.Increments())
	}
	return render(pl)
}

// headroom leaves the top quarter of a numeric chart to the legend, and
// starts a count at 0.
func headroom(pl *plot.Plot, fromZero bool) {
	if fromZero {
		pl.Y.Min = math.Min(pl.Y.Min, 0)
	}
	span := pl.Y.Max - pl.Y.Min
	if span == 0 {
		span = math.Max(1, math.Abs(pl.Y.Max))
	}
	pl.Y.Max += span * 0.35
}

func yLabel(p *locales.Printer, ind *indicator.Indicator) string {
	switch {
	case ind.Choices() != nil:
		return p.T("chart.level")
	case ind.Increments():
		return p.T("chart.cumulative", "Unit", ind.Unit())
	}
	return ind.Unit()
}

// x is a day's place on the axis: days since the window's start.
func x(e indicator.Evaluation, d indicator.Date) float64 { return float64(d - e.Window.From) }

func addSeries(pl *plot.Plot, p *locales.Printer, e indicator.Evaluation, figs []indicator.Figure) error {
	adders := []func(*plot.Plot, *locales.Printer, indicator.Evaluation, []indicator.Figure) error{
		addExpected, addTarget, addForecast, addActual, addToday,
	}
	for _, add := range adders {
		if err := add(pl, p, e, figs); err != nil {
			return err
		}
	}
	return nil
}

// addActual draws the figures reported in the window, up to today.
func addActual(pl *plot.Plot, p *locales.Printer, e indicator.Evaluation, figs []indicator.Figure) error {
	var pts plotter.XYs
	sum := 0.0
	for _, f := range indicator.SortFigures(figs) {
		if !e.Window.Contains(f.Date) || f.Date > e.Day {
			continue
		}
		v := f.Value
		if e.Indicator.Increments() {
			sum += f.Value
			v = sum
		}
		pts = append(pts, plotter.XY{X: x(e, f.Date), Y: v})
	}
	if len(pts) == 0 {
		return nil
	}
	line, points, err := plotter.NewLinePoints(pts)
	if err != nil {
		return err
	}
	c := StatusColors[e.Status]
	line.Color, line.Width = c, vg.Points(4)
	if e.Indicator.Choices() != nil || e.Indicator.Increments() {
		line.StepStyle = plotter.PostStep
	}
	points.Color, points.Radius = c, vg.Points(5)
	pl.Add(line, points)
	pl.Legend.Add(p.T("chart.actual"), line, points)
	return nil
}

// addExpected draws the trajectory day by day.
func addExpected(pl *plot.Plot, p *locales.Printer, e indicator.Evaluation, _ []indicator.Figure) error {
	var pts plotter.XYs
	step := max(1, e.Window.Days()/120)
	for d := max(e.Window.From, e.Start); d <= e.Window.To; d += indicator.Date(step) {
		if v := e.ExpectedOn(d); !math.IsNaN(v) {
			pts = append(pts, plotter.XY{X: x(e, d), Y: v})
		}
	}
	if len(pts) == 0 {
		return nil
	}
	return addLine(pl, pts, expectedColor, 2.5, []vg.Length{vg.Points(8), vg.Points(5)}, p.T("chart.expected"))
}

// addLine draws a line with its legend.
func addLine(pl *plot.Plot, pts plotter.XYs, c color.RGBA, width float64, dashes []vg.Length, legend string) error {
	line, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	line.Color, line.Width, line.Dashes = c, vg.Points(width), dashes
	pl.Add(line)
	pl.Legend.Add(legend, line)
	return nil
}

// addTarget draws the target across the window.
func addTarget(pl *plot.Plot, p *locales.Printer, e indicator.Evaluation, _ []indicator.Figure) error {
	if math.IsNaN(e.Target) {
		return nil
	}
	pts := plotter.XYs{{X: 0, Y: e.Target}, {X: float64(e.Window.Days()), Y: e.Target}}
	return addLine(pl, pts, targetColor, 2, nil, p.T("chart.target", "Op", e.Indicator.Target.Op.String()))
}

// addForecast draws the line from today's value to the forecast.
func addForecast(pl *plot.Plot, p *locales.Printer, e indicator.Evaluation, _ []indicator.Figure) error {
	if math.IsNaN(e.Forecast) || math.IsNaN(e.Actual) || e.Day >= e.Window.To {
		return nil
	}
	pts := plotter.XYs{{X: x(e, e.Day), Y: e.Actual}, {X: float64(e.Window.Days()), Y: e.Forecast}}
	return addLine(pl, pts, forecastColor, 2.5, []vg.Length{vg.Points(2), vg.Points(4)}, p.T("chart.forecast"))
}

// addToday marks today with a vertical line.
func addToday(pl *plot.Plot, p *locales.Printer, e indicator.Evaluation, _ []indicator.Figure) error {
	if !e.Window.Contains(e.Day) {
		return nil
	}
	t := vline{x: x(e, e.Day)}
	t.Color, t.Width = todayColor, vg.Points(2.5)
	pl.Add(t)
	pl.Legend.Add(p.T("chart.today", "Date", date(e.Day)), t)
	return nil
}

// date writes a day as 26/11/2026.
func date(d indicator.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%02d/%02d/%d", day, int(m), y)
}

// short cuts a name to n characters.
func short(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
