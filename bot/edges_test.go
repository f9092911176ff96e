package bot_test

import (
	"bytes"
	clk "chitieu/clock"
	"context"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/redis/go-redis/v9"

	"chitieu/bot"
	"chitieu/locales"
	"chitieu/store"
	"chitieu/telegramtest"
)

func TestCommandMenuInBothLanguages(t *testing.T) {
	h := newHarness(t, nil)
	api, _ := bot.NewAPI(telegramtest.Token, h.srv.Endpoint(), nil)
	b := bot.New(bot.Deps{Store: h.store, Plan: h.plan, Catalog: locales.MustLoad(), API: api})
	b.SetCommands(context.Background())
	vi, en := h.srv.Commands(""), h.srv.Commands("en")
	if len(vi) != 14 || vi[0].Command != "baocao" || vi[0].Description != "Báo cáo số liệu" || en[0].Description != "Report a figure" {
		t.Errorf("menus: %+v / %+v", vi, en)
	}
}

func TestRefusalsChangeNothing(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	tests := []struct{ text, want string }{
		{"/khongco", "Không có lệnh /khongco"},
		{"CT01.1: 1,2,3", "hai dấu phẩy thập phân"},
		{"CT01.1: 75%", "không tính bằng “%”"},
		{"CT01.2: tốt lắm", "không phải là một con số"},
		{"CT09.9: 5", "Không có chỉ tiêu “CT09.9”"},
		{"/xem CT09.9", "Không có chỉ tiêu “CT09.9”"},
		{"/moi", "dành cho quản trị"},
		{"/huy", "Không có thao tác nào"},
		{"/baocao CT01.1", "tăng thêm trong kỳ"},
		{"/huy", "Đã hủy"},
	}
	for _, tt := range tests {
		h.say(reporter, tt.text)
		contains(t, h.last(reporter), tt.want)
	}
	for _, code := range []string{"CT01.1", "CT01.2"} {
		if n := len(h.figures(code)); n != 0 {
			t.Errorf("%s: %d figures after refusals", code, n)
		}
	}
}

func TestOldAndForgedButtonsChangeNothing(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 1.234")
	confirm := h.last(reporter)
	save := confirm.Keyboard[0][0].Data
	h.say(reporter, "/huy")
	h.pressData(reporter, confirm.ID, save)
	nonce := save[:8]
	h.pressData(reporter, confirm.ID, nonce+":toggle:admin")
	h.pressData(reporter, confirm.ID, "not:a:button")
	answers := h.srv.Answers()
	for _, a := range answers[len(answers)-3:] {
		if !strings.Contains(a.Text, "Nút") {
			t.Errorf("answer %q, want a refusal", a.Text)
		}
	}
	if len(h.figures("CT01.1")) != 0 {
		t.Error("an old button saved a figure")
	}
	u, _ := h.store.People.Get(context.Background(), reporter.ID)
	if u.Has(store.Admin) {
		t.Error("a forged button made a reporter an admin")
	}
}

func TestEnglishSpeakersGetEnglish(t *testing.T) {
	h := newHarness(t, nil)
	h.join(leader, store.Leader, "")
	contains(t, h.last(leader), "Welcome, Minh", "leader")
	h.say(leader, "/list CT01")
	contains(t, h.lastText(leader), "Indicators on 30/06/2023", "CT01.1", "No data")
	if h.last(leader).Kind != "photo" {
		t.Error("a program's list came without its picture")
	}
	h.say(leader, "/baocao")
	contains(t, h.last(leader), "for the reporter role")
}

func TestListAndDigestForALeader(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.join(leader, store.Leader, "")
	h.say(reporter, "CT01.1: 41")
	sent := h.say(leader, "/chitieu")
	all := ""
	for _, m := range sent {
		all += m.Text + "\n"
	}
	for _, code := range []string{"CT01.1", "CT03.16", "CT06.3"} {
		if !strings.Contains(all, code) {
			t.Errorf("/chitieu lacks %s", code)
		}
	}
	h.say(leader, "/tonghop")
	contains(t, h.last(leader), "the digest in en")
	h.say(leader, "/xem CT01.1")
	contains(t, h.lastText(leader), "CT01.1", "41 đảng viên", "At risk", "30/06/2023: <b>41 đảng viên</b>")
	chart := h.last(leader)
	if chart.Kind != "photo" || chart.File.Name != "CT01.1.png" {
		t.Fatalf("/xem sent no chart: %+v", chart.Kind)
	}
	img, err := png.Decode(bytes.NewReader(chart.File.Data))
	if err != nil || img.Bounds().Dx() < 1000 {
		t.Fatalf("the chart: %v, %v", img.Bounds(), err)
	}
	colours := map[color.Color]bool{}
	for y := 0; y < img.Bounds().Dy(); y += 7 {
		for x := 0; x < img.Bounds().Dx(); x += 7 {
			colours[img.At(x, y)] = true
		}
	}
	if len(colours) < 20 {
		t.Errorf("the chart is nearly blank: %d colours", len(colours))
	}
}

