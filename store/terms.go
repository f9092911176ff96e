package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	yaml "go.yaml.in/yaml/v3"

	"chitieu/indicator"
)

// Term is one term of office, named by its plan's term dates. Its figures,
// their indexes and sums, its alerts, silences and digest
// snapshot are its own (termKeys, under Infix); people, invites, groups,
// the audit log, the outbox and the plan versions are shared.
//
// Terms follow each other by their days, never overlapping: a next term's
// plan may be applied ahead, and the term holding today is current (the
// latest begun). A term that has ended still takes figures dated inside it
// until Closes (its last report's due day and the plan's late_days), then
// it only reads; it is read with its own plan (its last version). An
// admin may end a term before its planned end (EndTerm): To is then that
// day.
type Term struct {
	ID         string         `json:"id"`              // "2020-01-01..2025-12-31"
	Infix      string         `json:"infix"`           // "" for the first term, "t2", "t3" …
	Name       string         `json:"name"`            // "2020–2025", as people say it
	Title      string         `json:"title,omitempty"` // the plan's title
	From       indicator.Date `json:"from"`
	To         indicator.Date `json:"to"`
	Plan       int            `json:"plan"`             // the term's last plan version
	Zone       string         `json:"zone,omitempty"`   // the plan's time zone: the term's days are its days
	Closes     indicator.Date `json:"closes,omitempty"` // the last day it takes figures; 0 in a record from before
	EndedEarly bool           `json:"ended_early,omitempty"`
	registered bool           // read from the registry (not made up from a plan)
}

// Today is the day of now in the term's time zone.
func (t Term) Today(now time.Time) indicator.Date {
	loc, err := time.LoadLocation(t.Zone)
	if t.Zone == "" || err != nil {
		loc = vietnam
	}
	return indicator.DateOf(now.In(loc))
}

// vietnam is a term's time zone when its record names none.
var vietnam = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}()

// Started reports whether the term has begun by today.
func (t Term) Started(today indicator.Date) bool { return today >= t.From }

// Ended reports whether the term's last day has passed: it reads as
// finished, though it may still take late figures.
func (t Term) Ended(today indicator.Date) bool { return today > t.To }

// Closed reports whether the term takes no more figures.
func (t Term) Closed(today indicator.Date) bool { return t.Closes != 0 && today > t.Closes }

// TermID is the id of the term a plan's term dates make.
func TermID(p indicator.Period) string { return p.From.String() + ".." + p.To.String() }

// Registered reports whether the term is in the registry: one that a plan
// would start (ForPlan) is not, until the plan is applied.
func (t Term) Registered() bool { return t.registered }

// Period is the term's span.
func (t Term) Period() indicator.Period { return indicator.Period{From: t.From, To: t.To} }

func (t Term) keys(k keys) termKeys {
	if t.Infix == "" {
		return termKeys{k: k}
	}
	return termKeys{k: k, t: t.Infix + ":"}
}

// ErrTermFinished is what a write into a finished term is (errors.Is).
var ErrTermFinished = errors.New("the term is finished")

// ErrTermNotStarted is what a write into a term whose plan was not applied
// yet is.
var ErrTermNotStarted = errors.New("the term has not started")

// ErrTermOrder is what applying a plan whose term overlaps the current
// one, or comes before it, is.
var ErrTermOrder = errors.New("terms follow each other")

// FinishedError is a write refused because its term is finished.
type FinishedError struct{ Term Term }

func (e *FinishedError) Error() string {
	return fmt.Sprintf("term %s (%s) is finished: its figures are read-only", e.Term.Name, e.Term.ID)
}

func (e *FinishedError) Is(target error) bool { return target == ErrTermFinished }

// OrderError is a plan refused because its term has ended (Ended), or
// does not come after the last one (Current).
type OrderError struct {
	Plan, Current Term
	Ended         bool
}

func (e *OrderError) Error() string {
	if e.Ended {
		return fmt.Sprintf("the plan is for term %s (%s), which has ended; the current term is %s (%s)",
			e.Plan.Name, e.Plan.ID, e.Current.Name, e.Current.ID)
	}
	return fmt.Sprintf("the plan's term %s (%s) overlaps or comes before the current term %s (%s): a new term must start after %s",
		e.Plan.Name, e.Plan.ID, e.Current.Name, e.Current.ID, e.Current.To)
}

func (e *OrderError) Is(target error) bool { return target == ErrTermOrder }

