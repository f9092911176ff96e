package bot_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/report"
	"chitieu/store"
)

// documentXML is a .docx's word/document.xml.
func documentXML(t *testing.T, data []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := z.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	return string(b)
}

// TestDraftAReportInTheChat: a leader or an admin chooses a period among
// those that make sense today and gets the .docx the command line writes
// for that day; a reporter is refused; a period outside the term is
// refused in words.
func TestDraftAReportInTheChat(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	h.say(admin, "/soanbaocao")
	choose := h.last(admin)
	contains(t, choose, "Chọn kỳ cần soạn báo cáo", "ngày 30/06/2023")
	var labels []string
	for _, row := range choose.Keyboard {
		for _, b := range row {
			labels = append(labels, b.Text)
		}
	}
	if strings.Join(labels, "|") != "6 tháng đầu năm 2023|Giữa nhiệm kỳ 2020–2025" {
		t.Errorf("the periods offered on 30/06/2023: %q", labels)
	}
	h.press(admin, "6 tháng đầu năm 2023")
	doc := h.last(admin)
	if doc.Kind != "document" || doc.File.Name != "bao-cao-2023-H1-2023-06-30.docx" {
		t.Fatalf("sent %s %+v", doc.Kind, doc.File)
	}
	contains(t, doc, "Dự thảo báo cáo kết quả thực hiện các chỉ tiêu — 6 tháng đầu năm 2023, số liệu tính đến ngày 30/06/2023")
	if xml := documentXML(t, doc.File.Data); !strings.Contains(xml, "DỰ THẢO") || !strings.Contains(xml, "CT01.1 – Kết nạp đảng viên mới") {
		t.Error("the file is not the six months' draft")
	}
	figs, err := h.store.Figures.Domain(context.Background(), h.plan)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := report.ParsePeriod("2023-H1", h.plan)
	var want bytes.Buffer
	in := report.Input{Source: report.Source{Plan: h.plan, Figures: figs, Name: h.store.Term().Name}, Period: p,
		Day: indicator.NewDate(2023, 6, 30), Draft: true}
	if err := report.Draw(&want, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc.File.Data, want.Bytes()) {
		t.Error("the chat's file is not the one the command line writes for the day")
	}

	h.say(admin, "/draftreport 2030")
	contains(t, h.last(admin), "Kỳ báo cáo “2030” nằm ngoài nhiệm kỳ 2020–2025")
	h.say(admin, "/soanbaocao năm nay")
	contains(t, h.last(admin), "Kỳ báo cáo “năm nay” không hợp lệ", "<code>/soanbaocao 2023-H1</code>") // a period of the term

	h.say(admin, "/soanbaocao 2023")
	if d := h.last(admin); d.Kind != "document" || d.File.Name != "bao-cao-2023-2023-06-30.docx" {
		t.Errorf("/soanbaocao 2023 sent %s", d.Kind)
	}
	h.say(reporter, "/soanbaocao")
	contains(t, h.last(reporter), "dành cho lãnh đạo và quản trị viên")
	h.say(admin, "/trogiup")
	contains(t, h.last(admin), "/soanbaocao (/draftreport) — soạn báo cáo kết quả thực hiện chỉ tiêu")
}

// TestDraftAReportByItsWords: the periods as people say them, with or
// without diacritics.
func TestDraftAReportByItsWords(t *testing.T) {
	h := newHarness(t, nil)
	for words, file := range map[string]string{"giữa kỳ": "mid", "giua nhiem ky": "mid", "cả nhiệm kỳ": "term",
		"6 tháng đầu năm 2023": "2023-H1", "năm 2022": "2022"} {
		h.say(admin, "/soanbaocao "+words)
		if d := h.last(admin); d.Kind != "document" || d.File.Name != "bao-cao-"+file+"-2023-06-30.docx" {
			t.Errorf("/soanbaocao %s sent %s %+v", words, d.Kind, d.File)
		}
	}
}

// TestDraftAFinishedTermsReport: in February 2026 the new term offers its
// year, and the term just finished; each report reads its own term, the
// new year's comparing with the year before in the finished term.
func TestDraftAFinishedTermsReport(t *testing.T) {
	h := twoTerms(t)
	h.say(chief, "/soanbaocao")
	var labels []string
	for _, row := range h.last(chief).Keyboard {
		for _, b := range row {
			labels = append(labels, b.Text)
		}
	}
	if strings.Join(labels, "|") != "Năm 2026|Cả nhiệm kỳ 2020–2025 (đã kết thúc)" {
		t.Errorf("the periods offered on 10/02/2026: %q", labels)
	}
	h.press(chief, "Cả nhiệm kỳ 2020–2025")
	doc := h.last(chief)
	if doc.Kind != "document" || doc.File.Name != "bao-cao-term-2026-02-10.docx" {
		t.Fatalf("sent %s", doc.Kind)
	}
	if xml := documentXML(t, doc.File.Data); !strings.Contains(xml, "QUẬN ỦY TÂY HỒ") || !strings.Contains(xml, "nhiệm kỳ 2020–2025") || strings.Contains(xml, "DỰ THẢO") {
		t.Error("the finished term's report is not its own, or is marked a draft")
	}
	h.press(chief, "Năm 2026")
	xml := documentXML(t, h.last(chief).File.Data)
	if !strings.Contains(xml, "ĐẢNG ỦY PHƯỜNG TÂY HỒ") || !strings.Contains(xml, "Năm 2025") || !strings.Contains(xml, "DỰ THẢO") {
		t.Error("the new year's draft does not compare with 2025, in the term before")
	}
	h.say(chief, "/soanbaocao term 2020-2025")
	if d := h.last(chief); d.Kind != "document" || d.File.Name != "bao-cao-term-2026-02-10.docx" {
		t.Errorf("/soanbaocao term 2020-2025 sent %s", d.Kind)
	}
}
