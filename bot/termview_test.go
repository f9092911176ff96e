package bot_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chitieu/indicator"
	"chitieu/plans"
	"chitieu/store"
	"chitieu/telegramtest"
)

var (
	// cadre reports for the 2025–2030 plan's owner of CT01.1.
	cadre = telegramtest.User{ID: 9, FirstName: "Hà", LastName: "Trần", Lang: "vi"}
	// chief is a leader who reads Vietnamese.
	chief = telegramtest.User{ID: 10, FirstName: "Bình", LastName: "Lê", Lang: "vi"}
)

// afterTheTerm is the bot's clock once the 2025–2030 term runs.
var afterTheTerm = time.Date(2026, 2, 10, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// nextTermPlan is the 2025–2030 example plan's file.
func nextTermPlan(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "plans", plans.NextTermName))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// firstTerm keeps the 2020–2025 plan as the first version and puts the
// store in its term, as serve does.
func firstTerm(t *testing.T, h *harness) {
	t.Helper()
	ctx := context.Background()
	if _, err := h.store.Plans.Seed(ctx, plans.Example, "seed"); err != nil {
		t.Fatal(err)
	}
	first, _, err := h.store.CurrentTerm(ctx)
	if err != nil || !first.Registered() {
		t.Fatalf("first term %+v, %v", first, err)
	}
	h.store.UseTerm(first)
}

// finishTheTerm applies the 2025–2030 plan ahead and moves the clock to
// 10/2/2026, when 2025–2030 runs and 2020–2025 has ended (it still takes
// late figures until mid-April).
func finishTheTerm(t *testing.T, h *harness) store.Term {
	t.Helper()
	ctx := context.Background()
	if _, _, err := h.store.Plans.Apply(ctx, nextTermPlan(t), admin.ID, "Đại hội VII"); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(afterTheTerm)
	cur, _, err := h.store.CurrentTerm(ctx)
	if err != nil || cur.Name != "2025–2030" {
		t.Fatalf("current term %+v, %v", cur, err)
	}
	return cur
}

// twoTerms is a bot whose 2020–2025 term (CT01.1: 95 in 2025) is finished
// and which runs 2025–2030, as the plan follower leaves it.
func twoTerms(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, nil)
	firstTerm(t, h)
	h.join(reporter, store.Reporter, "BTC")
	h.join(cadre, store.Reporter, "BXDD")
	h.join(chief, store.Leader, "")
	_, err := h.store.Figures.Import(context.Background(), reporter.ID, []store.NewFigure{
		{Indicator: "CT01.1", Date: indicator.NewDate(2025, 11, 25), Value: 95, Key: "t:1"}})
	if err != nil {
		t.Fatal(err)
	}
	cur := finishTheTerm(t, h)
	next, err := indicator.Load(nextTermPlan(t))
	if err != nil {
		t.Fatal(err)
	}
	h.store.UseTerm(cur)
	h.store.Follow(next)
	h.plan = next
	h.restart()
	return h
}

// answer is what the bot sent u in reply to text, as one message (a long
// reply comes in parts), with the buttons of its last part.
func (h *harness) answer(u telegramtest.User, text string) telegramtest.Message {
	h.t.Helper()
	before := len(h.srv.Sent(u.ID))
	sent := h.say(u, text)[before:]
	return asOne(sent)
}

func asOne(sent []telegramtest.Message) telegramtest.Message {
	var out telegramtest.Message
	for _, m := range sent {
		if m.Kind == "text" {
			out.Text += m.Text + "\n"
			out.Keyboard = m.Keyboard
		}
	}
	return out
}

func noButtons(t *testing.T, m telegramtest.Message) {
	t.Helper()
	if len(m.Keyboard) > 0 {
		t.Errorf("a finished term's reply offers buttons %+v:\n%s", m.Keyboard, m.Text)
	}
}

// TestAFinishedTermIsReadWithItsOwnPlanAndFigures: /chitieu and /xem with
// a term's years (in any of the ways people write them) read the finished
// term's figures with its own plan, say so in their heading and offer no
// button; the current term's replies are as before.
func TestAFinishedTermIsReadWithItsOwnPlanAndFigures(t *testing.T) {
	h := twoTerms(t)
	m := h.answer(chief, "/chitieu 2020-2025")
	contains(t, m, "Nhiệm kỳ 2020–2025 (đã kết thúc)", "CT01.1", "CT06")
	noButtons(t, m)
	for _, ask := range []string{"/xem CT01.1 2020-2025", "/xem CT01.1 2020 – 2025", "/xem ct01.1 nhiệm kỳ trước", "/xem CT01.1 2020–2025"} {
		h.say(chief, ask)
		m := h.lastText(chief)
		contains(t, m, "Nhiệm kỳ 2020–2025 (đã kết thúc)", "<b>95 đảng viên</b>", "Đạt")
		noButtons(t, m)
	}
	h.say(chief, "/xem CT01.1")
	if m := h.lastText(chief); strings.Contains(m.Text, "<b>95 đảng viên</b>") || strings.Contains(m.Text, "đã kết thúc") {
		t.Errorf("the current term shows the finished term's figure:\n%s", m.Text)
	}
}

