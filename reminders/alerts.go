package reminders

import (
	"context"
	"fmt"
	"time"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// The alerts an indicator's standing gives rise to.
const (
	alertOff    = "off"    // it turned off track
	alertRepeat = "repeat" // it stays off track
	alertBack   = "back"   // it is back on track
)

// notice is one alert about one indicator.
type notice struct {
	kind string
	e    indicator.Evaluation
}

// Sweep re-evaluates every indicator, since time moves a trajectory even
// when nobody reports, and alerts the leaders of what changed.
func (s *Service) Sweep(ctx context.Context, now time.Time) error {
	evals, _, err := s.evaluations(ctx, s.today(now))
	if err != nil {
		return err
	}
	return s.alert(ctx, evals, now, fmt.Sprintf("sweep:%v", s.today(now)))
}

// Check alerts of one indicator after a figure arrived for it; key is the
// figure's, so a check made twice alerts once.
func (s *Service) Check(ctx context.Context, code, key string) error {
	ind := s.Plan.Indicator(code)
	if ind == nil {
		return nil
	}
	figs, err := s.Store.Figures(ctx, code, s.Plan.Span())
	if err != nil {
		return err
	}
	now := s.Now()
	e := indicator.Evaluate(ind, store.Domain(figs), s.today(now))
	return s.alert(ctx, []indicator.Evaluation{e}, now, "figure:"+key)
}

// alert follows each indicator's alert state: the notices go out in one
// message per leader and group chat, then the new states are kept. batch
// names this round of alerts in the pushes' keys.
func (s *Service) alert(ctx context.Context, evals []indicator.Evaluation, now time.Time, batch string) error {
	states, err := s.Store.Alerts(ctx)
	if err != nil {
		return err
	}
	var notices []notice
	var changed []store.Alert
	for _, e := range evals {
		st := states[e.Indicator.Code]
		st.Indicator = e.Indicator.Code
		kind, next := s.transition(st, e, now)
		if next != st {
			changed = append(changed, next)
		}
		if kind != "" && !st.SilencedUntil.After(now) {
			notices = append(notices, notice{kind, e})
		}
	}
	if err := s.sendNotices(ctx, notices, batch); err != nil {
		return err
	}
	for _, st := range changed {
		if err := s.Store.PutAlert(ctx, st); err != nil {
			return err
		}
	}
	return nil
}

// transition is Alertmanager's lifecycle: an alert when an indicator turns
// off track (or misses its target), a repeat every RepeatDays while it
// stays so, a notice when it recovers. While silenced nothing is sent and
// the last sending is not moved, so a repeat comes once the silence ends.
func (s *Service) transition(st store.Alert, e indicator.Evaluation, now time.Time) (string, store.Alert) {
	bad := e.Status == indicator.OffTrack || e.Status == indicator.Missed
	sent := !st.SilencedUntil.After(now)
	next := st
	kind := ""
	switch {
	case bad && st.Status != "off_track":
		kind, next.Status, next.Since = alertOff, "off_track", now
	case bad && now.Sub(st.LastSent) >= time.Duration(s.Config.RepeatDays)*24*time.Hour:
		kind = alertRepeat
	case !bad && st.Status == "off_track":
		kind, next.Status, next.Since = alertBack, "on_track", now
	}
	next.Overdue = e.Overdue
	if kind != "" && sent {
		next.LastSent = now
	}
	return kind, next
}

func (s *Service) sendNotices(ctx context.Context, notices []notice, batch string) error {
	if len(notices) == 0 {
		return nil
	}
	return s.toLeaders(ctx, "alerts:"+batch, "alert", func(p *locales.Printer) string { return s.alertText(p, notices) })
}

// alertText puts several alerts in one message, by kind. An overdue
// indicator's alert says its report is missing rather than blaming the
// figure.
func (s *Service) alertText(p *locales.Printer, notices []notice) string {
	ls := []string{p.T("push.alert_title")}
	for _, kind := range []string{alertOff, alertRepeat, alertBack} {
		var group []string
		for _, n := range notices {
			if n.kind == kind {
				group = append(group, noticeLine(p, n))
			}
		}
		if len(group) > 0 {
			ls = append(append(ls, "", p.T("push.alert_"+kind, "Days", s.Config.RepeatDays)), group...)
		}
	}
	ls = append(ls, "", p.T("push.alert_mute", "Code", render.Esc(notices[0].e.Indicator.Code)))
	return render.Lines(ls...)
}

func noticeLine(p *locales.Printer, n notice) string {
	line := render.StatusLine(p, n.e)
	switch {
	case n.kind == alertBack:
	case n.e.Overdue:
		line += "\n   " + p.T("push.alert_overdue", "Period", render.Period(p, n.e.Indicator.Report.Every, *n.e.Due))
	default:
		if pace := render.Pace(p, n.e); pace != "" {
			line += "\n   " + pace
		}
	}
	return line
}
