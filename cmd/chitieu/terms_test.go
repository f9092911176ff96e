package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const nextTermPlan = "../../plans/tayho-2025-2030.yaml"

// finishedTermView is what status and export tell of the 2020–2025 term.
func finishedTermView(t *testing.T, env map[string]string) (status, csv, xlsx string) {
	t.Helper()
	code, status, errOut := runCLI(t, env, "status", "--term", "2020-2025", "--on", "2025-12-31", "--format", "json")
	if code != 0 {
		t.Fatalf("status --term: exit %d\n%s", code, errOut)
	}
	dir := t.TempDir()
	for _, name := range []string{"a.csv", "a.xlsx"} {
		if code, _, errOut := runCLI(t, env, "export", "--term", "2020–2025", "--on", "2025-12-31", filepath.Join(dir, name)); code != 0 {
			t.Fatalf("export --term %s: exit %d\n%s", name, code, errOut)
		}
	}
	c, _ := os.ReadFile(filepath.Join(dir, "a.csv"))
	x, _ := os.ReadFile(filepath.Join(dir, "a.xlsx"))
	return status, string(c), string(x)
}

// The days of the test: the 2020–2025 term running, the 2025–2030 term
// running while 2020–2025 still takes late figures, and 2020–2025 closed.
var (
	midTerm    = time.Date(2023, 6, 30, 9, 0, 0, 0, time.UTC)
	nextBegun  = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	longClosed = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
)

// TestLoadingTheNextTermLeavesTheFinishedTermUnchanged: the 2025–2030
// plan shares codes with 2020–2025; applying it ahead and reporting under
// it changes nothing of what status and export say of 2020–2025; once
// 2020–2025 has closed it takes no figure and no new plan version.
func TestLoadingTheNextTermLeavesTheFinishedTermUnchanged(t *testing.T) {
	env := redisEnv(t)
	runCLIAt(t, env, midTerm, "import", "testdata/figures.csv")
	if code, _, errOut := runCLIAt(t, env, midTerm, "plan", "apply", "--yes", "--why", "Đại hội VI", example); code != 0 {
		t.Fatalf("first plan: exit %d\n%s", code, errOut)
	}
	status, csv, xlsx := finishedTermView(t, env)
	if !strings.Contains(status, `"code": "CT01.1"`) || !strings.Contains(status, `"figures": 1`) || !strings.Contains(csv, "CT01.1,2023-01-25,8") {
		t.Fatalf("the term before the next:\n%s\n%s", status, csv)
	}
	code, out, errOut := runCLIAt(t, env, midTerm, "plan", "apply", "--yes", "--why", "Đại hội VII", nextTermPlan)
	if code != 0 || !strings.Contains(out, "nhiệm kỳ mới 2025–2030") || !strings.Contains(out, "bắt đầu từ ngày 01/01/2026") {
		t.Fatalf("next term: exit %d\n%s%s", code, out, errOut)
	}
	next := map[string]string{}
	for k, v := range env {
		next[k] = v
	}
	next["CHITIEU_PLAN"] = nextTermPlan
	rows := filepath.Join(t.TempDir(), "next.csv")
	os.WriteFile(rows, []byte("indicator,date,value\nCT01.1,2026-01-25,7\nCT01.1,2026-02-25,8\n"), 0o600)
	if code, out, errOut := runCLIAt(t, next, nextBegun, "import", rows); code != 0 || !strings.Contains(out, "đã nhập 2 số liệu mới") {
		t.Fatalf("import into the new term: exit %d\n%s%s", code, out, errOut)
	}
	s2, c2, x2 := finishedTermView(t, env)
	if s2 != status || c2 != csv || x2 != xlsx {
		t.Errorf("the finished term changed:\nstatus equal %v, csv equal %v, xlsx equal %v\n%s", s2 == status, c2 == csv, x2 == xlsx, c2)
	}
	if _, now, _ := runCLIAt(t, next, nextBegun, "export", filepath.Join(t.TempDir(), "n.csv")); !strings.HasPrefix(now, "Đã ghi ") || strings.Count(now, "\n") != 1 {
		t.Errorf("export of the current term printed %q", now)
	}
	if code, _, errOut := runCLIAt(t, env, longClosed, "import", "testdata/figures.csv"); code != 1 || !strings.Contains(errOut, "Nhiệm kỳ 2020–2025 đã kết thúc") {
		t.Errorf("an import into the closed term: exit %d, %s", code, errOut)
	}
	back := filepath.Join(t.TempDir(), "back.yaml")
	data, _ := os.ReadFile(example)
	os.WriteFile(back, []byte(strings.Replace(string(data), "value: 90}", "value: 95}", 1)), 0o600)
	if code, _, errOut := runCLIAt(t, env, longClosed, "plan", "apply", "--yes", "--why", "quay lại", back); code != 1 || !strings.Contains(errOut, "đã kết thúc") {
		t.Errorf("a new version of the ended term: exit %d, %s", code, errOut)
	}
	if _, out, errOut := runCLIAt(t, next, longClosed, "status", "--term", "2020-2025"); !strings.Contains(out, "ngày 29/11/2026") || !strings.Contains(out, "2022 không đạt") ||
		!strings.Contains(out, "thiếu số liệu kỳ cuối của cả nhiệm kỳ, số liệu chỉ đến ngày 20/12/2022") {
		t.Errorf("an ended term's status read later shows its results on the day read:\n%s%s", out, errOut)
	}
	edited := filepath.Join(t.TempDir(), "edited.yaml")
	data, _ = os.ReadFile(nextTermPlan)
	os.WriteFile(edited, append(data, []byte("# sửa tay\n")...), 0o600)
	next["CHITIEU_PLAN"] = edited
	if _, _, errOut := runCLIAt(t, next, nextBegun, "status"); !strings.Contains(errOut, "khác phiên bản kế hoạch 2 đang áp dụng") {
		t.Errorf("status by a plan file never applied says nothing: %q", errOut)
	}
	next["CHITIEU_PLAN"] = nextTermPlan
	if _, _, errOut := runCLIAt(t, next, nextBegun, "status"); strings.Contains(errOut, "khác phiên bản") {
		t.Errorf("status by the file applied warns: %q", errOut)
	}
	serve := map[string]string{"TELEGRAM_BOT_TOKEN": "1:x"}
	for k, v := range env {
		serve[k] = v
	}
	if code, _, errOut := runCLIAt(t, serve, longClosed, "serve"); code != 1 || !strings.Contains(errOut, "nhiệm kỳ này đã kết thúc") || !strings.Contains(errOut, "nhiệm kỳ hiện hành là 2025–2030") {
		t.Errorf("serve on the finished term's plan file: exit %d, %s", code, errOut)
	}
	if _, out, _ := runCLI(t, env, "plan", "log"); !strings.Contains(out, "nhiệm kỳ 2020–2025") || !strings.Contains(out, "nhiệm kỳ 2025–2030") {
		t.Errorf("plan log:\n%s", out)
	}
}

