package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// termFigures is a term's figures as an office would import them: a
// yearly count short in 2021 with its reason, a rate held every year with
// no figure for 2025 (the district ended mid-2025), growth rates averaged
// (a mean), a rate falling short of its term target with its reason, a
// count past its target, a place, and a fire in 2023.
func termFigures() string {
	var b strings.Builder
	b.WriteString("indicator,date,value,note\n")
	for y := 2020; y <= 2025; y++ {
		for m := 1; m <= 12; m++ {
			n, note := 8, ""
			if y == 2021 {
				n = 6
				if m == 12 {
					note = "Nhiều chi bộ chưa chú trọng tạo nguồn kết nạp đảng viên"
				}
			}
			fmt.Fprintf(&b, "CT01.1,%d-%02d-25,%d,%s\n", y, m, n, note)
		}
	}
	for y, v := range map[int]string{2020: "80%", 2021: "78%", 2022: "82%", 2023: "79%", 2024: "81%"} {
		fmt.Fprintf(&b, "CT01.2,%d-12-31,%s,\n", y, v)
	}
	for y, v := range map[int]string{2020: "7,8%", 2021: "11,3%", 2022: "15%", 2023: "15,9%", 2024: "15%", 2025: "14,1%"} {
		fmt.Fprintf(&b, "CT02.1,%d-12-20,\"%s\",\n", y, v)
	}
	for y, v := range map[int]string{2020: "88%", 2021: "89%", 2022: "90,5%", 2023: "91,5%", 2024: "92,6%"} {
		fmt.Fprintf(&b, "CT03.4,%d-12-20,\"%s\",\n", y, v)
	}
	b.WriteString("CT03.4,2025-12-20,\"93,2%\",Người dân tham gia BHYT hộ gia đình giảm do khó khăn kinh tế\n")
	b.WriteString("CT03.10,2021-12-20,1,\nCT03.10,2023-12-20,1,\nCT03.10,2024-12-20,2,\n")
	b.WriteString("CT06.1,2019-12-31,14,\nCT06.1,2022-12-31,12,\nCT06.1,2024-12-31,10,\n")
	b.WriteString("CT04.11,2023-05-25,1,Đốt rơm rạ ở bãi sông Hồng\n")
	return b.String()
}

// meanPlan is the example plan with CT02.1's years averaged: a test of a
// mean judged as a mean (the seed's own plan keeps each year).
func meanPlan(t *testing.T) string {
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), "report: {every: quarter, due_day: 20}\n        term_result: each_year", "report: {every: quarter, due_day: 20}\n        term_result: mean_growth", 1)
	if s == string(data) {
		t.Fatal("CT02.1's term_result is not where the test looks")
	}
	path := filepath.Join(t.TempDir(), "mean.yaml")
	os.WriteFile(path, []byte(s), 0o600)
	return path
}

// docx reads a .docx as plain WordprocessingML: word/document.xml's
// paragraphs, a line each (those in tables too), and its tables' rows,
// each a list of its cells' text (a cell's paragraphs and line breaks
// joined by "\n").
func docx(t *testing.T, path string) (text string, rows [][]string) {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	f, err := z.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines, cell, row []string
	var para strings.Builder
	inText := false // in a w:t: other character data is the markup's spacing
	d := xml.NewDecoder(f)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "tr":
				row = nil
			case "tc":
				cell = nil
			case "br":
				para.WriteString("\n")
			case "t":
				inText = true
			}
		case xml.CharData:
			if inText {
				para.Write(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "t":
				inText = false
			case "p":
				lines = append(lines, para.String())
				if para.Len() > 0 {
					cell = append(cell, para.String())
				}
				para.Reset()
			case "tc":
				row = append(row, strings.Join(cell, "\n"))
			case "tr":
				rows = append(rows, row)
			}
		}
	}
	return strings.Join(lines, "\n"), rows
}

// row is the annex row of an indicator code: its cells.
func row(rows [][]string, code string) []string {
	for _, r := range rows {
		if len(r) > 2 && strings.HasPrefix(r[1], code+" ") {
			return r
		}
	}
	return nil
}