// termScope is the term whose keys a store's term-scoped calls use.
type termScope struct {
	k    termKeys
	term Term
}

// tk names the keys of the store's term.
func (s *Store) tk() termKeys { return s.scope.Load().k }

// Term is the term the store reads and writes; its zero value (ID "") on
// a store that has no registry to go by.
func (s *Store) Term() Term { return s.scope.Load().term }

// UseTerm makes the store read and write term t's data from now on: a
// running instance moves to the new term when its plan is taken up.
func (s *Store) UseTerm(t Term) { s.scope.Store(&termScope{k: t.keys(s.k), term: t}) }

// InTerm is a store on the same connection that reads and writes term t
// (a finished term only reads). Closing either closes both.
func (s *Store) InTerm(t Term) *Store {
	o := &Store{rdb: s.rdb, k: s.k, now: s.now, registry: s.registry}
	o.parts()
	o.UseTerm(t)
	return o
}

// writable refuses a write into a finished term, or into a later term
// before its plan is applied, as the store knows its term.
func (s *Store) writable() error {
	t := s.Term()
	switch {
	case t.registered && t.Closed(t.Today(s.now())):
		return &FinishedError{t}
	case !t.registered && t.Infix != "":
		return fmt.Errorf("term %s (%s): %w: apply its plan first", t.Name, t.ID, ErrTermNotStarted)
	}
	return nil
}

// writableNow is writable after reading the term again from the registry:
// another instance may have finished it.
func (s *Store) writableNow(ctx context.Context) error {
	if err := s.writable(); err != nil || !s.Term().registered {
		return err
	}
	t, err := s.readTerm(ctx, s.rdb, s.Term().ID)
	if err != nil {
		return err
	}
	if t.Closed(t.Today(s.now())) {
		return &FinishedError{t}
	}
	return nil
}

func (s *Store) readTerm(ctx context.Context, c redis.Cmdable, id string) (Term, error) {
	doc, err := c.HGet(ctx, s.k.terms(), id).Result()
	if err != nil {
		return Term{}, fmt.Errorf("term %s: %w", id, err)
	}
	return decodeTerm(doc)
}

func decodeTerm(doc string) (Term, error) {
	var t Term
	if err := json.Unmarshal([]byte(doc), &t); err != nil {
		return Term{}, fmt.Errorf("term: %w", err)
	}
	t.registered = true
	return t, nil
}

// withCloses fills in the last day a term recorded before terms took late
// figures takes them, from its plan version.
func (s *Store) withCloses(ctx context.Context, c redis.Cmdable, t Term) Term {
	if t.Closes != 0 || t.Plan == 0 {
		return t
	}
	t.Closes = t.To
	doc, err := c.HGet(ctx, s.k.planVersions(), strconv.Itoa(t.Plan)).Result()
	if err != nil {
		return t
	}
	v, err := decodePlanVersion(doc)
	if err != nil {
		return t
	}
	if plan, err := indicator.Load([]byte(v.Content)); err == nil {
		plan.EndOn(t.To)
		t.Closes, t.Zone = plan.Closes(), plan.Timezone
	}
	return t
}

// Terms reads every term, oldest first. A store whose plan versions
// predate the registry has one term, the current version's, under the
// keys kept before terms.
func (s *Store) Terms(ctx context.Context) ([]Term, error) {
	return s.terms(ctx, s.rdb)
}

func (s *Store) terms(ctx context.Context, c redis.Cmdable) ([]Term, error) {
	all, err := c.HGetAll(ctx, s.k.terms()).Result()
	if err != nil {
		return nil, fmt.Errorf("terms: %w", err)
	}
	out := make([]Term, 0, len(all))
	for _, doc := range all {
		t, err := decodeTerm(doc)
		if err != nil {
			return nil, err
		}
		out = append(out, s.withCloses(ctx, c, t))
	}
	if len(out) == 0 {
		return s.legacyTerm(ctx, c)
	}
	slices.SortFunc(out, func(a, b Term) int { return cmp.Compare(a.From, b.From) })
	return out, nil
}