// TestTheCurrentListOffersTheFinishedTerm: /chitieu of the current term
// has a button to the finished one, whose data fits Telegram's 64 bytes
// (the fake server checks) and which still works on an old message.
func TestTheCurrentListOffersTheFinishedTerm(t *testing.T) {
	h := twoTerms(t)
	m := h.answer(chief, "/chitieu")
	if strings.Contains(m.Text, "đã kết thúc") || len(m.Keyboard) != 1 {
		t.Fatalf("the current term's list:\n%s\n%+v", m.Text, m.Keyboard)
	}
	h.say(chief, "/xem CT01.1")
	before := len(h.srv.Sent(chief.ID))
	h.press(chief, "📁")
	contains(t, asOne(h.srv.Sent(chief.ID)[before:]), "Nhiệm kỳ 2020–2025 (đã kết thúc)", "CT06", "<b>CT01.1</b>")
}

// TestAnUnknownTermListsTheTerms: a term Redis does not keep is answered
// with the terms it keeps.
func TestAnUnknownTermListsTheTerms(t *testing.T) {
	h := twoTerms(t)
	h.say(chief, "/chitieu 2010-2015")
	contains(t, h.lastText(chief), "2010–2015", "2020–2025", "2025–2030")
	h.say(chief, "/xem CT01.1 2015-2020")
	contains(t, h.lastText(chief), "2015–2020", "2020–2025")
}

