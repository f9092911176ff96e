package charts

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"chitieu/indicator"
	"chitieu/render"
)

// revisionColor marks a revision's day ("điều chỉnh chỉ tiêu").
var revisionColor = color.RGBA{R: 0x00, G: 0x89, B: 0x8a, A: 0xff}

// noteRunes is how much of a resolution's note a legend shows.
const noteRunes = 56

// revisionsIn are the evaluation's revisions whose day falls inside the
// drawn window after its first day: where the target and the trajectory
// bend.
func revisionsIn(e indicator.Evaluation) []indicator.Revision {
	var in []indicator.Revision
	for _, r := range e.Indicator.Revisions {
		if r.From > e.Window.From && r.From <= e.Window.To {
			in = append(in, r)
		}
	}
	return in
}

// revisedBefore is the latest revision in force on the window's first
// day, or nil: the window is judged by it from its start.
func revisedBefore(e indicator.Evaluation) *indicator.Revision {
	var last *indicator.Revision
	for i, r := range e.Indicator.Revisions {
		if r.From <= e.Window.From {
			last = &e.Indicator.Revisions[i]
		}
	}
	return last
}

// targetLine is the target across the window, changing on each revision's
// day inside it.
func (c *indicatorChart) targetLine() plotter.XYs {
	e := c.e
	t := e.TargetOn(e.Window.From)
	pts := plotter.XYs{{X: 0, Y: t}}
	for _, r := range revisionsIn(e) {
		next := e.TargetOn(r.From)
		if next != t {
			pts = append(pts, plotter.XY{X: c.x(r.From), Y: t}, plotter.XY{X: c.x(r.From), Y: next})
			t = next
		}
	}
	return append(pts, plotter.XY{X: float64(e.Window.Days()), Y: t})
}

// addRevisions marks each revision inside the window with a labelled
// vertical line, and names its resolution in the legend; a revision in
// force from before the window is named in the legend only.
func (c *indicatorChart) addRevisions() {
	if r := revisedBefore(c.e); r != nil {
		c.key = append(c.key, entry{c.p.T("chart.revised_before", "Date", render.Date(r.From), "Note", short(r.Note, noteRunes)), nil})
	}
	sty := c.pl.Legend.TextStyle
	sty.Font = c.pl.X.Tick.Label.Font
	sty.Color = revisionColor
	for i, r := range revisionsIn(c.e) {
		m := revisionMark{vline: vline{x: c.x(r.From)}, label: c.p.T("chart.revision", "Date", render.Date(r.From)), row: i, style: sty}
		m.Color, m.Width, m.Dashes = revisionColor, vg.Points(2.5), []vg.Length{vg.Points(10), vg.Points(4)}
		c.pl.Add(m)
		label := c.p.T("chart.revision_note", "Date", render.Date(r.From), "Note", short(r.Note, noteRunes))
		c.key = append(c.key, entry{label, []plot.Thumbnailer{m}})
	}
}

// revisionMark is a revision's day: a dashed vertical line with its label
// at the top, on the row-th line down so that labels close together do not
// cover each other.
type revisionMark struct {
	vline
	label string
	row   int
	style text.Style
}

// Plot draws the line and its label beside it on a white ground, on the
// left of the line in the right third of the plot.
func (m revisionMark) Plot(c draw.Canvas, p *plot.Plot) {
	m.vline.Plot(c, p)
	x := vg.Length(p.X.Norm(m.x))*(c.Max.X-c.Min.X) + c.Min.X
	sty := m.style
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
	pad := vg.Points(5)
	if x > c.Min.X+(c.Max.X-c.Min.X)*2/3 {
		sty.XAlign, pad = draw.XRight, -pad
	}
	at := vg.Point{X: x + pad, Y: c.Max.Y - vg.Points(4) - vg.Length(m.row)*sty.Height(m.label)*1.2}
	r := sty.Rectangle(m.label).Add(at)
	c.FillPolygon(color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xc8}, []vg.Point{r.Min, {X: r.Min.X, Y: r.Max.Y}, r.Max, {X: r.Max.X, Y: r.Min.Y}})
	c.FillText(sty, at, m.label)
}
