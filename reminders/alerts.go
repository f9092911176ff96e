package reminders

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/retry"
	"chitieu/store"
)

// AlertKind is what an alert about one indicator says.
type AlertKind string

// The alerts an indicator's standing gives rise to.
const (
	AlertOff       AlertKind = "off"       // it turned off track
	AlertMissed    AlertKind = "missed"    // a window (or by) ended, final, and the target does not hold
	AlertRepeat    AlertKind = "repeat"    // it stays off track
	AlertBack      AlertKind = "back"      // it is on track again, or achieved
	AlertCorrected AlertKind = "corrected" // a window told missed no longer is: a figure was corrected or came late
)

// The statuses an alert state remembers as last told.
const (
	toldOff    = "off_track"
	toldMissed = "missed"
	toldBack   = "on_track"
)

// NextAlert decides, from what was last told of an indicator (st) and one
// evaluation of it at now, which alert goes out and what to remember. It
// is the one rule the sweep, the checks after a report and the replay all
// follow:
//   - "Không đạt" once per window, whoever notices it first (the sweep, a
//     report, the window's end), and only once the window's result is
//     final (a count past its ceiling at once); a window told missed that
//     no longer is (a correction, a late figure) is told as a correction;
//   - of the window being followed (not an earlier one): an alert when it
//     turns off track, a repeat every repeat while it stays so, a "back"
//     notice when it reaches on track or achieved again. A new window
//     starts its own story. At risk, no data or a late report say nothing:
//     a late report is chased by nags, never alerted.
//
// When muted (silenced for everyone) no kind is returned and the last
// sending is not moved, so a repeat comes once the silence ends.
func NextAlert(st store.Alert, e indicator.Evaluation, now time.Time, repeat time.Duration, muted bool) (AlertKind, store.Alert) {
	next := st
	kind := nextMissed(&next, e, now)
	if !e.Past {
		next.Overdue = e.Overdue
		if k := nextTrack(&next, e, now, repeat); kind == "" {
			kind = k
		}
	}
	if kind == "" || muted {
		return "", next
	}
	next.LastSent = now
	return kind, next
}

// nextMissed tells a window's final "Không đạt" once, and its reversal.
func nextMissed(next *store.Alert, e indicator.Evaluation, now time.Time) AlertKind {
	told := next.ToldMissed(e.Window)
	switch {
	case e.Status == indicator.Missed && !e.Provisional && !told:
		next.Missed = append(slices.Clone(next.Missed), e.Window.From)
		if !e.Past {
			next.Status, next.Since, next.Window = toldMissed, now, e.Window.From
		}
		return AlertMissed
	case e.Status != indicator.Missed && told && !e.Provisional:
		if next.Missed == nil { // told by a state written before windows were kept
			next.Window = e.Window.From
		}
		next.Missed = slices.DeleteFunc(slices.Clone(next.Missed), func(d indicator.Date) bool { return d == e.Window.From })
		if next.Status == toldMissed {
			next.Status, next.Since = "", now
		}
		return AlertCorrected
	}
	return ""
}

// nextTrack follows the window being followed: off track, its repeats,
// the way back.
func nextTrack(next *store.Alert, e indicator.Evaluation, now time.Time, repeat time.Duration) AlertKind {
	w := e.Window.From
	if next.Window != 0 && next.Window != w && (next.Status == toldOff || next.Status == toldBack) {
		next.Status, next.Window = "", 0 // a new window: its own story (a state from before windows were kept goes on)
	}
	switch {
	case e.Status == indicator.OffTrack && next.Status != toldOff:
		next.Status, next.Since, next.Window = toldOff, now, w
		return AlertOff
	case e.Status == indicator.OffTrack && now.Sub(next.LastSent) >= repeat:
		return AlertRepeat
	case recovered(e.Status) && next.Status == toldOff:
		next.Status, next.Since, next.Window = toldBack, now, w
		return AlertBack
	}
	return ""
}

func recovered(s indicator.Status) bool { return s == indicator.OnTrack || s == indicator.Achieved }

// notice is one alert about one indicator, with who reported its latest
// figure when that is known: reporter (0 when not), whose name by is
// filled in once the audience is read.
type notice struct {
	kind     AlertKind
	e        indicator.Evaluation
	reporter int64
	by       string
}

