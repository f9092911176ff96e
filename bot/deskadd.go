package bot

import (
	"context"
	"errors"
	"strings"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/render"
	"chitieu/store"
)

// A city admin adds a committee in the chat as on the command line: its
// code and name (/themdangbo CODE NAME), then its plan file; serve takes
// the committee up within seconds.
const addCommand, addAlias = "themdangbo", "addcommittee"

// startAdding checks a new committee's code and name and waits for its
// plan file.
func (d *Desk) startAdding(ctx context.Context, u tg.Update, req *Request) error {
	p := d.front.Catalog.Printer(req.From.LanguageCode)
	code, name, _ := strings.Cut(strings.TrimSpace(req.Args), " ")
	code, name = strings.ToLower(code), strings.Join(strings.Fields(name), " ")
	reg := d.front.Store.Committees
	switch {
	case code == "" || name == "":
		return d.say(ctx, u, req, p.T("bot.committee_add_usage"), nil)
	case !store.ValidCommittee(code):
		return d.say(ctx, u, req, p.T("committee.bad_code", "Value", render.Esc(code)), nil)
	case code == store.DefaultCommittee:
		return d.say(ctx, u, req, p.T("committee.reserved", "Code", code), nil)
	}
	if known, err := reg.Known(ctx, code); err != nil || known {
		if err != nil {
			return unavailable(err)
		}
		return d.say(ctx, u, req, p.T("bot.committee_exists", "Code", code), nil)
	}
	if err := reg.StartAdding(ctx, req.From.ID, code, name); err != nil {
		return unavailable(err)
	}
	return d.say(ctx, u, req, p.T("bot.committee_send_plan", "Name", render.Esc(name), "Code", code), nil)
}

// addFromFile makes the committee a city admin started adding, with the
// plan file they sent: refused with the reasons, writing nothing, when the
// plan has problems, its term takes no more figures, its reports would
// name another place, or the code was taken meanwhile.
func (d *Desk) addFromFile(ctx context.Context, u tg.Update, req *Request, code, name string) error {
	claimed, err := d.claim(ctx, u.UpdateID)
	if err != nil || !claimed {
		return err
	}
	req.P = d.front.Catalog.Printer(req.From.LanguageCode)
	if err := d.createFromFile(ctx, req, code, name); err != nil {
		d.front.Store.Updates.Release(ctx, u.UpdateID, d.front.instance)
		return err
	}
	d.done(ctx, u, req, "ok")
	return nil
}

func (d *Desk) createFromFile(ctx context.Context, r *Request, code, name string) error {
	b, p := d.front, r.P
	content, err := b.planContent(ctx, r.Document)
	if err != nil {
		return b.replyPlanError(ctx, r, err)
	}
	plan, err := b.loadPlan(content)
	if err != nil {
		return b.replyPlanError(ctx, r, err)
	}
	reg := b.Store.Committees
	_, err = reg.Create(ctx, store.Committee{Code: code, Name: name}, content, r.From.ID, p.T("committee.plan_why", "Name", name))
	var closed *store.ClosedTermError
	var place *store.PlaceError
	var order *store.OrderError
	switch {
	case errors.As(err, &closed):
		t := closed.Term
		return b.reply(ctx, r, p.T("committee.ended", "File", render.Esc(r.Document.FileName), "Term", t.Name, "Closes", render.Date(t.Closes)))
	case errors.As(err, &place):
		return b.replyPlanError(ctx, r, err)
	case errors.Is(err, store.ErrCommitteeExists):
		return b.reply(ctx, r, p.T("bot.committee_exists", "Code", code))
	case errors.As(err, &order):
		return b.replyTermError(ctx, r, err)
	case err != nil:
		return unavailable(err)
	}
	if err := reg.StopAdding(ctx, r.From.ID); err != nil {
		b.Log.Warn("a committee added is still awaited", "committee", code, "err", err)
	}
	return b.reply(ctx, r, p.T("bot.committee_added", "Name", render.Esc(name), "Code", code, "Count", len(plan.Indicators()),
		"Plan", render.Esc(plan.Title)))
}
