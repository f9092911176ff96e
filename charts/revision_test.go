package charts

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"chitieu/indicator"
	"chitieu/plans"
)

// revisedMembers is CT01.1 of the example plan (at least 90 new members a
// year) raised to 120 by a resolution in force from 1 July 2023.
func revisedMembers(t *testing.T, note string) *indicator.Indicator {
	ind := *example(t).Indicator("CT01.1")
	ind.Revisions = []indicator.Revision{{From: indicator.NewDate(2023, 7, 1), Target: &indicator.Target{Op: indicator.GE, Value: 120}, Note: note}}
	return &ind
}

// chartFor lays out an indicator's chart on day d.
func chartFor(t *testing.T, ind *indicator.Indicator, day indicator.Date, figs ...indicator.Figure) *indicatorChart {
	t.Helper()
	c, err := newIndicatorChart(vi(), indicator.Evaluate(ind, figs, day), figs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// svgText draws a chart as SVG, legend included, for its words.
func svgText(t *testing.T, c *indicatorChart) string {
	t.Helper()
	img := vgsvg.New(width, height)
	dc := draw.New(img)
	sty := c.pl.Legend.TextStyle
	h := c.key.height(dc, sty)
	c.key.draw(draw.Crop(dc, 0, 0, 0, h-(dc.Max.Y-dc.Min.Y)), sty)
	c.pl.Draw(draw.Crop(dc, 0, 0, h, 0))
	var buf bytes.Buffer
	if _, err := img.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// targetPoints are the points of the chart's target line.
func targetPoints(t *testing.T, c *indicatorChart) plotter.XYs {
	t.Helper()
	for _, e := range c.key {
		if strings.HasPrefix(e.label, "Mục tiêu (") {
			return e.thumbs[0].(*plotter.Line).XYs
		}
	}
	t.Fatalf("no target in the legend %v", c.key)
	return nil
}

func TestARevisionIsMarkedOnItsDay(t *testing.T) {
	day := indicator.NewDate(2023, 8, 15)
	figs := []indicator.Figure{{Date: indicator.NewDate(2023, 3, 25), Value: 30}, {Date: indicator.NewDate(2023, 7, 25), Value: 40}}
	c := chartFor(t, revisedMembers(t, "Nghị quyết số 15-NQ/HU"), day, figs...)
	if !legendHas(c.key, "Điều chỉnh 01/07/2023: Nghị quyết số 15-NQ/HU") {
		t.Errorf("legend %v lacks the revision and its resolution", c.key)
	}
	if svg := svgText(t, c); !strings.Contains(svg, "Điều chỉnh 01/07/2023<") {
		t.Error("no label on the revision's line")
	}
	pts, at := targetPoints(t, c), c.x(indicator.NewDate(2023, 7, 1))
	want := plotter.XYs{{X: 0, Y: 90}, {X: at, Y: 90}, {X: at, Y: 120}, {X: float64(c.e.Window.Days()), Y: 120}}
	if len(pts) != len(want) {
		t.Fatalf("target line %v, want %v", pts, want)
	}
	for i := range want {
		if pts[i] != want[i] {
			t.Errorf("target line %v, want %v: 90 until 30/6, 120 from 1/7", pts, want)
			break
		}
	}
	b, err := toPNG(c.pl, c.key)
	if err != nil {
		t.Fatal(err)
	}
	if !has(decode(t, b), revisionColor, 40) {
		t.Error("no line drawn on the revision's day")
	}
}

func TestAChartWithoutRevisionHasNoMark(t *testing.T) {
	day := indicator.NewDate(2023, 8, 15)
	figs := []indicator.Figure{{Date: indicator.NewDate(2023, 7, 25), Value: 40}}
	c := chartOf(t, "CT01.1", day, figs...)
	for _, e := range c.key {
		if strings.Contains(e.label, "Điều chỉnh") || strings.Contains(e.label, "điều chỉnh") {
			t.Errorf("a legend entry %q on a plan without revisions", e.label)
		}
	}
	if svg := svgText(t, c); strings.Contains(svg, "Điều chỉnh") {
		t.Error("a revision's label on a plan without revisions")
	}
	if pts := targetPoints(t, c); len(pts) != 2 || pts[0].Y != 90 || pts[1].Y != 90 {
		t.Errorf("target line %v, want 90 across", pts)
	}
	b, err := toPNG(c.pl, c.key)
	if err != nil {
		t.Fatal(err)
	}
	if has(decode(t, b), revisionColor, 40) {
		t.Error("a revision's colour on a plan without revisions")
	}
}

func TestARevisionFromAnEarlierYearIsNamedNotMarked(t *testing.T) {
	long := "Nghị quyết số 15-NQ/HU ngày 20/6/2023 của Ban Chấp hành Đảng bộ quận về điều chỉnh một số chỉ tiêu nhiệm kỳ"
	c := chartFor(t, revisedMembers(t, long), indicator.NewDate(2024, 8, 15), indicator.Figure{Date: indicator.NewDate(2024, 7, 25), Value: 70})
	var named string
	for _, e := range c.key {
		if strings.HasPrefix(e.label, "Mục tiêu điều chỉnh từ 01/07/2023: Nghị quyết số 15-NQ/HU") {
			named = e.label
		}
		if strings.HasPrefix(e.label, "Điều chỉnh ") {
			t.Errorf("a mark %q for a revision before the window", e.label)
		}
	}
	if named == "" || !strings.HasSuffix(named, "…") || len([]rune(named)) > 100 {
		t.Errorf("legend %v: want the resolution in force named, clipped", c.key)
	}
	if pts := targetPoints(t, c); len(pts) != 2 || pts[0].Y != 120 || pts[1].Y != 120 {
		t.Errorf("target line %v, want 120 across 2024", pts)
	}
}

// TestTheNextTermsChartsMarkTheirRevisions lays out every chart of the
// 2025–2030 example plan on its sample figures in October 2028: each
// revision inside its window is marked, and only those.
func TestTheNextTermsChartsMarkTheirRevisions(t *testing.T) {
	src, err := os.ReadFile("../plans/" + plans.NextTermName)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := indicator.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	day := indicator.NewDate(2028, 10, 15)
	figs := plans.SampleFigures(plan, day)
	want := map[string]string{"CT01.1": "Điều chỉnh 01/07/2028: ", "CT02.3": "Điều chỉnh 01/01/2027: ", "CT03.1": "Điều chỉnh 01/01/2028: "}
	for _, ind := range plan.Indicators() {
		c, err := newIndicatorChart(vi(), indicator.Evaluate(ind, figs[ind.Code], day), figs[ind.Code])
		if err != nil {
			t.Fatalf("%s: %v", ind.Code, err)
		}
		checkInside(t, ind.Code, c)
		marks := 0
		for _, e := range c.key {
			if strings.HasPrefix(e.label, "Điều chỉnh ") {
				marks++
				if !strings.HasPrefix(e.label, want[ind.Code]) || want[ind.Code] == "" {
					t.Errorf("%s: a mark %q", ind.Code, e.label)
				}
			}
		}
		if (want[ind.Code] != "") != (marks == 1) {
			t.Errorf("%s: %d marks, want %q", ind.Code, marks, want[ind.Code])
		}
	}
}

func BenchmarkRevisedIndicatorChart(b *testing.B) {
	plan := example(b)
	ind := *plan.Indicator("CT01.1")
	ind.Revisions = []indicator.Revision{{From: indicator.NewDate(2023, 7, 1), Target: &indicator.Target{Op: indicator.GE, Value: 120}, Note: "Nghị quyết số 15-NQ/HU"}}
	var figs []indicator.Figure
	for m := 1; m <= 6; m++ {
		figs = append(figs, indicator.Figure{Date: indicator.NewDate(2023, time.Month(m), 25), Value: 7})
	}
	e := indicator.Evaluate(&ind, figs, indicator.NewDate(2023, 8, 15))
	p := vi()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Indicator(p, e, figs); err != nil {
			b.Fatal(err)
		}
	}
}
