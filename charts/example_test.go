package charts

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
)

var out = flag.String("out", "", "a folder to write every chart of the example plan to, to look at")

// TestEveryExampleChart lays out every indicator's and program's chart of
// the example plan on its sample figures, mid-October of the term's last
// year, and draws them when -out names a folder (drawing them all takes
// minutes under the race detector).
func TestEveryExampleChart(t *testing.T) {
	plan := example(t)
	day := indicator.NewDate(2025, 10, 15)
	p := locales.MustLoad().Printer("vi")
	figs := plans.SampleFigures(plan, day)
	for _, prog := range plan.Programs {
		var evals []indicator.Evaluation
		for _, ind := range prog.Indicators {
			e := indicator.Evaluate(ind, figs[ind.Code], day)
			evals = append(evals, e)
			c, err := newIndicatorChart(p, e, figs[ind.Code])
			if err != nil {
				t.Fatalf("%s: %v", ind.Code, err)
			}
			checkInside(t, ind.Code, c)
			write(t, ind.Code, c.pl, c.key)
		}
		pl, err := programPlot(p, prog.Code, day, evals)
		if err != nil {
			t.Fatalf("%s: %v", prog.Code, err)
		}
		write(t, prog.Code, pl, statusLegend(p))
	}
}

// checkInside fails when the axis does not hold the target and the
// figures' value (what a leader looks for).
func checkInside(t *testing.T, code string, c *indicatorChart) {
	y := c.pl.Y
	for name, v := range map[string]float64{"target": c.e.Target, "value": c.e.Actual} {
		if !math.IsNaN(v) && (v < y.Min || v > y.Max) {
			t.Errorf("%s: the %s %v lies outside the axis %v–%v", code, name, v, y.Min, y.Max)
		}
	}
}

func write(t *testing.T, name string, pl *plot.Plot, l legend) {
	if *out == "" {
		return
	}
	b, err := toPNG(pl, l)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*out, name+".png"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
