package bot

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/calendar"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// maxPlanFile bounds a plan file sent to the bot: the example plan of six
// programs is 30 KB.
const maxPlanFile = 1 << 20

// isPlanFile reports whether a sent file is a plan (YAML), not figures.
func isPlanFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// onPlanFile checks a plan an admin sent and shows what it would change —
// the indicators added, removed, renamed and changed, and the statuses it
// would change today — with a button to apply it; nothing changes before
// the admin confirms. A plan with problems, or one that would orphan or
// misread figures, is refused with the reasons.
func (b *Bot) onPlanFile(ctx context.Context, r *Request) error {
	content, err := b.planContent(ctx, r.Document)
	if err != nil {
		return b.replyPlanError(ctx, r, err)
	}
	next, err := b.loadPlan(content)
	if err != nil {
		return b.replyPlanError(ctx, r, err)
	}
	if err := b.Store.Plans.Issuer(ctx, content); err != nil {
		return b.replyPlanError(ctx, r, err)
	}
	term, err := b.Store.PlaceTerm(ctx, next)
	if err != nil {
		return b.replyTermError(ctx, r, err)
	}
	cur, ok, err := b.Store.CurrentTerm(ctx)
	if err != nil {
		return unavailable(err)
	}
	newTerm := !term.Registered() && ok
	in := b.Store // a new term's plan is compared with the new term's figures only
	if newTerm {
		in = b.Store.InTerm(term)
		in.Follow(next)
	}
	if gaps, err := in.Plans.Compare(ctx, next); err != nil || !gaps.OK() {
		if err != nil {
			return unavailable(err)
		}
		return b.reply(ctx, r, gapsText(r.P, gaps))
	}
	if n, same, err := b.samePlan(ctx, term, content); err != nil || same {
		if err != nil {
			return unavailable(err)
		}
		return b.reply(ctx, r, r.P.T("bot.plan_same", "N", n))
	}
	text, err := b.planPreview(ctx, r.P, r.Document.FileName, next)
	if newTerm {
		text, err = b.newTermPreview(r.P, r.Document.FileName, term, cur), nil
	}
	if err != nil {
		return err
	}
	if err := b.abandonCurrent(ctx, r); err != nil { // what was pending, once the plan reads
		return err
	}
	c := Conversation{Step: StepPlan, Nonce: newNonce(), File: r.Document.FileID, FileName: r.Document.FileName}
	kb := keyboard(2, button(c, r.P.T("btn.apply_plan"), ActOK, ""), button(c, r.P.T("btn.cancel"), ActCancel, ""))
	return b.startConversation(ctx, r, c, text, kb)
}

// samePlan reports whether content is the version term is kept with
// already, and that version's number.
func (b *Bot) samePlan(ctx context.Context, term store.Term, content []byte) (int, bool, error) {
	if !term.Registered() || term.Plan == 0 {
		return 0, false, nil
	}
	v, err := b.Store.Plans.Version(ctx, term.Plan)
	return v.N, err == nil && v.Hash == store.PlanHash(content), err
}

// newTermPreview says what applying a next term's plan does: the next term
// begins on its first day (today when that has come), the current one
// running until then and taking its late figures until it closes.
func (b *Bot) newTermPreview(p *locales.Printer, file string, term, cur store.Term) string {
	today := term.Today(b.Clock.Now())
	return p.T("bot.plan_new_term", "File", render.Esc(file), "Term", render.Esc(term.Name), "From", render.Date(term.From),
		"To", render.Date(term.To), "Old", render.Esc(cur.Name), "OldTo", render.Date(cur.To), "Closes", render.Date(cur.Closes),
		"Now", term.Started(today), "Ended", cur.Ended(today))
}