// TestATermEndedEarlySaysWhatItLoses: ending a term before its last day
// says the days left and the indicators not yet final, changes nothing
// until confirmed, refuses a day that would leave figures outside the
// term, and once done cuts its last window there (a count's target in
// proportion to the days it covers).
func TestATermEndedEarlySaysWhatItLoses(t *testing.T) {
	env := redisEnv(t)
	runCLIAt(t, env, midTerm, "import", "testdata/figures.csv")
	code, _, errOut := runCLIAt(t, env, midTerm, "term", "end", "--on", "2023-03-31", "--why", "sắp xếp đơn vị hành chính", "--yes")
	if code != 1 || !strings.Contains(errOut, "số liệu ghi ngày sau ngày đó") {
		t.Errorf("an end leaving figures outside the term: exit %d, %s", code, errOut)
	}
	code, out, _ := runCLIIn(t, env, "không\n", "term", "end", "--on", "2023-06-30", "--why", "sắp xếp đơn vị hành chính")
	if code != 1 || !strings.Contains(out, "còn 915 ngày đến hết nhiệm kỳ sẽ không được theo dõi") || !strings.Contains(out, "chỉ tiêu chưa có kết quả cuối cùng") {
		t.Fatalf("answered no: exit %d\n%s", code, out)
	}
	if _, out, _ := runCLIAt(t, env, midTerm, "status", "--format", "json"); !strings.Contains(out, `"to": "2023-12-31"`) {
		t.Fatalf("the term changed though the answer was no:\n%s", out)
	}
	if code, out, errOut := runCLIAt(t, env, midTerm, "term", "end", "--on", "2023-06-30", "--why", "sắp xếp đơn vị hành chính", "--yes"); code != 0 || !strings.Contains(out, "Đã kết thúc sớm nhiệm kỳ 2020–2025 vào ngày 30/06/2023") {
		t.Fatalf("ended: exit %d\n%s%s", code, out, errOut)
	}
	_, out, _ = runCLIAt(t, env, time.Date(2023, 7, 10, 9, 0, 0, 0, time.UTC), "status", "--term", "2020-2025", "--format", "json")
	if !strings.Contains(out, `"to": "2023-06-30"`) || !strings.Contains(out, `"target": 45`) {
		t.Errorf("the term's last window is not cut at its new end, its count in proportion:\n%s", out)
	}
}
