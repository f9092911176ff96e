package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/telegramtest"
)

var other = telegramtest.User{ID: 21, FirstName: "Hùng", Lang: "vi"}

// confirmInGroup has the reporter start a figure in the group and returns
// the bot's question with its buttons.
func confirmInGroup(t *testing.T, h *harness) {
	t.Helper()
	h.sayInGroup(reporter, "/baocao CT01.1 1.234")
	sent := h.srv.Sent(telegramtest.GroupID)
	if len(sent) == 0 || len(sent[len(sent)-1].Keyboard) == 0 {
		t.Fatalf("no confirmation in the group: %+v", sent)
	}
}

func TestOnlyWhoStartedAConversationMayPressItsButtons(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.join(other, store.Reporter, "PKT")
	lead := leaderOf(h)
	confirmInGroup(t, h)
	h.pressIn(telegramtest.GroupID, other, "✅")
	h.pressIn(telegramtest.GroupID, lead, "✅")
	if figs := h.figures("CT01.1"); len(figs) != 0 {
		t.Fatalf("another person's press saved %+v", figs)
	}
	answers := h.srv.Answers()
	if len(answers) != 2 || !strings.Contains(answers[0].Text, "người khác") || !strings.Contains(answers[1].Text, "someone else") {
		t.Errorf("the presser was not told: %+v", answers)
	}
	h.pressIn(telegramtest.GroupID, reporter, "✅")
	figs := h.figures("CT01.1")
	if len(figs) != 1 || figs[0].By != reporter.ID {
		t.Errorf("the owner's press saved %+v", figs)
	}
}

func TestEachStepRechecksWhoMayDoIt(t *testing.T) {
	for name, change := range map[string]func(*harness){
		"role removed": func(h *harness) {
			h.store.People.SetAccess(context.Background(), admin.ID, reporter.ID, nil, "BTC")
		},
		"moved to another unit": func(h *harness) {
			h.store.People.SetAccess(context.Background(), admin.ID, reporter.ID, []store.Role{store.Reporter}, "PKT")
		},
		"blocked": func(h *harness) {
			h.store.People.SetBlocked(context.Background(), admin.ID, reporter.ID, true)
		},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.join(reporter, store.Reporter, "BTC")
			h.say(reporter, "CT01.1: 1.234")
			change(h)
			h.press(reporter, "✅")
			if figs := h.figures("CT01.1"); len(figs) != 0 {
				t.Errorf("saved %+v after the %s", figs, name)
			}
		})
	}
}

func TestAdminFlowsOnlyInPrivate(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	for _, cmd := range []string{"/nguoidung", "/moi", "/users@" + telegramtest.BotName} {
		sent := h.sayInGroup(admin, cmd)
		last := sent[len(sent)-1]
		if !strings.Contains(last.Text, "nhắn riêng") || len(last.Keyboard) != 0 {
			t.Errorf("%s in a group answered %q", cmd, last.Text)
		}
		if strings.Contains(last.Text, "Lan") || strings.Contains(last.Text, "(7)") || strings.Contains(last.Text, "start=") {
			t.Errorf("%s in a group leaked %q", cmd, last.Text)
		}
	}
}

func TestGroupsHearOnlyCommandsForTheBot(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	for _, talk := range []struct {
		who  telegramtest.User
		text string
	}{
		{stranger, "xin chào mọi người"}, {stranger, "/chitieu"}, {stranger, "/start"},
		{reporter, "họp lúc 9 giờ"}, {reporter, "/chitieu@other_bot"}, {reporter, "/khac"},
	} {
		if sent := h.sayInGroup(talk.who, talk.text); len(sent) != 0 {
			t.Errorf("%d said %q in the group and the bot answered %q", talk.who.ID, talk.text, sent[len(sent)-1].Text)
		}
	}
	sent := h.sayInGroup(reporter, "/chitieu@"+telegramtest.BotName)
	if len(sent) == 0 || !strings.Contains(sent[0].Text, "CT01") {
		t.Errorf("a command for the bot got %+v", sent)
	}
}

func TestAGroupHearsNothingOfAnOutage(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr(), DisableIdentity: true, MaxRetries: -1})
	s, _ := store.New(rdb, store.Options{Prefix: "down", Now: func() time.Time { return today }})
	s.Init(context.Background())
	h := newHarness(t, s)
	mr.SetError("LOADING Redis is loading the dataset in memory")
	h.srv.SendInGroup(stranger, "xin chào mọi người")
	h.srv.SendInGroup(reporter, "/chitieu")
	sent := h.srv.Wait(context.Background(), telegramtest.GroupID, 10*time.Second, func(ms []telegramtest.Message) bool { return len(ms) > 0 })
	mr.SetError("")
	if len(sent) != 1 || !strings.Contains(sent[0].Text, "Hệ thống đang bận") {
		t.Errorf("the group was told %q", joined(sent))
	}
}

// TestAReasonLosesInvisibleCharacters: bidi controls and zero-width
// characters typed in a figure's reason or a correction's are dropped, as
// they are from names, and never reach /xem, whatever note a figure came
// with.
func TestAReasonLosesInvisibleCharacters(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 1")
	contains(t, h.last(reporter), "nguyên nhân")
	h.say(reporter, "Chi bộ\u202e chưa\u200b họp\u2066 xét\u2069")
	h.say(reporter, "/sua")
	h.press(reporter, "CT01.1")
	h.say(reporter, "2")
	h.say(reporter, "\u200b\u200f\u202a") // invisible only: no reason at all
	contains(t, h.last(reporter), "quá ngắn")
	h.say(reporter, "nhập\u200d nhầm\u202e")
	figs := h.figures("CT01.1")
	if len(figs) != 1 || len(figs[0].History) != 1 {
		t.Fatalf("saved %+v", figs)
	}
	if note, reason := figs[0].History[0].Note, figs[0].History[0].Reason; note != "Chi bộ chưa họp xét" || reason != "nhập nhầm" {
		t.Errorf("kept the note %q and the reason %q", note, reason)
	}
	// A note brought by a file before notes were cleaned.
	h.store.Figures.Save(context.Background(), store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2023, 6, 1), Value: 3,
		Note: "từ tệp\u202e cũ", By: reporter.ID, Source: "import:cu.csv", Key: "cu"})
	h.say(reporter, "/xem CT01.1")
	shown := joined(h.srv.Sent(reporter.ID)[len(h.srv.Sent(reporter.ID))-2:])
	for _, want := range []string{"nhập nhầm", "từ tệp cũ"} {
		if !strings.Contains(shown, want) {
			t.Errorf("/xem lacks %q", want)
		}
	}
	if strings.ContainsFunc(shown, func(r rune) bool { return unicode.Is(unicode.Cf, r) }) {
		t.Errorf("/xem shows invisible characters: %q", shown)
	}
}
