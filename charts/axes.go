package charts

import (
	"fmt"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"chitieu/indicator"
	"chitieu/locales"
)

// vline is a vertical line across the plot at x (today, or 100%).
type vline struct {
	draw.LineStyle
	x float64
}

// Plot draws the line from the bottom to the top of the data area.
func (t vline) Plot(c draw.Canvas, p *plot.Plot) {
	x := p.X.Norm(t.x)*float64(c.Max.X-c.Min.X) + float64(c.Min.X)
	c.StrokeLines(t.LineStyle, []vg.Point{{X: vg.Length(x), Y: c.Min.Y}, {X: vg.Length(x), Y: c.Max.Y}})
}

// Thumbnail draws the line's legend sample.
func (t vline) Thumbnail(c *draw.Canvas) {
	mid := (c.Min.X + c.Max.X) / 2
	c.StrokeLine2(t.LineStyle, mid, c.Min.Y, mid, c.Max.Y)
}

// dayTicks labels the days of a window: the first of each month in a year
// (1/3), the first of each year over a term (2023).
type dayTicks struct{ w indicator.Period }

func (t dayTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	yearly := t.w.Days() > 400
	for d := t.w.From; d <= t.w.To; d++ {
		y, m, day := d.Civil()
		switch {
		case day != 1:
		case yearly && m == time.January:
			ticks = append(ticks, plot.Tick{Value: float64(d - t.w.From), Label: fmt.Sprint(y)})
		case !yearly:
			ticks = append(ticks, plot.Tick{Value: float64(d - t.w.From), Label: fmt.Sprintf("%d/%d", day, int(m))})
		default:
			ticks = append(ticks, plot.Tick{Value: float64(d - t.w.From)})
		}
	}
	return ticks
}

// numberTicks labels a numeric axis the Vietnamese way: 1.234,5.
type numberTicks struct{}

func (numberTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = locales.FormatNumber(ticks[i].Value, 2)
		}
	}
	return ticks
}

// wholeTicks labels an axis of whole things (people, wards, a rank) at
// whole numbers only: steps of 1, 2, 5, 10, 20, 50… with at most about
// eight labels.
type wholeTicks struct{}

func (wholeTicks) Ticks(min, max float64) []plot.Tick {
	step := wholeStep(max - min)
	var ticks []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max+1e-9; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: locales.FormatNumber(v, 0)})
	}
	if step > 1 && step <= 5 {
		for v := math.Ceil(min); v <= max+1e-9; v++ {
			if math.Mod(v, step) != 0 {
				ticks = append(ticks, plot.Tick{Value: v})
			}
		}
	}
	return ticks
}

// wholeStep is the smallest of 1, 2, 5, 10, 20, 50… that cuts span into at
// most eight steps.
func wholeStep(span float64) float64 {
	if !(span > 8) || math.IsInf(span, 0) {
		return 1
	}
	for p := 1.0; ; p *= 10 {
		for _, m := range []float64{1, 2, 5} {
			if span/(m*p) <= 8 {
				return m * p
			}
		}
	}
}

// choiceTicks labels an axis with a scale's or stages' names.
type choiceTicks []string

func (c choiceTicks) Ticks(float64, float64) []plot.Tick {
	ticks := make([]plot.Tick, len(c))
	for i, name := range c {
		ticks[i] = plot.Tick{Value: float64(i), Label: name}
	}
	return ticks
}
