package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// redisKeys is every key Redis holds under env's prefix.
func redisKeys(t *testing.T, env map[string]string) []string {
	t.Helper()
	o, err := redis.ParseURL(env["REDIS_URL"])
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(o)
	defer rdb.Close()
	keys, err := rdb.Keys(context.Background(), "*"+env["CHITIEU_REDIS_PREFIX"]+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// TestAnImportRefusedWritesNothing: an import into a term that has
// closed is refused saying when it stopped taking figures, and writes
// nothing — no term, no plan version, no audit, no outbox — so the term's
// closing day is not frozen: a plan that gives it more late days takes
// the file. A file refused for a bad row writes nothing either.
func TestAnImportRefusedWritesNothing(t *testing.T) {
	env := redisEnv(t)
	code, out, errOut := runCLIAt(t, env, longClosed, "import", "testdata/figures.csv")
	if code != 1 || out != "" || !strings.Contains(errOut, "Nhiệm kỳ 2020–2025 đã kết thúc ngày 31/12/2025") ||
		!strings.Contains(errOut, "nhận số liệu báo cáo muộn đến hết ngày 15/04/2026") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if keys := redisKeys(t, env); len(keys) != 0 {
		t.Errorf("a refused import wrote %v", keys)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("indicator,date,value\nCT01.1,2023-02-25,tám\n"), 0o600)
	if code, _, _ := runCLIAt(t, env, midTerm, "import", bad); code != 1 {
		t.Errorf("a bad row: exit %d", code)
	}
	if keys := redisKeys(t, env); len(keys) != 0 {
		t.Errorf("an import refused for a bad row wrote %v", keys)
	}
	late := filepath.Join(t.TempDir(), "late.yaml")
	data, _ := os.ReadFile(example)
	os.WriteFile(late, []byte(strings.Replace(string(data), "timezone: Asia/Ho_Chi_Minh\n", "timezone: Asia/Ho_Chi_Minh\nlate_days: 366\n", 1)), 0o600)
	env["CHITIEU_PLAN"] = late
	if code, out, errOut := runCLIAt(t, env, longClosed, "import", "testdata/figures.csv"); code != 0 || !strings.Contains(out, "đã nhập 11 số liệu mới") {
		t.Errorf("with more late days: exit %d\n%s%s", code, out, errOut)
	}
}

// TestApplyingAnEndedTermsPlanSaysWhatToDo: a plan version for the only
// term Redis knows, once it has ended, is refused saying that the term
// ended, until when it took figures, and that a new term's plan is
// needed — not that the current term is the one that ended.
func TestApplyingAnEndedTermsPlanSaysWhatToDo(t *testing.T) {
	env := redisEnv(t)
	runCLIAt(t, env, midTerm, "import", "testdata/figures.csv")
	back := filepath.Join(t.TempDir(), "back.yaml")
	data, _ := os.ReadFile(example)
	os.WriteFile(back, []byte(strings.Replace(string(data), "value: 90}", "value: 95}", 1)), 0o600)
	code, _, errOut := runCLIAt(t, env, longClosed, "plan", "apply", "--yes", "--why", "quay lại", back)
	for _, want := range []string{"Nhiệm kỳ 2020–2025 đã kết thúc ngày 31/12/2025", "thôi nhận số liệu từ ngày 16/04/2026",
		"kế hoạch của nhiệm kỳ mới", "--term 2020-2025"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if code != 1 || strings.Contains(errOut, "hiện hành là 2020–2025") {
		t.Errorf("exit %d\n%s", code, errOut)
	}
}

// TestEndingATermAsksInItsOwnWords: term end asks whether to end the term
// from its day (not whether to apply a plan version), says how many days
// of the term will not be followed, and, refusing a day that would leave
// figures outside the term, says what can be done: a figure's day cannot
// be corrected, a later day can be chosen, from the latest figure's on.
func TestEndingATermAsksInItsOwnWords(t *testing.T) {
	env := redisEnv(t)
	runCLIAt(t, env, midTerm, "import", "testdata/figures.csv")
	code, out, _ := runCLIIn(t, env, "không\n", "term", "end", "--on", "2023-06-30", "--why", "sắp xếp đơn vị hành chính")
	for _, want := range []string{"còn 915 ngày đến hết nhiệm kỳ sẽ không được theo dõi",
		"Kết thúc nhiệm kỳ 2020–2025 từ ngày 30/06/2023? Gõ “có” để xác nhận: "} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if code != 1 || strings.Contains(out, "phiên bản kế hoạch") || strings.Contains(out, "mất 915 ngày") {
		t.Errorf("exit %d\n%s", code, out)
	}
	code, _, errOut := runCLIAt(t, env, midTerm, "term", "end", "--on", "2023-03-31", "--why", "sắp xếp đơn vị hành chính", "--yes")
	for _, want := range []string{"có 4 số liệu ghi ngày sau ngày đó (CT01.1: 3; CT04.11: 1)", "Ngày của số liệu không sửa được",
		"chọn ngày kết thúc từ ngày 25/06/2023 trở đi"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if code != 1 || strings.Contains(errOut, "sửa các số liệu đó trước") {
		t.Errorf("exit %d\n%s", code, errOut)
	}
}

// TestACSVExportSaysNoStanding: export of a CSV (every figure, to import
// again) says where it wrote them, without a standing's day that means
// nothing for it; a workbook's says the day of its standing.
func TestACSVExportSaysNoStanding(t *testing.T) {
	env := redisEnv(t)
	runCLIAt(t, env, midTerm, "import", "testdata/figures.csv")
	dir := t.TempDir()
	if _, out, _ := runCLIAt(t, env, midTerm, "export", filepath.Join(dir, "a.csv")); out != "Đã ghi "+filepath.Join(dir, "a.csv")+".\n" {
		t.Errorf("csv: %q", out)
	}
	if _, out, _ := runCLIAt(t, env, midTerm, "export", filepath.Join(dir, "a.xlsx")); !strings.Contains(out, "(tình trạng ngày 30/06/2023)") {
		t.Errorf("xlsx: %q", out)
	}
}
