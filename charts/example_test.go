package charts

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
)

var out = flag.String("out", "", "a folder to write every chart of the example plan to, to look at")

// TestEveryExampleChart draws every indicator and program of the example
// plan on its sample figures, mid-October of the term's last year.
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
			b, err := Indicator(p, e, figs[ind.Code])
			if err != nil {
				t.Fatalf("%s: %v", ind.Code, err)
			}
			write(t, ind.Code, b)
		}
		b, err := Program(p, prog.Code, day, evals)
		if err != nil {
			t.Fatalf("%s: %v", prog.Code, err)
		}
		write(t, prog.Code, b)
	}
}

func write(t *testing.T, name string, b []byte) {
	if *out == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(*out, name+".png"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
