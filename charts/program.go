package charts

import (
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"chitieu/indicator"
	"chitieu/locales"
)

// Program draws a program's indicators as bars of their progress against
// what is expected today, coloured by status, with a line at 100%.
func Program(p *locales.Printer, code string, day indicator.Date, evals []indicator.Evaluation) ([]byte, error) {
	pl := newPlot(p.T("chart.program", "Code", code, "Date", date(day)))
	pl.X.Label.Text = p.T("chart.progress")
	pl.X.Tick.Marker = numberTicks{}
	pl.X.Min, pl.X.Max = 0, 150
	var names []string
	for i, e := range evals {
		bars, err := plotter.NewBarChart(plotter.Values{Progress(e)}, vg.Points(float64(min(40, 420/max(1, len(evals))))))
		if err != nil {
			return nil, err
		}
		bars.Horizontal, bars.XMin = true, float64(len(evals)-1-i)
		bars.Color, bars.LineStyle.Width = StatusColors[e.Status], 0
		pl.Add(bars)
		names = append([]string{e.Indicator.Code}, names...)
	}
	pl.NominalY(names...)
	full := vline{x: 100}
	full.Color, full.Width, full.Dashes = targetColor, vg.Points(2), []vg.Length{vg.Points(6), vg.Points(4)}
	pl.Add(full)
	return render(pl)
}

// Progress is how far an indicator is along what is expected today, in
// percent (100 is on the trajectory), from 0 to 150; 0 without figures.
func Progress(e indicator.Evaluation) float64 {
	a, x := e.Actual, e.Expected
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
