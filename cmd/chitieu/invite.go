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

// invite prints a one-time invite link, for the first setup.
func (c *cli) invite(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	role := fs.String("role", "", "admin, leader or reporter")
	unit := fs.String("unit", "", "the unit's code (required for a reporter)")
	ttl := fs.Duration("ttl", 7*24*time.Hour, "how long the invite lasts")
	if _, err := c.parse(cfg, fs, args, 0); err != nil {
		return err
	}
	plan, err := c.openPlan(cfg)
	if err != nil {
		return err
	}
	r, err := checkInvite(plan, *role, *unit)
	if err != nil {
		return err
	}
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	inv, err := s.CreateInvite(ctx, 0, r, *unit, *ttl)
	if err != nil {
		return err
	}
	c.printInvite(ctx, cfg, inv, plan)
	return nil
}

func checkInvite(plan *indicator.Plan, role, unit string) (store.Role, error) {
	r, ok := store.ParseRole(role)
	if !ok {
		return "", fmt.Errorf("--role: want admin, leader or reporter, have %q", role)
	}
	if r == store.Reporter && unit == "" {
		return "", errors.New("--unit: a reporter needs a unit")
	}
	for _, u := range plan.Units {
		if u.Code == unit {
			return r, nil
		}
	}
	if unit != "" {
		return "", fmt.Errorf("--unit: the plan has no unit %q", unit)
	}
	return r, nil
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
	fmt.Fprintln(c.stdout, c.p.T("invite.done", "Role", c.p.T("role."+string(inv.Role)), "Unit", inv.Unit,
		"Expires", render.Moment(c.p, expires), "Link", link, "Code", inv.Code))
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
