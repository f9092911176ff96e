package charts

import (
	"fmt"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"chitieu/indicator"
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