// TestReportOfATerm: a term's figures imported, the term's report drawn;
// the file read as WordprocessingML has the header, "BÁO CÁO", the
// tallies, a result word for every indicator, a yearly indicator's years
// counted, a mean judged as a mean, % of target, and a cadre's reason;
// LibreOffice opens it.
func TestReportOfATerm(t *testing.T) {
	env := redisEnv(t)
	env["CHITIEU_PLAN"] = meanPlan(t)
	rows := filepath.Join(t.TempDir(), "term.csv")
	os.WriteFile(rows, []byte(termFigures()), 0o600)
	if code, out, errOut := runCLIAt(t, env, reportDay, "import", "--accept-doubtful", rows); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	file := filepath.Join(t.TempDir(), "bao-cao.docx")
	code, out, errOut := runCLI(t, env, "report", "--period", "term", "--on", "2026-04-01", file)
	if code != 0 || !strings.Contains(out, "báo cáo kết quả thực hiện các chỉ tiêu nhiệm kỳ 2020–2025, số liệu tính đến ngày 01/04/2026") {
		t.Fatalf("report: exit %d\n%s%s", code, out, errOut)
	}
	text, table := docx(t, file)
	for _, want := range []string{
		"ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY TÂY HỒ", "ĐẢNG CỘNG SẢN VIỆT NAM", "Tây Hồ, ngày … tháng … năm 2026", "Số",
		"BÁO CÁO", "kết quả thực hiện các chỉ tiêu Nghị quyết Đại hội", "nhiệm kỳ 2020–2025",
		"Nghị quyết đề ra 50 chỉ tiêu. Kết quả nhiệm kỳ",
		"“Người dân tham gia BHYT hộ gia đình giảm do khó khăn kinh tế” (số liệu ngày 20/12/2025)",
		"CT01.1 Kết nạp đảng viên mới (Ban Tổ chức Quận ủy): “Nhiều chi bộ chưa chú trọng tạo nguồn kết nạp đảng viên” (số liệu ngày 25/12/2021)",
		"II. HẠN CHẾ, NGUYÊN NHÂN", "Nơi nhận", "T/M BAN THƯỜNG VỤ", "Lưu Văn phòng Quận ủy", "PHỤ LỤC 1", "PHỤ LỤC 2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	overall := regexp.MustCompile(`Kết quả nhiệm kỳ 2020–2025: đạt và vượt (\d+)/50 chỉ tiêu`).FindStringSubmatch(text)
	programs := regexp.MustCompile(`(?m)^(Ước đạt|Đạt) và vượt \d+/\d+ chỉ tiêu`).FindAllString(text, -1)
	if overall == nil || len(programs) != 6 {
		t.Errorf("the tallies: overall %q, %d programs'", overall, len(programs))
	}
	words := []string{"Vượt", "Đạt", "Cơ bản đạt", "Không đạt", "Chưa đánh giá"}
	for _, code := range []string{"CT01.1", "CT02.4", "CT03.16", "CT05.14", "CT06.3"} {
		r := row(table, code)
		if r == nil {
			t.Errorf("no annex row for %s", code)
			continue
		}
		if word, _, _ := strings.Cut(r[len(r)-1], "\n"); !slices.Contains(words, word) {
			t.Errorf("%s's result word: %q", code, r[len(r)-1])
		}
	}
	n := 0
	for _, r := range table {
		if len(r) == 7 && strings.HasPrefix(r[1], "CT") { // STT, Chỉ tiêu, ĐVT, Mục tiêu, Nhiệm kỳ, So với mục tiêu, Đánh giá
			n++
		}
	}
	if n != 59 {
		t.Errorf("%d indicators' rows in Phụ lục 1, want 59", n)
	}
	for code, want := range map[string]string{
		"CT01.1":  "đạt 5/6 năm; 2021 không đạt",
		"CT01.2":  "đạt 5/5 năm; 2025 không có số liệu",
		"CT02.1":  "tăng bình quân 13,15%/năm, mục tiêu trên 14%",
		"CT03.10": "bằng 133% mục tiêu",
		"CT03.4":  "thấp hơn mục tiêu 1,8\u00a0điểm\u00a0%", // a number never breaks from its unit
		"CT06.1":  "xếp thứ 10",
	} {
		if r := row(table, code); r == nil || !slices.ContainsFunc(r, func(c string) bool { return strings.Contains(c, want) }) {
			t.Errorf("%s: %q lacks %q", code, r, want)
		}
	}
	if r := row(table, "CT02.1"); r == nil || r[len(r)-1] != "Cơ bản đạt" {
		t.Errorf("a mean of 13,15%% against “trên 14%%”, within its band: %q", r)
	}
	convert(t, file, "BÁO CÁO", "PHỤ LỤC 1", "Kết nạp đảng viên mới")
}

// convert opens the file in LibreOffice, which converts it to PDF, and
// reads the PDF's text; skipped where LibreOffice is not installed.
func convert(t *testing.T, file string, wants ...string) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Log("soffice is not installed: the file is not opened in LibreOffice")
		return
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext is not installed: the PDF is not read")
		return
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir())
	if out, err := exec.CommandContext(ctx, soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", dir, file).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, strings.TrimSuffix(filepath.Base(file), ".docx")+".pdf")
	text, err := exec.CommandContext(ctx, pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range wants {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("the PDF LibreOffice made has no %q", want)
		}
	}
}

