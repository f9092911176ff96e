package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"chitieu/bot"
	clk "chitieu/clock"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/store"
	"chitieu/store/storetest"
	"chitieu/telegramtest"
)

// wards is a deployment of two wards' committees on one bot, both with
// the example plan: the same codes in each.
type wards struct {
	t      *testing.T
	srv    *telegramtest.Server
	stores map[string]*store.Store
	fin    *finishes
	plan   *indicator.Plan
	redis  *storeActivity
}

var (
	tayho      = store.Committee{Code: "tayho", Name: "Đảng bộ phường Tây Hồ"}
	phuthuong  = store.Committee{Code: "phuthuong", Name: "Đảng bộ phường Phú Thượng"}
	twoWards   = telegramtest.User{ID: 21, FirstName: "Hai", LastName: "Phường", Lang: "vi"}
	cityLeader = telegramtest.User{ID: 31, FirstName: "Thành", LastName: "Phố", Lang: "vi"}
)

func newWards(t *testing.T, committees ...store.Committee) *wards {
	t.Helper()
	if len(committees) == 0 {
		committees = []store.Committee{tayho, phuthuong}
	}
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	clock := storetest.NewClock(today)
	root := storetest.New(t, clock.Now)
	w := &wards{t: t, srv: telegramtest.New(t, telegramtest.Options{PerChatBurst: 100}), stores: map[string]*store.Store{}, fin: &finishes{}, plan: plan, redis: &storeActivity{}}
	root.AddHook(w.redis)
	api, err := bot.NewAPI(telegramtest.Token, w.srv.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var bots []*bot.Bot
	for _, c := range committees {
		if err := root.Committees.Add(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		s, err := root.For(c.Code)
		if err != nil {
			t.Fatal(err)
		}
		w.stores[c.Code] = s
		bots = append(bots, bot.New(bot.Deps{Store: s, Plan: plan, Catalog: locales.MustLoad(), API: api,
			Clock: clk.At(clock.Now), Admins: []int64{admin.ID}, CityLeaders: []int64{cityLeader.ID}, Observer: w.fin,
			Digest: func(_ context.Context, lang string) (string, error) { return "the digest", nil }}))
	}
	front := bot.NewDesk(committees, bots).Front()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); front.Poll(ctx, api) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
	return w
}

// join makes u a member of a committee through its invite.
func (w *wards) join(u telegramtest.User, c store.Committee, role store.Role, unit string) {
	w.t.Helper()
	w.say(u, "/start "+w.invite(c, role, unit))
}

// invite is the code of a new invite to a committee.
func (w *wards) invite(c store.Committee, role store.Role, unit string) string {
	w.t.Helper()
	inv, err := w.stores[c.Code].People.CreateInvite(context.Background(), admin.ID, role, unit, time.Hour)
	if err != nil {
		w.t.Fatal(err)
	}
	return inv.Code
}

func (w *wards) handled(id int) {
	w.t.Helper()
	s := w.stores[tayho.Code]
	if !w.redis.Until(10*time.Second, func() bool { ok, _ := s.Updates.Handled(context.Background(), id); return ok }) {
		w.t.Fatalf("update %d was not handled in 10s", id)
	}
}

// finished waits until the bot finished an update more than before: a
// save marks its update handled before the reply goes.
func (w *wards) finished(before int64) {
	w.t.Helper()
	if !w.fin.Until(10*time.Second, func() bool { return w.fin.n.Load() > before }) {
		w.t.Fatal("the bot did not finish the update in 10s")
	}
}

// say sends text as u and returns the bot's latest message to u.
func (w *wards) say(u telegramtest.User, text string) telegramtest.Message {
	w.t.Helper()
	before := w.fin.n.Load()
	w.handled(w.srv.SendText(u, text))
	w.finished(before)
	return w.last(u)
}

// last is the bot's latest text to u (a chart may follow it).
func (w *wards) last(u telegramtest.User) telegramtest.Message {
	w.t.Helper()
	return lastTextIn(w.t, w.srv, u.ID)
}

// press presses the button labelled label on the latest message with
// buttons to u, and returns the bot's latest message to u.
func (w *wards) press(u telegramtest.User, label string) telegramtest.Message {
	w.t.Helper()
	sent := w.srv.Sent(u.ID)
	for i := len(sent) - 1; i >= 0; i-- {
		for _, row := range sent[i].Keyboard {
			for _, b := range row {
				if strings.HasPrefix(b.Text, label) {
					before := w.fin.n.Load()
					w.handled(w.srv.Press(u, sent[i].ID, b.Data))
					w.finished(before)
					return w.last(u)
				}
			}
		}
	}
	w.t.Fatalf("no button %q for %d", label, u.ID)
	return telegramtest.Message{}
}

func (w *wards) figures(c store.Committee, code string) int {
	w.t.Helper()
	recs, err := w.stores[c.Code].Figures.Records(context.Background(), code, w.plan.Term)
	if err != nil {
		w.t.Fatal(err)
	}
	return len(recs)
}

func hasButtons(m telegramtest.Message) bool { return len(m.Keyboard) > 0 }

func TestAWardsReporterReachesOnlyTheirWard(t *testing.T) {
	w := newWards(t)
	w.join(reporter, tayho, store.Reporter, "BTC")
	m := w.say(reporter, "CT01.1: 41")
	if !strings.Contains(m.Text, "Đã lưu") || strings.Contains(m.Text, "Đảng bộ phường") || strings.Contains(m.Text, "đảng bộ nào") {
		t.Errorf("a person of one ward is answered as one, without a chooser or heading:\n%s", m.Text)
	}
	if w.figures(tayho, "CT01.1") != 1 || w.figures(phuthuong, "CT01.1") != 0 {
		t.Fatalf("the figure went elsewhere: Tây Hồ %d, Phú Thượng %d", w.figures(tayho, "CT01.1"), w.figures(phuthuong, "CT01.1"))
	}
	// A button of Tây Hồ's, sent back forged as Phú Thượng's: refused there.
	w.say(reporter, "/baocao CT01.1 6")
	var data string
	var msg int
	for _, sent := range w.srv.Sent(reporter.ID) {
		for _, row := range sent.Keyboard {
			for _, b := range row {
				if strings.HasPrefix(b.Data, "tayho/") {
					data, msg = b.Data, sent.ID
				}
			}
		}
	}
	if data == "" {
		t.Fatal("the ward's buttons do not carry its code")
	}
	w.handled(w.srv.Press(reporter, msg, "phuthuong/"+strings.TrimPrefix(data, "tayho/")))
	if n := w.figures(phuthuong, "CT01.1"); n != 0 {
		t.Errorf("a forged button wrote %d figures into another ward", n)
	}
	w.handled(w.srv.Press(reporter, msg, "dangbo:phuthuong")) // a chooser's button forged: refused, and done with
	if in, _ := w.stores[tayho.Code].Updates.Inbox(context.Background()); len(in) != 0 {
		t.Errorf("a refused press stays in the inbox, to be answered again at each start: %d", len(in))
	}
	if m := w.say(reporter, "/dangbo"); hasButtons(m) || !strings.Contains(m.Text, tayho.Name) {
		t.Errorf("/dangbo for a person of one ward: %q with %d rows of buttons", m.Text, len(m.Keyboard))
	}
}

func TestAPersonOfTwoWardsIsAskedAndToldWhich(t *testing.T) {
	w := newWards(t)
	w.join(twoWards, tayho, store.Reporter, "BTC")
	if m := w.say(twoWards, "/start"); strings.HasPrefix(m.Text, "<b>") {
		t.Errorf("a person of one ward is answered under a heading:\n%s", m.Text)
	}
	m := w.say(twoWards, "/start "+w.invite(phuthuong, store.Reporter, "BTC")) // joining a second ward: it is the choice
	if !strings.HasPrefix(m.Text, "<b>"+phuthuong.Name+"</b>") || !strings.Contains(m.Text, "tại "+phuthuong.Name) {
		t.Errorf("the welcome to a second ward does not name it:\n%s", m.Text)
	}
	if c, _ := w.stores[tayho.Code].Committees.Choice(context.Background(), twoWards.ID); c.Committee != phuthuong.Code {
		t.Errorf("the ward joined last is not the choice: %q", c.Committee)
	}
	// Made a member of both by their admins (no invite, no choice): asked.
	w.stores[tayho.Code].Committees.Choose(context.Background(), twoWards.ID, "")
	m = w.say(twoWards, "CT01.1: 41") // the code is in both plans
	if !hasButtons(m) || !strings.Contains(m.Text, "đảng bộ nào") {
		t.Fatalf("a code both wards know is not asked about:\n%s", m.Text)
	}
	if w.figures(tayho, "CT01.1")+w.figures(phuthuong, "CT01.1") != 0 {
		t.Fatal("a figure was saved before its ward was chosen")
	}
	w.press(twoWards, phuthuong.Name)
	if w.figures(phuthuong, "CT01.1") != 1 || w.figures(tayho, "CT01.1") != 0 {
		t.Fatalf("the figure held is not saved in the ward chosen: Tây Hồ %d, Phú Thượng %d",
			w.figures(tayho, "CT01.1"), w.figures(phuthuong, "CT01.1"))
	}
	var saved string
	for _, s := range w.srv.Sent(twoWards.ID) {
		if strings.Contains(s.Text, "Đã lưu") {
			saved = s.Text
		}
	}
	if !strings.HasPrefix(saved, "<b>"+phuthuong.Name+"</b>") && !strings.HasPrefix(saved, phuthuong.Name) {
		t.Errorf("the confirmation does not name the ward:\n%s", saved)
	}
	// The choice is kept for commands, and for the reports both wards take.
	if m := w.say(twoWards, "/xem CT01.1"); !strings.HasPrefix(m.Text, "<b>"+phuthuong.Name+"</b>") {
		t.Errorf("a command after the choice does not name the ward:\n%s", m.Text)
	}
	if m := w.say(twoWards, "CT01.2: 80%"); hasButtons(m) && strings.Contains(m.Text, "đảng bộ nào") || w.figures(phuthuong, "CT01.2") != 1 {
		t.Errorf("a report after the choice is asked about again, or not saved in the ward chosen:\n%s", m.Text)
	}
	// A code neither ward lets them report is not asked about: refused.
	if m := w.say(twoWards, "CT01.5: 3"); hasButtons(m) || strings.Contains(m.Text, "Đã lưu") {
		t.Errorf("a code of another unit:\n%s", m.Text)
	}
	// An old button of Tây Hồ's: what they type next goes to Tây Hồ.
	w.say(twoWards, "/baocao") // Phú Thượng's list of indicators
	w.say(twoWards, "/dangbo")
	w.press(twoWards, tayho.Name)
	w.say(twoWards, "/baocao") // Tây Hồ's list
	tayhoList := w.last(twoWards)
	w.say(twoWards, "/dangbo")
	w.press(twoWards, phuthuong.Name)
	for _, row := range tayhoList.Keyboard {
		for _, b := range row {
			if strings.HasPrefix(b.Text, "CT01.3") {
				w.handled(w.srv.Press(twoWards, tayhoList.ID, b.Data))
			}
		}
	}
	for _, m := range w.srv.Sent(twoWards.ID) {
		if m.ID == tayhoList.ID && (!strings.HasPrefix(m.Text, "<b>"+tayho.Name+"</b>") || !strings.Contains(m.Text, "CT01.3")) {
			t.Errorf("an old button of Tây Hồ's is answered as another's:\n%s", m.Text)
		}
	}
	if m := w.say(twoWards, "7"); !strings.HasPrefix(m.Text, "<b>"+tayho.Name+"</b>") {
		t.Errorf("the figure typed after Tây Hồ's button goes elsewhere:\n%s", m.Text)
	}
	// /dangbo lists both.
	m = w.say(twoWards, "/dangbo")
	var labels []string
	for _, row := range m.Keyboard {
		for _, b := range row {
			labels = append(labels, b.Text)
		}
	}
	if len(labels) != 2 || !strings.HasPrefix(labels[0], "✓ ") && !strings.HasPrefix(labels[1], "✓ ") {
		t.Errorf("the chooser offers %v, the ward chosen unmarked", labels)
	}
}

func TestACityLeaderReadsEveryWardAndWritesNone(t *testing.T) {
	w := newWards(t)
	m := w.say(cityLeader, "/dangbo")
	if len(m.Keyboard) != 2 {
		t.Fatalf("a city leader's chooser: %q, %d rows", m.Text, len(m.Keyboard))
	}
	w.press(cityLeader, tayho.Name)
	if m := w.say(cityLeader, "/xem CT01.1"); !strings.Contains(m.Text, "Kết nạp đảng viên mới") {
		t.Errorf("a city leader cannot read a ward's indicators:\n%s", m.Text)
	}
	w.say(cityLeader, "CT01.1: 41")
	if n := w.figures(tayho, "CT01.1") + w.figures(phuthuong, "CT01.1"); n != 0 {
		t.Errorf("a city leader saved %d figures", n)
	}
	if m := w.say(cityLeader, "/trogiup"); !strings.Contains(m.Text, "/thanhpho") || !strings.Contains(m.Text, "/dangbo") ||
		strings.Contains(m.Text, "/tat ") || !strings.Contains(m.Text, "lãnh đạo thành phố") {
		t.Errorf("a city leader's help:\n%s", m.Text)
	}
	if m := w.say(cityLeader, "/tat CT01.1"); !strings.Contains(m.Text, "không thay đổi dữ liệu") {
		t.Errorf("a city leader's silence is not refused:\n%s", m.Text)
	}
	w.say(cityLeader, "/xuat")
	if sent := w.srv.Sent(cityLeader.ID); sent[len(sent)-1].Kind != "document" {
		t.Errorf("a city leader cannot export a ward: %+v", sent[len(sent)-1])
	}
	for _, s := range w.stores {
		if _, err := s.People.Get(context.Background(), cityLeader.ID); err == nil {
			t.Error("reading a ward made the city leader one of its people")
		}
	}
}

// TestAWardAdminCannotLockOutTheCityAdmin: a city admin (CHITIEU_ADMINS)
// is an admin of every ward; a ward's own admin cannot block them, and a
// block made before (or in Redis by hand) is lifted when they write.
func TestAWardAdminCannotLockOutTheCityAdmin(t *testing.T) {
	w := newWards(t)
	wardAdmin := telegramtest.User{ID: 51, FirstName: "Phường", LastName: "Quản", Lang: "vi"}
	w.join(wardAdmin, tayho, store.Admin, "")
	w.say(admin, "/dangbo")
	w.press(admin, tayho.Name)
	w.say(admin, "/chitieu") // known to Tây Hồ from now on
	w.say(wardAdmin, "/nguoidung")
	w.press(wardAdmin, "Quản Trị")
	if m := w.press(wardAdmin, "🚫"); !strings.Contains(m.Text, "CHITIEU_ADMINS") {
		t.Errorf("blocking the city admin is not refused:\n%s", m.Text)
	}
	s := w.stores[tayho.Code]
	if u, _ := s.People.Get(context.Background(), admin.ID); u.Blocked || !u.Has(store.Admin) {
		t.Fatalf("the city admin after a ward admin's press: %+v", u)
	}
	if _, err := s.People.SetBlocked(context.Background(), wardAdmin.ID, admin.ID, true); err != nil {
		t.Fatal(err)
	}
	if m := w.say(admin, "/xem CT01.1"); strings.Contains(m.Text, "chỉ dành cho cán bộ được mời") {
		t.Errorf("a blocked city admin is refused:\n%s", m.Text)
	}
	if u, _ := s.People.Get(context.Background(), admin.ID); u.Blocked {
		t.Error("a city admin's block is not lifted when they write")
	}
}

// TestACityAdminAddsAWardInTheChat: /themdangbo CODE NAME, then the plan
// file: a plan whose reports would be issued in another ward's name is
// refused, writing nothing; the ward's own is taken, and the ward is
// registered with it as its first plan.
func TestACityAdminAddsAWardInTheChat(t *testing.T) {
	w := newWards(t)
	if m := w.say(reporter, "/themdangbo quang-an Đảng bộ phường Quảng An"); strings.Contains(m.Text, "tệp kế hoạch") {
		t.Errorf("a reporter may add a committee:\n%s", m.Text)
	}
	if m := w.say(admin, "/themdangbo Quang-An   Đảng bộ phường  Quảng An"); !strings.Contains(m.Text, "Gửi tệp kế hoạch") {
		t.Fatalf("the city admin's /themdangbo:\n%s", m.Text)
	}
	send := func(content string) telegramtest.Message {
		before := w.fin.n.Load()
		w.handled(w.srv.SendDocument(admin, "ke-hoach.yaml", []byte(content)))
		w.finished(before)
		return w.last(admin)
	}
	if m := send(string(plans.Example)); !strings.Contains(m.Text, "Tây Hồ") || strings.Contains(m.Text, "Đã thêm") {
		t.Errorf("a plan issued in Tây Hồ's name is not refused for Quảng An:\n%s", m.Text)
	}
	root := w.stores[tayho.Code]
	if known, _ := root.Committees.Known(context.Background(), "quang-an"); known {
		t.Fatal("a refused plan registered the committee")
	}
	if m := send(strings.ReplaceAll(string(plans.Example), "Tây Hồ", "Quảng An")); !strings.Contains(m.Text, "Đã thêm <b>Đảng bộ phường Quảng An</b>") {
		t.Fatalf("the ward's own plan:\n%s", m.Text)
	}
	cm, err := root.Committees.Get(context.Background(), "quang-an")
	if err != nil || cm.Name != "Đảng bộ phường Quảng An" || cm.By != admin.ID {
		t.Errorf("the ward registered: %+v, %v", cm, err)
	}
	s, _ := root.For("quang-an")
	if _, ok, _ := s.Plans.Current(context.Background()); !ok {
		t.Error("the ward has no plan")
	}
}

// TestOneWardBehindTheDeskIsAsBefore: serve puts even one committee
// behind the desk; its buttons (which carry its code) work, no reply is
// headed, and no chooser shows.
func TestOneWardBehindTheDeskIsAsBefore(t *testing.T) {
	w := newWards(t, tayho)
	w.join(reporter, tayho, store.Reporter, "BTC")
	w.say(reporter, "/baocao")
	m := w.press(reporter, "CT01.1")
	if strings.Contains(m.Text, "Đảng bộ phường") || !strings.Contains(m.Text, "Nhập số đảng viên") {
		t.Fatalf("a button of the only ward:\n%s", m.Text)
	}
	if got := w.say(reporter, "41"); !strings.Contains(got.Text, "41") || strings.HasPrefix(got.Text, "<b>Đảng bộ") {
		t.Errorf("the figure typed after the button:\n%s", got.Text)
	}
	if got := w.say(reporter, "/dangbo"); strings.Contains(got.Text, "đảng bộ") {
		t.Errorf("/dangbo speaks of committees where there is one:\n%s", got.Text)
	}
	if got := w.say(admin, "/trogiup"); strings.Contains(got.Text, "/thanhpho") {
		t.Errorf("the admin's help offers a roll-up of one committee:\n%s", got.Text)
	}
}

// TestAGroupBelongsToTheWardThatRegisteredIt: a group Tây Hồ's admin
// registered answers Phú Thượng's admin that it is Tây Hồ's, and stays so.
func TestAGroupBelongsToTheWardThatRegisteredIt(t *testing.T) {
	w := newWards(t)
	other := telegramtest.User{ID: 52, FirstName: "Phú", LastName: "Quản", Lang: "vi"}
	w.join(admin, tayho, store.Admin, "")
	w.join(other, phuthuong, store.Admin, "")
	w.handled(w.srv.SendInGroup(telegramtest.User{ID: admin.ID, FirstName: admin.FirstName, Lang: "vi"}, "/nhom@"+telegramtest.BotName))
	if groups, _ := w.stores[tayho.Code].People.Groups(context.Background()); len(groups) != 1 {
		t.Fatalf("Tây Hồ's groups: %v", groups)
	}
	w.handled(w.srv.SendInGroup(other, "/nhom@"+telegramtest.BotName))
	sent := w.srv.Sent(telegramtest.GroupID)
	if len(sent) == 0 || !strings.Contains(sent[len(sent)-1].Text, "đã được đăng ký cho <b>"+tayho.Name+"</b>") {
		t.Errorf("another ward's admin in the group is not told whose it is: %+v", sent)
	}
	if groups, _ := w.stores[phuthuong.Code].People.Groups(context.Background()); len(groups) != 0 {
		t.Errorf("the group was taken by another ward: %v", groups)
	}
}
