package reminders

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// City is a deployment's committees seen together, for the city's
// leaders: each committee by its service (its store and plan), with its
// name.
type City struct {
	Committees []CityCommittee // set before use; Add adds one while it runs
	Leaders    []int64         // the city leaders, who get the weekly roll-up
	Lang       func(ctx context.Context, id int64) string
	mu         sync.Mutex
}

// Add adds a committee (one registered while the deployment runs).
func (c *City) Add(cm CityCommittee) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Committees = append(c.Committees, cm)
}

// all are the committees as they stand.
func (c *City) all() []CityCommittee {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.Committees)
}

// byName are the committees in the order the roll-up lists them: by name.
func byName(all []CityCommittee) []CityCommittee {
	out := slices.Clone(all)
	slices.SortStableFunc(out, func(a, b CityCommittee) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// CityCommittee is one committee of a City.
type CityCommittee struct {
	Name    string
	Service *Service
}

// Job is the weekly roll-up's job, at the digest's time, run through the
// first committee's service (its claims, its outbox).
func (c *City) Job() Job {
	cfg := c.all()[0].Service.Config
	return Job{Name: "rollup", At: cfg.DigestAt, Weekday: cfg.DigestDay, Weekly: true, Run: c.Rollup}
}

// Rollup sends the roll-up of now's day to every city leader, through the
// first committee's outbox (once per leader and day however often it
// runs), then remembers each committee's statuses, so that the next
// roll-up says what fell behind since this one.
func (c *City) Rollup(ctx context.Context, now time.Time) error {
	committees := c.all()
	first := committees[0].Service
	day := first.today(now)
	text, all, err := c.rollup(ctx, committees, day)
	if err != nil {
		return err
	}
	texts := map[string][]string{}
	var pushes []store.Push
	for _, id := range c.Leaders {
		lang := ""
		if c.Lang != nil {
			lang = c.Lang(ctx, id)
		}
		if _, ok := texts[lang]; !ok {
			texts[lang] = render.Split(text(first.Catalog.Printer(lang)), maxPush)
		}
		pushes = append(pushes, parts(fmt.Sprintf("rollup:%v:%d", day, id), id, "rollup", texts[lang])...)
	}
	if _, err := first.Store.Pushes.Enqueue(ctx, pushes...); err != nil {
		return err
	}
	for _, s := range all {
		if err := s.svc.Store.Jobs.Snapshot(ctx, rollupSnapshot, standings(s.now)); err != nil {
			return err
		}
	}
	return nil
}

// rollupSnapshot keeps, in each committee, the statuses the last weekly
// roll-up told.
const rollupSnapshot = "rollup"

// standingOf is a committee on a day: its evaluations, and its statuses
// when the last weekly roll-up went out (before the first, a week before).
type standingOf struct {
	name string
	svc  *Service
	now  []indicator.Evaluation
	was  map[string]standing
}

// RollupText is the roll-up of day: per committee, how many indicators
// stand at each status and which fell off track (or missed) since the
// last weekly roll-up; then, for each indicator the city sets for every
// ward (its city_code in the wards' plans), the wards side by side, worst
// first.
func (c *City) RollupText(ctx context.Context, day indicator.Date) (func(*locales.Printer) string, error) {
	text, _, err := c.rollup(ctx, c.all(), day)
	return text, err
}

func (c *City) rollup(ctx context.Context, committees []CityCommittee, day indicator.Date) (func(*locales.Printer) string, []standingOf, error) {
	committees = byName(committees)
	all := make([]standingOf, len(committees))
	for i, cm := range committees {
		now, _, err := cm.Service.evaluations(ctx, day)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", cm.Name, err)
		}
		was := map[string]standing{}
		ok, err := cm.Service.Store.Jobs.LoadSnapshot(ctx, rollupSnapshot, &was)
		if err == nil && !ok {
			var week []indicator.Evaluation
			week, _, err = cm.Service.evaluations(ctx, day-7)
			was = standings(week)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", cm.Name, err)
		}
		all[i] = standingOf{name: cm.Name, svc: cm.Service, now: now, was: was}
	}
	return func(p *locales.Printer) string {
		ls := []string{p.T("push.rollup_title", "Date", render.Date(day), "Count", len(all))}
		for _, s := range all {
			ls = append(ls, "", "<b>"+render.Esc(s.name)+"</b>: "+render.Counts(p, s.now))
			if turned := turnedBehind(s.now, s.was); len(turned) > 0 {
				ls = append(ls, p.T("push.rollup_turned", "Codes", strings.Join(turned, ", ")))
			}
		}
		if side := sideBySide(p, all); len(side) > 0 {
			ls = append(append(ls, "", p.T("push.rollup_city")), side...)
		}
		return render.Lines(ls...)
	}, all, nil
}

// turnedBehind are the codes off track or missed now that were neither
// when last told.
func turnedBehind(now []indicator.Evaluation, was map[string]standing) []string {
	bad := func(s string) bool { return s == indicator.OffTrack.String() || s == indicator.Missed.String() }
	var out []string
	for _, e := range now {
		if prev, ok := was[e.Indicator.Code]; bad(e.Status.String()) && (!ok || !bad(prev.Status)) {
			out = append(out, "<b>"+render.Esc(e.Indicator.Code)+"</b>")
		}
	}
	return out
}

// sideBySide are, for each city code the committees' plans give, its
// wards worst first: by status, then by shortfall over scale.
func sideBySide(p *locales.Printer, all []standingOf) []string {
	type ward struct {
		name string
		e    indicator.Evaluation
	}
	byCode := map[string][]ward{}
	for _, s := range all {
		for _, e := range s.now {
			if c := e.Indicator.CityCode; c != "" {
				byCode[c] = append(byCode[c], ward{s.name, e})
			}
		}
	}
	codes := make([]string, 0, len(byCode))
	for c := range byCode {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var ls []string
	for _, c := range codes {
		wards := byCode[c]
		slices.SortStableFunc(wards, func(a, b ward) int {
			switch {
			case a.e.Worse(b.e):
				return -1
			case b.e.Worse(a.e):
				return 1
			}
			return strings.Compare(a.name, b.name)
		})
		ls = append(ls, fmt.Sprintf("<b>%s</b> %s", render.Esc(c), render.Esc(wards[0].e.Indicator.Name)))
		for i, w := range wards {
			mark, word := render.StatusWord(p, w.e)
			ls = append(ls, fmt.Sprintf("%d. %s %s (%s): %s / %s — %s", i+1, mark, render.Esc(w.name), render.Esc(w.e.Indicator.Code),
				render.Esc(render.Value(w.e.Indicator, w.e.Reported())), render.Esc(render.Target(p, w.e)), word))
		}
	}
	return ls
}

// RollupNow is the roll-up as it stands now, in a language (for a city
// leader who asks in the chat).
func (c *City) RollupNow(ctx context.Context, lang string) (string, error) {
	first := c.all()[0].Service
	text, err := c.RollupText(ctx, first.today(first.Clock.Now()))
	if err != nil {
		return "", err
	}
	return text(first.Catalog.Printer(lang)), nil
}
