package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/store/storetest"
)

// redisEnv is the environment of a command run against its own Redis keys:
// REDIS_URL's server when set, a miniredis otherwise.
func redisEnv(t *testing.T) map[string]string {
	env := map[string]string{"CHITIEU_PLAN": example, "CHITIEU_REDIS_PREFIX": storetest.Prefix()}
	if url := os.Getenv("REDIS_URL"); url != "" {
		env["REDIS_URL"] = url
		t.Cleanup(func() {
			s, err := store.Open(context.Background(), store.Options{URL: url, Prefix: env["CHITIEU_REDIS_PREFIX"]})
			if err == nil {
				s.DeleteAll(context.Background())
				s.Close()
			}
		})
		return env
	}
	env["REDIS_URL"] = "redis://" + miniredis.RunT(t).Addr()
	return env
}

func TestImportThenStatusAgreesWithTheFile(t *testing.T) {
	env := redisEnv(t)
	code, out, errOut := runCLI(t, env, "import", "testdata/figures.csv")
	if code != 0 || !strings.Contains(out, "đã nhập 11 số liệu mới.") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	_, fromRedis, errOut := runCLI(t, env, "status", "--on", "2023-06-30", "--format", "json")
	_, fromFile, _ := runCLI(t, env, "status", "--on", "2023-06-30", "--format", "json", "--figures", "testdata/figures.csv")
	if fromRedis != fromFile || !strings.Contains(fromRedis, `"at_risk"`) {
		t.Errorf("status from Redis differs from the file's:\n%s\n%s", fromRedis, errOut)
	}
	code, out, _ = runCLI(t, env, "import", "testdata/figures.csv")
	if code != 0 || !strings.Contains(out, "không có số liệu mới; cả 11 dòng đều trùng với số liệu đã lưu") {
		t.Errorf("second import: exit %d, %s", code, out)
	}
	_, again, _ := runCLI(t, env, "status", "--on", "2023-06-30", "--format", "json")
	if again != fromFile {
		t.Error("importing the file twice changed the statuses")
	}
}

func TestImportRefusesABadFileWhole(t *testing.T) {
	env := redisEnv(t)
	path := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(path, []byte("indicator,date,value\nCT01.1,2023-01-25,8\nCT01.1,2023-02-25,tám\n"), 0o600)
	code, _, errOut := runCLI(t, env, "import", path)
	if code != 1 || !strings.Contains(errOut, "dòng 3") {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	_, out, _ := runCLI(t, env, "status", "--on", "2023-06-30", "--format", "json")
	var got []map[string]any
	json.Unmarshal([]byte(out), &got)
	if len(got) != 59 || got[0]["figures"].(float64) != 0 {
		t.Errorf("a refused file left figures behind: %v", got[0])
	}
}

func TestInvite(t *testing.T) {
	env := redisEnv(t)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/bot123:secret/getMe" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `{"ok":true,"result":{"id":1,"is_bot":true,"username":"tayho_chitieu_bot"}}`)
	}))
	defer api.Close()
	env["TELEGRAM_BOT_TOKEN"] = "123:secret"
	env["TELEGRAM_API_ENDPOINT"] = api.URL + "/bot%s/%s"
	code, out, errOut := runCLI(t, env, "invite", "--role", "reporter", "--unit", "BTC")
	link := regexp.MustCompile(`https://t\.me/tayho_chitieu_bot\?start=([A-Za-z0-9_-]{22})`).FindStringSubmatch(out)
	if code != 0 || link == nil || !strings.Contains(out, "cán bộ phụ trách") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !regexp.MustCompile(`có hiệu lực đến \d\d:\d\d ngày \d\d/\d\d/\d{4}:`).MatchString(out) {
		t.Errorf("the expiry is not written as a time on a day:\n%s", out)
	}
	later := func() time.Time { return time.Date(2023, 7, 6, 9, 0, 0, 0, time.UTC) } // six days on: the invite lasts seven
	s, err := store.Open(context.Background(), store.Options{URL: env["REDIS_URL"], Prefix: env["CHITIEU_REDIS_PREFIX"], Now: later})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u, err := s.People.RedeemInvite(context.Background(), link[1], store.Profile{ID: 7, Name: "Lan"})
	if err != nil || !u.Has(store.Reporter) || u.Unit != "BTC" {
		t.Errorf("redeeming the printed invite: %+v, %v", u, err)
	}
}