func TestAdminManagesPeople(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(admin, "/nguoidung")
	contains(t, h.last(admin), "Lan Nguyễn", "cán bộ phụ trách · BTC")
	h.press(admin, "Lan")
	h.press(admin, "◻️ Lãnh đạo")
	h.press(admin, "🏢")
	h.press(admin, "PKT")
	h.press(admin, "🚫")
	u, _ := h.store.People.Get(context.Background(), reporter.ID)
	if !u.Blocked || u.Unit != "PKT" || len(u.Roles) != 2 {
		t.Errorf("after the admin's changes: %+v", u)
	}
	h.press(admin, "« Danh sách")
	done := h.press(admin, "✔ Xong") // the changes stand: it must not say "nothing saved"
	contains(t, done, "Đã đóng danh sách người dùng", "đã được lưu")
	if strings.Contains(done.Text, "Chưa có thay đổi") || strings.Contains(done.Text, "hủy") {
		t.Errorf("✔ Xong after saved changes says %q", done.Text)
	}
	h.say(reporter, "CT02.3: 250")
	contains(t, h.last(reporter), "chỉ dành cho cán bộ được mời")
	entries, _ := h.store.Audit.Entries(context.Background(), 3, "")
	if entries[0].Action != "user.block" || entries[0].Actor != admin.ID {
		t.Errorf("audit: %+v", entries[0])
	}
}

// TestCancellingPeopleManagementSaysTheChangesStand: a change to a person
// is saved when pressed, so /huy afterwards must not say nothing was saved.
func TestCancellingPeopleManagementSaysTheChangesStand(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(admin, "/nguoidung")
	h.press(admin, "Lan")
	h.press(admin, "🚫")
	h.say(admin, "/huy")
	text := h.lastText(admin).Text
	if u, _ := h.store.People.Get(context.Background(), reporter.ID); !u.Blocked || strings.Contains(text, "Chưa có thay đổi") ||
		!strings.Contains(text, "đã được lưu") {
		t.Errorf("/huy after a block (saved: %v) says %q", u.Blocked, text)
	}
}

// TestLeavingPeopleManagementForAnotherMessageSaysTheChangesStand: a
// message that ends the people list (a report, a command) must not call
// the changes already saved "not saved".
func TestLeavingPeopleManagementForAnotherMessageSaysTheChangesStand(t *testing.T) {
	for _, text := range []string{"/trogiup", "CT01.1: 8"} {
		h := newHarness(t, nil)
		h.join(reporter, store.Reporter, "BTC")
		h.say(admin, "/nguoidung")
		h.press(admin, "Lan")
		h.press(admin, "🚫")
		sent := h.say(admin, text)
		said := joined(sent[len(sent)-2:])
		if strings.Contains(said, "chưa lưu") || !strings.Contains(said, "đã được lưu") {
			t.Errorf("after a saved change, %q ended the list with %q", text, said)
		}
	}
}

func TestTooManyRequestsAreRetried(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 1})
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 502})
	h.say(reporter, "CT01.1: 41")
	contains(t, h.last(reporter), "Đã lưu")
	if st := h.srv.Stats(); st.Faults != 2 {
		t.Errorf("faults answered: %d", st.Faults)
	}
}

func TestFloodLimit(t *testing.T) {
	h := newHarness(t, nil)
	api, _ := bot.NewAPI(telegramtest.Token, h.srv.Endpoint(), nil)
	b := bot.New(bot.Deps{Store: h.store, Plan: h.plan, Catalog: locales.MustLoad(), API: api, Clock: clk.At(func() time.Time { return today }),
		Flood: bot.FloodLimit{PerMinute: 1, Burst: 2}})
	h.stop()
	for i := range 5 {
		b.Handle(context.Background(), textUpdate(1000+i, stranger, "xin chào"))
	}
	sent := h.srv.Sent(stranger.ID)
	if len(sent) != 3 || !strings.Contains(sent[2].Text, "trong thời gian ngắn") {
		t.Errorf("%d replies to 5 quick messages; want 2 and one warning: %+v", len(sent), sent)
	}
}

func textUpdate(id int, u telegramtest.User, text string) tg.Update {
	return tg.Update{UpdateID: id, Message: &tg.Message{MessageID: id, Text: text,
		From: &tg.User{ID: u.ID, FirstName: u.FirstName, LanguageCode: u.Lang}, Chat: &tg.Chat{ID: u.ID, Type: "private"}}}
}

