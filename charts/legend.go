package charts

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// entry is one item of a legend: its samples drawn over each other, and
// its words.
type entry struct {
	label  string
	thumbs []plot.Thumbnailer
}

// legend is a chart's key, drawn in rows under the plot, left to right.
type legend []entry

// Sizes of a legend's parts.
const (
	thumbWidth = 30 * vg.Millimeter / 4
	gap        = 6 * vg.Millimeter
	margin     = 4 * vg.Millimeter
)

func (l legend) entryWidth(e entry, sty text.Style) vg.Length {
	return thumbWidth + margin/2 + sty.Width(e.label)
}

// rows lays the entries out in rows that fit the canvas' width.
func (l legend) rows(c draw.Canvas, sty text.Style) [][]entry {
	var rows [][]entry
	var x vg.Length
	room := c.Max.X - c.Min.X - 2*margin
	for _, e := range l {
		w := l.entryWidth(e, sty)
		if len(rows) == 0 || x+w > room {
			rows, x = append(rows, nil), 0
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], e)
		x += w + gap
	}
	return rows
}

// lineHeight is the height of one row of the legend.
func lineHeight(sty text.Style) vg.Length { return sty.Height("Ág") * 1.5 }

// height is the room the legend takes at the bottom of c.
func (l legend) height(c draw.Canvas, sty text.Style) vg.Length {
	if len(l) == 0 {
		return 0
	}
	return vg.Length(len(l.rows(c, sty)))*lineHeight(sty) + margin
}

// draw draws the legend's rows from the top of c down.
func (l legend) draw(c draw.Canvas, sty text.Style) {
	lh := lineHeight(sty)
	sty.YAlign = draw.YCenter
	y := c.Max.Y - lh/2
	for _, row := range l.rows(c, sty) {
		x := c.Min.X + margin
		for _, e := range row {
			th := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: x, Y: y - lh/3}, Max: vg.Point{X: x + thumbWidth, Y: y + lh/3}}}
			for _, t := range e.thumbs {
				t.Thumbnail(&th)
			}
			c.FillText(sty, vg.Point{X: x + thumbWidth + margin/2, Y: y}, e.label)
			x += l.entryWidth(e, sty) + gap
		}
		y -= lh
	}
}

// box is a legend sample filled with a colour: a status's bar.
type box struct{ color.Color }

// Thumbnail fills the sample's room.
func (b box) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	c.FillPolygon(b.Color, []vg.Point{r.Min, {X: r.Min.X, Y: r.Max.Y}, r.Max, {X: r.Max.X, Y: r.Min.Y}})
}
