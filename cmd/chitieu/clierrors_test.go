package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestCommandLineErrorsSayWhatToDo: every refusal of the command line is
// a Vietnamese sentence first — naming the flag, the file or the argument
// and what to do — never the flag package's English, an error of the
// operating system or a bare usage dump; in English when CHITIEU_LANG says
// en.
func TestCommandLineErrorsSayWhatToDo(t *testing.T) {
	env := redisEnv(t)
	down := map[string]string{"CHITIEU_PLAN": example, "REDIS_URL": "redis://127.0.0.1:1/0"}
	en := map[string]string{"CHITIEU_PLAN": example, "CHITIEU_LANG": "en"}
	plan := map[string]string{"CHITIEU_PLAN": example}
	tests := []struct {
		env   map[string]string
		args  []string
		wants []string
	}{
		{nil, []string{"status", "--bogus"}, []string{"Lệnh chitieu status không có tham số --bogus.", "Các tham số của lệnh: --figures, --format, --on, --term"}},
		{nil, []string{"status", "--on"}, []string{"Tham số --on cần có giá trị viết ngay sau nó"}},
		{nil, []string{"invite", "--ttl", "mãi"}, []string{"Giá trị “mãi” của tham số --ttl không hợp lệ"}},
		{plan, []string{"status", "--figures", "testdata/figures.csv", "--on", "2025-02-30"}, []string{"--on: “2025-02-30” không phải là ngày; viết YYYY-MM-DD hoặc DD/MM/YYYY"}},
		{nil, []string{"status", "--format", "x"}, []string{"--format chỉ nhận table hoặc json, không nhận “x”"}},
		{plan, []string{"replay", "--figures", "testdata/figures.csv", "--from", "2024-05-01", "--to", "2024-01-01"},
			[]string{"--to (ngày 01/01/2024) ở trước --from (ngày 01/05/2024)"}},
		{nil, []string{"replay"}, []string{"Lệnh chitieu replay cần tệp số liệu: --figures TỆP.csv"}},
		{plan, []string{"status", "--figures", "nope.csv"}, []string{"Không đọc được tệp “nope.csv”: không có tệp này."}},
		{env, []string{"import", "nope.csv"}, []string{"Không đọc được tệp “nope.csv”: không có tệp này."}},
		{env, []string{"report", "--period", "2023", "/nonexist/dir/x.docx"},
			[]string{"Không ghi được tệp “/nonexist/dir/x.docx”: thư mục “/nonexist/dir” không tồn tại."}},
		{env, []string{"export", "/nonexist/dir/x.csv"}, []string{"Không ghi được tệp “/nonexist/dir/x.csv”: thư mục “/nonexist/dir” không tồn tại."}},
		{nil, []string{"export", "x.txt"}, []string{"“x.txt”: tệp xuất phải có đuôi .xlsx"}},
		{nil, []string{"export", "a.csv", "extra"}, []string{"Thừa “extra”: lệnh chitieu export chỉ nhận một tên tệp", "chitieu export TỆP.xlsx|TỆP.csv"}},
		{nil, []string{"import"}, []string{"Thiếu tên tệp số liệu (.csv hoặc .xlsx).", "chitieu import [--accept-doubtful] TỆP.csv|TỆP.xlsx"}},
		{nil, []string{"plan", "apply", "--why", "x"}, []string{"Thiếu tên tệp kế hoạch (.yaml).", "chitieu plan apply --why"}},
		{nil, []string{"status", "extra"}, []string{"Thừa “extra”: lệnh chitieu status không nhận gì khác ngoài các tham số."}},
		{env, []string{"report", "x.docx"}, []string{"Chưa chọn kỳ báo cáo. Dùng --period với một trong:"}},
		{nil, []string{"nothing"}, []string{"Không có lệnh “nothing”.", "Cách dùng:"}},
		{down, []string{"status"}, []string{"Không kết nối được Redis tại 127.0.0.1:1: không có Redis nào đang chạy ở địa chỉ này.", "REDIS_URL"}},
		{map[string]string{"CHITIEU_ADMINS": "abc"}, []string{"status"}, []string{"CHITIEU_ADMINS: “abc” không phải mã Telegram"}},
		{map[string]string{"CHITIEU_QUIET_HOURS": "đêm"}, []string{"serve"}, []string{"CHITIEU_QUIET_HOURS phải có dạng"}},
		{nil, []string{"serve"}, []string{"Cần mã của bot: TELEGRAM_BOT_TOKEN"}},
		{en, []string{"status", "--bogus"}, []string{"The command chitieu status has no flag --bogus."}},
		{en, []string{"status", "--figures", "nope.csv"}, []string{"Cannot read the file “nope.csv”: there is no such file."}},
	}
	code, out, errOut := runCLI(t, nil, "import", "--help")
	if code != 0 || out != "" || !strings.HasPrefix(errOut, "Cách dùng:\n  chitieu import [--accept-doubtful] TỆP.csv|TỆP.xlsx\n") || strings.Contains(errOut, "chitieu try") {
		t.Errorf("import --help: exit %d\n%s%s", code, out, errOut)
	}
	for _, tt := range tests {
		code, out, errOut := runCLIAt(t, tt.env, midTerm, tt.args...)
		if code == 0 || out != "" {
			t.Errorf("%v: exit %d, stdout %q", tt.args, code, out)
		}
		for _, w := range tt.wants {
			if !strings.Contains(errOut, w) {
				t.Errorf("%v: lacks %q:\n%s", tt.args, w, errOut)
			}
		}
		for _, english := range []string{"flag provided", "Usage of", "want ", "is not a date", "no such file", "is before", "cannot reach", "open ", "\"level\""} {
			if tt.env["CHITIEU_LANG"] == "" && strings.Contains(errOut, english) {
				t.Errorf("%v: %q in:\n%s", tt.args, english, errOut)
			}
		}
		if len(tt.args) > 1 && strings.Contains(errOut, "chitieu try ") && tt.args[0] != "nothing" {
			t.Errorf("%v: the whole usage dumped:\n%s", tt.args, errOut)
		}
	}
}

// TestOnlyServeLogsTheRedisLibrary: what the Redis library logs by itself
// (a failed dial, as many times as it tries) goes to stderr as JSON for
// serve, which runs under a supervisor; an interactive command's expected
// failure prints its one sentence, without log lines.
func TestOnlyServeLogsTheRedisLibrary(t *testing.T) {
	for cmd, logs := range map[string]bool{"serve": true, "status": false, "import": false, "": false} {
		var b bytes.Buffer
		libraryLog([]string{cmd}, &b).Warn("redis client", "detail", "dial tcp 127.0.0.1:1: connection refused")
		if got := b.Len() > 0; got != logs {
			t.Errorf("%q: logged %v, want %v: %s", cmd, got, logs, b.String())
		}
	}
}