// settled is an alert state this check recorded, and the one it replaced.
type settled struct{ stored, prev store.Alert }

// Sweep re-evaluates every indicator, since a window or a deadline ends
// even when nobody reports, and alerts the leaders of what changed: for
// each indicator, the window that ended before today's (a year missed is
// told though today's evaluation speaks of the new year), then today's.
func (s *Service) Sweep(ctx context.Context, now time.Time) error {
	day := s.today(now)
	evals, figs, err := s.evaluations(ctx, day)
	if err != nil {
		return err
	}
	checks := make([][]indicator.Evaluation, len(evals))
	for i, e := range evals {
		checks[i] = Checked(e.Indicator, figs[e.Indicator.Code], e)
	}
	if err := s.alert(ctx, checks, now, fmt.Sprintf("sweep:%v", day)); err != nil {
		return err
	}
	return s.TermReports(ctx, now) // a term finished while no instance saw it
}

// Checked are the evaluations an indicator's alerts follow on e's day: the
// final one of the window before today's, when there is one, then e.
func Checked(ind *indicator.Indicator, figs []indicator.Figure, e indicator.Evaluation) []indicator.Evaluation {
	if ended, ok := indicator.Ended(ind, figs, e.Day); ok {
		return []indicator.Evaluation{ended, e}
	}
	return []indicator.Evaluation{e}
}

// AfterReport alerts of one indicator after a figure was saved or
// corrected: e is the evaluation the report made with the figure (its
// window, judged today), key the figure's, so a report handled twice
// alerts once. It reads no figure and only this indicator's alert state,
// and it follows the rules of every check: compare-and-set, silences, the
// way back on track. It is the bot's AfterSave, run once the reporter has
// the reply.
func (s *Service) AfterReport(ctx context.Context, e indicator.Evaluation, key string) error {
	if e.Indicator == nil {
		return nil
	}
	now, code := s.Clock.Now(), e.Indicator.Code
	chk, err := s.Store.Alerts.Check(ctx, code, lastDay(e), now)
	if err != nil {
		return err
	}
	told, done, err := s.settle(ctx, chk.Alert, []indicator.Evaluation{e}, now, store.Silenced(chk.Silences[code], store.Everyone, now))
	if err != nil || len(told) == 0 {
		return err
	}
	for i := range told {
		told[i].reporter = chk.By
	}
	if err := s.sendNotices(ctx, told, chk.Silences, now, "figure:"+key); err != nil {
		s.undo(ctx, done)
		return err
	}
	return nil
}

// lastDay is the day of the latest figure behind e, or 0 when it has none.
func lastDay(e indicator.Evaluation) indicator.Date {
	if e.Last == nil {
		return 0
	}
	return e.Last.Date
}

// Check alerts of one indicator after a figure arrived for it, reading its
// figures to evaluate it, as AfterReport does with the evaluation a report
// made; key is the figure's, so a check made twice alerts once.
func (s *Service) Check(ctx context.Context, code, key string) error {
	ind := s.plan().Indicator(code)
	if ind == nil {
		return nil
	}
	figs, err := s.Store.Figures.Records(ctx, code, s.plan().Span())
	if err != nil {
		return err
	}
	today := s.today(s.Clock.Now())
	return s.AfterReport(ctx, indicator.EvaluateOf(ind, indicator.FiguresOf(figs), figureDay(figs, key, today), today), key)
}

// figureDay is the day the figure saved with key stands for, or today: a
// figure for last year's overdue report is judged in last year.
func figureDay(figs []indicator.Record, key string, today indicator.Date) indicator.Date {
	for _, f := range figs {
		if f.Key == key {
			return f.Date
		}
	}
	return today
}

