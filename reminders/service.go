// Package reminders pushes to people what they must not miss: reminders
// before a report is due and nags while it is overdue, the weekly digest
// for leaders, and alerts when an indicator falls off track. Every push
// goes through the store's outbox with an idempotency key, so a job run
// twice or on two instances sends it once; the Sender drains the outbox
// within Telegram's limits and outside quiet hours.
package reminders

import (
	"cmp"
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"slices"
	"sync/atomic"
	"time"

	"chitieu/clock"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// Config sets when things are sent.
type Config struct {
	RemindBefore  []int         // days before a due day to remind; {3, 0} unless set
	RemindAt      time.Duration // time of day of reminders and nags; 08:30 unless set
	EscalateAfter int           // days overdue before the unit's leaders are told; 3 unless set
	DigestDay     time.Weekday  // Monday unless set (Sunday cannot be chosen)
	DigestAt      time.Duration // 08:00 unless set
	SweepAt       time.Duration // time of day of the off-track sweep; 07:30 unless set
	RepeatDays    int           // days between alerts while an indicator stays off track; 7 unless set
	CatchUp       time.Duration // at start, runs missed up to this long ago are made up; 24 h unless set
	Lease         time.Duration // a run's claim lapses after this, if its process died; 15 minutes unless set
}

func (c Config) withDefaults() Config {
	if c.RemindBefore == nil {
		c.RemindBefore = []int{3, 0}
	}
	if c.RemindAt == 0 {
		c.RemindAt = 8*time.Hour + 30*time.Minute
	}
	if c.EscalateAfter == 0 {
		c.EscalateAfter = 3
	}
	if c.DigestDay == time.Sunday {
		c.DigestDay = time.Monday
	}
	if c.DigestAt == 0 {
		c.DigestAt = 8 * time.Hour
	}
	if c.SweepAt == 0 {
		c.SweepAt = 7*time.Hour + 30*time.Minute
	}
	if c.RepeatDays == 0 {
		c.RepeatDays = 7
	}
	if c.CatchUp == 0 {
		c.CatchUp = 24 * time.Hour
	}
	if c.Lease == 0 {
		c.Lease = 15 * time.Minute // the retries of a run (6 minutes) and more
	}
	return c
}

// Service makes the pushes.
type Service struct {
	Store    *store.Store
	Plan     *indicator.Plan
	live     *atomic.Pointer[indicator.Plan] // the plan in force (SetPlan)
	Catalog  *locales.Catalog
	Calendar Calendar
	Clock    clock.Clock // the one clock: the plan's day, the jobs' waits between tries; the real one unless set
	Name     string      // this instance, in its claims of job runs; random unless set
	Log      *slog.Logger
	Config   Config
	Observer JobObserver // counts the job runs (Prometheus, in serve)
	// Heading names the committee at the top of every push, when the
	// deployment serves several: a person in two wards reads whose
	// reminder, digest or alert it is. "" for none.
	Heading string
}

// New makes a service; zero values of the configuration take defaults.
func New(s Service) *Service {
	s.Config = s.Config.withDefaults()
	if s.Log == nil {
		s.Log = slog.New(slog.DiscardHandler)
	}
	if s.Clock == nil {
		s.Clock = clock.Real()
	}
	if s.Name == "" {
		s.Name = rand.Text()
	}
	if s.Calendar.Loc == nil {
		s.Calendar.Loc = s.Plan.Location
	}
	if s.Observer == nil {
		s.Observer = noObserver{}
	}
	s.live = &atomic.Pointer[indicator.Plan]{}
	s.live.Store(s.Plan)
	return &s
}

// SetPlan makes the jobs and checks that start from now on use plan (a
// version applied while the service runs).
func (s *Service) SetPlan(plan *indicator.Plan) { s.live.Store(plan) }

// plan is the plan in force: the one set last, or Plan.
func (s *Service) plan() *indicator.Plan {
	if s.live == nil {
		return s.Plan
	}
	return s.live.Load()
}

// maxPush is how long one pushed message may be.
const maxPush = 4000

// enqueue writes a message to a chat into the outbox, cut into parts when
// it is long; key makes it once only.
func (s *Service) enqueue(ctx context.Context, key string, chat int64, kind, text string) error {
	_, err := s.Store.Pushes.Enqueue(ctx, parts(key, chat, kind, s.split(text))...)
	return err
}

// split cuts a message into parts short enough to push, under the
// committee's heading when it has one; a message to many chats is split
// once.
func (s *Service) split(text string) []string {
	if s.Heading != "" {
		text = "<b>" + render.Esc(s.Heading) + "</b>\n" + text
	}
	return render.Split(text, maxPush)
}

// parts are the pushes of a message's parts to a chat: key names the
// message, and each part adds its number.
func parts(key string, chat int64, kind string, texts []string) []store.Push {
	out := make([]store.Push, len(texts))
	for i, part := range texts {
		out[i] = store.Push{Key: fmt.Sprintf("%s#%d", key, i+1), Chat: chat, Kind: kind, Text: part, HTML: true}
	}
	return out
}

// evaluations evaluates every indicator on day d, in plan order.
func (s *Service) evaluations(ctx context.Context, d indicator.Date) ([]indicator.Evaluation, map[string][]indicator.Figure, error) {
	return evaluate(ctx, s.Store, s.plan(), d)
}

// evaluate evaluates every indicator of a plan on day d from a term's
// store, in plan order.
func evaluate(ctx context.Context, st *store.Store, plan *indicator.Plan, d indicator.Date) ([]indicator.Evaluation, map[string][]indicator.Figure, error) {
	inds := plan.Indicators()
	stored, err := st.Figures.All(ctx, plan.Codes(), plan.Span())
	if err != nil {
		return nil, nil, err
	}
	figs := make(map[string][]indicator.Figure, len(stored))
	evals := make([]indicator.Evaluation, len(inds))
	for i, ind := range inds {
		figs[ind.Code] = indicator.FiguresOf(stored[ind.Code])
		evals[i] = indicator.Evaluate(ind, figs[ind.Code], d)
	}
	return evals, figs, nil
}

// today is the day of t in the plan's time zone.
func (s *Service) today(t time.Time) indicator.Date {
	return indicator.DateOf(t.In(s.plan().Location))
}

// audience is who the leaders' pushes go to: every leader and leaders'
// group, in the order of their chat ids, and the names of everyone (an
// alert says who reported).
type audience struct {
	chats []recipient
	names map[int64]string
}

// recipient is a chat and the language pushed to it.
type recipient struct {
	chat int64
	lang string
}

// audience reads the leaders and the leaders' groups in one round trip.
func (s *Service) audience(ctx context.Context) (audience, error) {
	users, groups, err := s.Store.People.WithGroups(ctx)
	if err != nil {
		return audience{}, err
	}
	a := audience{names: make(map[int64]string, len(users))}
	for _, u := range users {
		a.names[u.ID] = u.Name
		if u.Has(store.Leader) && !u.Inactive {
			a.chats = append(a.chats, recipient{u.ID, u.Lang})
		}
	}
	for chat := range groups {
		a.chats = append(a.chats, recipient{chat, "vi"})
	}
	slices.SortFunc(a.chats, func(x, y recipient) int { return cmp.Compare(x.chat, y.chat) })
	return a, nil
}

// name is how a pushed message names a person, or "" for one unknown.
func (a audience) name(id int64) string {
	if n, ok := a.names[id]; ok && id != 0 {
		return render.Name(n)
	}
	return ""
}

// people are the persons who may be pushed to.
type people []store.User

func (s *Service) people(ctx context.Context) (people, error) {
	users, err := s.Store.People.All(ctx)
	var out people
	for _, u := range users {
		if !u.Blocked && !u.Inactive {
			out = append(out, u)
		}
	}
	return out, err
}

// with those of a role, of a unit when unit is not "".
func (ps people) with(role store.Role, unit string) people {
	var out people
	for _, u := range ps {
		if u.Has(role) && (unit == "" || u.Unit == unit) {
			out = append(out, u)
		}
	}
	return out
}

// unitLeaders are the leaders of a unit, or the leaders of no unit (the
// district's) when it has none.
func (ps people) unitLeaders(unit string) people {
	if l := ps.with(store.Leader, unit); len(l) > 0 {
		return l
	}
	var out people
	for _, u := range ps.with(store.Leader, "") {
		if u.Unit == "" {
			out = append(out, u)
		}
	}
	return out
}