// TestAReportBegunBeforeANewTermGoesToItsOwnTerm: a report begun in the
// 2020–2025 term and finished after 2025–2030 began is saved in 2020–2025,
// which still takes figures, and says so; once 2020–2025 has closed, one
// is not saved in either term, and the reply says where figures go.
func TestAReportBegunBeforeANewTermGoesToItsOwnTerm(t *testing.T) {
	h := newHarness(t, nil)
	firstTerm(t, h)
	h.join(reporter, store.Reporter, "BTC")
	h.clock.Set(time.Date(2025, 12, 31, 22, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	h.say(reporter, "/baocao CT01.1")
	cur := finishTheTerm(t, h)
	next, _ := indicator.Load(nextTermPlan(t))
	h.store.UseTerm(cur)
	h.plan = next
	h.restart()
	h.say(reporter, "8")
	h.press(reporter, "✅ Lưu")
	contains(t, h.lastText(reporter), "nhiệm kỳ 2020–2025", "Đã lưu")
	first, _ := h.store.FindTerm(context.Background(), "2020-2025")
	if figs, _ := h.store.InTerm(first).Figures.Records(context.Background(), "CT01.1", first.Period()); len(figs) != 1 || figs[0].Value != 8 {
		t.Errorf("2020–2025's figures: %+v", figs)
	}
	if figs := h.figures("CT01.1"); len(figs) != 0 {
		t.Errorf("saved in the current term: %+v", figs)
	}

	h.clock.Set(time.Date(2025, 12, 31, 22, 0, 0, 0, time.FixedZone("ICT", 7*3600))) // back in 2020–2025, on its plan
	example, _ := indicator.Load(plans.Example)
	h.store.UseTerm(first)
	h.plan = example
	h.restart()
	h.say(reporter, "/baocao CT01.1")
	h.clock.Set(first.Closes.In(time.UTC).Add(48 * time.Hour)) // 2020–2025 has closed: the instance is on 2025–2030
	h.store.UseTerm(cur)
	h.plan = next
	h.restart()
	h.say(reporter, "9")
	contains(t, h.lastText(reporter), "nhiệm kỳ 2020–2025 đã kết thúc", "nhiệm kỳ hiện hành 2025–2030")
	h.say(reporter, "9")
	if m := h.lastText(reporter); strings.Contains(m.Text, "đã kết thúc") {
		t.Errorf("the conversation was not ended:\n%s", m.Text)
	}
}

// TestACorrectionRefusedAsFinishedIsExplained: an instance still on the
// 2020–2025 plan once that term has closed has its correction refused by
// the store; the reporter is told why, not given the generic error, and
// nothing changes.
func TestACorrectionRefusedAsFinishedIsExplained(t *testing.T) {
	h := newHarness(t, nil)
	firstTerm(t, h)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	h.say(reporter, "/sua")
	h.press(reporter, "CT01.1")
	h.say(reporter, "42")
	finishTheTerm(t, h)
	first, _ := h.store.FindTerm(context.Background(), "2020-2025")
	h.clock.Set(first.Closes.In(time.UTC).Add(48 * time.Hour))
	h.say(reporter, "gõ nhầm số")
	m := h.lastText(reporter)
	contains(t, m, "nhiệm kỳ 2020–2025 đã kết thúc", "nhiệm kỳ hiện hành 2025–2030")
	if strings.Contains(m.Text, "Xin lỗi, đã xảy ra lỗi") {
		t.Errorf("the generic error:\n%s", m.Text)
	}
	if figs := h.store.InTerm(first); figs == nil {
		t.Fatal("no store")
	}
	if figs, _ := h.store.InTerm(first).Figures.Records(context.Background(), "CT01.1", first.Period()); len(figs) != 1 || figs[0].Value != 41 {
		t.Errorf("figures %+v", figs)
	}
}

// TestALateFigureReachesItsEndedTerm: in March 2026, with 2025–2030
// current, the 2025 rating of CT01.4a (a code of 2020–2025 only, due
// 16/3/2026) is reported as usual, goes to 2020–2025 and says so; a
// figure of CT01.1, whose report of 2025–2030 is missing, goes to the
// current term; once 2020–2025 has closed, the rating is refused.
func TestALateFigureReachesItsEndedTerm(t *testing.T) {
	h := twoTerms(t)
	h.join(reporter, store.Reporter, "VPUB")
	first, _ := h.store.FindTerm(context.Background(), "2020-2025")
	if _, err := h.store.InTerm(first).Figures.Import(context.Background(), 0, []store.NewFigure{
		{Indicator: "CT01.4a", Date: indicator.NewDate(2024, 12, 31), Value: 2, Key: "2024"}}); err != nil {
		t.Fatal(err) // the 2024 rating came in 2025
	}
	h.clock.Set(time.Date(2026, 3, 10, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	h.restart()
	h.say(reporter, "CT01.4a: Hoàn thành tốt nhiệm vụ")
	contains(t, h.lastText(reporter), "thuộc <b>nhiệm kỳ 2020–2025</b>", "Đã lưu <b>CT01.4a</b>", "năm 2025")
	figs, _ := h.store.InTerm(first).Figures.Records(context.Background(), "CT01.4a", first.Period())
	if len(figs) != 2 || figs[1].Date != indicator.NewDate(2025, 12, 31) || figs[0].Value != 2 {
		t.Fatalf("2020–2025's CT01.4a: %+v, want the 2025 rating dated 31/12/2025", figs)
	}
	h.say(cadre, "CT01.1: 5")
	if m := h.lastText(cadre); strings.Contains(m.Text, "2020–2025") || !strings.Contains(m.Text, "Đã lưu") {
		t.Errorf("CT01.1, whose 2025–2030 report is missing, went elsewhere:\n%s", m.Text)
	}
	if figs := h.figures("CT01.1"); len(figs) != 1 || figs[0].Value != 5 {
		t.Errorf("2025–2030's CT01.1: %+v", figs)
	}
	h.clock.Set(first.Closes.In(time.UTC).Add(48 * time.Hour))
	h.restart()
	h.say(reporter, "CT01.4b: HTT")
	if m := h.lastText(reporter); strings.Contains(m.Text, "Đã lưu") {
		t.Errorf("a rating of the closed term was saved:\n%s", m.Text)
	}
}

// TestALateRowOfAFileReachesItsEndedTerm: a figures file sent in March
// 2026 with the 2025 rating of CT01.5 (of 2020–2025 only) and a figure of
// 2025–2030 puts each row in its own term.
func TestALateRowOfAFileReachesItsEndedTerm(t *testing.T) {
	h := twoTerms(t)
	h.clock.Set(time.Date(2026, 3, 10, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
	h.restart()
	file := "indicator,date,value\nCT01.5,2025-12-31,Hoàn thành tốt nhiệm vụ\nCT01.1,2026-02-25,6\n"
	h.handled(h.srv.SendDocument(admin, "muon.csv", []byte(file)))
	contains(t, h.last(admin), "CT01.5", "CT01.1")
	h.press(admin, "📥 Nhập 2 số liệu mới")
	contains(t, h.lastText(admin), "Đã nhập 2 số liệu mới")
	first, _ := h.store.FindTerm(context.Background(), "2020-2025")
	if figs, _ := h.store.InTerm(first).Figures.Records(context.Background(), "CT01.5", first.Period()); len(figs) != 1 || figs[0].Value != 2 {
		t.Errorf("2020–2025's CT01.5: %+v", figs)
	}
	if figs := h.figures("CT01.1"); len(figs) != 1 || figs[0].Value != 6 {
		t.Errorf("2025–2030's CT01.1: %+v", figs)
	}
}