// gapsText names the figures a plan would leave unread or misread, and
// what to do about it.
func gapsText(p *locales.Printer, g store.PlanGaps) string {
	ls := []string{p.T("bot.plan_gaps")}
	for _, o := range g.Orphans {
		ls = append(ls, "• "+render.Esc(p.T("bot.plan_orphan", "Code", o.Code, "Count", o.Figures)))
	}
	for _, x := range g.Reshaped {
		ls = append(ls, "• "+render.Esc(p.T("bot.plan_reshaped", "Code", x.Indicator)))
	}
	return render.Lines(append(ls, p.T("bot.plan_gaps_help"))...)
}

// loadPlan reads a plan file's content, with the days off the running
// plan was given.
func (b *Bot) loadPlan(content []byte) (*indicator.Plan, error) {
	plan, err := indicator.Load(content)
	if err != nil {
		return nil, err
	}
	if w, ok := b.workDays(); ok {
		plan.SetWorkDays(w)
	}
	return plan, nil
}

func (b *Bot) planContent(ctx context.Context, doc *tg.Document) ([]byte, error) {
	if doc.FileSize > maxPlanFile {
		return nil, ErrTooLarge
	}
	return b.API.Download(ctx, doc.FileID, maxPlanFile)
}

// workDays are the days off the running plan was given (configuration),
// for the new one; ok is false when it was given none.
func (b *Bot) workDays() (calendar.WorkDays, bool) {
	for _, ind := range b.Plan.Indicators() {
		if ind.Report.Days != nil {
			return *ind.Report.Days, true
		}
	}
	return calendar.WorkDays{}, false
}

// replyPlanError says why a plan file is refused: its size, its reports
// issued in another place's name, or its first problems with their lines.
func (b *Bot) replyPlanError(ctx context.Context, r *Request, err error) error {
	var probs indicator.Problems
	var place *store.PlaceError
	switch {
	case errors.Is(err, ErrTooLarge):
		return b.reply(ctx, r, r.P.T("bot.file_large", "File", render.Esc(r.Document.FileName)))
	case errors.As(err, &place):
		return b.reply(ctx, r, render.Esc(r.P.T("committee.place", "File", r.Document.FileName, "Issuer", place.Issuer,
			"Place", place.Place, "Name", place.Name)))
	case !errors.As(err, &probs):
		return err
	}
	ls := []string{r.P.T("bot.plan_problems", "File", render.Esc(r.Document.FileName), "Count", len(probs))}
	for i, pr := range probs {
		if i == 10 {
			ls = append(ls, r.P.T("bot.plan_more_problems", "Count", len(probs)-10))
			break
		}
		ls = append(ls, "• "+render.Esc(problemText(r.P, pr)))
	}
	return b.reply(ctx, r, render.Lines(ls...))
}

// problemText is a plan problem with its line, as chitieu check says it.
func problemText(p *locales.Printer, pr indicator.Problem) string {
	where, msg := render.Problem(p, pr)
	return p.T("bot.plan_problem", "Line", pr.Line, "Where", where, "Message", msg)
}

// planPreview says what the plan would change in the plan in force.
func (b *Bot) planPreview(ctx context.Context, p *locales.Printer, name string, next *indicator.Plan) (string, error) {
	ls := []string{p.T("bot.plan_preview", "File", render.Esc(name), "Indicators", len(next.Indicators()))}
	lines := append(render.PlanChanges(p, indicator.Diff(b.Plan, next)), render.Changes(p, b.Plan, next)...)
	for _, line := range append(lines, render.Revisions(p, b.Plan, next)...) {
		ls = append(ls, "• "+render.Esc(line))
	}
	moved, err := b.statusMoves(ctx, p, next)
	if len(moved) == 0 {
		return render.Lines(append(ls, p.T("bot.plan_no_moves"))...), err
	}
	return render.Lines(append(append(ls, p.T("bot.plan_moves")), moved...)...), err
}

