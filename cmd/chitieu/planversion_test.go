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

// runCLIIn runs chitieu with stdin, as runCLI does.
func runCLIIn(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &cli{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: func(k string) string { return env[k] },
		now: func() time.Time { return time.Date(2023, 6, 30, 9, 0, 0, 0, time.UTC) }}
	code := c.run(context.Background(), args)
	return code, out.String(), errOut.String()
}

// revisedPlan writes the example plan with CT01.1 raised to 200 from 1 June 2023.
func revisedPlan(t *testing.T) string {
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	rev := "code: CT01.1\n        revisions:\n          - {from: 2023-06-01, target: {op: \">=\", value: 200}, note: \"Nghị quyết số 15-NQ/HU\"}\n"
	path := filepath.Join(t.TempDir(), "revised.yaml")
	os.WriteFile(path, []byte(strings.Replace(string(data), "code: CT01.1\n", rev, 1)), 0o600)
	return path
}

func TestPlanApplyShowsTheChangeAndAppliesOnlyOnYes(t *testing.T) {
	env := redisEnv(t)
	runCLI(t, env, "import", "testdata/figures.csv")
	revised := revisedPlan(t)
	code, out, errOut := runCLI(t, env, "plan", "apply", "--dry-run", revised)
	// the import kept the plan file as version 1, recording its term
	for _, want := range []string{"So với phiên bản 1", "Sửa 1 chỉ tiêu: CT01.1", "CT01.1: tình trạng hôm nay chuyển từ “Có nguy cơ” sang “Chậm tiến độ”"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("dry run lacks %q: exit %d\n%s%s", want, code, out, errOut)
		}
	}
	if code, _, errOut := runCLI(t, env, "plan", "apply", revised); code != 1 || !strings.Contains(errOut, "--why") {
		t.Errorf("without --why: exit %d, %s", code, errOut)
	}
	if code, out, _ := runCLIIn(t, env, "không\n", "plan", "apply", "--why", "NQ 15", revised); code != 1 || !strings.Contains(out, "Chưa áp dụng") {
		t.Errorf("answered no: exit %d\n%s", code, out)
	}
	if _, out, _ := runCLI(t, env, "plan", "log"); strings.Count(out, "\n") != 1 {
		t.Fatalf("a version after no: %s", out)
	}
	if code, out, errOut := runCLIIn(t, env, "có\n", "plan", "apply", "--why", "NQ 15", revised); code != 0 || !strings.Contains(out, "Đã lưu phiên bản kế hoạch 2") {
		t.Fatalf("answered yes: exit %d\n%s%s", code, out, errOut)
	}
	if _, out, _ := runCLI(t, env, "plan", "apply", "--yes", "--why", "again", revised); !strings.Contains(out, "So với phiên bản 2") || !strings.Contains(out, "trùng với phiên bản hiện hành 2") {
		t.Errorf("the same file again: %s", out)
	}
	code, _, errOut = runCLI(t, env, "plan", "apply", "--yes", "--why", "đổi mã", renamedPlan(t, false))
	if code != 1 || !strings.Contains(errOut, "CT01.1 (6 số liệu)") {
		t.Errorf("a plan orphaning figures: exit %d, %s", code, errOut)
	}
	env["TELEGRAM_BOT_TOKEN"] = "1:x"
	if _, out, _ := runCLI(t, env, "plan", "log"); strings.Count(out, "\n") != 2 || !strings.Contains(out, "* 2  ") || !strings.Contains(out, "dòng lệnh") || !strings.Contains(out, "NQ 15") {
		t.Errorf("log:\n%s", out)
	}
}

// TestServeKeepsTheFileItRunsAsTheCurrentVersion: a plan file that differs
// from the current version in Redis (and orphans nothing) is kept as a new
// version when serve starts, and said so, rather than refused.
func TestServeKeepsTheFileItRunsAsTheCurrentVersion(t *testing.T) {
	env := redisEnv(t)
	var errOut bytes.Buffer
	c := &cli{stdout: &bytes.Buffer{}, stderr: &errOut, getenv: func(k string) string { return env[k] },
		now: func() time.Time { return time.Date(2023, 6, 30, 9, 0, 0, 0, time.UTC) }}
	c.p = c.catalog().Printer("vi")
	ctx := context.Background()
	cfg := &Config{RedisURL: env["REDIS_URL"], RedisPrefix: env["CHITIEU_REDIS_PREFIX"], Plan: example}
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := c.onePlan(ctx, cfg, s); err != nil {
		t.Fatal(err)
	}
	cfg.Plan = revisedPlan(t)
	if err := c.onePlan(ctx, cfg, s); err != nil {
		t.Fatalf("a changed file at start: %v", err)
	}
	vs, err := s.Plans.Versions(ctx)
	if err != nil || len(vs) != 2 || !strings.Contains(errOut.String(), "đã lưu thành phiên bản 2") {
		t.Errorf("versions %d (%v), stderr %q; want 2 and the word", len(vs), err, errOut.String())
	}
}
