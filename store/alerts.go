package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
)

// Alert is what was last told of an indicator's standing. The alert checks
// change it only by compare-and-set (SwapAlert), so two checks racing on
// one indicator tell its news once.
type Alert struct {
	Indicator string    `json:"indicator"`
	Status    string    `json:"status"` // the status last alerted: off_track, missed, or on_track after a recovery
	Overdue   bool      `json:"overdue,omitempty"`
	Since     time.Time `json:"since"`     // when it entered that status
	LastSent  time.Time `json:"last_sent"` // when an alert last went out
	// Window is the first day of the window Status speaks of; 0 in a state
	// written before it was kept.
	Window indicator.Date `json:"window,omitempty"`
	// Missed are the first days of the windows whose "Không đạt" was told:
	// each window's once, whoever noticed it first.
	Missed []indicator.Date `json:"missed,omitempty"`
	doc    string           // the document it was read from; "" when none was stored
}

// Same reports whether two states say the same.
func (a Alert) Same(b Alert) bool {
	return a.Indicator == b.Indicator && a.Status == b.Status && a.Overdue == b.Overdue && a.Since.Equal(b.Since) &&
		a.LastSent.Equal(b.LastSent) && a.Window == b.Window && slices.Equal(a.Missed, b.Missed)
}

// ToldMissed reports whether window w's "Không đạt" was told. A state
// written before windows were kept told "missed" of the window that had
// ended when it was told.
func (a Alert) ToldMissed(w indicator.Period) bool {
	if slices.Contains(a.Missed, w.From) {
		return true
	}
	return a.Status == "missed" && a.Missed == nil && a.Window == 0 && indicator.DateOf(a.Since) > w.To
}

// Silence keeps an indicator's alerts from one leader, or from everyone
// (Leader 0: every leader and leaders' group), until a time. Silences are
// kept apart from the alert state, so a check never overwrites one.
type Silence struct {
	Indicator string    `json:"indicator"`
	Leader    int64     `json:"leader,omitempty"`
	Until     time.Time `json:"until"`
	By        int64     `json:"by"`
}

// Everyone is the Leader of a silence made for all.
const Everyone = 0

// swapAlert sets an indicator's alert state to ARGV[3] if it is still
// ARGV[2] ("" for none); its keys and arguments are in lua/swap_alert.lua.
var swapAlert = script("swap_alert.lua")

