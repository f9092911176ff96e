package main

import (
	"bytes"
	"chitieu/telegramtest"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// runCLI runs chitieu with args as a user would and returns its exit code
// and outputs.
func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	return runCLIAt(t, env, time.Date(2023, 6, 30, 9, 0, 0, 0, time.UTC), args...)
}

// runCLIAt runs chitieu with its clock at now.
func runCLIAt(t *testing.T, env map[string]string, now time.Time, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &cli{stdout: &out, stderr: &errOut, getenv: func(k string) string { return env[k] }, now: func() time.Time { return now }}
	code := c.run(context.Background(), args)
	return code, out.String(), errOut.String()
}

const example = "../../plans/tayho-2020-2025.yaml"

func TestCheckExamplePlan(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "check", example)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"CT01: 7 chỉ tiêu", "CT03: 16 chỉ tiêu", "CT06: 3 chỉ tiêu", "59 chỉ tiêu trong 6 chương trình"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestCheckSaysHowYAMLWritesANumber: "tolerance: 0,5" is refused saying
// that YAML writes it 0.5, not that 0,5 is not a number.
func TestCheckSaysHowYAMLWritesANumber(t *testing.T) {
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	plan := strings.Replace(string(data), "        target: {op: \">=\", value: 90}\n", "        target: {op: \">=\", value: 90}\n        tolerance: 0,5\n", 1)
	path := filepath.Join(t.TempDir(), "plan.yaml")
	os.WriteFile(path, []byte(plan), 0o600)
	code, _, errOut := runCLI(t, nil, "check", path)
	want := "“tolerance” phải là một số viết theo kiểu YAML: dấu chấm thập phân, không phân cách hàng nghìn (ví dụ 0.5; 1610.51), không phải “0,5”"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d:\n%s\nwant %q", code, errOut, want)
	}
}

func TestCheckBrokenPlan(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "check", "../../indicator/testdata/broken.yaml")
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q; want 1 and nothing", code, out)
	}
	for _, want := range []string{
		"broken.yaml:21: CT01.1: đơn vị “XYZ” không có trong danh sách “units”",
		"broken.yaml:45: CT01.4: mốc 2026-06-30 nằm ngoài nhiệm kỳ",
		"broken.yaml:55: CT01.5: khóa “tolerence” không có trong định dạng kế hoạch",
		"broken.yaml:60: “target.value” phải là một số viết theo kiểu YAML",
		"13 lỗi",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "plan.") {
		t.Errorf("a problem was printed by its id, not its message:\n%s", errOut)
	}
}

func TestCheckInEnglish(t *testing.T) {
	_, _, errOut := runCLI(t, map[string]string{"CHITIEU_LANG": "en"}, "check", "../../indicator/testdata/broken.yaml")
	if !strings.Contains(errOut, "the unit “XYZ” is not among the units") {
		t.Errorf("stderr:\n%s", errOut)
	}
}

func TestCheckBrokenCopyOfExample(t *testing.T) {
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), "owner: BHXH", "owner: BHYT", 1)
	broken = strings.Replace(broken, "rate: 10", "rate: mười", 1)
	path := filepath.Join(t.TempDir(), "broken.yaml")
	os.WriteFile(path, []byte(broken), 0o600)
	code, _, errOut := runCLI(t, nil, "check", path)
	if code != 1 || strings.Count(errOut, "broken.yaml:") != 2 {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
}

