package store_test

import (
	"errors"
	"testing"
	"time"

	"chitieu/store"
	"chitieu/store/storetest"
)

func TestInvites(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		admin, err := s.People.EnsureAdmin(ctx, store.Profile{ID: 1, Name: "Quản trị"})
		if err != nil || !admin.Has(store.Admin) {
			t.Fatalf("first admin: %+v, %v", admin, err)
		}
		inv, err := s.People.CreateInvite(ctx, 1, store.Reporter, "BTC", 48*time.Hour)
		if err != nil || len(inv.Code) < 22 {
			t.Fatalf("invite %+v, %v", inv, err)
		}
		u, err := s.People.RedeemInvite(ctx, inv.Code, store.Profile{ID: 7, Name: "Nguyễn Thị Lan", Username: "lan", Lang: "vi"})
		if err != nil || !u.Has(store.Reporter) || u.Has(store.Leader) || u.Unit != "BTC" || u.Name != "Nguyễn Thị Lan" {
			t.Fatalf("redeemed: %+v, %v", u, err)
		}
		if _, err := s.People.RedeemInvite(ctx, inv.Code, store.Profile{ID: 8, Name: "Khác"}); !errors.Is(err, store.ErrInvite) {
			t.Errorf("second use: %v, want ErrInvite", err)
		}
		if _, err := s.People.Get(ctx, 8); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a refused invite made a user: %v", err)
		}
		if _, err := s.People.RedeemInvite(ctx, "no-such-code", store.Profile{ID: 8}); !errors.Is(err, store.ErrInvite) {
			t.Errorf("unknown code: %v", err)
		}
		lead, _ := s.People.CreateInvite(ctx, 1, store.Leader, "", time.Hour)
		clock.Advance(2 * time.Hour)
		if _, err := s.People.RedeemInvite(ctx, lead.Code, store.Profile{ID: 7}); !errors.Is(err, store.ErrInvite) {
			t.Errorf("expired invite: %v", err)
		}
		if _, err := s.People.CreateInvite(ctx, 1, "boss", "", time.Hour); err == nil {
			t.Error("an invite with no such role was made")
		}
	})
}

func TestAnInviteAddsARole(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		a, _ := s.People.CreateInvite(ctx, 1, store.Reporter, "BTC", time.Hour)
		b, _ := s.People.CreateInvite(ctx, 1, store.Leader, "", time.Hour)
		s.People.RedeemInvite(ctx, a.Code, store.Profile{ID: 7, Name: "Lan"})
		u, err := s.People.RedeemInvite(ctx, b.Code, store.Profile{ID: 7, Name: "Lan"})
		if err != nil || !u.Has(store.Reporter) || !u.Has(store.Leader) || u.Unit != "BTC" {
			t.Errorf("two invites: %+v, %v", u, err)
		}
	})
}

func TestPeopleChangesAreAudited(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		s.People.EnsureAdmin(ctx, store.Profile{ID: 1, Name: "An"})
		inv, _ := s.People.CreateInvite(ctx, 1, store.Reporter, "BTC", time.Hour)
		s.People.RedeemInvite(ctx, inv.Code, store.Profile{ID: 7, Name: "Lan"})
		if _, err := s.People.SetAccess(ctx, 1, 7, []store.Role{store.Leader}, "PKT"); err != nil {
			t.Fatal(err)
		}
		u, _ := s.People.SetBlocked(ctx, 1, 7, true)
		if u.Has(store.Leader) || !u.Blocked || u.Unit != "PKT" {
			t.Errorf("blocked user %+v still acts", u)
		}
		s.People.SetInactive(ctx, 7, true)
		if _, err := s.People.SetAccess(ctx, 1, 99, nil, ""); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("changing a stranger: %v", err)
		}
		users, _ := s.People.All(ctx)
		if len(users) != 2 || users[0].Name != "An" || !users[1].Inactive {
			t.Errorf("users = %+v", users)
		}
		entries, _ := s.Audit.Entries(ctx, 3, "")
		want := []string{"user.inactive", "user.block", "user.access"}
		for i, e := range entries {
			if e.Action != want[i] || e.Subject != "user:7" {
				t.Errorf("audit %d = %s %s, want %s user:7", i, e.Action, e.Subject, want[i])
			}
		}
		older, _ := s.Audit.Entries(ctx, 10, entries[2].ID)
		if len(older) != 3 || older[0].Action != "invite.use" || older[0].Actor != 7 {
			t.Errorf("older entries = %+v", older)
		}
	})
}

func TestConversations(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		if _, err := s.Chats.Conversation(ctx, 7); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("no conversation: %v", err)
		}
		s.Chats.Save(ctx, 7, []byte("a"), time.Minute)
		s.Chats.Save(ctx, 7, []byte("b"), time.Minute)
		if b, err := s.Chats.Conversation(ctx, 7); string(b) != "b" || err != nil {
			t.Errorf("conversation = %q, %v", b, err)
		}
		s.Chats.End(ctx, 7)
		if _, err := s.Chats.Conversation(ctx, 7); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ended conversation: %v", err)
		}
	})
}

// TestConversationTimesOut: a conversation left alone past its time-out
// is gone, on miniredis with its time moved (no real wait).
func TestConversationTimesOut(t *testing.T) {
	s, mr := storetest.Mini(t, nil)
	s.Chats.Save(ctx, 7, []byte("a"), 30*time.Minute)
	mr.FastForward(29 * time.Minute)
	if got, err := s.Chats.Conversation(ctx, 7); err != nil || string(got) != "a" {
		t.Fatalf("before its time-out: %q, %v", got, err)
	}
	mr.FastForward(2 * time.Minute)
	if _, err := s.Chats.Conversation(ctx, 7); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after its time-out: %v", err)
	}
}

func TestHandledUpdates(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		if seen, _ := s.Updates.Handled(ctx, 42); seen {
			t.Error("a new update was seen")
		}
		if first, err := s.Updates.Finish(ctx, 42); !first || err != nil {
			t.Errorf("first mark: %v %v", first, err)
		}
		if first, _ := s.Updates.Finish(ctx, 42); first {
			t.Error("second mark was first")
		}
		if seen, _ := s.Updates.Handled(ctx, 42); !seen {
			t.Error("a handled update was not seen")
		}
	})
}

// A person read is the reader's to change: the next read is as stored,
// and a change stored is read.
func TestAPersonReadIsTheReadersOwn(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		s.People.EnsureAdmin(ctx, store.Profile{ID: 41, Name: "An"})
		u, _ := s.People.Get(ctx, 41)
		u.Roles[0] = store.Leader
		u.Name = "Bình"
		again, err := s.People.Get(ctx, 41)
		if err != nil || again.Name != "An" || !again.Has(store.Admin) || again.Has(store.Leader) {
			t.Fatalf("a person read again after the reader changed its copy: %+v, %v", again, err)
		}
		s.People.SetAccess(ctx, 0, 41, []store.Role{store.Reporter}, "BTC")
		if now, _ := s.People.Get(ctx, 41); !now.Has(store.Reporter) || now.Has(store.Admin) || now.Unit != "BTC" {
			t.Errorf("a change stored is not read: %+v", now)
		}
	})
}