// alert follows each indicator's alert state over its evaluations (one
// list an indicator, as Checked makes it), recording each change by
// compare-and-set, so that of two checks racing on an indicator only one
// tells its news. The notices go out in one message per leader and group
// chat, each without the indicators that chat silenced; when they cannot
// be queued the states go back, for the next check to try again. batch
// names this round of alerts in the pushes' keys.
func (s *Service) alert(ctx context.Context, checks [][]indicator.Evaluation, now time.Time, batch string) error {
	silences, err := s.Store.Alerts.Silences(ctx, now)
	if err != nil {
		return err
	}
	states, err := s.Store.Alerts.All(ctx)
	if err != nil {
		return err
	}
	var notices []notice
	var done []settled
	for _, evals := range checks {
		code := evals[0].Indicator.Code
		st, ok := states[code]
		if !ok {
			st = store.Alert{Indicator: code}
		}
		told, set, err := s.settle(ctx, st, evals, now, store.Silenced(silences[code], store.Everyone, now))
		if err != nil {
			return err
		}
		done = append(done, set...)
		for _, n := range told {
			n.reporter = s.reporterOf(ctx, n.e)
			notices = append(notices, n)
		}
	}
	if err := s.sendNotices(ctx, notices, silences, now, batch); err != nil {
		s.undo(ctx, done)
		return err
	}
	return nil
}

// decide follows an indicator's alert state st over its evaluations in
// turn, and says what is told of each.
func decide(st store.Alert, evals []indicator.Evaluation, now time.Time, repeat time.Duration, muted bool) ([]notice, store.Alert) {
	var told []notice
	for _, e := range evals {
		var kind AlertKind
		kind, st = NextAlert(st, e, now, repeat, muted)
		if kind != "" {
			told = append(told, notice{kind: kind, e: e})
		}
	}
	return told, st
}

// settle decides an indicator's alerts from its state st and records the
// new state if st is still current; when another check changed it first,
// it reads the state again and decides again.
func (s *Service) settle(ctx context.Context, st store.Alert, evals []indicator.Evaluation, now time.Time, muted bool) ([]notice, []settled, error) {
	repeat := time.Duration(s.Config.RepeatDays) * 24 * time.Hour
	var told []notice
	var done []settled
	err := retry.Do(ctx, swaps, s.Clock, func(try int) error {
		if try > 0 { // another check changed it first: read it again
			var err error
			if st, err = s.Store.Alerts.Of(ctx, st.Indicator); err != nil {
				return retry.Stop(err)
			}
		}
		var next store.Alert
		told, next = decide(st, evals, now, repeat, muted)
		if next.Same(st) {
			told = nil
			return nil
		}
		stored, ok, err := s.Store.Alerts.Swap(ctx, st, next)
		switch {
		case err != nil:
			return retry.Stop(err)
		case !ok:
			return errSwapLost
		}
		done = []settled{{stored, st}}
		return nil
	})
	if errors.Is(err, errSwapLost) {
		return nil, nil, fmt.Errorf("alert state of %s: changed by others %d times in a row", st.Indicator, swaps.Tries)
	}
	if err != nil {
		return nil, nil, err
	}
	return told, done, nil
}

// swaps is how an alert state another check changed first is read and
// decided again: at once, nine times at most.
var swaps = retry.Policy{Tries: 9}

var errSwapLost = errors.New("the alert state changed in between")

// undo puts back the states a check recorded, where nobody changed them
// since; best effort, as the check already failed.
func (s *Service) undo(ctx context.Context, done []settled) {
	for _, d := range done {
		if _, _, err := s.Store.Alerts.Swap(ctx, d.stored, d.prev); err != nil {
			s.Log.Warn("alert state not restored", "indicator", d.prev.Indicator, "err", err)
		}
	}
}

// reporterOf is who reported the latest figure behind e, or 0.
func (s *Service) reporterOf(ctx context.Context, e indicator.Evaluation) int64 {
	if e.Last == nil {
		return 0
	}
	figs, err := s.Store.Figures.Records(ctx, e.Indicator.Code, indicator.Period{From: e.Last.Date, To: e.Last.Date})
	if err != nil || len(figs) == 0 {
		return 0
	}
	return figs[len(figs)-1].By
}

