// Package charts draws indicators for people to look at: one indicator's
// window (figures, trajectory, target, forecast, the as-of day, today) and
// a program's progress, as PNG images readable on a phone, in Vietnamese,
// with gonum/plot. Every chart carries its legend below the plot.
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
	asOfColor     = color.RGBA{R: 0x10, G: 0x10, B: 0x10, A: 0xff}
)

// statusOrder is the order of the statuses in a legend, best first.
var statusOrder = []indicator.Status{indicator.Achieved, indicator.OnTrack, indicator.AtRisk,
	indicator.OffTrack, indicator.Missed, indicator.NoData}

// newPlot is a plot with large sans-serif type; its title may hold two
// lines.
func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 24)
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 19)
		a.Tick.Label.Font = font.From(sans, 16)
		a.Width = vg.Points(1.5)
	}
	p.Legend.TextStyle.Font = font.From(sans, 16)
	return p
}

// toPNG draws a plot as a PNG, with its legend in rows below it.
func toPNG(p *plot.Plot, l legend) ([]byte, error) {
	img := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
	c := draw.New(img)
	sty := p.Legend.TextStyle
	h := l.height(c, sty)
	l.draw(draw.Crop(c, 0, 0, 0, h-(c.Max.Y-c.Min.Y)), sty)
	p.Draw(draw.Crop(c, 0, 0, h, 0))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// wrap breaks a title into at most two lines of about n characters, the
// second cut with "…".
func wrap(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	if r[cut] != ' ' {
		cut = n
	}
	return string(r[:cut]) + "\n" + short(string(r[cut:]), n)
}

// short cuts a name to n characters.
func short(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
