package main

import (
	"bytes"
	"context"
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

// TestLoadingTheNextTermLeavesTheFinishedTermUnchanged: the 2025–2030
// plan shares codes with 2020–2025; applying it and reporting under it
// changes nothing of what status and export say of the finished term.
func TestLoadingTheNextTermLeavesTheFinishedTermUnchanged(t *testing.T) {
	env := redisEnv(t)
	runCLI(t, env, "import", "testdata/figures.csv")
	if code, _, errOut := runCLI(t, env, "plan", "apply", "--yes", "--why", "Đại hội VI", example); code != 0 {
		t.Fatalf("first plan: exit %d\n%s", code, errOut)
	}
	status, csv, xlsx := finishedTermView(t, env)
	if !strings.Contains(status, `"code": "CT01.1"`) || !strings.Contains(status, `"figures": 1`) || !strings.Contains(csv, "CT01.1,2023-01-25,8") {
		t.Fatalf("the term before the next:\n%s\n%s", status, csv)
	}
	code, out, errOut := runCLI(t, env, "plan", "apply", "--yes", "--why", "Đại hội VII", nextTermPlan)
	if code != 0 || !strings.Contains(out, "nhiệm kỳ mới 2025–2030") || !strings.Contains(out, "2020–2025") {
		t.Fatalf("next term: exit %d\n%s%s", code, out, errOut)
	}
	next := map[string]string{}
	for k, v := range env {
		next[k] = v
	}
	next["CHITIEU_PLAN"] = nextTermPlan
	rows := filepath.Join(t.TempDir(), "next.csv")
	os.WriteFile(rows, []byte("indicator,date,value\nCT01.1,2026-01-25,3\nCT01.1,2026-02-25,40\n"), 0o600)
	// The command line's clock says 2023: figures of 2026 are dated after today, taken only when told to.
	if code, out, errOut := runCLI(t, next, "import", "--accept-doubtful", rows); code != 0 || !strings.Contains(out, "đã nhập 2 số liệu mới") {
		t.Fatalf("import into the new term: exit %d\n%s%s", code, out, errOut)
	}
	s2, c2, x2 := finishedTermView(t, env)
	if s2 != status || c2 != csv || x2 != xlsx {
		t.Errorf("the finished term changed:\nstatus equal %v, csv equal %v, xlsx equal %v\n%s", s2 == status, c2 == csv, x2 == xlsx, c2)
	}
	if _, now, _ := runCLI(t, next, "export", filepath.Join(t.TempDir(), "n.csv")); !strings.HasPrefix(now, "Đã ghi ") || strings.Count(now, "\n") != 1 {
		t.Errorf("export of the current term printed %q", now)
	}
	if code, _, errOut := runCLI(t, env, "import", "testdata/figures.csv"); code != 1 || !strings.Contains(errOut, "Nhiệm kỳ 2020–2025 đã kết thúc") {
		t.Errorf("an import into the finished term: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, env, "plan", "apply", "--yes", "--why", "quay lại", example); code != 1 || !strings.Contains(errOut, "đã kết thúc") {
		t.Errorf("going back to the finished term: exit %d, %s", code, errOut)
	}
	var out2, err2 bytes.Buffer
	later := &cli{stdout: &out2, stderr: &err2, getenv: func(k string) string { return next[k] },
		now: func() time.Time { return time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC) }}
	if later.run(context.Background(), []string{"status", "--term", "2020-2025"}); !strings.Contains(out2.String(), "ngày 31/12/2025") {
		t.Errorf("a finished term's status read later is not as of its last day:\n%s%s", out2.String(), err2.String())
	}
	edited := filepath.Join(t.TempDir(), "edited.yaml")
	data, _ := os.ReadFile(nextTermPlan)
	os.WriteFile(edited, append(data, []byte("# sửa tay\n")...), 0o600)
	next["CHITIEU_PLAN"] = edited
	if _, _, errOut := runCLI(t, next, "status"); !strings.Contains(errOut, "khác phiên bản kế hoạch 2 đang áp dụng") {
		t.Errorf("status by a plan file never applied says nothing: %q", errOut)
	}
	next["CHITIEU_PLAN"] = nextTermPlan
	if _, _, errOut := runCLI(t, next, "status"); strings.Contains(errOut, "khác phiên bản") {
		t.Errorf("status by the file applied warns: %q", errOut)
	}
	serve := map[string]string{"TELEGRAM_BOT_TOKEN": "1:x"}
	for k, v := range env {
		serve[k] = v
	}
	if code, _, errOut := runCLI(t, serve, "serve"); code != 1 || !strings.Contains(errOut, "nhiệm kỳ này đã kết thúc; nhiệm kỳ hiện hành là 2025–2030") {
		t.Errorf("serve on the finished term's plan file: exit %d, %s", code, errOut)
	}
	if _, out, _ := runCLI(t, env, "plan", "log"); !strings.Contains(out, "nhiệm kỳ 2020–2025") || !strings.Contains(out, "nhiệm kỳ 2025–2030") {
		t.Errorf("plan log:\n%s", out)
	}
}