// sendNotices queues to each leader and leaders' group one message with
// the notices it has not silenced. Chats that hear the same notices in
// the same language share one text, written and split once, and the
// pushes are queued in batches.
func (s *Service) sendNotices(ctx context.Context, notices []notice, silences map[string][]store.Silence, now time.Time, batch string) error {
	if len(notices) == 0 {
		return nil
	}
	aud, err := s.audience(ctx)
	if err != nil {
		return err
	}
	for i := range notices {
		notices[i].by = aud.name(notices[i].reporter)
	}
	texts := map[string][]string{} // by language and the notices heard
	var pushes []store.Push
	for _, r := range aud.chats {
		mine, heard := unsilenced(notices, silences, r.chat, now)
		if len(mine) == 0 {
			continue
		}
		k := r.lang + ":" + heard
		if _, ok := texts[k]; !ok {
			texts[k] = s.split(s.alertText(s.Catalog.Printer(r.lang), mine))
		}
		pushes = append(pushes, parts(fmt.Sprintf("alerts:%s:%d", batch, r.chat), r.chat, "alert", texts[k])...)
	}
	_, err = s.Store.Pushes.Enqueue(ctx, pushes...)
	return err
}

// unsilenced are the notices chat has not silenced, and which they are
// (one mark per notice), so chats that hear the same share a text.
func unsilenced(notices []notice, silences map[string][]store.Silence, chat int64, now time.Time) ([]notice, string) {
	mine := make([]notice, 0, len(notices))
	heard := make([]byte, len(notices))
	for i, n := range notices {
		heard[i] = '-'
		if !store.Silenced(silences[n.e.Indicator.Code], chat, now) {
			mine, heard[i] = append(mine, n), '+'
		}
	}
	return mine, string(heard)
}

// alertOrder is the order of the groups in an alert message, each under a
// heading that says exactly what its lines are.
var alertOrder = []AlertKind{AlertMissed, AlertOff, AlertRepeat, AlertCorrected, AlertBack}

// alertText puts several alerts in one message, grouped by kind. Its title
// is a warning only when one of them is bad news.
func (s *Service) alertText(p *locales.Printer, notices []notice) string {
	title := "push.alert_title_good"
	for _, n := range notices {
		if n.kind != AlertBack && n.kind != AlertCorrected {
			title = "push.alert_title"
		}
	}
	ls := []string{p.T(title)}
	for _, kind := range alertOrder {
		var group []string
		for _, n := range notices {
			if n.kind == kind {
				group = append(group, noticeLines(p, n)...)
			}
		}
		if len(group) > 0 {
			ls = append(append(ls, "", p.T("push.alert_"+string(kind), "Days", s.Config.RepeatDays)), group...)
		}
	}
	ls = append(ls, "", p.T("push.alert_mute", "Code", render.Esc(notices[0].e.Indicator.Code)))
	return render.Lines(ls...)
}

// noticeLines are an alert's status line, then what the figure stands on:
// its day, who reported it and the reason they gave, and either the
// missing report or the pace still needed.
func noticeLines(p *locales.Printer, n notice) []string {
	ls := []string{render.StatusLine(p, n.e)}
	if n.kind == AlertMissed || n.kind == AlertCorrected {
		ls = append(ls, "   "+p.T("push.alert_window", "Window", render.WindowName(p, n.e), "Grade", resultWord(p, n.e)))
	}
	if n.e.Last != nil {
		src := p.T("push.alert_as_of", "Date", render.Date(n.e.Last.Date))
		if n.by != "" {
			src += p.T("push.alert_by", "Name", render.Esc(n.by))
		}
		ls = append(ls, "   "+src)
		if note := render.Name(n.e.Last.Note); note != "" { // cleaned as a name is: it may come from a file
			ls = append(ls, "   "+p.T("push.alert_reason", "Note", render.Esc(note)))
		}
	}
	switch {
	case n.kind == AlertMissed && n.e.Pace.Over > 0: // a count past its ceiling says by how much
		ls = append(ls, "   "+render.Pace(p, n.e))
	case n.kind == AlertBack || n.kind == AlertMissed || n.kind == AlertCorrected:
	case n.e.Overdue:
		ls = append(ls, "   "+p.T("push.alert_overdue", "Period", render.Period(p, n.e.Indicator.Report.Every, *n.e.Due)))
	default:
		if pace := render.Pace(p, n.e); pace != "" {
			ls = append(ls, "   "+pace)
		}
	}
	return ls
}

// resultWord is a window's result as a báo cáo words it ("Cơ bản đạt"),
// or "" while it is not final (a count past its ceiling).
func resultWord(p *locales.Printer, e indicator.Evaluation) string {
	if g, ok := e.Result(); ok {
		return render.Grade(p, g)
	}
	return ""
}
