package charts

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
)

var update = flag.Bool("update", false, "write the golden images anew")

func example(t testing.TB) *indicator.Plan {
	p, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if w := img.Bounds().Dx(); w < 1000 {
		t.Errorf("%d pixels wide, want at least 1000 to read on a phone", w)
	}
	return img
}

// has reports whether an image holds pixels near a colour.
func has(img image.Image, c color.RGBA, n int) bool {
	found := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, c.R) && near(g>>8, c.G) && near(bl>>8, c.B) {
				if found++; found >= n {
					return true
				}
			}
		}
	}
	return false
}

func near(a uint32, b uint8) bool { return a+12 >= uint32(b) && a <= uint32(b)+12 }

func vi() *locales.Printer { return locales.MustLoad().Printer("vi") }

func TestIndicatorChart(t *testing.T) {
	plan := example(t)
	ind := plan.Indicator("CT01.1")
	figs := []indicator.Figure{{Date: indicator.NewDate(2023, 1, 25), Value: 8}, {Date: indicator.NewDate(2023, 3, 25), Value: 12},
		{Date: indicator.NewDate(2023, 6, 25), Value: 10}}
	e := indicator.Evaluate(ind, figs, indicator.NewDate(2023, 6, 30))
	b, err := Indicator(vi(), e, figs)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	for name, c := range map[string]color.RGBA{"the figures (off track)": StatusColors[indicator.OffTrack], "the target": targetColor,
		"today": todayColor, "the trajectory": expectedColor, "the forecast": forecastColor, "the as-of point": asOfColor} {
		if !has(img, c, 40) {
			t.Errorf("no %s drawn", name)
		}
	}
	golden(t, "ct01.1.png", b)
}

// labels returns the labels of an axis' ticks, and fails on a tick that
// is not whole when whole is set.
func labels(t *testing.T, a plot.Axis, whole bool) []string {
	t.Helper()
	var out []string
	for _, tk := range a.Tick.Marker.Ticks(a.Min, a.Max) {
		if whole && tk.Value != math.Trunc(tk.Value) {
			t.Errorf("a tick at %v on an axis of whole things", tk.Value)
		}
		if tk.Label != "" {
			out = append(out, tk.Label)
		}
	}
	return out
}

// chartOf lays out the chart of an indicator of the example plan.
func chartOf(t *testing.T, code string, day indicator.Date, figs ...indicator.Figure) *indicatorChart {
	t.Helper()
	e := indicator.Evaluate(example(t).Indicator(code), figs, day)
	c, err := newIndicatorChart(vi(), e, figs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// legendHas reports whether a chart's legend holds an entry.
func legendHas(l legend, label string) bool {
	for _, e := range l {
		if e.label == label {
			return true
		}
	}
	return false
}

func TestRankRunsFromTheBestAtTheTopInWholeSteps(t *testing.T) {
	day := indicator.NewDate(2023, 6, 30)
	figs := []indicator.Figure{{Date: indicator.NewDate(2019, 12, 31), Value: 13}, // 2019's rank, the baseline
		{Date: indicator.NewDate(2020, 12, 25), Value: 12}, {Date: indicator.NewDate(2021, 12, 25), Value: 12},
		{Date: indicator.NewDate(2022, 12, 25), Value: 11}}
	c := chartOf(t, "CT06.1", day, figs...)
	if _, ok := c.pl.Y.Scale.(plot.InvertedScale); !ok {
		t.Error("a rank's axis is not upside down: the best rank (1) belongs at the top")
	}
	if got := labels(t, c.pl.Y, true); len(got) < 2 || c.pl.Y.Min < 1 {
		t.Errorf("rank ticks %v from %v", got, c.pl.Y.Min)
	}
	if c.pl.Y.Label.Text != "Thứ hạng (xếp thứ 1 là cao nhất)" {
		t.Errorf("axis label %q", c.pl.Y.Label.Text)
	}
	if !legendHas(c.key, "Mục tiêu (≤)") {
		t.Errorf("legend %v: the target's sign is not ≤", c.key)
	}
	b, err := toPNG(c.pl, c.key)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "ct06.1.png", b)
}

func TestCountsHaveWholeTicks(t *testing.T) {
	day := indicator.NewDate(2023, 6, 30)
	c := chartOf(t, "CT03.10", day, indicator.Figure{Date: indicator.NewDate(2020, 12, 20), Value: 1}, indicator.Figure{Date: indicator.NewDate(2022, 12, 20), Value: 1})
	if got := labels(t, c.pl.Y, true); len(got) < 3 || got[0] != "0" || got[1] != "1" {
		t.Errorf("ticks of a count of wards: %v", got)
	}
	c = chartOf(t, "CT01.1", day, indicator.Figure{Date: indicator.NewDate(2023, 3, 25), Value: 33})
	got := labels(t, c.pl.Y, true)
	if len(got) > 9 {
		t.Errorf("%d labels on the axis", len(got))
	}
}

func TestThingsCountedAsLevelsHaveWholeTicks(t *testing.T) {
	day := indicator.NewDate(2023, 10, 15)
	c := chartOf(t, "CT03.5", day, indicator.Figure{Date: indicator.NewDate(2023, 3, 20), Value: 0}, indicator.Figure{Date: indicator.NewDate(2023, 6, 20), Value: 0})
	if got := labels(t, c.pl.Y, true); len(got) < 2 || got[0] != "0" || c.pl.Y.Min < 0 {
		t.Errorf("no poor households: ticks %v from %v", got, c.pl.Y.Min)
	}
}

func TestMilestoneAxisNamesItsStages(t *testing.T) {
	day := indicator.NewDate(2023, 6, 30)
	c := chartOf(t, "CT02.5", day, indicator.Figure{Date: indicator.NewDate(2021, 12, 20), Value: 1}, indicator.Figure{Date: indicator.NewDate(2023, 3, 20), Value: 2})
	got := labels(t, c.pl.Y, true)
	if strings.Join(got, "|") != "Xây dựng đề án|Phê duyệt|Triển khai thực hiện|Hoàn thành" || c.pl.Y.Label.Text != "Giai đoạn" {
		t.Errorf("stage axis %q: %v", c.pl.Y.Label.Text, got)
	}
	b, err := toPNG(c.pl, c.key)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "ct02.5.png", b)
}

