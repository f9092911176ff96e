package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

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
	c := &cli{stdout: &out, stderr: &errOut, getenv: func(k string) string { return env[k] }, now: time.Now}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- c.run(ctx, []string{"serve"}) }()

	admin := telegramtest.User{ID: 1, FirstName: "An", Lang: "vi"}
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
