package charts

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
	"time"

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

func TestIndicatorChart(t *testing.T) {
	plan := example(t)
	ind := plan.Indicator("CT01.1")
	figs := []indicator.Figure{{Date: indicator.NewDate(2023, 1, 25), Value: 8}, {Date: indicator.NewDate(2023, 3, 25), Value: 12},
		{Date: indicator.NewDate(2023, 6, 25), Value: 10}}
	e := indicator.Evaluate(ind, figs, indicator.NewDate(2023, 6, 30))
	b, err := Indicator(locales.MustLoad().Printer("vi"), e, figs)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	for name, c := range map[string]color.RGBA{"the figures (off track)": StatusColors[indicator.OffTrack], "the target": targetColor,
		"today": todayColor, "the trajectory": expectedColor, "the forecast": forecastColor} {
		if !has(img, c, 40) {
			t.Errorf("no %s drawn", name)
		}
	}
	golden(t, "ct01.1.png", b)
}

func TestRatingAndStageCharts(t *testing.T) {
	plan := example(t)
	p := locales.MustLoad().Printer("vi")
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
	}
}

func TestProgramChart(t *testing.T) {
	plan := example(t)
	day := indicator.NewDate(2023, 6, 30)
	var evals []indicator.Evaluation
	values := map[string][]indicator.Figure{
		"CT01.1": {{Date: indicator.NewDate(2023, 6, 25), Value: 47}},
		"CT01.2": {{Date: indicator.NewDate(2023, 6, 25), Value: 60}},
		"CT01.3": {{Date: indicator.NewDate(2023, 6, 25), Value: 72}},
	}
	for _, ind := range plan.Programs[0].Indicators {
		evals = append(evals, indicator.Evaluate(ind, values[ind.Code], day))
	}
	b, err := Program(locales.MustLoad().Printer("vi"), "CT01", day, evals)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	for _, s := range []indicator.Status{indicator.OnTrack, indicator.AtRisk, indicator.OffTrack} {
		if !has(img, StatusColors[s], 100) {
			t.Errorf("no %v bar", s)
		}
	}
}

func TestProgress(t *testing.T) {
	plan := example(t)
	day := indicator.NewDate(2023, 6, 30)
	e := indicator.Evaluate(plan.Indicator("CT01.1"), []indicator.Figure{{Date: day, Value: 22.315}}, day)
	if p := Progress(e); p < 49 || p > 51 {
		t.Errorf("half the expected count: %v%%", p)
	}
	e = indicator.Evaluate(plan.Indicator("CT03.1"), []indicator.Figure{{Date: day, Value: 12.37 * 2}}, day)
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