// statusMoves are the indicators whose status today the new plan would
// change, on the figures in Redis.
func (b *Bot) statusMoves(ctx context.Context, p *locales.Printer, next *indicator.Plan) ([]string, error) {
	codes := slices.Clone(b.Plan.Codes())
	for _, ind := range next.Indicators() {
		codes = append(codes, ind.Code)
		codes = append(codes, ind.Formerly...)
	}
	slices.Sort(codes)
	all, err := b.Store.Figures.All(ctx, slices.Compact(codes), b.Plan.Span())
	if err != nil {
		return nil, unavailable(err)
	}
	day := b.today()
	var out []string
	for _, ind := range next.Indicators() {
		was := b.Plan.Indicator(ind.Code)
		if was == nil {
			continue
		}
		figs := indicator.FiguresOf(all[ind.Code])
		before, now := indicator.Evaluate(was, figs, day).Status, indicator.Evaluate(ind, figs, day).Status
		if before != now {
			out = append(out, "• "+render.Esc(p.T("version.status", "Code", ind.Code, "Was", p.T("status."+before.String()),
				"Now", p.T("status."+now.String()))))
		}
	}
	return out, nil
}

// onApplyPlan applies the confirmed plan file as the current version: the
// running instances take it up within seconds.
func (b *Bot) onApplyPlan(ctx context.Context, r *Request, c Conversation, _ string) error {
	b.dropButtons(ctx, r.Chat, c.Message)
	doc := &tg.Document{FileID: c.File, FileName: c.FileName}
	content, err := b.planContent(ctx, doc)
	if err == nil {
		_, err = indicator.Load(content)
	}
	if err != nil {
		b.endConversation(ctx, r.Chat)
		r.Document = doc
		return b.replyPlanError(ctx, r, err)
	}
	was, _, err := b.Store.CurrentTerm(ctx)
	if err != nil {
		return unavailable(err)
	}
	v, added, err := b.Store.Plans.Apply(ctx, content, r.User.ID, r.P.T("bot.plan_why", "File", c.FileName))
	var place *store.PlaceError
	switch {
	case errors.Is(err, store.ErrTermOrder):
		b.endConversation(ctx, r.Chat)
		return b.replyTermError(ctx, r, err)
	case errors.As(err, &place):
		b.endConversation(ctx, r.Chat)
		r.Document = doc
		return b.replyPlanError(ctx, r, err)
	}
	if err != nil {
		return unavailable(err)
	}
	if err := b.endConversation(ctx, r.Chat); err != nil {
		return err
	}
	if err := b.Store.RefreshTerms(ctx); err != nil {
		b.Log.Warn("the terms are not read again", "err", err)
	}
	if !added {
		return b.reply(ctx, r, r.P.T("bot.plan_same", "N", v.N))
	}
	if b.PlanApplied != nil {
		b.PlanApplied(ctx)
	}
	if v.Term != "" && was.ID != "" && v.Term != was.ID {
		t, err := b.Store.FindTerm(ctx, v.Term)
		if err != nil {
			return unavailable(err)
		}
		return b.reply(ctx, r, r.P.T("bot.plan_term_started", "N", v.N, "Old", render.Esc(was.Name), "Term", render.Esc(t.Name),
			"From", render.Date(t.From), "Now", t.Started(t.Today(b.Clock.Now()))))
	}
	return b.reply(ctx, r, r.P.T("bot.plan_applied", "N", v.N))
}

// replyTermError says why a plan's term cannot be applied: a finished
// term, or one that overlaps or comes before the current term.
func (b *Bot) replyTermError(ctx context.Context, r *Request, err error) error {
	var oe *store.OrderError
	if !errors.As(err, &oe) {
		return unavailable(err)
	}
	today := oe.Current.Today(b.Clock.Now())
	return b.reply(ctx, r, r.P.T("bot.plan_term_order", "Term", render.Esc(oe.Plan.Name), "Finished", oe.Ended,
		"Current", render.Esc(oe.Current.Name), "To", render.Date(oe.Current.To), "From", render.Date(oe.Plan.From),
		"Left", max(0, int(oe.Current.To-today)), "Running", !oe.Current.Ended(today)))
}
