package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"chitieu/store"
	"chitieu/telegramtest"
)

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestServeLongPollingAndCleanShutdown(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{PerChatBurst: 10})
	env := redisEnv(t)
	env["TELEGRAM_BOT_TOKEN"] = telegramtest.Token
	env["TELEGRAM_API_ENDPOINT"] = srv.Endpoint()
	env["CHITIEU_ADMINS"] = "1"
	env["CHITIEU_LISTEN"] = freeAddr(t)
	var out, errOut bytes.Buffer
	start, wall := time.Date(2023, 6, 30, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)), time.Now()
	now := func() time.Time { return start.Add(time.Since(wall)) }
	c := &cli{stdout: &out, stderr: &errOut, getenv: func(k string) string { return env[k] }, now: now}
	s, err := store.Open(context.Background(), store.Options{URL: env["REDIS_URL"], Prefix: env["CHITIEU_REDIS_PREFIX"], Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, p := range []struct {
		id   int64
		role store.Role
		unit string
	}{{7, store.Reporter, "BTC"}, {8, store.Leader, ""}} {
		s.People.EnsureAdmin(context.Background(), store.Profile{ID: p.id, Name: "Người " + fmt.Sprint(p.id), Lang: "vi"})
		s.People.SetAccess(context.Background(), 0, p.id, []store.Role{p.role}, p.unit)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- c.run(ctx, []string{"serve"}) }()

	admin := telegramtest.User{ID: 1, FirstName: "An", Lang: "vi"}
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Chat: 1, Code: 429, RetryAfter: 1}) // met and obeyed: counted
	srv.SendText(admin, "/trogiup")
	sent := srv.Wait(ctx, 1, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > 0 })
	if len(sent) == 0 || !strings.Contains(sent[0].Text, "/moi") {
		t.Fatalf("the first admin got %+v\n%s", sent, errOut.String())
	}
	resp, err := http.Get("http://" + env["CHITIEU_LISTEN"] + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("healthz: %v %v", resp, err)
	}
	if len(srv.Commands("")) == 0 || len(srv.Commands("en")) == 0 {
		t.Error("the command menu was not set")
	}
	reporter, leader := telegramtest.User{ID: 7, FirstName: "Lan"}, telegramtest.User{ID: 8, FirstName: "Minh"}
	srv.SendText(reporter, "CT01.1: 5")
	srv.Wait(ctx, 7, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) == 1 })
	srv.SendText(reporter, "Chi bộ chưa họp xét kết nạp")
	alert := srv.Wait(ctx, 8, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > 0 })
	if len(alert) == 0 || !strings.Contains(alert[0].Text, "Cảnh báo chỉ tiêu") || !strings.Contains(alert[0].Text, "<b>CT01.1</b>") {
		t.Errorf("the leader was not alerted of an off-track report: %+v", alert)
	}
	srv.SendText(leader, "/tonghop")
	digest := srv.Wait(ctx, 8, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > 1 })
	if len(digest) < 2 || !strings.Contains(digest[1].Text, "Tổng hợp tình hình thực hiện chỉ tiêu tính đến ngày 30/06/2023") {
		t.Errorf("/tonghop: %+v", digest)
	}
	for path, wants := range map[string][]string{
		"/readyz": {"ok"},
		"/metrics": {`chitieu_updates_total{kind="/trogiup",outcome="ok"} 1`, `chitieu_updates_total{kind="text",outcome="ok"} 2`,
			`chitieu_pushes_total{outcome="sent"}`, "chitieu_telegram_429_total 1", "chitieu_outbox_depth 0", "chitieu_redis_pool_total_conns", "chitieu_update_seconds_bucket"},
	} {
		resp, err := http.Get("http://" + env["CHITIEU_LISTEN"] + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, want := range wants {
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
				t.Errorf("%s: %d, lacks %q", path, resp.StatusCode, want)
			}
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within 10s of SIGTERM")
	}
	if strings.Contains(errOut.String(), telegramtest.Token) {
		t.Error("the token is in the logs")
	}
}

