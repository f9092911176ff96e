package store_test

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
	"chitieu/store"
)

// keyDump is one key of testdata/store-before-committees.json.gz: a store
// written by the version before committees (commit 5cb5b4d) with two
// terms, figures (one corrected, 600 of one indicator), people, an invite,
// a group, an alert and a silence, two pushes (one in a sender's hand),
// handled, claimed and received updates, a conversation, a job's run and
// snapshot, and a scheduler's lock, its prefix written PREFIX.
type keyDump struct {
	Type   string            `json:"type"`
	TTL    int64             `json:"ttl_ms,omitempty"`
	String string            `json:"string,omitempty"`
	Hash   map[string]string `json:"hash,omitempty"`
	ZSet   []redis.Z         `json:"zset,omitempty"`
	Stream []redis.XMessage  `json:"stream,omitempty"`
	Groups []struct {
		Name, LastID string
		Pending      []string // "id consumer"
	} `json:"groups,omitempty"`
}

// loadBefore writes the store of the version before committees under
// prefix.
func loadBefore(t *testing.T, rdb redis.UniversalClient, prefix string) {
	t.Helper()
	f, err := os.Open("testdata/store-before-committees.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]keyDump
	if err := json.NewDecoder(zr).Decode(&all); err != nil {
		t.Fatal(err)
	}
	for name, d := range all {
		k := strings.Replace(name, "PREFIX", prefix, 1)
		var err error
		switch d.Type {
		case "string":
			err = rdb.Set(ctx, k, d.String, 0).Err()
		case "hash":
			err = rdb.HSet(ctx, k, d.Hash).Err()
		case "zset":
			err = rdb.ZAdd(ctx, k, d.ZSet...).Err()
		case "stream":
			for _, m := range d.Stream {
				if err = rdb.XAdd(ctx, &redis.XAddArgs{Stream: k, ID: m.ID, Values: m.Values}).Err(); err != nil {
					break
				}
			}
			for _, g := range d.Groups {
				rdb.XGroupCreate(ctx, k, g.Name, "0")
				for _, p := range g.Pending { // read again by its consumer: in its hand
					id, consumer, _ := strings.Cut(p, " ")
					rdb.XGroupSetID(ctx, k, g.Name, prevID(id))
					rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: g.Name, Consumer: consumer, Streams: []string{k, ">"}, Count: 1})
				}
				rdb.XGroupSetID(ctx, k, g.Name, g.LastID)
			}
		default:
			t.Fatalf("%s: a %s key", name, d.Type)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d.TTL > 0 {
			rdb.PExpire(ctx, k, time.Duration(d.TTL)*time.Millisecond)
		}
	}
}

// prevID is the stream id just before id.
func prevID(id string) string {
	ms, seq, _ := strings.Cut(id, "-")
	if seq != "0" {
		return ms + "-" + strings.TrimLeft(string(rune(0)), "\x00") + decr(seq)
	}
	return decr(ms) + "-18446744073709551615"
}

func decr(n string) string {
	b := []byte(n)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] > '0' {
			b[i]--
			break
		}
		b[i] = '9'
	}
	return strings.TrimLeft(string(b), "0")
}