// legacyTerm is the term of the current plan version when there is no
// registry yet: the first term, under the keys kept before terms.
func (s *Store) legacyTerm(ctx context.Context, c redis.Cmdable) ([]Term, error) {
	n, err := c.Get(ctx, s.k.planCurrent()).Int()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("current plan: %w", err)
	}
	doc, err := c.HGet(ctx, s.k.planVersions(), strconv.Itoa(n)).Result()
	if err != nil {
		return nil, fmt.Errorf("plan version %d: %w", n, err)
	}
	v, err := decodePlanVersion(doc)
	if err != nil {
		return nil, err
	}
	t, ok := termOfContent([]byte(v.Content))
	if !ok {
		return nil, nil
	}
	t.Plan = n
	return []Term{t}, nil
}

// CurrentTerm is the term being lived: the latest that has begun by today
// (a next term applied ahead waits for its first day), or the first when
// none has. ok is false when Redis knows no term yet.
func (s *Store) CurrentTerm(ctx context.Context) (Term, bool, error) {
	all, err := s.Terms(ctx)
	if err != nil || len(all) == 0 {
		return Term{}, false, err
	}
	return currentOf(all, s.now()), true, nil
}

// currentOf is the current term of terms in order: the latest begun.
func currentOf(all []Term, now time.Time) Term {
	cur := all[0]
	for _, t := range all[1:] {
		if t.Started(t.Today(now)) {
			cur = t
		}
	}
	return cur
}

// RefreshTerms reads the term registry for OpenTerms to answer from: a
// running instance refreshes it as it follows the plan, so that a report
// costs no read of it.
func (s *Store) RefreshTerms(ctx context.Context) error {
	all, err := s.Terms(ctx)
	if err != nil {
		return err
	}
	s.registry.Store(&all)
	return nil
}

// knownTerms is the registry as last refreshed, or read now.
func (s *Store) knownTerms(ctx context.Context) ([]Term, error) {
	if all := s.registry.Load(); all != nil {
		return *all, nil
	}
	return s.Terms(ctx)
}