func TestServeNeedsAToken(t *testing.T) {
	code, _, errOut := runCLI(t, map[string]string{"CHITIEU_PLAN": example}, "serve")
	if code != 1 || !strings.Contains(errOut, "TELEGRAM_BOT_TOKEN") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// TestServeOnATakenAddressFailsAtOnce: an address taken stops serve before
// anything starts, saying which setting and address.
func TestServeOnATakenAddressFailsAtOnce(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	for _, setting := range []string{"CHITIEU_LISTEN", "CHITIEU_METRICS_LISTEN"} {
		srv := telegramtest.New(t, telegramtest.Options{})
		env := redisEnv(t)
		env["TELEGRAM_BOT_TOKEN"] = telegramtest.Token
		env["TELEGRAM_API_ENDPOINT"] = srv.Endpoint()
		env["CHITIEU_LISTEN"], env["CHITIEU_METRICS_LISTEN"] = freeAddr(t), freeAddr(t)
		env[setting] = taken.Addr().String()
		done := make(chan int)
		var out, errOut bytes.Buffer
		c := &cli{stdout: &out, stderr: &errOut, getenv: func(k string) string { return env[k] }, now: time.Now}
		go func() { done <- c.run(context.Background(), []string{"serve"}) }()
		select {
		case code := <-done:
			if code != 1 || !strings.Contains(errOut.String(), setting) || !strings.Contains(errOut.String(), taken.Addr().String()) {
				t.Errorf("%s taken: exit %d, %q", setting, code, errOut.String())
			}
			if strings.Contains(errOut.String(), "started") {
				t.Errorf("%s taken: it said it started: %q", setting, errOut.String())
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s taken: serve still runs", setting)
		}
	}
}

// TestServeWebhookWithMetricsApart runs webhook mode with /metrics and
// /readyz on an address of their own, and stops with an error, at once,
// when Telegram refuses the webhook.
func TestServeWebhookWithMetricsApart(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.Options{})
	env := redisEnv(t)
	env["TELEGRAM_BOT_TOKEN"] = telegramtest.Token
	env["TELEGRAM_API_ENDPOINT"] = srv.Endpoint()
	env["CHITIEU_ADMINS"] = "1"
	env["CHITIEU_LISTEN"], env["CHITIEU_METRICS_LISTEN"] = freeAddr(t), freeAddr(t)
	env["CHITIEU_WEBHOOK_URL"], env["CHITIEU_WEBHOOK_SECRET"] = "https://bot.example/telegram", "s3cret"
	var out, errOut bytes.Buffer
	c := &cli{stdout: &out, stderr: &errOut, getenv: func(k string) string { return env[k] }, now: time.Now}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- c.run(ctx, []string{"serve"}) }()
	if !srv.Until(30*time.Second, func() bool { return srv.Webhook().URL != "" }) {
		t.Fatalf("no webhook set in 30 s:\n%s", errOut.String())
	}
	update := `{"update_id":5,"message":{"message_id":1,"date":1700000000,"from":{"id":1,"first_name":"An","language_code":"vi"},"chat":{"id":1,"type":"private"},"text":"/trogiup"}}`
	req, _ := http.NewRequest(http.MethodPost, "http://"+env["CHITIEU_LISTEN"]+"/telegram", strings.NewReader(update))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s3cret")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("webhook: %v %v\n%s", resp, err, errOut.String())
	}
	for addr, want := range map[string]map[string]int{
		env["CHITIEU_LISTEN"]:         {"/healthz": 200, "/metrics": 404, "/readyz": 404},
		env["CHITIEU_METRICS_LISTEN"]: {"/healthz": 200, "/metrics": 200, "/readyz": 200},
	} {
		for path, code := range want {
			resp, err := http.Get("http://" + addr + path)
			if err != nil || resp.StatusCode != code {
				t.Errorf("%s%s: %v %v, want %d", addr, path, resp, err, code)
			}
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d: %s", code, errOut.String())
	}

	srv.Fail(telegramtest.Fault{Method: "setWebhook", Code: 400})
	errOut.Reset()
	select {
	case code := <-runAsync(c, context.Background()):
		if code != 1 || !strings.Contains(errOut.String(), "receiver") {
			t.Errorf("a refused webhook: exit %d, %q", code, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve runs on without its receiver")
	}
}

func runAsync(c *cli, ctx context.Context) <-chan int {
	done := make(chan int, 1)
	go func() { done <- c.run(ctx, []string{"serve"}) }()
	return done
}
