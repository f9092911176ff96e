package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCommitteesKeepTheirOwnFigures: two wards made from the command line
// with plans that share their codes each import, read and export only
// their own figures; the default committee sees none of them.
func TestCommitteesKeepTheirOwnFigures(t *testing.T) {
	env := redisEnv(t)
	next := "../../plans/tayho-2025-2030.yaml"
	day := time.Date(2026, 5, 4, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)) // the 2020–2025 term took its last figures on 15/04/2026
	for _, w := range []struct{ code, name, value string }{{"tay-ho", "Đảng bộ phường Tây Hồ", "12"}, {"phu-thuong", "Đảng bộ phường Phú Thượng", "30"}} {
		code, out, errOut := runCLIAt(t, env, day, "committee", "add", w.code, "--name", w.name, "--plan", next)
		if code != 0 || !strings.Contains(out, "Đã thêm đảng bộ "+w.code) {
			t.Fatalf("committee add %s: exit %d\n%s%s", w.code, code, out, errOut)
		}
		file := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(file, []byte("indicator,date,value,note\nCT01.1,2026-03-20,"+w.value+",\n"), 0o644)
		if code, out, errOut := runCLIAt(t, env, day, "import", "--committee", w.code, file); code != 0 {
			t.Fatalf("import into %s: exit %d\n%s%s", w.code, code, out, errOut)
		}
	}
	for _, w := range []struct{ code, own, other string }{{"tay-ho", `"actual": 12`, `"actual": 30`}, {"phu-thuong", `"actual": 30`, `"actual": 12`}} {
		code, out, errOut := runCLIAt(t, env, day, "status", "--committee", w.code, "--format", "json")
		if code != 0 || !strings.Contains(out, w.own) || strings.Contains(out, w.other) {
			t.Errorf("status of %s: exit %d, own %s: %v, the other's %s: %v\n%s", w.code, code, w.own,
				strings.Contains(out, w.own), w.other, strings.Contains(out, w.other), errOut)
		}
		file := filepath.Join(t.TempDir(), w.code+".csv")
		if code, _, errOut := runCLIAt(t, env, day, "export", "--committee", w.code, file); code != 0 {
			t.Fatalf("export of %s: %s", w.code, errOut)
		}
		csv, _ := os.ReadFile(file)
		if lines := strings.Count(string(csv), "\n"); lines != 2 {
			t.Errorf("the export of %s has %d lines:\n%s", w.code, lines, csv)
		}
	}
	if _, out, _ := runCLIAt(t, env, day, "committee", "list"); !strings.Contains(out, "phu-thuong") || !strings.Contains(out, "tay-ho") {
		t.Errorf("committee list:\n%s", out)
	}
	if code, _, errOut := runCLIAt(t, env, day, "committee", "add", "Tay-Ho", "--name", "Khác", "--plan", next); code == 0 || !strings.Contains(errOut, "Đã có đảng bộ mã tay-ho") {
		t.Errorf("a committee added twice (its code in capitals): exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLIAt(t, env, day, "committee", "add", "quang-an", "--name", "Quảng An", "--plan", "../../plans/tayho-2020-2025.yaml"); code == 0 || !strings.Contains(errOut, "đã hết hạn nhận số liệu") {
		t.Errorf("a committee on a plan whose term took its last figures: exit %d, %s", code, errOut)
	}
	if _, out, _ := runCLIAt(t, env, day, "committee", "list"); strings.Contains(out, "Khác") || strings.Contains(out, "quang-an") {
		t.Errorf("a refused committee add changed the list:\n%s", out)
	}
	if _, out, _ := runCLIAt(t, env, day, "status", "--committee", "PHU-THUONG"); !strings.Contains(out, "Đảng bộ phường Phú Thượng (phu-thuong):") {
		t.Errorf("the status of a committee does not name it:\n%s", out)
	}
	if code, out, _ := runCLIAt(t, env, day, "status", "--format", "json", "--on", "2025-06-30"); code != 0 || strings.Contains(out, `"actual": 30`) {
		t.Errorf("the default committee reads a ward's figures: exit %d", code)
	}
	if code, _, errOut := runCLIAt(t, env, day, "status", "--committee", "ba-dinh"); code == 0 || !strings.Contains(errOut, "phu-thuong, tay-ho") {
		t.Errorf("an unknown committee: exit %d, %s", code, errOut)
	}
}

// TestAReadOfAnEarlierTermsFileSuggestsNothingDrastic: status with the
// file of the term before the one Redis follows says so and which file to
// set, never to end the current term.
func TestAReadOfAnEarlierTermsFileSuggestsNothingDrastic(t *testing.T) {
	env := redisEnv(t)
	day := time.Date(2026, 5, 4, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	if code, _, errOut := runCLIAt(t, env, day, "plan", "apply", "--why", "nhiệm kỳ mới", "--yes", "../../plans/tayho-2025-2030.yaml"); code != 0 {
		t.Fatalf("plan apply: %s", errOut)
	}
	code, _, errOut := runCLIAt(t, env, day, "status")
	if code == 0 || !strings.Contains(errOut, "trước nhiệm kỳ 2025–2030") || strings.Contains(errOut, "term end") {
		t.Errorf("status with the earlier term's file: exit %d, %s", code, errOut)
	}
}
