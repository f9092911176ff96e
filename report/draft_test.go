package report_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"chitieu/indicator"
	"chitieu/plans"
	"chitieu/report"
)

// examplePlan is the Tây Hồ plan of 2020–2025.
func examplePlan(tb testing.TB) *indicator.Plan {
	tb.Helper()
	p, err := indicator.Load(plans.Example)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestDrawExamples writes, with -out, the example plan's reports of each
// period to look at: .docx, .pdf and a PNG a page.
func TestDrawExamples(t *testing.T) {
	if *out == "" {
		t.Skip("-out DIR draws the example reports")
	}
	plan := examplePlan(t)
	for _, tt := range []struct {
		name   string
		period string
		day    indicator.Date
		draft  bool
	}{
		{"term", "term", indicator.NewDate(2026, 2, 1), false},
		{"term-draft", "term", indicator.NewDate(2025, 10, 15), true},
		{"half", "2023-H1", indicator.NewDate(2023, 7, 10), false},
		{"year", "2023", indicator.NewDate(2023, 11, 20), true},
		{"mid", "mid", indicator.NewDate(2023, 8, 1), true},
	} {
		figs := plans.SampleFigures(plan, tt.day)
		for code, note := range map[string]string{"CT01.2": "Nhiều chi bộ đánh giá, xếp loại chặt chẽ hơn theo Quy định 124", "CT04.4": "Một số tuyến phố thu gom sau 22 giờ do công ty môi trường thiếu nhân lực", "CT05.12": "Hệ thống dịch vụ công của Thành phố nâng cấp, chưa tích hợp đủ thủ tục"} {
			if f := figs[code]; len(f) > 0 {
				f[len(f)-1].Note = note
			}
		}
		p, err := report.ParsePeriod(tt.period, plan)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := report.Build(report.Input{Source: report.Source{Plan: plan, Figures: figs, Name: "2020–2025"}, Period: p, Day: tt.day, Draft: tt.draft})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := report.Write(&b, doc); err != nil {
			t.Fatal(err)
		}
		docx := filepath.Join(*out, tt.name+".docx")
		os.WriteFile(docx, b.Bytes(), 0o644)
		ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
		profile := "-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir())
		run(t, exec.CommandContext(ctx, "soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", *out, docx))
		run(t, exec.CommandContext(ctx, "pdftoppm", "-png", "-r", "70", filepath.Join(*out, tt.name+".pdf"), filepath.Join(*out, tt.name)))
		cancel()
	}
}
