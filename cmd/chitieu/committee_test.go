package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/telegramtest"
)

// wardPlan is the sample 2025–2030 plan as the ward of place would write
// it: its committee: block (the reports' issuer) names place, not Tây Hồ.
func wardPlan(t *testing.T, place string) string {
	t.Helper()
	b, err := os.ReadFile("../../plans/tayho-2025-2030.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "plan.yaml")
	if err := os.WriteFile(file, []byte(strings.ReplaceAll(string(b), "Tây Hồ", place)), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestCommitteesKeepTheirOwnFigures: two wards made from the command line
// with plans that share their codes each import, read and export only
// their own figures; the default committee sees none of them.
func TestCommitteesKeepTheirOwnFigures(t *testing.T) {
	env := redisEnv(t)
	next := "../../plans/tayho-2025-2030.yaml"
	day := time.Date(2026, 5, 4, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)) // the 2020–2025 term took its last figures on 15/04/2026
	for _, w := range []struct{ code, name, value, plan string }{{"tay-ho", "Đảng bộ phường Tây Hồ", "12", next},
		{"phu-thuong", "Đảng bộ phường Phú Thượng", "30", wardPlan(t, "Phú Thượng")}} {
		code, out, errOut := runCLIAt(t, env, day, "committee", "add", w.code, "--name", w.name, "--plan", w.plan)
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
	if code, _, errOut := runCLIAt(t, env, day, "committee", "add", "Tay-Ho", "--name", "Đảng bộ phường Tây Hồ (khác)", "--plan", next); code == 0 || !strings.Contains(errOut, "Đã có đảng bộ mã tay-ho") {
		t.Errorf("a committee added twice (its code in capitals): exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLIAt(t, env, day, "committee", "add", "quang-an", "--name", "Quảng An", "--plan", "../../plans/tayho-2020-2025.yaml"); code == 0 || !strings.Contains(errOut, "đã hết hạn nhận số liệu") {
		t.Errorf("a committee on a plan whose term took its last figures: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLIAt(t, env, day, "committee", "add", "xuan-la", "--name", "Đảng bộ phường Xuân La", "--plan", next); code == 0 || !strings.Contains(errOut, "“Đảng ủy phường Tây Hồ” (Tây Hồ)") {
		t.Errorf("a ward's plan copied from another's, its reports issued in the other's name: exit %d, %s", code, errOut)
	}
	if _, out, _ := runCLIAt(t, env, day, "committee", "list"); strings.Contains(out, "khác") || strings.Contains(out, "quang-an") || strings.Contains(out, "xuan-la") {
		t.Errorf("a refused committee add changed the list:\n%s", out)
	}
	if _, out, _ := runCLIAt(t, env, day, "status", "--committee", "PHU-THUONG"); !strings.Contains(out, "Đảng bộ phường Phú Thượng (phu-thuong):") {
		t.Errorf("the status of a committee does not name it:\n%s", out)
	}
	if code, out, _ := runCLIAt(t, env, day, "status", "--committee", "default", "--format", "json", "--on", "2025-06-30"); code != 0 || strings.Contains(out, `"actual": 30`) {
		t.Errorf("the default committee reads a ward's figures: exit %d", code)
	}
	if code, _, errOut := runCLIAt(t, env, day, "status", "--committee", "ba-dinh"); code == 0 || !strings.Contains(errOut, "phu-thuong, tay-ho") {
		t.Errorf("an unknown committee: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLIAt(t, env, day, "status"); code == 0 || !strings.Contains(errOut, "--committee") {
		t.Errorf("status naming no committee among several: exit %d, %s", code, errOut)
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

// TestOneBotServesEveryWard: serve for one ward serves the others
// registered beside it through the same bot: a reporter of Phú Thượng
// reports to Phú Thượng alone, a person of both wards is asked which, a
// city leader chooses among all.
func TestOneBotServesEveryWard(t *testing.T) {
	env := redisEnv(t)
	next := "../../plans/tayho-2025-2030.yaml"
	day := time.Date(2026, 5, 4, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	for _, w := range []struct{ code, name, plan string }{{"tay-ho", "Đảng bộ phường Tây Hồ", next}, {"phu-thuong", "Đảng bộ phường Phú Thượng", wardPlan(t, "Phú Thượng")}} {
		if code, out, errOut := runCLIAt(t, env, day, "committee", "add", w.code, "--name", w.name, "--plan", w.plan); code != 0 {
			t.Fatalf("committee add %s: exit %d\n%s%s", w.code, code, out, errOut)
		}
	}
	stores := map[string]*store.Store{}
	for _, code := range []string{"tay-ho", "phu-thuong"} {
		s, err := store.Open(context.Background(), store.Options{URL: env["REDIS_URL"], Prefix: env["CHITIEU_REDIS_PREFIX"], Committee: code,
			Now: func() time.Time { return day }})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[code] = s
	}
	member := func(code string, id int64, role store.Role, unit string) {
		s := stores[code]
		s.People.EnsureAdmin(context.Background(), store.Profile{ID: id, Name: "Người " + fmt.Sprint(id), Lang: "vi"})
		s.People.SetAccess(context.Background(), 0, id, []store.Role{role}, unit)
	}
	member("phu-thuong", 7, store.Reporter, "BXDD")
	member("tay-ho", 9, store.Reporter, "BXDD")
	member("phu-thuong", 9, store.Reporter, "BXDD")

	srv := telegramtest.New(t, telegramtest.Options{PerChatBurst: 10})
	env["TELEGRAM_BOT_TOKEN"] = telegramtest.Token
	env["TELEGRAM_API_ENDPOINT"] = srv.Endpoint()
	env["CHITIEU_CITY_LEADERS"] = "31" // no CHITIEU_COMMITTEE: serve serves them all
	env["CHITIEU_LISTEN"] = freeAddr(t)
	var out, errOut syncBuffer
	wall := time.Now()
	c := &cli{stdout: &out, stderr: &errOut, getenv: func(k string) string { return env[k] }, now: func() time.Time { return day.Add(time.Since(wall)) }}
	ctx, cancel := context.WithCancel(context.Background())
	done := runAsync(c, ctx)
	defer func() { cancel(); <-done }()

	lan := telegramtest.User{ID: 7, FirstName: "Lan"}
	srv.SendText(lan, "CT01.1: 5") // behind the trajectory: a reason is asked first
	got := srv.Wait(ctx, 7, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > 0 })
	if len(got) == 0 || strings.Contains(got[0].Text, "đảng bộ nào") || !strings.Contains(fmt.Sprint(got[0].Keyboard), "phu-thuong/") {
		t.Fatalf("a reporter of one ward: %+v\n%s", got, errOut.String())
	}
	srv.SendText(lan, "Chi bộ chưa họp xét kết nạp")
	got = srv.Wait(ctx, 7, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > 1 })
	if len(got) < 2 || !strings.Contains(got[1].Text, "Đã lưu") {
		t.Fatalf("the reason: %+v", got)
	}
	for code, want := range map[string]int{"phu-thuong": 1, "tay-ho": 0} {
		if recs, _ := stores[code].Figures.Records(context.Background(), "CT01.1", indicator.Period{From: 0, To: indicator.DateOf(day) + 3650}); len(recs) != want {
			t.Errorf("%s holds %d figures, want %d", code, len(recs), want)
		}
	}
	srv.SendText(telegramtest.User{ID: 9, FirstName: "Hai"}, "CT01.1: 6")
	got = srv.Wait(ctx, 9, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > 0 })
	if len(got) == 0 || len(got[0].Keyboard) != 2 {
		t.Errorf("a person of two wards is not asked which: %+v", got)
	}
	srv.SendText(telegramtest.User{ID: 31, FirstName: "Thành"}, "/dangbo")
	got = srv.Wait(ctx, 31, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > 0 })
	if len(got) == 0 || len(got[0].Keyboard) != 2 || !strings.Contains(fmt.Sprint(got[0].Keyboard), "Đảng bộ phường Phú Thượng") {
		t.Errorf("a city leader's chooser: %+v", got)
	}
	srv.SendText(telegramtest.User{ID: 31, FirstName: "Thành"}, "/thanhpho")
	got = srv.Wait(ctx, 31, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > 1 })
	if len(got) < 2 || !strings.Contains(got[1].Text, "<b>Đảng bộ phường Phú Thượng</b>:") || !strings.Contains(got[1].Text, "<b>Đảng bộ phường Tây Hồ</b>:") {
		t.Errorf("a city leader's roll-up does not name every committee: %+v", got)
	}
	// A ward added while serve runs is served within seconds: its first
	// admin's invite, made on the command line, works in the chat.
	if code, _, errOut := runCLIAt(t, env, day, "committee", "add", "quang-an", "--name", "Đảng bộ phường Quảng An", "--plan", wardPlan(t, "Quảng An")); code != 0 {
		t.Fatalf("committee add while serving: %s", errOut)
	}
	_, invited, inviteErr := runCLIAt(t, env, day, "invite", "--committee", "quang-an", "--role", "admin")
	_, link, ok := strings.Cut(invited, "start=")
	if !ok {
		t.Fatalf("invite --committee: %s%s", invited, inviteErr)
	}
	first := telegramtest.User{ID: 41, FirstName: "Quảng"}
	joined := func() bool {
		return srv.Until(3*time.Second, func() bool {
			ms := srv.Sent(41)
			return len(ms) > 0 && strings.Contains(ms[len(ms)-1].Text, "Chào mừng")
		})
	}
	for try := 0; try < 5 && !joined(); try++ { // until serve has taken the ward up
		srv.SendText(first, "/start "+strings.Fields(link)[0])
	}
	if ms := srv.Sent(41); len(ms) == 0 || !strings.Contains(ms[len(ms)-1].Text, "Chào mừng") {
		t.Errorf("the first admin of a ward added while serving could not join: %+v", ms)
	}
	srv.SendText(telegramtest.User{ID: 7, FirstName: "Lan"}, "/thanhpho")
	got = srv.Wait(ctx, 7, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > 2 })
	if len(got) < 3 || strings.Contains(got[2].Text, "Tây Hồ") {
		t.Errorf("a ward's reporter reads the city's roll-up: %+v", got)
	}
}

// TestAWardNamesTheDistrictItContinues: committee add --continues takes
// the district's term by its years, refuses one Redis does not keep or a
// code either plan lacks, writing nothing then.
func TestAWardNamesTheDistrictItContinues(t *testing.T) {
	env := redisEnv(t)
	next := "../../plans/tayho-2025-2030.yaml"
	day := time.Date(2026, 5, 4, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	district := time.Date(2025, 6, 30, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	if code, _, errOut := runCLIAt(t, env, district, "plan", "apply", "--why", "nhiệm kỳ 2020–2025", "--yes", "../../plans/tayho-2020-2025.yaml"); code != 0 {
		t.Fatalf("the district's plan: %s", errOut)
	}
	for _, bad := range []struct{ args, says string }{
		{"--continues default", "MÃ-ĐẢNG-BỘ:NHIỆM-KỲ"},
		{"--codes CT01.1", "--codes chỉ dùng kèm --continues"},
		{"--continues ba-dinh:2020-2025", "Không có đảng bộ mã ba-dinh"},
		{"--continues default:2015-2020", "không có nhiệm kỳ 2015-2020"},
		{"--continues default:2020-2025 --codes CT09.9=CT01.1", "Mã CT09.9 trong --codes không có trong kế hoạch"},
		{"--continues default:2020-2025 --codes CT01.1=XX1", "Mã XX1 trong --codes không có trong kế hoạch nhiệm kỳ 2020–2025"},
	} {
		args := append([]string{"committee", "add", "tay-ho", "--name", "Đảng bộ phường Tây Hồ", "--plan", next}, strings.Fields(bad.args)...)
		if code, _, errOut := runCLIAt(t, env, day, args...); code == 0 || !strings.Contains(errOut, bad.says) {
			t.Errorf("%s: exit %d, %s", bad.args, code, errOut)
		}
	}
	if _, out, _ := runCLIAt(t, env, day, "committee", "list"); strings.Contains(out, "tay-ho") {
		t.Fatalf("a refused committee add wrote the committee:\n%s", out)
	}
	if code, out, errOut := runCLIAt(t, env, day, "committee", "add", "tay-ho", "--name", "Đảng bộ phường Tây Hồ", "--plan", next,
		"--continues", "default:2020-2025", "--codes", "CT01.1=CT01.1, CT01.2"); code != 0 {
		t.Fatalf("committee add --continues: exit %d\n%s%s", code, out, errOut)
	}
	if _, out, _ := runCLIAt(t, env, day, "committee", "list"); !strings.Contains(out, "tay-ho") || !strings.Contains(out, "kế tục đảng bộ default, nhiệm kỳ 2020–2025") {
		t.Errorf("committee list does not say whom the ward continues:\n%s", out)
	}
}

// TestTheOnlyCommitteeNeedNotBeNamed: with one ward registered and no
// committee from before, a command that names none speaks to that ward.
func TestTheOnlyCommitteeNeedNotBeNamed(t *testing.T) {
	env := redisEnv(t)
	day := time.Date(2026, 5, 4, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	if code, _, errOut := runCLIAt(t, env, day, "committee", "add", "tay-ho", "--name", "Đảng bộ phường Tây Hồ", "--plan", "../../plans/tayho-2025-2030.yaml"); code != 0 {
		t.Fatal(errOut)
	}
	if code, out, errOut := runCLIAt(t, env, day, "status"); code != 0 || !strings.Contains(out, "Đảng bộ phường Tây Hồ (tay-ho)") {
		t.Errorf("status of the only ward: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runCLIAt(t, env, day, "plan", "log"); code != 0 || !strings.Contains(out, "kế hoạch đầu tiên của Đảng bộ phường Tây Hồ") {
		t.Errorf("plan log of the only ward: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runCLIAt(t, env, day, "term", "end", "--dry-run"); code != 0 && strings.Contains(out+errOut, "chưa lưu nhiệm kỳ") {
		t.Errorf("term end of the only ward reads no term: exit %d\n%s%s", code, out, errOut)
	}
}