func TestWebhook(t *testing.T) {
	h := newHarness(t, nil)
	h.stop()
	api, _ := bot.NewAPI(telegramtest.Token, h.srv.Endpoint(), nil)
	b := bot.New(bot.Deps{Store: h.store, Plan: h.plan, Catalog: locales.MustLoad(), API: api, Clock: clk.At(func() time.Time { return today })})
	if err := bot.SetWebhook(context.Background(), api, "https://chitieu.example/telegram", "s3cret"); err != nil {
		t.Fatal(err)
	}
	if w := h.srv.Webhook(); w.URL != "https://chitieu.example/telegram" || w.Secret != "s3cret" {
		t.Errorf("webhook set to %+v", w)
	}
	srv := httptest.NewServer(b.Webhook("s3cret"))
	defer srv.Close()
	post := func(secret, body string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	update := `{"update_id":5000,"message":{"message_id":5,"from":{"id":99,"first_name":"X"},"chat":{"id":99,"type":"private"},"date":1,"text":"/start"}}`
	if code := post("wrong", update); code != http.StatusForbidden {
		t.Errorf("wrong secret: %d", code)
	}
	if code := post("s3cret", update); code != http.StatusOK || len(h.srv.Sent(stranger.ID)) != 1 {
		t.Errorf("right secret: %d, %d replies", code, len(h.srv.Sent(stranger.ID)))
	}
	// Sent again it would fail again and hold up the updates behind it.
	if code := post("s3cret", "{not json"); code != http.StatusOK {
		t.Errorf("an update that does not decode: %d, want it skipped", code)
	}
}

func TestRedisDownTellsTheUserAndRetries(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr(), DisableIdentity: true, MaxRetries: -1})
	s, _ := store.New(rdb, store.Options{Prefix: "down", Now: func() time.Time { return today }})
	s.Init(context.Background())
	h := newHarness(t, s)
	h.join(reporter, store.Reporter, "BTC")
	before := len(h.srv.Sent(reporter.ID))
	mr.SetError("LOADING Redis is loading the dataset in memory")
	id := h.srv.SendText(reporter, "CT01.1: 41")
	h.srv.Wait(context.Background(), reporter.ID, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > before })
	contains(t, h.last(reporter), "Hệ thống đang bận")
	mr.SetError("")
	h.handled(id)
	h.srv.Wait(context.Background(), reporter.ID, 10*time.Second, func(ms []telegramtest.Message) bool {
		return strings.Contains(ms[len(ms)-1].Text, "Đã lưu") // the save records the update handled, then replies
	})
	contains(t, h.last(reporter), "Đã lưu")
	if n := len(h.figures("CT01.1")); n != 1 {
		t.Errorf("%d figures after the outage, want 1", n)
	}
	if busy := strings.Count(joined(h.srv.Sent(reporter.ID)), "Hệ thống đang bận"); busy != 1 {
		t.Errorf("told %d times that the system is busy, want once", busy)
	}
}

func joined(ms []telegramtest.Message) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.Text + "\n")
	}
	return b.String()
}

func TestAConversationAboutAnIndicatorNoLongerInThePlan(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.store.Chats.Save(context.Background(), reporter.ID, []byte(`{"step":2,"nonce":"abcdefgh","message":1,"indicator":"CT09.9"}`), time.Hour)
	h.say(reporter, "8")
	contains(t, h.last(reporter), "Nút này đã hết hiệu lực")
	if _, err := h.store.Chats.Conversation(context.Background(), reporter.ID); err == nil {
		t.Error("the stale conversation was kept")
	}
}

func TestACommandMenuRefusedDoesNotStopTheBot(t *testing.T) {
	h := newHarness(t, nil)
	h.srv.Fail(telegramtest.Fault{Method: "setMyCommands", Code: 400, Times: 2})
	api, _ := bot.NewAPI(telegramtest.Token, h.srv.Endpoint(), nil)
	b := bot.New(bot.Deps{Store: h.store, Plan: h.plan, Catalog: locales.MustLoad(), API: api, Clock: clk.At(func() time.Time { return today })})
	b.SetCommands(context.Background())
	if len(h.srv.Commands("")) != 0 {
		t.Fatal("the refusal did not happen")
	}
	h.join(reporter, store.Reporter, "BTC")
	contains(t, h.last(reporter), "Chào mừng")
}

func TestRatingsByChat(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "VPQU")
	h.say(reporter, "CT01.5: HTT")
	contains(t, h.last(reporter), "Đã lưu", "Hoàn thành tốt")
	if figs := h.figures("CT01.5"); len(figs) != 1 || figs[0].Value != 2 {
		t.Errorf("saved %+v", figs)
	}
}

