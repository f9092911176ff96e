package store_test

import (
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
			inv, err := s.CreateInvite(ctx, 1, store.Reporter, "BTC", time.Hour)
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
				_, errs[i] = s.RedeemInvite(ctx, code, store.Profile{ID: int64(100 + i), Name: "Người mới"})
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("person %d: %v", i, err)
			}
		}
		users, _ := s.Users(ctx)
		if len(users) != n {
			t.Errorf("%d people, want %d", len(users), n)
		}
	})
}
