// Package charts draws indicators for people to look at: one indicator's
// window (figures, trajectory, target, forecast, today) and a program's
// progress, as PNG images readable on a phone, in Vietnamese, with gonum/plot.
package charts

import (
	"bytes"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"chitieu/indicator"
	"chitieu/locales"
)

// Size and resolution of every chart: 1440 × 900 pixels.
const (
	width  = 12 * vg.Inch
	height = 7.5 * vg.Inch
	dpi    = 120
)

// sans is the typeface: Liberation Sans carries every Vietnamese letter.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// The colours of the statuses and of the lines.
var (
	StatusColors = map[indicator.Status]color.RGBA{
		indicator.Achieved: {R: 0x1b, G: 0x7f, B: 0x3b, A: 0xff},
		indicator.OnTrack:  {R: 0x2e, G: 0xa0, B: 0x4f, A: 0xff},
		indicator.AtRisk:   {R: 0xe0, G: 0xa1, B: 0x00, A: 0xff},
		indicator.OffTrack: {R: 0xd0, G: 0x2b, B: 0x2b, A: 0xff},
		indicator.Missed:   {R: 0x8b, G: 0x1a, B: 0x1a, A: 0xff},
		indicator.NoData:   {R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff},
	}
	expectedColor = color.RGBA{R: 0x60, G: 0x60, B: 0x60, A: 0xff}
	targetColor   = color.RGBA{R: 0x1f, G: 0x4e, B: 0xa8, A: 0xff}
	forecastColor = color.RGBA{R: 0x7b, G: 0x3f, B: 0xbf, A: 0xff}
	todayColor    = color.RGBA{R: 0xf0, G: 0x80, B: 0x20, A: 0xff}
)

// newPlot is a plot with large sans-serif type.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 26)
	p.Title.Padding = vg.Points(10)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 20)
		a.Tick.Label.Font = font.From(sans, 17)
		a.Width = vg.Points(1.5)
	}
	p.Legend.TextStyle.Font = font.From(sans, 17)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.Padding = vg.Points(4)
	return p
}

// render draws a plot as a PNG.
func render(p *plot.Plot) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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

// choiceTicks labels an axis with a scale's or stages' names.
type choiceTicks []string

func (c choiceTicks) Ticks(float64, float64) []plot.Tick {
	ticks := make([]plot.Tick, len(c))
	for i, name := range c {
		ticks[i] = plot.Tick{Value: float64(i), Label: name}
	}
	return ticks
}