func TestTelegramDownForAWhile(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.api = noRetries
	h.restart()
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 500, Times: 2})
	h.say(reporter, "CT01.1: 41")
	h.srv.Wait(context.Background(), reporter.ID, 10*time.Second, func(ms []telegramtest.Message) bool {
		return strings.Contains(ms[len(ms)-1].Text, "Đã lưu") // tried again until Telegram takes the reply
	})
	contains(t, h.last(reporter), "Đã lưu")
	if n := len(h.figures("CT01.1")); n != 1 {
		t.Errorf("%d figures after Telegram came back, want 1", n)
	}
	if n := strings.Count(joined(h.srv.Sent(reporter.ID)), "Đã lưu"); n != 1 {
		t.Errorf("%d confirmations, want 1", n)
	}
}

func TestLeadersSilenceAlertsAndRegisterGroups(t *testing.T) {
	h := newHarness(t, nil)
	h.join(leader, store.Leader, "")
	h.say(leader, "/mute CT01.1 15/07")
	contains(t, h.last(leader), "silenced through 15/07/2023")
	silences, _ := h.store.Alerts.Silences(context.Background(), today)
	if qs := silences["CT01.1"]; len(qs) != 1 || !qs[0].Until.Equal(time.Date(2023, 7, 16, 0, 0, 0, 0, h.plan.Location)) || qs[0].Leader != leader.ID {
		t.Errorf("silences %+v", qs)
	}
	h.say(leader, "/mute CT01.1 01/01/2020")
	contains(t, h.last(leader), "Usage")
	h.say(leader, "/unmute CT01.1")
	if silences, _ = h.store.Alerts.Silences(context.Background(), today); len(silences["CT01.1"]) != 0 {
		t.Error("the silence was not lifted")
	}
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "/tat CT01.1 31/12")
	contains(t, h.last(reporter), "dành cho lãnh đạo")

	group := tg.Update{UpdateID: 9000, Message: &tg.Message{MessageID: 1, Text: "/nhom", Entities: []tg.MessageEntity{{Type: "bot_command", Length: 5}},
		From: &tg.User{ID: admin.ID, FirstName: "Quản"}, Chat: &tg.Chat{ID: -100777, Type: "group", Title: "Thường trực <Quận ủy>"}}}
	h.stop()
	api, _ := bot.NewAPI(telegramtest.Token, h.srv.Endpoint(), nil)
	b := bot.New(bot.Deps{Store: h.store, Plan: h.plan, Catalog: locales.MustLoad(), API: api, Clock: clk.At(func() time.Time { return today }), Admins: []int64{admin.ID}})
	if err := b.Handle(context.Background(), group); err != nil {
		t.Fatal(err)
	}
	groups, _ := h.store.People.Groups(context.Background())
	if groups[-100777] != "Thường trực <Quận ủy>" || !strings.Contains(h.srv.Sent(-100777)[0].Text, "&lt;Quận ủy&gt;") {
		t.Errorf("groups %v, reply %+v", groups, h.srv.Sent(-100777))
	}
	talk := group
	talk.UpdateID, talk.Message.Text, talk.Message.Entities = 9001, "hôm nay họp lúc 9 giờ", nil
	b.Handle(context.Background(), talk)
	if n := len(h.srv.Sent(-100777)); n != 1 {
		t.Errorf("the bot answered a group's talk: %d messages", n)
	}
}

func TestNamesLoseBidiAndInvisibleCharacters(t *testing.T) {
	h := newHarness(t, nil)
	sly := telegramtest.User{ID: 31, FirstName: "Lan\u202egnợ\u200b", LastName: "\u2066Nguyễn\u2069\ufeff", Lang: "vi"}
	h.join(sly, store.Reporter, "BTC")
	old := store.Profile{ID: 32, Name: "Minh\u200d\u202bTrần\u00ad", Lang: "vi"}
	if _, err := h.store.People.EnsureAdmin(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	u, err := h.store.People.Get(context.Background(), sly.ID)
	if err != nil || u.Name != "Langnợ Nguyễn" {
		t.Errorf("kept the name %q (%v)", u.Name, err)
	}
	contains(t, h.last(sly), "Chào mừng đồng chí Langnợ Nguyễn")
	h.say(admin, "/nguoidung")
	list := h.last(admin)
	contains(t, list, "MinhTrần")
	if strings.ContainsAny(list.Text, "\u202e\u200b\u2066\u2069\ufeff\u200d\u202b\u00ad") {
		t.Errorf("an invisible character shown: %q", list.Text)
	}
	for _, b := range list.Keyboard {
		for _, k := range b {
			if strings.ContainsAny(k.Text, "\u202e\u200b\u2066\u2069\ufeff\u200d\u202b\u00ad") {
				t.Errorf("an invisible character shown: %q", k.Text)
			}
		}
	}
}