func TestInviteRefusals(t *testing.T) {
	env := redisEnv(t)
	for _, args := range [][]string{
		{"invite", "--role", "boss"},
		{"invite", "--role", "reporter"},
		{"invite", "--role", "leader", "--unit", "XYZ"},
	} {
		if code, _, errOut := runCLI(t, env, args...); code != 1 || errOut == "" {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}

func TestBotUsernameRedactsTheToken(t *testing.T) {
	_, err := botUsername(context.Background(), "http://127.0.0.1:1/bot%s/%s", "123:very-secret")
	if err == nil || strings.Contains(err.Error(), "very-secret") {
		t.Errorf("err = %v", err)
	}
}

func TestStatusWithoutRedisFailsClearly(t *testing.T) {
	code, _, errOut := runCLI(t, map[string]string{"CHITIEU_PLAN": example, "REDIS_URL": "redis://127.0.0.1:1/0"}, "status")
	if code != 1 || !strings.Contains(errOut, "Không kết nối được Redis tại 127.0.0.1:1") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

func TestExportThenImportIntoAnEmptyStore(t *testing.T) {
	env := redisEnv(t)
	runCLI(t, env, "import", "testdata/figures.csv")
	dir := t.TempDir()
	for _, name := range []string{"out.xlsx", "out.csv"} {
		code, _, errOut := runCLI(t, env, "export", filepath.Join(dir, name), "--on", "2023-06-30")
		if code != 0 {
			t.Fatalf("export %s: %s", name, errOut)
		}
		empty := redisEnv(t)
		if code, _, errOut := runCLI(t, empty, "import", filepath.Join(dir, name)); code != 0 {
			t.Fatalf("import %s: %s", name, errOut)
		}
		_, before, _ := runCLI(t, env, "status", "--on", "2023-06-30", "--format", "json")
		_, after, _ := runCLI(t, empty, "status", "--on", "2023-06-30", "--format", "json")
		if before != after {
			t.Errorf("%s: the statuses differ after export and import", name)
		}
	}
}

func TestImportRefusesADayOutsideTheTerm(t *testing.T) {
	env := redisEnv(t)
	path := filepath.Join(t.TempDir(), "year.csv")
	os.WriteFile(path, []byte("indicator,date,value\nCT01.1,2023-01-25,8\nCT01.1,2203-01-25,8\n"), 0o600)
	code, _, errOut := runCLI(t, env, "import", path)
	if code != 1 || !strings.Contains(errOut, "dòng 3: ngày 25/01/2203 nằm ngoài nhiệm kỳ") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if code, _, _ := runCLI(t, env, "status", "--figures", path, "--on", "2023-06-30"); code != 0 {
		t.Error("status refused a file whose figure lies outside the term; it should just not see it")
	}
}

// TestImportNamesEveryBadRow: a file whose bad rows are of two kinds (a
// value that does not read, a day outside the term) is refused naming
// each, every reason alike, and saying nothing was imported.
func TestImportNamesEveryBadRow(t *testing.T) {
	env := redisEnv(t)
	path := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(path, []byte("indicator,date,value\nCT01.1,2023-01-25,tám\nCT01.1,2203-01-25,8\nCT01.1,2023-02-25,x\n"), 0o600)
	code, out, errOut := runCLI(t, env, "import", path)
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != 1 || out != "" || len(lines) != 4 || !strings.Contains(lines[1], "dòng 3: ngày 25/01/2203 nằm ngoài nhiệm kỳ") ||
		!strings.Contains(lines[3], "3 dòng không hợp lệ; chưa nhập số liệu nào") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, l := range lines[:3] {
		if strings.HasSuffix(l, ".") {
			t.Errorf("a reason ends with a full stop, unlike the others: %q", l)
		}
	}
}

// TestImportRefusesDoubtfulRows: a file with a share written as a
// fraction (0,8 for 80%), a share over 100% and a figure far above its
// target saves nothing,
// naming each row and why, unless told to take them (--accept-doubtful).
func TestImportRefusesDoubtfulRows(t *testing.T) {
	env := redisEnv(t)
	path := filepath.Join(t.TempDir(), "nghi-van.csv")
	os.WriteFile(path, []byte("indicator,date,value\nCT01.3,2022-12-31,\"0,8\"\nCT04.4,2023-05-25,120\nCT02.2,2023-05-25,\"950%\"\n"+
		"CT01.1,2023-06-25,950\nCT01.1,2023-04-25,6\n"), 0o600)
	code, out, errOut := runCLI(t, env, "import", path)
	for _, want := range []string{
		"dòng 2: CT01.3 ngày 31/12/2022: 0,8% — nhỏ hơn một phần mười mục tiêu (75%): có phải 80%?\n",
		"dòng 3: CT04.4 ngày 25/05/2023: 120% — tỷ lệ vượt quá 100%\n",
		"dòng 4: CT02.2 ngày 25/05/2023: 950% — tỷ lệ vượt quá 100%\n",
		"dòng 5: CT01.1 ngày 25/06/2023: 950 đảng viên — gấp hơn 10 lần mục tiêu (90 đảng viên)\n",
		"4 dòng cần kiểm tra; chưa nhập số liệu nào", "--accept-doubtful",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if code != 1 || out != "" || strings.Contains(errOut, "dòng 6") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	_, status, _ := runCLI(t, env, "status", "--on", "2023-06-30", "--format", "json")
	if strings.Contains(status, `"figures": 1`) {
		t.Fatalf("a refused file saved figures:\n%s", status)
	}
	code, out, errOut = runCLI(t, env, "import", "--accept-doubtful", path)
	if code != 0 || !strings.Contains(out, "đã nhập 5 số liệu mới, kể cả 4 dòng cần kiểm tra") {
		t.Errorf("with --accept-doubtful: exit %d\n%s%s", code, out, errOut)
	}
	if _, _, errOut := runCLI(t, env, "import", "--help"); !strings.Contains(errOut, "-accept-doubtful") {
		t.Errorf("the help does not name the flag:\n%s", errOut)
	}
	if _, _, errOut := runCLI(t, env); !strings.Contains(errOut, "chitieu import [--accept-doubtful] TỆP.csv|TỆP.xlsx") {
		t.Errorf("the usage does not name the flag:\n%s", errOut)
	}
}

// TestExportThenImportBackAddsNothing: the workbook and the CSV that
// export writes, imported back into the same Redis, are the figures it
// holds, whatever their source (a file, the chat, a correction since):
// nothing new, nothing doubled.
func TestExportThenImportBackAddsNothing(t *testing.T) {
	env := redisEnv(t)
	runCLI(t, env, "import", "testdata/figures.csv")
	s, err := store.Open(context.Background(), store.Options{URL: env["REDIS_URL"], Prefix: env["CHITIEU_REDIS_PREFIX"],
		Now: func() time.Time { return time.Date(2023, 6, 30, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for i, v := range []float64{4, 4, 3} { // by chat: twice the same figure on a day, and another
		if _, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2023, 6, 28+i/2), Value: v,
			By: 7, Source: "chat", Key: fmt.Sprintf("tg:7:m%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	imported, _ := s.Figures.Records(ctx, "CT01.1", indicator.Period{From: indicator.NewDate(2023, 1, 1), To: indicator.NewDate(2023, 12, 31)})
	if _, err := s.Figures.Correct(ctx, indicator.Correction{ID: imported[0].ID, Version: imported[0].Version, Value: 10, Text: "10", By: 7, Reason: "gõ nhầm"}); err != nil {
		t.Fatal(err)
	}
	_, before, _ := runCLI(t, env, "status", "--on", "2023-06-30", "--format", "json")
	dir := t.TempDir()
	for _, name := range []string{"out.xlsx", "out.csv"} {
		if code, _, errOut := runCLI(t, env, "export", filepath.Join(dir, name), "--on", "2023-06-30"); code != 0 {
			t.Fatalf("export %s: %s", name, errOut)
		}
		code, out, errOut := runCLI(t, env, "import", filepath.Join(dir, name))
		if code != 0 || !strings.Contains(out, "không có số liệu mới; cả 14 dòng đều trùng với số liệu đã lưu") {
			t.Errorf("%s imported back: exit %d\n%s%s", name, code, out, errOut)
		}
		if _, after, _ := runCLI(t, env, "status", "--on", "2023-06-30", "--format", "json"); after != before {
			t.Errorf("%s imported back changed the statuses", name)
		}
	}
}
