package store_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"chitieu/store"
	"chitieu/store/storetest"
)

// TestInvitesRedeemedAtOnce redeems many invites by many people at the same
// moment: each optimistic transaction that loses the race on the people's
// hash tries again, so every one of them gets in.
func TestInvitesRedeemedAtOnce(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		const n = 12
		codes := make([]string, n)
		for i := range codes {
			inv, err := s.People.CreateInvite(ctx, 1, store.Reporter, "BTC", time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			codes[i] = inv.Code
		}
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i, code := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.People.RedeemInvite(ctx, code, store.Profile{ID: int64(100 + i), Name: "Người mới"})
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("person %d: %v", i, err)
			}
		}
		users, _ := s.People.All(ctx)
		if len(users) != n {
			t.Errorf("%d people, want %d", len(users), n)
		}
	})
}

// TestAnUnusedInviteIsRevoked: the invites not yet used are listed, the
// soonest to expire first; one revoked can no longer be used, and the
// revocation is audited; a used, revoked or expired invite cannot be
// revoked (again).
func TestAnUnusedInviteIsRevoked(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		reporter, _ := s.People.CreateInvite(ctx, 1, store.Reporter, "BTC", 3*time.Hour)
		leader, _ := s.People.CreateInvite(ctx, 1, store.Leader, "", 2*time.Hour)
		admin, _ := s.People.CreateInvite(ctx, 1, store.Admin, "", time.Hour)
		open, err := s.People.OpenInvites(ctx)
		if err != nil || len(open) != 3 || open[0].Code != admin.Code || open[2].Code != reporter.Code {
			t.Fatalf("open invites %+v, %v", open, err)
		}
		revoked, err := s.People.RevokeInvite(ctx, 1, reporter.Code)
		if err != nil || revoked.Role != store.Reporter || revoked.Unit != "BTC" {
			t.Fatalf("revoke: %+v, %v", revoked, err)
		}
		if _, err := s.People.RedeemInvite(ctx, reporter.Code, store.Profile{ID: 50, Name: "Người lạ"}); !errors.Is(err, store.ErrInvite) {
			t.Errorf("a revoked invite was used: %v", err)
		}
		if _, err := s.People.RevokeInvite(ctx, 1, reporter.Code); !errors.Is(err, store.ErrInvite) {
			t.Errorf("revoked twice: %v", err)
		}
		if _, err := s.People.RedeemInvite(ctx, leader.Code, store.Profile{ID: 51, Name: "Lãnh đạo"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.People.RevokeInvite(ctx, 1, leader.Code); !errors.Is(err, store.ErrInvite) {
			t.Errorf("a used invite revoked: %v", err)
		}
		if open, _ := s.People.OpenInvites(ctx); len(open) != 1 || open[0].Code != admin.Code {
			t.Errorf("open after a revocation and a use: %+v", open)
		}
		clock.Advance(90 * time.Minute)
		if open, _ := s.People.OpenInvites(ctx); len(open) != 0 {
			t.Errorf("an expired invite is open: %+v", open)
		}
		if _, err := s.People.RevokeInvite(ctx, 1, admin.Code); !errors.Is(err, store.ErrInvite) {
			t.Errorf("an expired invite revoked: %v", err)
		}
		if _, err := s.People.RevokeInvite(ctx, 1, "x"); !errors.Is(err, store.ErrInvite) {
			t.Errorf("an unknown code revoked: %v", err)
		}
		entries, _ := s.Audit.Entries(ctx, 10, "")
		var found bool
		for _, e := range entries {
			found = found || e.Action == "invite.revoke" && e.Actor == 1 && e.Subject == "invite:"+reporter.Code[:6]
		}
		if !found {
			t.Errorf("no audit entry of the revocation: %+v", entries)
		}
	})
}
