package reminders

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// standing is an indicator's status as the last digest told it.
type standing struct {
	Status  string `json:"status"`
	Overdue bool   `json:"overdue,omitempty"`
}

const digestSnapshot = "digest"

// told is what the last weekly digest told: each indicator's status, and
// the last plan version it covered (-1 when it did not say).
type told struct {
	Statuses map[string]standing `json:"statuses"`
	Plan     int                 `json:"plan"`
}

// UnmarshalJSON reads a snapshot, also one written before digests told
// plan versions: a bare map of statuses.
func (t *told) UnmarshalJSON(b []byte) error {
	var doc struct {
		Statuses map[string]standing `json:"statuses"`
		Plan     *int                `json:"plan"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return err
	}
	if doc.Statuses == nil || doc.Plan == nil {
		t.Plan = -1
		return json.Unmarshal(b, &t.Statuses)
	}
	t.Statuses, t.Plan = doc.Statuses, *doc.Plan
	return nil
}

// Digest sends the weekly digest to every leader and every registered
// leaders' group, then remembers the statuses and the plan version it
// told, so the next digest says what changed.
func (s *Service) Digest(ctx context.Context, now time.Time) error {
	day := s.today(now)
	text, next, err := s.digest(ctx, day)
	if err != nil {
		return err
	}
	if err := s.toLeaders(ctx, fmt.Sprintf("digest:%v", day), "digest", text); err != nil {
		return err
	}
	return s.Store.Jobs.Snapshot(ctx, digestSnapshot, next)
}

// digest is the digest of day, in any language, and what it tells: what
// changed is counted from the last weekly digest, which every leader
// received, or, before the first one, from 7 days before — the weekly
// digest and /tonghop alike.
func (s *Service) digest(ctx context.Context, day indicator.Date) (func(*locales.Printer) string, told, error) {
	evals, _, err := s.evaluations(ctx, day)
	if err != nil {
		return nil, told{}, err
	}
	last, ok, err := s.lastDigest(ctx)
	if err != nil {
		return nil, told{}, err
	}
	changes, latest, err := s.planChanges(ctx, last.Plan, day-7)
	if err != nil {
		return nil, told{}, err
	}
	next := told{Statuses: standings(evals), Plan: latest}
	if ok {
		return func(p *locales.Printer) string { return s.digestText(p, evals, last.Statuses, changes, day) }, next, nil
	}
	week, _, err := s.evaluations(ctx, day-7)
	if err != nil {
		return nil, told{}, err
	}
	return func(p *locales.Printer) string {
		text := s.digestText(p, evals, standings(week), changes, day)
		return strings.Replace(text, p.T("push.digest_changes"), p.T("push.digest_changes_since", "Date", render.Date(day-7)), 1)
	}, next, nil
}

// toLeaders queues a message to every leader and leaders' group, written
// and split once per language, in batches; key names the message, each
// chat's pushes add its id.
func (s *Service) toLeaders(ctx context.Context, key, kind string, text func(*locales.Printer) string) error {
	aud, err := s.audience(ctx)
	if err != nil {
		return err
	}
	texts := map[string][]string{}
	var pushes []store.Push
	for _, r := range aud.chats {
		if _, ok := texts[r.lang]; !ok {
			texts[r.lang] = s.split(text(s.Catalog.Printer(r.lang)))
		}
		pushes = append(pushes, parts(fmt.Sprintf("%s:%d", key, r.chat), r.chat, kind, texts[r.lang])...)
	}
	_, err = s.Store.Pushes.Enqueue(ctx, pushes...)
	return err
}

// DigestText is the digest as it stands now, in a language, for /tonghop,
// as the weekly digest would write it today.
func (s *Service) DigestText(ctx context.Context, lang string) (string, error) {
	text, _, err := s.digest(ctx, s.today(s.Clock.Now()))
	if err != nil {
		return "", err
	}
	return text(s.Catalog.Printer(lang)), nil
}

// lastDigest reads what the last weekly digest told; ok is false when
// none went out yet.
func (s *Service) lastDigest(ctx context.Context) (last told, ok bool, err error) {
	last = told{Statuses: map[string]standing{}, Plan: -1}
	ok, err = s.Store.Jobs.LoadSnapshot(ctx, digestSnapshot, &last)
	return last, ok, err
}

func standings(evals []indicator.Evaluation) map[string]standing {
	out := make(map[string]standing, len(evals))
	for _, e := range evals {
		out[e.Indicator.Code] = standing{Status: e.Status.String(), Overdue: e.Overdue}
	}
	return out
}

// digestText writes the digest: the counts by status overall and per
// program, with the results they are heading for tallied as the báo cáo
// tallies them (the year's for a yearly indicator, the term's for one
// judged over the term), every indicator off track, missed or overdue with its figure and
// pace, what the plan versions applied since changed in the plan (before
// the list of indicators behind, which may run long), and what changed
// since the last digest (or that there is none yet to compare with).
func (s *Service) digestText(p *locales.Printer, evals []indicator.Evaluation, prev map[string]standing, changes []planChange, day indicator.Date) string {
	all, byProgram := indicator.TallyOf(graded(evals))
	ls := []string{p.T("push.digest_title", "Date", render.Date(day)), render.Counts(p, evals),
		p.T("push.digest_tally", "Year", day.Year(), "Tally", render.Tally(p, all))}
	for _, prog := range s.plan().Programs {
		ls = append(ls, programCounts(p, prog.Code, evals)+" — "+render.Tally(p, byProgram[prog.Code]))
	}
	if plan := planLines(p, changes); len(plan) > 0 {
		ls = append(append(ls, ""), plan...)
	}
	if behind := behindLines(p, evals); len(behind) > 0 {
		ls = append(append(ls, "", p.T("push.digest_behind")), behind...)
	}
	if len(prev) == 0 {
		return render.Lines(append(ls, "", p.T("push.digest_first"))...)
	}
	ls = append(ls, "", p.T("push.digest_changes"))
	if moved := changeLines(p, evals, prev); len(moved) > 0 {
		ls = append(ls, moved...)
	} else {
		ls = append(ls, p.T("push.digest_no_change"))
	}
	return render.Lines(ls...)
}

// programCounts is a program's line of the digest: its code and how many
// of its indicators stand at each status.
func programCounts(p *locales.Printer, code string, evals []indicator.Evaluation) string {
	return fmt.Sprintf("<b>%s</b>: %s", render.Esc(code), render.Counts(p, indicator.OfProgram(evals, code)))
}

// graded are the evaluations' results: final, or the forecast's (ước).
func graded(evals []indicator.Evaluation) []indicator.Graded {
	out := make([]indicator.Graded, len(evals))
	for i, e := range evals {
		out[i] = e.Graded()
	}
	return out
}

// behindLines are the indicators off track, missed or overdue, each with
// its pace.
func behindLines(p *locales.Printer, evals []indicator.Evaluation) []string {
	var out []string
	for _, e := range evals {
		if e.Status != indicator.OffTrack && e.Status != indicator.Missed && !e.Overdue {
			continue
		}
		line := render.StatusLine(p, e)
		if pace := render.Pace(p, e); pace != "" {
			line += "\n   " + pace
		}
		out = append(out, line)
	}
	return out
}

// changeLines say which indicators changed status since prev.
func changeLines(p *locales.Printer, evals []indicator.Evaluation, prev map[string]standing) []string {
	var out []string
	for _, e := range evals {
		was, ok := prev[e.Indicator.Code]
		if !ok || was.Status == e.Status.String() {
			continue
		}
		out = append(out, fmt.Sprintf("• <b>%s</b>: %s → %s %s", render.Esc(e.Indicator.Code), p.T("status."+was.Status),
			render.Marks[e.Status], p.T("status."+e.Status.String())))
	}
	return out
}