func TestForecastNeverRunsOffThePicture(t *testing.T) {
	// 60 people in the first week: the run rate says 2.000 by December.
	day := indicator.NewDate(2023, 1, 12)
	c := chartOf(t, "CT01.1", day, indicator.Figure{Date: indicator.NewDate(2023, 1, 7), Value: 60})
	if c.e.Forecast < 1000 {
		t.Fatalf("forecast %v: the case is not made", c.e.Forecast)
	}
	if c.pl.Y.Max > 200 {
		t.Errorf("the axis runs to %v for a forecast of %v: the figures are squashed flat", c.pl.Y.Max, c.e.Forecast)
	}
	want := "Dự báo: " + locales.FormatNumber(c.e.Forecast, 2) + " đảng viên"
	if !legendHas(c.key, want) {
		t.Errorf("legend %v lacks %q", c.key, want)
	}
	b, err := toPNG(c.pl, c.key)
	if err != nil {
		t.Fatal(err)
	}
	if !has(decode(t, b), forecastColor, 40) {
		t.Error("no forecast drawn")
	}
}

func TestAsOfPointIsMarked(t *testing.T) {
	day := indicator.NewDate(2023, 10, 15)
	c := chartOf(t, "CT03.2", day, indicator.Figure{Date: indicator.NewDate(2020, 12, 20), Value: 10.4}, indicator.Figure{Date: indicator.NewDate(2022, 12, 20), Value: 9.1})
	if !legendHas(c.key, "Số liệu đến ngày 20/12/2022") || !legendHas(c.key, "Lộ trình") || !legendHas(c.key, "Mục tiêu (<)") {
		t.Errorf("legend %v", c.key)
	}
	b, err := toPNG(c.pl, c.key)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "ct03.2.png", b)
}

func TestRatingAndStageCharts(t *testing.T) {
	plan := example(t)
	p := vi()
	for code, figs := range map[string][]indicator.Figure{
		"CT01.5": {{Date: indicator.NewDate(2023, 12, 31), Value: 2}},
		"CT02.5": {{Date: indicator.NewDate(2021, 3, 20), Value: 0}, {Date: indicator.NewDate(2021, 12, 20), Value: 1}, {Date: indicator.NewDate(2023, 3, 20), Value: 2}},
		"CT02.4": {{Date: indicator.NewDate(2020, 12, 20), Value: 1000}, {Date: indicator.NewDate(2021, 12, 20), Value: 1080}},
		"CT03.2": nil,
	} {
		e := indicator.Evaluate(plan.Indicator(code), figs, indicator.NewDate(2023, 12, 31))
		b, err := Indicator(p, e, figs)
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		img := decode(t, b)
		if len(figs) > 0 && !has(img, StatusColors[e.Status], 40) {
			t.Errorf("%s: its figures are not drawn", code)
		}
		if code == "CT01.5" {
			golden(t, "ct01.5.png", b)
		}
	}
}