// OpenTerms are the terms that have ended and still take figures dated
// inside them today, the latest first: a figure for one of them goes to
// it, though another term is current.
func (s *Store) OpenTerms(ctx context.Context) ([]Term, error) {
	all, err := s.knownTerms(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var out []Term
	for i := len(all) - 1; i >= 0; i-- {
		t := all[i]
		if today := t.Today(now); t.Ended(today) && !t.Closed(today) {
			out = append(out, t)
		}
	}
	return out, nil
}

// FindTerm finds a term by its id ("2020-01-01..2025-12-31"), its name's
// years ("2020-2025", "2020–2025") or its dates' years ("2026-2030").
func (s *Store) FindTerm(ctx context.Context, sel string) (Term, error) {
	all, err := s.Terms(ctx)
	if err != nil {
		return Term{}, err
	}
	want := strings.NewReplacer("–", "-", "—", "-", " ", "").Replace(strings.TrimSpace(sel))
	for _, t := range all {
		years := fmt.Sprintf("%d-%d", t.From.Year(), t.To.Year())
		if want == t.ID || want == strings.ReplaceAll(t.Name, "–", "-") || want == years {
			return t, nil
		}
	}
	return Term{}, fmt.Errorf("term %q: %w", sel, ErrNotFound)
}

// ForPlan is the term whose figures a plan reads: a term in the registry
// (a finished one too), or the one applying the plan would start (not
// registered yet). A plan whose term overlaps or precedes the current one
// and is not in the registry is an OrderError.
func (s *Store) ForPlan(ctx context.Context, plan *indicator.Plan) (Term, error) {
	all, err := s.Terms(ctx)
	if err != nil {
		return Term{}, err
	}
	for _, t := range all {
		if t.ID == TermID(plan.Term) {
			return t, nil
		}
	}
	t, _, err := placeTerm(all, termOfPlan(plan), true, s.now())
	return t, err
}

// PlaceTerm is the term applying a plan would make current: the current
// term, the first, or a new one after the current. A plan of a finished
// term, or of one that overlaps or precedes the current, is an
// OrderError.
func (s *Store) PlaceTerm(ctx context.Context, plan *indicator.Plan) (Term, error) {
	all, err := s.Terms(ctx)
	if err != nil {
		return Term{}, err
	}
	t, _, err := placeTerm(all, termOfPlan(plan), true, s.now())
	return t, err
}

// placeTerm places a plan's term among the terms: the registered one of
// its id (the current one, or a next one applied ahead; one that has ended
// is an OrderError), the first, or a new one after the last, applied
// ahead: it takes over on its first day, the current term running until
// then. ok is false for a plan whose term does not read: it belongs to the
// current term. changed are the terms to write, each with its own record
// (its closing day, its zone) from next when it is next's.
func placeTerm(all []Term, next Term, ok bool, now time.Time) (Term, []Term, error) {
	if len(all) == 0 {
		return next, []Term{next}, nil
	}
	cur, last := currentOf(all, now), all[len(all)-1]
	if !ok {
		return cur, []Term{cur}, nil
	}
	for _, t := range all {
		if t.ID != next.ID {
			continue
		}
		if t.Ended(t.Today(now)) {
			return t, nil, &OrderError{Plan: t, Current: cur, Ended: true}
		}
		t.Zone, t.Title = next.Zone, next.Title
		if !t.EndedEarly && next.Closes != 0 { // an early end keeps the closing day it set
			t.Closes = next.Closes
		}
		return t, []Term{t}, nil
	}
	if next.From <= last.To {
		return next, nil, &OrderError{Plan: next, Current: last}
	}
	next.Infix = "t" + strconv.Itoa(len(all)+1)
	return next, []Term{next}, nil
}

// termOfPlan is the term a loaded plan makes, with the day it closes.
func termOfPlan(plan *indicator.Plan) Term {
	t := newTerm(plan.Term, plan.Title, plan.Code)
	t.Zone, t.Closes = plan.Timezone, plan.Closes()
	return t
}

// newTerm is the term of a plan's dates, title and code; its name is the
// years its title or code says ("nhiệm kỳ 2025–2030" for a term from
// 2026-01-01), else its dates' years.
func newTerm(p indicator.Period, title, code string) Term {
	name := fmt.Sprintf("%d–%d", p.From.Year(), p.To.Year())
	for _, s := range []string{title, code} {
		if m := termYears.FindStringSubmatch(s); m != nil {
			name = m[1] + "–" + m[2]
			break
		}
	}
	return Term{ID: TermID(p), Name: name, Title: title, From: p.From, To: p.To}
}

var termYears = regexp.MustCompile(`((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)`)

// termOfContent reads a plan file's term: with the day it closes when the
// plan loads, else from its term, title and code only (a version that does
// not load as a whole still names its term).
func termOfContent(content []byte) (Term, bool) {
	if plan, err := indicator.Load(content); err == nil {
		return termOfPlan(plan), true
	}
	return termHead(content)
}

// termHead reads a plan file's term, title and code only.
func termHead(content []byte) (Term, bool) {
	var head struct {
		Plan  string `yaml:"plan"`
		Title string `yaml:"title"`
		Term  struct {
			From string `yaml:"from"`
			To   string `yaml:"to"`
		} `yaml:"term"`
	}
	if yaml.Unmarshal(content, &head) != nil {
		return Term{}, false
	}
	from, err1 := indicator.ParseDate(head.Term.From)
	to, err2 := indicator.ParseDate(head.Term.To)
	if err1 != nil || err2 != nil || to < from {
		return Term{}, false
	}
	return newTerm(indicator.Period{From: from, To: to}, head.Title, head.Plan), true
}

// TermOfVersion is the term a plan version's content names; ok is false
// when it names none that reads.
func TermOfVersion(v PlanVersion) (Term, bool) { return termOfContent([]byte(v.Content)) }

// ErrEndDay is an early end refused for its day: outside the term, or not
// before its end.
var ErrEndDay = errors.New("the day does not end the term early")

// EndTerm ends term t on day on, before its planned end: an admin's
// explicit act, audited with its reason. closes is the last day it then
// takes figures (the plan cut on that day says). Figures dated after the
// day would leave the term: the caller checks there are none.
func (s *Store) EndTerm(ctx context.Context, t Term, on, closes indicator.Date, by int64, why string) (Term, error) {
	var out Term
	err := s.watch(ctx, func(tx *redis.Tx) error {
		cur, err := s.readTerm(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if on < cur.From || on >= cur.To {
			return fmt.Errorf("term %s: end on %v: %w", cur.Name, on, ErrEndDay)
		}
		cur.To, cur.EndedEarly, cur.Closes = on, true, closes
		doc, _ := json.Marshal(cur)
		detail, _ := json.Marshal(map[string]any{"term": cur.ID, "on": on.String(), "why": why})
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, s.k.terms(), cur.ID, string(doc))
			s.addAudit(ctx, p, Entry{At: s.now(), Actor: by, Action: "term.end", Subject: "term:" + cur.ID, Detail: string(detail)})
			return nil
		})
		out = cur
		return err
	}, s.k.terms())
	return out, err
}