// All reads the alert state of every indicator that has one.
func (x Alerts) All(ctx context.Context) (map[string]Alert, error) {
	s := x.s
	docs, err := s.rdb.HGetAll(ctx, s.tk().alerts()).Result()
	if err != nil {
		return nil, err
	}
	out := make(map[string]Alert, len(docs))
	for code, doc := range docs {
		if out[code], err = readAlert(code, doc); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Of reads one indicator's alert state (its zero value with the code
// when it has none).
func (x Alerts) Of(ctx context.Context, code string) (Alert, error) {
	s := x.s
	return alertFrom(code, s.rdb.HGet(ctx, s.tk().alerts(), code))
}

// AlertCheck is what deciding one indicator's alert after a report needs.
type AlertCheck struct {
	Alert    Alert                // the indicator's alert state
	Silences map[string][]Silence // every silence in force, by indicator
	By       int64                // who saved its latest figure of the day asked for; 0 for none
}

// Check reads in one round trip an indicator's alert state (and
// no other's), the silences in force at now and who saved its latest
// figure dated day (none asked when day is 0), so the check after a
// report reads no history.
func (x Alerts) Check(ctx context.Context, code string, day indicator.Date, now time.Time) (AlertCheck, error) {
	s := x.s
	var state *redis.StringCmd
	var silences *redis.MapStringStringCmd
	var figs *redis.Cmd
	s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error { // each command's error is read below
		state, silences = p.HGet(ctx, s.tk().alerts(), code), p.HGetAll(ctx, s.tk().silences())
		if day != 0 {
			figs = latestOfDay.EvalSha(ctx, p, s.indexes(code), int(day))
		}
		return nil
	})
	if figs != nil && redis.HasErrorPrefix(figs.Err(), "NOSCRIPT") { // the first on this server
		figs = latestOfDay.Run(ctx, s.rdb, s.indexes(code), int(day))
	}
	var out AlertCheck
	var err error
	if out.Alert, err = alertFrom(code, state); err != nil {
		return AlertCheck{}, fmt.Errorf("alert state of %s: %w", code, err)
	}
	if err := silences.Err(); err != nil {
		return AlertCheck{}, fmt.Errorf("silences: %w", err)
	}
	if out.Silences, err = silencesFrom(silences.Val(), now); err != nil {
		return AlertCheck{}, err
	}
	if out.By, err = lastBy(figs); err != nil {
		return AlertCheck{}, fmt.Errorf("latest figure of %s: %w", code, err)
	}
	return out, nil
}

// indexes are the keys readFigures reads an indicator's figures from: the
// figures, its index and those of the codes it had before.
func (s *Store) indexes(code string) []string {
	keys := []string{s.tk().figures()}
	for _, read := range append([]string{code}, s.formerly(code)...) {
		keys = append(keys, s.tk().index(read))
	}
	return keys
}

// lastBy is who saved the figure latestOfDay returned, or 0 when none
// (or nothing was read).
func lastBy(cmd *redis.Cmd) (int64, error) {
	if cmd == nil {
		return 0, nil
	}
	res, err := cmd.Slice()
	if err != nil {
		return 0, err
	}
	figs, err := decodePairs(nil, res)
	if err != nil || len(figs) == 0 {
		return 0, err
	}
	return figs[0].By, nil
}

// latestOfDay reads the latest figure saved for a day under any of an
// indicator's indexes, as {member, document}, or {} for none; its keys and
// arguments are in lua/latest_of_day.lua.
var latestOfDay = script("latest_of_day.lua")

func alertFrom(code string, cmd *redis.StringCmd) (Alert, error) {
	doc, err := cmd.Result()
	if errors.Is(err, redis.Nil) {
		return Alert{Indicator: code}, nil
	}
	if err != nil {
		return Alert{}, err
	}
	return readAlert(code, doc)
}

func readAlert(code, doc string) (Alert, error) {
	a := Alert{Indicator: code}
	err := json.Unmarshal([]byte(doc), &a)
	a.doc = doc
	return a, err
}

// Put records an indicator's alert state whatever it was.
func (x Alerts) Put(ctx context.Context, a Alert) error {
	s := x.s
	doc, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return s.rdb.HSet(ctx, s.tk().alerts(), a.Indicator, doc).Err()
}

// Swap records next as the indicator's alert state if it is still
// prev as read: false, and nothing written, when another check changed it
// in between (read it again and decide again). The returned state is next
// as stored, to swap from again.
func (x Alerts) Swap(ctx context.Context, prev, next Alert) (Alert, bool, error) {
	s := x.s
	doc, err := json.Marshal(next)
	if err != nil {
		return prev, false, err
	}
	ok, err := swapAlert.Run(ctx, s.rdb, []string{s.tk().alerts()}, next.Indicator, prev.doc, doc).Bool()
	if err != nil || !ok {
		return prev, false, err
	}
	next.doc = string(doc)
	return next, true, nil
}

// Silences reads every silence still in force at now, by indicator.
func (x Alerts) Silences(ctx context.Context, now time.Time) (map[string][]Silence, error) {
	s := x.s
	docs, err := s.rdb.HGetAll(ctx, s.tk().silences()).Result()
	if err != nil {
		return nil, err
	}
	return silencesFrom(docs, now)
}

// silencesFrom reads the silences' documents, keeping those in force at
// now, by indicator.
func silencesFrom(docs map[string]string, now time.Time) (map[string][]Silence, error) {
	out := map[string][]Silence{}
	for _, doc := range docs {
		var q Silence
		if err := json.Unmarshal([]byte(doc), &q); err != nil {
			return nil, err
		}
		if q.Until.After(now) {
			out[q.Indicator] = append(out[q.Indicator], q)
		}
	}
	return out, nil
}

// Silence keeps an indicator's alerts from q.Leader (or Everyone) quiet
// until q.Until, or lifts that silence when Until is zero, with its audit
// entry, in one script.
func (x Alerts) Silence(ctx context.Context, q Silence) error {
	s := x.s
	field := q.Indicator + ":" + strconv.FormatInt(q.Leader, 10)
	doc, err := json.Marshal(Silence{Indicator: q.Indicator, Leader: q.Leader, Until: q.Until.UTC(), By: q.By})
	if err != nil {
		return err
	}
	action := map[bool]string{true: "alert.unsilence", false: "alert.silence"}[q.Until.IsZero()]
	detail, _ := json.Marshal(map[string]any{"until": q.Until.UTC().Format(time.RFC3339), "leader": q.Leader})
	value := string(doc)
	if q.Until.IsZero() {
		value = ""
	}
	return s.hashAudit(ctx, s.tk().silences(), field, value, Entry{Actor: q.By, Action: action,
		Subject: "indicator:" + q.Indicator, Detail: string(detail)})
}

// Silenced reports whether a silence among qs keeps chat quiet at now: one
// made for everyone, or one the leader chat made. Silenced(qs, Everyone,
// now) says whether everyone is kept quiet.
func Silenced(qs []Silence, chat int64, now time.Time) bool {
	for _, q := range qs {
		if (q.Leader == Everyone || q.Leader == chat) && q.Until.After(now) {
			return true
		}
	}
	return false
}
