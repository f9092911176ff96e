package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/store"
)

// renamedPlan writes the example plan with CT01.1 renamed CT01.9, and the
// old code listed under formerly when keep is set.
func renamedPlan(t *testing.T, keep bool) string {
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	code := "code: CT01.9\n"
	if keep {
		code += "        formerly: [CT01.1]\n"
	}
	path := filepath.Join(t.TempDir(), "renamed.yaml")
	os.WriteFile(path, []byte(strings.Replace(string(data), "code: CT01.1\n", code, 1)), 0o600)
	return path
}

// statusOf is one indicator's line of status --format json.
func statusOf(t *testing.T, env map[string]string, code string) map[string]any {
	_, out, errOut := runCLI(t, env, "status", "--on", "2023-06-30", "--format", "json")
	var all []map[string]any
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatalf("%v: %s", err, errOut)
	}
	for _, s := range all {
		if s["code"] == code {
			return s
		}
	}
	t.Fatalf("no %s in the status", code)
	return nil
}

func TestServeRefusesOrphanedFiguresNamingThem(t *testing.T) {
	env := redisEnv(t)
	if code, _, errOut := runCLI(t, env, "import", "testdata/figures.csv"); code != 0 {
		t.Fatal(errOut)
	}
	env["CHITIEU_PLAN"], env["TELEGRAM_BOT_TOKEN"] = renamedPlan(t, false), "1:x"
	code, _, errOut := runCLI(t, env, "serve")
	if code != 1 || !strings.Contains(errOut, "1 mã không có trong kế hoạch: CT01.1 (6 số liệu)") {
		t.Fatalf("serve on orphaned figures: exit %d\n%s", code, errOut)
	}
	code, _, errOut = runCLI(t, env, "check", "--redis", env["CHITIEU_PLAN"])
	if code != 1 || !strings.Contains(errOut, "CT01.1 (6 số liệu)") {
		t.Errorf("check --redis: exit %d\n%s", code, errOut)
	}
}

func TestARenamedCodeKeepsItsHistory(t *testing.T) {
	env := redisEnv(t)
	runCLI(t, env, "import", "testdata/figures.csv")
	before := statusOf(t, env, "CT01.1")
	env["CHITIEU_PLAN"] = renamedPlan(t, true)
	if code, out, errOut := runCLI(t, env, "check", "--redis", env["CHITIEU_PLAN"]); code != 0 || !strings.Contains(out, "CT01.9: nhận số liệu của mã cũ CT01.1") {
		t.Fatalf("check --redis with formerly: exit %d\n%s%s", code, out, errOut)
	}
	after := statusOf(t, env, "CT01.9")
	if after["figures"] != before["figures"] || after["status"] != before["status"] || after["actual"] != before["actual"] {
		t.Errorf("renamed: %v, was %v", after, before)
	}
}

func TestArchiveAndUndo(t *testing.T) {
	env := redisEnv(t)
	runCLI(t, env, "import", "testdata/figures.csv")
	env["CHITIEU_PLAN"] = renamedPlan(t, false)
	if code, _, errOut := runCLI(t, env, "archive", "CT01.9"); code != 1 || !strings.Contains(errOut, "có trong kế hoạch") {
		t.Errorf("archiving a code of the plan: exit %d, %s", code, errOut)
	}
	code, out, errOut := runCLI(t, env, "archive", "--reason", "đổi mã", "CT01.1")
	if code != 0 || !strings.Contains(out, "Đã lưu trữ 6 số liệu của mã CT01.1") {
		t.Fatalf("archive: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, env, "check", "--redis", env["CHITIEU_PLAN"]); code != 0 {
		t.Errorf("archived, check --redis: %s", errOut)
	}
	if code, _, errOut := runCLI(t, env, "archive", "--undo", "CT01.1"); code != 0 {
		t.Fatalf("undo: %s", errOut)
	}
	if code, _, _ := runCLI(t, env, "check", "--redis", env["CHITIEU_PLAN"]); code != 1 {
		t.Error("undone, check --redis passes")
	}
	if code, _, errOut := runCLI(t, env, "archive", "--undo", "CT01.1"); code != 1 || !strings.Contains(errOut, "chưa được lưu trữ") {
		t.Errorf("undoing twice: exit %d, %s", code, errOut)
	}
}

func TestAChangedUnitIsRefusedAtStart(t *testing.T) {
	env := redisEnv(t)
	runCLI(t, env, "import", "testdata/figures.csv")
	c := &cli{getenv: func(k string) string { return env[k] }}
	c.p = c.catalog().Printer("vi")
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{URL: env["REDIS_URL"], Prefix: env["CHITIEU_REDIS_PREFIX"]})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	plan, _ := indicator.LoadFile(example)
	if err := c.startPlan(ctx, &Config{Plan: example}, s, plan); err != nil {
		t.Fatal(err)
	}
	plan.Indicator("CT01.1").UnitOfMeasure = "chi bộ"
	err = c.startPlan(ctx, &Config{Plan: example}, s, plan)
	if err == nil || !strings.Contains(err.Error(), "CT01.1: số liệu đã lưu thuộc loại “count”, đơn vị tính “đảng viên”") {
		t.Errorf("a changed unit: %v", err)
	}
}