// TestAStoreFromBeforeCommitteesIsMoved: a store written by the version
// before committees, moved to the committees' layout as the committee
// "default", keeps every figure, person, invite, alert, silence, pending
// push, handled update, conversation and job run; the move is idempotent.
func TestAStoreFromBeforeCommitteesIsMoved(t *testing.T) {
	eachRaw(t, func(t *testing.T, s *store.Store, rdb redis.UniversalClient, prefix string) {
		loadBefore(t, rdb, prefix)
		if need, err := s.NeedsMigration(ctx); !need || err != nil {
			t.Fatalf("a store from before committees needs no move: %v", err)
		}
		plan, err := s.Migrate(ctx, true)
		if err != nil || plan.Keys != 36 || plan.Dropped != 1 {
			t.Fatalf("a dry run would move %+v (%v), want 36 keys and the lock dropped", plan, err)
		}
		if old, _ := s.OldKeys(ctx); len(old) != 37 {
			t.Fatalf("a dry run moved keys: %d left", len(old))
		}
		m, err := s.Migrate(ctx, false)
		if err != nil || m != plan {
			t.Fatalf("moved %+v, %v; the dry run said %+v", m, err, plan)
		}
		if old, _ := s.OldKeys(ctx); len(old) != 0 {
			t.Fatalf("keys of the old layout left: %v", old)
		}
		if again, err := s.Migrate(ctx, false); err != nil || again != (store.Moved{}) {
			t.Fatalf("moved again: %+v, %v", again, err)
		}
		if err := s.Init(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Figures.EnsureSums(ctx); err != nil {
			t.Fatal(err)
		}
		movedFigures(t, s)
		movedPeople(t, s)
		movedPushesAndUpdates(t, s)

		// An older instance, not upgraded, saves a figure in the old layout
		// after the move: never moved over what is there, never unseen.
		late := "{" + prefix + "}:figures"
		rdb.HSet(ctx, late, "000000009999", `{"indicator":"CT01.1","date":"2026-01-05","value":3}`)
		if _, err := s.Migrate(ctx, false); !errors.Is(err, store.ErrWrittenAfterMove) {
			t.Errorf("a store written to in the old layout after the move: %v", err)
		}
		if n, _ := rdb.HLen(ctx, late).Result(); n != 1 {
			t.Error("the figure written after the move is lost")
		}
	})
}

func movedFigures(t *testing.T, s *store.Store) {
	t.Helper()
	terms, err := s.Terms(ctx)
	if err != nil || len(terms) != 2 {
		t.Fatalf("terms %v, %v", terms, err)
	}
	if cur := s.Term(); cur.ID != terms[1].ID {
		t.Errorf("the current term is %v, want %v", cur, terms[1])
	}
	first, all := s.InTerm(terms[0]), indicator.Period{From: -1 << 20, To: 1 << 20}
	var values []float64
	figs, _ := first.Figures.Records(ctx, "CT01.1", all)
	for _, f := range figs {
		values = append(values, f.Value)
	}
	if !slices.Equal(values, []float64{31, 42, 55, 71}) {
		t.Errorf("CT01.1 of the first term: %v", values)
	}
	corrected, _ := first.Figures.Records(ctx, "CT01.2", all)
	if len(corrected) != 1 || corrected[0].Value != 82.5 || corrected[0].Version != 2 || len(corrected[0].History) != 1 || corrected[0].History[0].Value != 80 {
		t.Errorf("the corrected figure: %+v", corrected)
	}
	if many, _ := first.Figures.Records(ctx, "CT04.1", all); len(many) != 600 {
		t.Errorf("CT04.1: %d figures, want 600", len(many))
	}
	sameAsFigures(t, first, "CT04.1", []indicator.Period{{From: d(2021, 1, 1), To: d(2021, 12, 31)}, {From: d(2021, 3, 10), To: d(2022, 5, 3)}})
	if now, _ := s.Figures.Records(ctx, "CT01.1", all); len(now) != 1 || now[0].Value != 12 {
		t.Errorf("CT01.1 of the second term: %+v", now)
	}
	if a, _ := first.Alerts.Of(ctx, "CT01.2"); a.Status != "off_track" {
		t.Errorf("the alert: %+v", a)
	}
	if q, _ := first.Alerts.Silences(ctx, time.Date(2025, 11, 21, 0, 0, 0, 0, time.UTC)); len(q["CT01.2"]) != 1 {
		t.Errorf("the silence: %+v", q)
	}
	if v, ok, _ := s.Plans.Current(ctx); !ok || v.N != 2 {
		t.Errorf("the plan version: %+v", v)
	}
	if entries, _ := s.Audit.Entries(ctx, 5, ""); len(entries) != 5 {
		t.Errorf("the audit log: %d entries", len(entries))
	}
}

func movedPeople(t *testing.T, s *store.Store) {
	t.Helper()
	if users, _ := s.People.All(ctx); len(users) != 3 {
		t.Errorf("people: %+v", users)
	}
	if u, _ := s.People.Get(ctx, 7); u.Unit != "BTC" || !slices.Contains(u.Roles, store.Reporter) {
		t.Errorf("the reporter: %+v", u)
	}
	if inv, _ := s.People.OpenInvites(ctx); len(inv) != 1 {
		t.Errorf("invites: %+v", inv)
	}
	if g, _ := s.People.Groups(ctx); g[-100] != "Thường trực" {
		t.Errorf("groups: %v", g)
	}
	if c, _ := s.Chats.Conversation(ctx, 7); !strings.Contains(string(c), "CT01.1") {
		t.Errorf("the conversation: %q", c)
	}
}

func movedPushesAndUpdates(t *testing.T, s *store.Store) {
	t.Helper()
	got, err := s.Pushes.Claim(ctx, "sender-b", 10, 0, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, p := range got {
		keys = append(keys, p.Key)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"alert:CT01.2:9", "digest:2025-W47:9"}) {
		t.Errorf("pushes claimed after the move: %v", keys)
	}
	if ok, _ := s.Updates.Handled(ctx, 501); !ok {
		t.Error("update 501, handled before, is not")
	}
	if b, _ := s.Updates.Begin(ctx, store.Begin{Update: 502, Owner: "new", TTL: time.Minute}); b.Claim != store.Busy {
		t.Errorf("update 502, in another's hand, is %v", b.Claim)
	}
	if in, _ := s.Updates.Inbox(ctx); len(in) != 1 || in[503] == nil {
		t.Errorf("the inbox: %v", in)
	}
	terms, _ := s.Terms(ctx)
	if ok, _ := s.InTerm(terms[0]).Jobs.LoadSnapshot(ctx, "digest", &map[string]string{}); !ok {
		t.Error("the digest's snapshot is lost")
	}
	if r, _ := s.Jobs.Claim(ctx, "digest", time.Date(2025, 11, 20, 3, 0, 0, 0, time.UTC), "new", time.Minute); r.Mine {
		t.Error("a job run done before runs again")
	}
}
