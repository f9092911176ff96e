package telegramtest_test

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/telegramtest"
)

func client(t *testing.T, s *telegramtest.Server) *tg.BotAPI {
	api, err := tg.NewBotAPIWithAPIEndpoint(telegramtest.Token, s.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func retryAfter(err error) int {
	var te *tg.Error
	if errors.As(err, &te) {
		return te.RetryAfter
	}
	return 0
}

func TestOneMessageASecondInAChat(t *testing.T) {
	var now atomic.Int64 // the server's clock, which the test moves
	now.Store(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC).UnixNano())
	s := telegramtest.New(t, telegramtest.Options{Now: func() time.Time { return time.Unix(0, now.Load()) }})
	api := client(t, s)
	if _, err := api.Send(tg.NewMessage(5, "một")); err != nil {
		t.Fatal(err)
	}
	_, err := api.Send(tg.NewMessage(5, "hai"))
	if retryAfter(err) != 1 {
		t.Fatalf("a second message at once: %v, want 429 with retry_after 1", err)
	}
	if _, err := api.Send(tg.NewMessage(6, "another chat")); err != nil {
		t.Errorf("another chat was limited: %v", err)
	}
	now.Add(int64(time.Second))
	if _, err := api.Send(tg.NewMessage(5, "hai")); err != nil {
		t.Errorf("after a second: %v", err)
	}
	if st := s.Stats(); st.Sent != 3 || st.TooMany != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestThirtyMessagesASecondOverall(t *testing.T) {
	stopped := time.Now()
	s := telegramtest.New(t, telegramtest.Options{Now: func() time.Time { return stopped }})
	api := client(t, s)
	refused := 0
	for chat := int64(1); chat <= 40; chat++ {
		if _, err := api.Send(tg.NewMessage(chat, "x")); retryAfter(err) > 0 {
			refused++
		}
	}
	if refused < 9 || s.Stats().Sent > 31 {
		t.Errorf("40 chats at once: %d refused, %d sent; want at most 30 a second through", refused, s.Stats().Sent)
	}
}

func TestRefusesWhatTelegramRefuses(t *testing.T) {
	s := telegramtest.New(t, telegramtest.Options{PerChatBurst: 100})
	api := client(t, s)
	bad := []tg.MessageConfig{
		{BaseChat: tg.BaseChat{ChatID: 1}, Text: "<b>unclosed", ParseMode: "HTML"},
		{BaseChat: tg.BaseChat{ChatID: 1}, Text: "a < b", ParseMode: "HTML"},
		{BaseChat: tg.BaseChat{ChatID: 1}, Text: "<script>x</script>", ParseMode: "HTML"},
		{BaseChat: tg.BaseChat{ChatID: 1}, Text: string(make([]byte, 5000)), ParseMode: ""},
		{BaseChat: tg.BaseChat{ChatID: 1}, Text: ""},
	}
	for _, m := range bad {
		if _, err := api.Send(m); err == nil {
			t.Errorf("accepted %q", m.Text[:min(20, len(m.Text))])
		}
	}
	long := tg.NewMessage(1, "x")
	long.ReplyMarkup = tg.NewInlineKeyboardMarkup(tg.NewInlineKeyboardRow(tg.NewInlineKeyboardButtonData("b", string(make([]byte, 65)))))
	if _, err := api.Send(long); err == nil {
		t.Error("accepted 65 bytes of callback data")
	}
	ok := tg.NewMessage(1, "<b>Đạt</b> &amp; <i>tốt</i> &lt;3")
	ok.ParseMode = "HTML"
	if _, err := api.Send(ok); err != nil {
		t.Errorf("refused good HTML: %v", err)
	}
}

func TestPhotosAndDocuments(t *testing.T) {
	s := telegramtest.New(t, telegramtest.Options{PerChatBurst: 10})
	api := client(t, s)
	photo := tg.NewPhoto(3, tg.FileBytes{Name: "chart.png", Bytes: []byte("\x89PNG...")})
	photo.Caption = "Biểu đồ"
	if _, err := api.Send(photo); err != nil {
		t.Fatal(err)
	}
	doc := tg.NewDocument(3, tg.FileBytes{Name: "chitieu.xlsx", Bytes: []byte("PK...")})
	if _, err := api.Send(doc); err != nil {
		t.Fatal(err)
	}
	sent := s.Sent(3)
	if len(sent) != 2 || sent[0].Kind != "photo" || sent[0].File.Name != "chart.png" || sent[0].Text != "Biểu đồ" ||
		sent[1].Kind != "document" || string(sent[1].File.Data) != "PK..." {
		t.Errorf("sent %+v", sent)
	}
}

func TestLongPollingAndOffsets(t *testing.T) {
	s := telegramtest.New(t, telegramtest.Options{})
	api := client(t, s)
	u := telegramtest.User{ID: 9, FirstName: "Lan"}
	polled := make(chan struct{})
	go func() { // the message comes while the poll waits
		defer close(polled)
		look := time.NewTicker(time.Millisecond)
		defer look.Stop()
		for i := 0; s.Stats().GetUpdate == 0 && i < 30000; i++ { // up to 30 s
			<-look.C
		}
		s.SendText(u, "/baocao CT01.1 8")
	}()
	ups, err := api.GetUpdates(tg.UpdateConfig{Offset: 0, Timeout: 30})
	<-polled
	if err != nil || len(ups) != 1 || s.Stats().GetUpdate < 2 { // found none, then woken by the message
		t.Fatalf("long poll: %v %v after %d looks", ups, err, s.Stats().GetUpdate)
	}
	m := ups[0].Message
	if m.Command() != "baocao" || m.CommandArguments() != "CT01.1 8" || m.From.ID != 9 {
		t.Errorf("message %+v", m)
	}
	again, _ := api.GetUpdates(tg.UpdateConfig{Offset: 0, Timeout: 0})
	if len(again) != 1 {
		t.Error("an update not confirmed by an offset was not delivered again")
	}
	api.GetUpdates(tg.UpdateConfig{Offset: ups[0].UpdateID + 1, Timeout: 0})
	if s.Pending() != 0 {
		t.Error("an offset past the update did not confirm it")
	}
}

func TestFaults(t *testing.T) {
	s := telegramtest.New(t, telegramtest.Options{PerChatBurst: 10})
	api := client(t, s)
	s.Fail(telegramtest.Fault{Method: "sendMessage", Code: 403})
	_, err := api.Send(tg.NewMessage(1, "x"))
	var te *tg.Error
	if !errors.As(err, &te) || te.Code != 403 {
		t.Errorf("err = %v, want 403", err)
	}
	if _, err := api.Send(tg.NewMessage(1, "x")); err != nil {
		t.Errorf("after the fault: %v", err)
	}
}

func TestADelayedChatWaitsAlone(t *testing.T) {
	s := telegramtest.New(t, telegramtest.Options{PerChatBurst: 10})
	api := client(t, s)
	s.Fail(telegramtest.Fault{Method: "sendMessage", Chat: 1, Delay: time.Hour})
	go api.Send(tg.NewMessage(1, "chậm"))
	if _, err := api.Send(tg.NewMessage(2, "nhanh")); err != nil {
		t.Fatal(err)
	}
	if len(s.Sent(2)) != 1 || len(s.Sent(1)) != 0 {
		t.Errorf("sent %d to the fast chat, %d to the delayed one", len(s.Sent(2)), len(s.Sent(1)))
	}
}