func TestProgramChart(t *testing.T) {
	plan := example(t)
	day := indicator.NewDate(2023, 6, 30)
	var evals []indicator.Evaluation
	values := map[string][]indicator.Figure{
		"CT01.1": {{Date: indicator.NewDate(2023, 6, 25), Value: 47}},
		"CT01.2": {{Date: indicator.NewDate(2023, 6, 25), Value: 60}},
		"CT01.3": {{Date: indicator.NewDate(2023, 6, 25), Value: 74}}, // within a kept target's 2%: at risk
	}
	for _, ind := range plan.Programs[0].Indicators {
		evals = append(evals, indicator.Evaluate(ind, values[ind.Code], day))
	}
	p := vi()
	b, err := Program(p, "CT01", day, evals)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	for _, s := range []indicator.Status{indicator.OnTrack, indicator.AtRisk, indicator.OffTrack} {
		if !has(img, StatusColors[s], 2000) { // a bar, not only the legend's swatch
			t.Errorf("no %v bar", s)
		}
	}
	pl, err := programPlot(p, "CT01", day, evals)
	if err != nil {
		t.Fatal(err)
	}
	names := labels(t, pl.Y, false)
	if len(names) != 7 || names[6] != "CT01.1 Kết nạp đảng viên mới" || !strings.HasPrefix(names[5], "CT01.2 Tỷ lệ đảng viên") {
		t.Errorf("rows named %q, want each indicator's code and short name, the first at the top", names)
	}
	if got := barNote(p, evals[4]); got != "Chưa có số liệu" {
		t.Errorf("a row without data says %q", got)
	}
	var key []string
	for _, e := range statusLegend(p) {
		key = append(key, e.label)
	}
	if strings.Join(key, "|") != "Đạt|Đúng tiến độ|Có nguy cơ|Chậm tiến độ|Không đạt|Chưa có số liệu" {
		t.Errorf("status legend %v", key)
	}
	golden(t, "ct01.png", b)
}

func TestShortNameCutsAtAWord(t *testing.T) {
	ind := example(t).Indicator("CT03.2")
	if got := shortName(ind, 40); got != "CT03.2 Tỷ lệ trẻ em dưới 5 tuổi bị suy…" {
		t.Errorf("%q", got)
	}
}

func TestProgress(t *testing.T) {
	plan := example(t)
	day := indicator.NewDate(2023, 6, 30)
	e := indicator.Evaluate(plan.Indicator("CT01.1"), []indicator.Figure{{Date: day, Value: 22}}, day)
	if p := Progress(e); p < 49 || p > 51 {
		t.Errorf("half the expected count: %v%%", p)
	}
	kept := *plan.Indicator("CT03.1")
	kept.Trajectory = indicator.Constant
	e = indicator.Evaluate(&kept, []indicator.Figure{{Date: day, Value: 12.37 * 2}}, day)
	if p := Progress(e); p < 49 || p > 51 {
		t.Errorf("twice a ceiling: %v%%", p)
	}
	if p := Progress(indicator.Evaluate(plan.Indicator("CT01.2"), nil, day)); p != 0 {
		t.Errorf("no data: %v", p)
	}
}

// golden compares a chart with its golden image under testdata, allowing
// for font rendering: at most 1% of the pixels may differ.
func golden(t *testing.T, name string, b []byte) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	got, exp := decode(t, b), decode(t, want)
	if got.Bounds() != exp.Bounds() {
		t.Fatalf("size %v, golden %v", got.Bounds(), exp.Bounds())
	}
	differ, total := 0, 0
	r := got.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			total++
			if got.At(x, y) != exp.At(x, y) {
				differ++
			}
		}
	}
	if float64(differ) > 0.01*float64(total) {
		t.Errorf("%d of %d pixels differ from %s", differ, total, path)
	}
}

func BenchmarkIndicatorChart(b *testing.B) {
	plan := example(b)
	ind := plan.Indicator("CT01.1")
	var figs []indicator.Figure
	for m := 1; m <= 6; m++ {
		figs = append(figs, indicator.Figure{Date: indicator.NewDate(2023, time.Month(m), 25), Value: 7})
	}
	e := indicator.Evaluate(ind, figs, indicator.NewDate(2023, 6, 30))
	p := locales.MustLoad().Printer("vi")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Indicator(p, e, figs); err != nil {
			b.Fatal(err)
		}
	}
}