// TestReportComparesWithTheTermBefore: the first half of the next term's
// first year stands beside the first half of 2025, in the term before.
func TestReportComparesWithTheTermBefore(t *testing.T) {
	env := redisEnv(t)
	rows := filepath.Join(t.TempDir(), "term.csv")
	os.WriteFile(rows, []byte(termFigures()), 0o600)
	runCLIAt(t, env, reportDay, "import", "--accept-doubtful", rows)
	runCLIAt(t, env, reportDay, "plan", "apply", "--yes", "--why", "Đại hội VI", example)
	if code, _, errOut := runCLIAt(t, env, reportDay, "plan", "apply", "--yes", "--why", "Đại hội VII", nextTermPlan); code != 0 {
		t.Fatalf("next term: %s", errOut)
	}
	next := map[string]string{}
	for k, v := range env {
		next[k] = v
	}
	next["CHITIEU_PLAN"] = nextTermPlan
	figs := filepath.Join(t.TempDir(), "next.csv")
	os.WriteFile(figs, []byte("indicator,date,value\nCT01.1,2026-01-25,3\nCT01.1,2026-02-25,4\nCT01.1,2026-03-25,2\n"), 0o600)
	if code, _, errOut := runCLIAt(t, next, reportDay, "import", figs); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	file := filepath.Join(t.TempDir(), "h1.docx")
	if code, out, errOut := runCLI(t, next, "report", "--period", "2026-H1", "--on", "2026-04-10", "--draft", file); code != 0 {
		t.Fatalf("report: exit %d\n%s%s", code, out, errOut)
	}
	text, table := docx(t, file)
	if !strings.Contains(text, "ĐẢNG ỦY PHƯỜNG TÂY HỒ") || !strings.Contains(text, "DỰ THẢO") || !strings.Contains(text, "6 tháng đầu năm 2026") {
		t.Errorf("the draft's header:\n%s", text[:min(len(text), 600)])
	}
	head := table[slices.IndexFunc(table, func(r []string) bool { return len(r) > 0 && r[0] == "STT" })]
	r := row(table, "CT01.1")
	i, j := slices.Index(head, "6 tháng đầu năm 2025"), slices.Index(head, "6 tháng đầu năm 2026")
	if i < 0 || j < 0 || r == nil || r[i] != "48" || r[j] != "9\n(số liệu đến 25/3/2026)" {
		t.Errorf("CT01.1 beside the term before: head %q, row %q", head, r)
	}
	code, out, errOut := runCLI(t, next, "report", "--period", "2026-H1", "--on", "2026-04-10", filepath.Join(t.TempDir(), "h1-plain.docx"))
	if code != 0 || !strings.Contains(out, ": dự thảo báo cáo kết quả thực hiện các chỉ tiêu 6 tháng đầu năm 2026") {
		t.Errorf("a period not yet ended, without --draft: exit %d\n%s%s", code, out, errOut) // a draft all the same, and said so
	}
	if code, _, errOut := runCLIAt(t, env, reportDay, "report", "--term", "2020-2025", "--period", "term", filepath.Join(t.TempDir(), "t.docx")); code != 0 {
		t.Errorf("the finished term's report: %s", errOut)
	}
}

func TestReportRefusals(t *testing.T) {
	env := redisEnv(t)
	out := filepath.Join(t.TempDir(), "x.docx")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--period", "2024-H2", out}, "Kỳ báo cáo “2024-H2” không hợp lệ"},
		{[]string{out}, "Chưa chọn kỳ báo cáo. Dùng --period với một trong: 2026-H1"},
		{[]string{"--period", "2027", out}, "Kỳ báo cáo “2027” nằm ngoài nhiệm kỳ 2020–2025 (từ ngày 01/01/2020 đến ngày 31/12/2025)"},
		{[]string{"--period", "2025", "--on", "2024-06-01", out}, "Kỳ báo cáo “2025” bắt đầu từ ngày 01/01/2025"},
		{[]string{"--period", "term", filepath.Join(t.TempDir(), "x.pdf")}, "phải có đuôi .docx"},
	} {
		code, _, errOut := runCLI(t, env, append([]string{"report"}, tt.args...)...)
		if code != 1 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d, %q", tt.args, code, errOut)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused report left a file")
	}
}

// reportDay is the clock of the report tests: after the 2020–2025 term,
// whose figures they import, while it still takes late ones.
var reportDay = time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