func TestStatusJSON(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "status", "--plan", example, "--figures", "testdata/figures.csv", "--on", "2023-06-30", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 59 {
		t.Fatalf("%d indicators, want 59", len(got))
	}
	byCode := map[string]map[string]any{}
	for _, g := range got {
		byCode[g["code"].(string)] = g
	}
	tests := []struct {
		code, status string
		overdue      bool
		actual       any
	}{
		{"CT01.1", "at_risk", false, 41.0},
		{"CT01.2", "no_data", false, nil},  // 2022's report came; 2023's is due on 31/12
		{"CT02.3", "at_risk", true, 240.0}, // "> 240" sits on its boundary; 2022's report never came
		{"CT04.11", "missed", true, 1.0},   // one fire against none: past its ceiling; June's report is missing
		{"CT05.9", "no_data", true, nil},
	}
	for _, tt := range tests {
		g := byCode[tt.code]
		if g["status"] != tt.status || g["overdue"] != tt.overdue || g["actual"] != tt.actual {
			t.Errorf("%s: status %v overdue %v actual %v, want %s %v %v", tt.code, g["status"], g["overdue"], g["actual"], tt.status, tt.overdue, tt.actual)
		}
	}
	ct011 := byCode["CT01.1"]
	if ct011["as_of"] != "2023-06-25" || ct011["expected"] != 43.0 || ct011["expected_today"] != 44.0 {
		t.Errorf("CT01.1 judged as of %v against %v (today %v), want 2023-06-25, 43, 44", ct011["as_of"], ct011["expected"], ct011["expected_today"])
	}
	if byCode["CT05.9"]["as_of"] != nil {
		t.Errorf("CT05.9 without figures has as_of %v", byCode["CT05.9"]["as_of"])
	}
	for _, key := range []string{"expected", "forecast", "target", "window", "pace"} {
		if _, ok := byCode["CT01.1"][key]; !ok {
			t.Errorf("CT01.1 lacks %q", key)
		}
	}
}

func TestStatusTable(t *testing.T) {
	env := map[string]string{"CHITIEU_PLAN": example}
	code, out, errOut := runCLI(t, env, "status", "--figures", "testdata/figures.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"30/06/2023", "CT01.1", "Có nguy cơ", "Quá hạn báo cáo", "12,37‰", "Tổng:", "≥ 90 đảng viên"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, ">=") || strings.Contains(out, "<=") {
		t.Errorf("the table writes a comparison in ASCII:\n%s", out)
	}
}

func TestStatusBadRowEvaluatesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(path, []byte("indicator,date,value\nCT01.1,2023-01-25,8\nCT01.1,2023-02-25,\"1,2,3\"\n"), 0o600)
	code, out, errOut := runCLI(t, nil, "status", "--plan", example, "--figures", path, "--format", "json")
	if code != 1 || out != "" {
		t.Fatalf("exit %d stdout %q, want 1 and nothing", code, out)
	}
	if !strings.Contains(errOut, "dòng 3:") || !strings.Contains(errOut, "hai dấu phẩy thập phân") {
		t.Errorf("stderr:\n%s", errOut)
	}
}

// TestTry chats with the trial bot in the terminal: a chart is written to
// a file while the trial runs, a press of a button the message does not
// have is refused saying so — and so is a press after a message with no
// buttons (not sent as a press of an older message's button) —, and once
// the trial ends its folder is gone.
func TestTry(t *testing.T) {
	in, typed := io.Pipe()
	out := &syncBuffer{}
	var errOut bytes.Buffer
	c := &cli{stdin: in, stdout: out, stderr: &errOut,
		getenv: func(string) string { return "" }, now: func() time.Time { return time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC) }}
	done := make(chan int)
	go func() { done <- c.run(context.Background(), []string{"try"}) }()
	type_ := func(lines ...string) {
		for _, l := range lines {
			if _, err := io.WriteString(typed, l+"\n"); err != nil {
				t.Fatal(err)
			}
		}
	}
	type_("/chitieu 2020-2025", "/chitieu", "/baocao", "#99", "#1", "41", "#1", "/xem CT01.1")
	const file = "📎 đã ghi ra tệp "
	var path string
	out.until(30*time.Second, func(text string) bool {
		if i := strings.Index(text, file); i >= 0 && strings.Contains(text[i:], "\n") {
			path = strings.Fields(text[i+len(file):])[0]
		}
		return path != ""
	})
	if path == "" {
		t.Fatalf("no chart written in 30s:\n%s", out.String())
	}
	if png, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("the chart at %s: %v", path, err)
	}
	type_("#1")
	typed.Close()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"Chế độ dùng thử", "16/06/2025", "Có nguy cơ", "[#1] CT01.1 · tháng 6/2025",
		"Không có nút #99: tin nhắn gần nhất chỉ có", "được hiểu là 41 đảng viên", "[#1] ✅ Lưu",
		"✅ Đã lưu CT01.1: 41 đảng viên", "16/06/2025: 41 đảng viên", file, "Tin nhắn gần nhất không có nút để bấm. Chưa bấm nút nào."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the trial chat lacks %q", want)
		}
	}
	if strings.Contains(out.String(), "đã kết thúc") {
		t.Errorf("the running term, named by its years, is shown as finished")
	}
	if strings.Contains(out.String(), "#99\n🤖") || strings.Count(out.String(), "Không có nút") != 1 || strings.Contains(out.String(), "hết hiệu lực") {
		t.Errorf("#99 was sent to the bot")
	}
	if t.Failed() {
		t.Log(out.String())
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the trial's folder %s stays after it: %v", filepath.Dir(path), err)
	}
}

