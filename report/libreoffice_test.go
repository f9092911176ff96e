package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chitieu/report"
)

var out = flag.String("out", "", "a folder to write the example report to, as .docx, .pdf and one PNG a page, to look at")

// TestLibreOffice opens the example report in LibreOffice, which converts
// it to PDF, and reads the PDF's text: the header, a table's cell and the
// annex must be there. It is skipped where LibreOffice or pdftotext is
// not installed (.ci/run installs both).
func TestLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not installed: apt-get install libreoffice-writer-nogui")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed: apt-get install poppler-utils")
	}
	dir := *out
	if dir == "" {
		dir = t.TempDir()
	}
	var b bytes.Buffer
	if err := report.Write(&b, sixMonths()); err != nil {
		t.Fatal(err)
	}
	docx := filepath.Join(dir, "bao-cao.docx")
	if err := os.WriteFile(docx, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir()) // one profile a run: parallel runs do not collide
	run(t, exec.CommandContext(ctx, soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", dir, docx))
	pdf := filepath.Join(dir, "bao-cao.pdf")
	text := run(t, exec.CommandContext(ctx, pdftotext, "-layout", pdf, "-"))
	for _, want := range []string{
		"ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY TÂY HỒ", "ĐẢNG CỘNG SẢN VIỆT NAM", "Tây Hồ, ngày … tháng 6 năm 2026",
		"BÁO CÁO", "DỰ THẢO", "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "Nơi nhận:", "T/M BAN THƯỜNG VỤ",
		"PHỤ LỤC", "Kết nạp đảng viên mới & giữ vững <100%>", "Chương trình 06",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF has no %q", want)
		}
	}
	if *out != "" {
		run(t, exec.CommandContext(ctx, "pdftoppm", "-png", "-r", "60", pdf, filepath.Join(dir, "trang")))
	}
}

func run(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	return string(stdout)
}
