package main

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"chitieu/store"
)

// TestInviteSpeaksTheCommandLinesLanguage: invite's refusals are in
// CHITIEU_LANG's words (Vietnamese unless set), say what would do, and end
// their line.
func TestInviteSpeaksTheCommandLinesLanguage(t *testing.T) {
	env := redisEnv(t)
	tests := []struct {
		lang  string
		args  []string
		wants []string
	}{
		{"", []string{"invite", "--unit", "XYZ"}, []string{"--role", "admin, leader, reporter", "quản trị viên"}},
		{"", []string{"invite", "--role", "boss"}, []string{"--role", "“boss”"}},
		{"", []string{"invite", "--role", "reporter"}, []string{"--unit", "cán bộ phụ trách cần mã đơn vị", "BTC"}},
		{"", []string{"invite", "--role", "reporter", "--unit", "XYZ"}, []string{"kế hoạch không có đơn vị “XYZ”", "BTC, "}},
		{"", []string{"invite", "--revoke", "AbCdEf", "--role", "admin"}, []string{"--revoke", "--role"}},
		{"en", []string{"invite", "--role", "reporter", "--unit", "XYZ"}, []string{"the plan has no unit “XYZ”", "BTC, "}},
	}
	for _, tt := range tests {
		env["CHITIEU_LANG"] = tt.lang
		code, _, errOut := runCLI(t, env, tt.args...)
		if code != 1 || !strings.HasSuffix(errOut, "\n") {
			t.Errorf("%v: exit %d, %q", tt.args, code, errOut)
		}
		for _, want := range tt.wants {
			if !strings.Contains(errOut, want) {
				t.Errorf("%v (%s): %q lacks %q", tt.args, tt.lang, errOut, want)
			}
		}
		if tt.lang == "" && regexp.MustCompile(`\b(want|have|needs|the plan)\b`).MatchString(errOut) {
			t.Errorf("%v: answered in English: %q", tt.args, errOut)
		}
	}
}

// TestInviteRevokedOnTheCommandLine: the invites not yet used are listed
// by the start of their code; one is revoked by its code, that start or
// its link, audited, and then admits no one.
func TestInviteRevokedOnTheCommandLine(t *testing.T) {
	env := redisEnv(t)
	_, out, _ := runCLI(t, env, "invite", "--role", "reporter", "--unit", "BTC")
	if !strings.Contains(out, "đơn vị Ban Tổ chức Quận ủy") {
		t.Errorf("the invite does not name its unit:\n%s", out)
	}
	code := regexp.MustCompile(`start=([A-Za-z0-9_-]{22})`).FindStringSubmatch(out)[1]
	runCLI(t, env, "invite", "--role", "leader")
	_, list, _ := runCLI(t, env, "invite", "--list")
	if !strings.Contains(list, "Lời mời chưa được sử dụng (2)") || !strings.Contains(list, code[:6]+"…") || strings.Contains(list, code) {
		t.Errorf("invite --list:\n%s", list)
	}
	revoke := func(arg string, wantExit int, want string) {
		t.Helper()
		exit, out, errOut := runCLI(t, env, "invite", "--revoke", arg)
		if exit != wantExit || !strings.Contains(out+errOut, want) || !strings.HasSuffix(out+errOut, "\n") {
			t.Errorf("--revoke %s: exit %d, %q %q; want exit %d and %q", arg, exit, out, errOut, wantExit, want)
		}
	}
	revoke("https://t.me/<bot>?start="+code, 0, "Đã thu hồi lời mời "+code[:6])
	revoke(code, 1, "đã bị thu hồi")
	var other string
	for _, m := range regexp.MustCompile(`([A-Za-z0-9_-]{6})…`).FindAllStringSubmatch(list, -1) {
		if m[1] != code[:6] {
			other = m[1]
		}
	}
	revoke(other, 0, "Đã thu hồi lời mời "+other)
	if _, list, _ := runCLI(t, env, "invite", "--list"); !strings.Contains(list, "Không có lời mời nào chưa được sử dụng") {
		t.Errorf("invite --list after both were revoked:\n%s", list)
	}
	s, err := store.Open(context.Background(), store.Options{URL: env["REDIS_URL"], Prefix: env["CHITIEU_REDIS_PREFIX"]})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.People.RedeemInvite(context.Background(), code, store.Profile{ID: 7, Name: "Lan"}); !errors.Is(err, store.ErrInvite) {
		t.Errorf("a revoked invite admitted: %v", err)
	}
	entries, _ := s.Audit.Entries(context.Background(), 10, "")
	var revokes int
	for _, e := range entries {
		if e.Action == "invite.revoke" && e.Actor == 0 && e.Subject == "invite:"+code[:6] {
			revokes++
		}
	}
	if revokes != 1 {
		t.Errorf("%d audit entries of the revocation, want 1", revokes)
	}
	if _, _, usage := runCLI(t, env, "nothing"); !strings.Contains(usage, "chitieu invite --revoke MÃ") {
		t.Errorf("the help does not name --revoke:\n%s", usage)
	}
}

// TestInviteTakesAUnitCodeInAnyCase: --unit btc is the unit BTC, kept as
// the plan writes it.
func TestInviteTakesAUnitCodeInAnyCase(t *testing.T) {
	env := redisEnv(t)
	code, out, errOut := runCLI(t, env, "invite", "--role", "reporter", "--unit", "btc")
	if code != 0 || !strings.Contains(out, "đơn vị Ban Tổ chức Quận ủy") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	s, err := store.Open(context.Background(), store.Options{URL: env["REDIS_URL"], Prefix: env["CHITIEU_REDIS_PREFIX"], Now: func() time.Time { return midTerm }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if open, err := s.People.OpenInvites(context.Background()); err != nil || len(open) != 1 || open[0].Unit != "BTC" {
		t.Errorf("invites %+v, %v; want one for BTC", open, err)
	}
}