// syncBuffer is a buffer written by one goroutine and read by another,
// which may wait for what it holds (until).
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written telegramtest.Signal
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.written.Notify()
	return s.b.Write(p)
}

// until waits up to within until ok holds of what was written, looking
// again at each write; false when it did not.
func (s *syncBuffer) until(within time.Duration, ok func(string) bool) bool {
	return s.written.Until(within, func() bool { return ok(s.String()) })
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestUsageAndBadSettings(t *testing.T) {
	if code, _, errOut := runCLI(t, nil); code != 2 || !strings.Contains(errOut, "chitieu check") {
		t.Errorf("no args: exit %d, %q", code, errOut)
	}
	if code, _, _ := runCLI(t, nil, "status", "--figures", "testdata/figures.csv", "--format", "xml"); code != 1 {
		t.Errorf("bad format: exit %d, want 1", code)
	}
	code, _, errOut := runCLI(t, map[string]string{"CHITIEU_ADMINS": "12,abc", "REDIS_URL": "http://x"}, "try")
	if code != 1 || !strings.Contains(errOut, "CHITIEU_ADMINS") || !strings.Contains(errOut, "REDIS_URL") {
		t.Errorf("bad settings: exit %d, %q", code, errOut)
	}
}

func TestSecretFromFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token")
	os.WriteFile(path, []byte("123:abc\n"), 0o600)
	cfg, err := loadConfig(flagSet(), func(k string) string {
		return map[string]string{"TELEGRAM_BOT_TOKEN_FILE": path}[k]
	})
	if err != nil || cfg.TelegramToken != "123:abc" {
		t.Errorf("token %q, err %v", cfg.TelegramToken, err)
	}
	fs := flagSet()
	cfg, _ = loadConfig(fs, func(k string) string { return map[string]string{"CHITIEU_PLAN": "a.yaml"}[k] })
	fs.Parse([]string{"--plan", "b.yaml"})
	if cfg.Plan != "b.yaml" {
		t.Errorf("a flag must win over the environment: plan %q", cfg.Plan)
	}
}

func flagSet() *flag.FlagSet { return flag.NewFlagSet("test", flag.ContinueOnError) }

// TestCheckOfAMissingFileSaysSo: a plan path that does not exist is said
// in the catalog's words, with what to check.
func TestCheckOfAMissingFileSaysSo(t *testing.T) {
	code, _, errOut := runCLI(t, nil, "check", "/nonexistent/plan.yaml")
	if code != 1 || !strings.Contains(errOut, "Không có tệp kế hoạch /nonexistent/plan.yaml") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestTryEndsOnCtrlC: the trial interrupted (Ctrl-C) while it waits for a
// line ends at once, cleanly, and leaves no folder behind.
func TestTryEndsOnCtrlC(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	in, typed := io.Pipe()
	defer typed.Close()
	out := &syncBuffer{}
	var errOut bytes.Buffer
	c := &cli{stdin: in, stdout: out, stderr: &errOut,
		getenv: func(string) string { return "" }, now: func() time.Time { return time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC) }}
	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	done := make(chan int)
	go func() { done <- c.run(ctx, []string{"try"}) }()
	io.WriteString(typed, "/trogiup\n")
	if !out.until(30*time.Second, func(text string) bool { return strings.Contains(text, "/baocao") }) {
		t.Fatalf("the trial did not answer /trogiup in 30s:\n%s", out.String())
	}
	interrupt()
	select {
	case code := <-done:
		if code != 0 || errOut.Len() != 0 {
			t.Errorf("exit %d: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the trial did not end in 10s of Ctrl-C")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the trial left %v in the temporary folder", left)
	}
}
