package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"strings"
	"time"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// invite prints a one-time invite link, for the first setup; with --list
// it lists the invites not yet used, and with --revoke it revokes one.
func (c *cli) invite(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	role := fs.String("role", "", "admin, leader or reporter")
	unit := fs.String("unit", "", "the unit's code (required for a reporter)")
	ttl := fs.Duration("ttl", 7*24*time.Hour, "how long the invite lasts")
	list := fs.Bool("list", false, "list the invites not yet used")
	revoke := fs.String("revoke", "", "revoke an invite not yet used: its code, the start of it --list shows, or its link")
	if _, err := c.parse(cfg, fs, args); err != nil {
		return err
	}
	if err := c.inviteFlags(fs); err != nil {
		return err
	}
	plan, err := c.openPlan(cfg)
	if err != nil {
		return err
	}
	var r store.Role
	if !*list && *revoke == "" {
		if r, err = c.checkInvite(plan, *role, *unit); err != nil {
			return err
		}
	}
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	switch {
	case *list:
		return c.listInvites(ctx, s, plan)
	case *revoke != "":
		return c.revokeInvite(ctx, s, plan, *revoke)
	}
	if u, ok := plan.Unit(*unit); ok {
		*unit = u.Code // typed in any case
	}
	inv, err := s.People.CreateInvite(ctx, 0, r, *unit, *ttl)
	if err != nil {
		return err
	}
	c.printInvite(ctx, cfg, inv, plan)
	return nil
}

// inviteFlags refuses --list or --revoke with another of invite's flags.
func (c *cli) inviteFlags(fs *flag.FlagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, alone := range []string{"list", "revoke"} {
		if !set[alone] {
			continue
		}
		for _, other := range []string{"role", "unit", "ttl", "list", "revoke"} {
			if other != alone && set[other] {
				return errors.New(c.p.T("cli.invite_alone", "Flag", alone, "Other", other))
			}
		}
	}
	return nil
}

func (c *cli) checkInvite(plan *indicator.Plan, role, unit string) (store.Role, error) {
	r, ok := store.ParseRole(role)
	if !ok {
		return "", errors.New(c.p.T("cli.invite_role", "Role", role))
	}
	if _, ok := plan.Unit(unit); ok {
		return r, nil
	}
	var codes []string
	for _, u := range plan.Units {
		codes = append(codes, u.Code)
	}
	switch {
	case r == store.Reporter && unit == "":
		return "", errors.New(c.p.T("cli.invite_needs_unit", "Units", strings.Join(codes, ", ")))
	case unit != "":
		return "", errors.New(c.p.T("cli.invite_unit", "Unit", unit, "Units", strings.Join(codes, ", ")))
	}
	return r, nil
}

// unitName is a unit's name in the plan, or its code when the plan has
// none.
func unitName(plan *indicator.Plan, code string) string {
	for _, u := range plan.Units {
		if u.Code == code {
			return u.Name
		}
	}
	return code
}

// codeShown is how much of an invite's code a list shows: enough to tell
// it from the others and to revoke it, too little to use it.
const codeShown = 6

// listInvites prints the invites not yet used, by the start of their code.
func (c *cli) listInvites(ctx context.Context, s *store.Store, plan *indicator.Plan) error {
	open, err := s.People.OpenInvites(ctx)
	if err != nil {
		return err
	}
	if len(open) == 0 {
		fmt.Fprintln(c.stdout, c.p.T("invite.list_none"))
		return nil
	}
	fmt.Fprintln(c.stdout, c.p.T("invite.list_title", "Count", len(open)))
	for _, inv := range open {
		var by string
		if u, err := s.People.Get(ctx, inv.By); inv.By != 0 && err == nil {
			by = render.Name(u.Name)
		}
		fmt.Fprintln(c.stdout, c.p.T("invite.list_line", "Code", inv.Code[:codeShown], "Role", c.p.T("role."+string(inv.Role)),
			"Unit", unitName(plan, inv.Unit), "Expires", render.Moment(c.p, inv.Expires.In(plan.Location)), "By", by))
	}
	committee := ""
	if s.Committee() != store.DefaultCommittee {
		committee = s.Committee()
	}
	fmt.Fprintln(c.stdout, c.p.T("invite.list_hint", "Committee", committee))
	return nil
}

// revokeInvite revokes the invite that arg names: its code, its link, or
// the start of its code that --list shows.
func (c *cli) revokeInvite(ctx context.Context, s *store.Store, plan *indicator.Plan, arg string) error {
	code := strings.TrimSpace(arg)
	if _, after, ok := strings.Cut(code, "start="); ok {
		code = after
	}
	if len(code) < 22 {
		open, err := s.People.OpenInvites(ctx)
		if err != nil {
			return err
		}
		var found []string
		for _, inv := range open {
			if len(code) >= codeShown && strings.HasPrefix(inv.Code, code) {
				found = append(found, inv.Code)
			}
		}
		if len(found) > 1 {
			return errors.New(c.p.T("cli.invite_ambiguous", "Code", arg, "Count", len(found)))
		}
		if len(found) == 1 {
			code = found[0]
		}
	}
	inv, err := s.People.RevokeInvite(ctx, 0, code)
	if errors.Is(err, store.ErrInvite) {
		return errors.New(c.p.T("cli.invite_not_open", "Code", arg))
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, c.p.T("invite.revoked", "Code", inv.Code[:codeShown], "Role", c.p.T("role."+string(inv.Role)),
		"Unit", unitName(plan, inv.Unit)))
	return nil
}

func (c *cli) printInvite(ctx context.Context, cfg *Config, inv store.Invite, plan *indicator.Plan) {
	link := "https://t.me/<bot>?start=" + inv.Code
	if cfg.TelegramToken != "" {
		name, err := botUsername(ctx, cfg.TelegramEndpoint, cfg.TelegramToken)
		if err != nil {
			fmt.Fprintln(c.stderr, "chitieu:", err)
		} else {
			link = "https://t.me/" + name + "?start=" + inv.Code
		}
	}
	expires := inv.Expires.In(plan.Location)
	fmt.Fprintln(c.stdout, c.p.T("invite.done", "Role", c.p.T("role."+string(inv.Role)), "Unit", unitName(plan, inv.Unit),
		"Expires", render.Moment(c.p, expires), "Link", link, "Code", inv.Code, "Committee", c.committeeName))
}

// botUsername asks the Bot API who the bot is. The token never appears in
// what it returns.
func botUsername(ctx context.Context, endpoint, token string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf(endpoint, token, "getMe"), nil)
	if err != nil {
		return "", redact(err, token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", redact(fmt.Errorf("getMe: %w", err), token)
	}
	defer resp.Body.Close()
	var me struct {
		OK     bool   `json:"ok"`
		Desc   string `json:"description"`
		Result struct {
			Username string `json:"username"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&me); err != nil || !me.OK {
		return "", fmt.Errorf("getMe: %s %s", resp.Status, me.Desc)
	}
	return me.Result.Username, nil
}

// redact removes the token from an error: the Bot API puts it in its URLs.
func redact(err error, token string) error {
	if token == "" {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), token, "<token>"))
}
