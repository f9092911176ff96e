package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"chitieu/store"
	"chitieu/store/storetest"
)

// TestAFanOutIsQueuedAThousandAtATime: 2,500 pushes take three round
// trips once the script is loaded, and each is queued once.
func TestAFanOutIsQueuedAThousandAtATime(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		s.Pushes.Enqueue(ctx, store.Push{Key: "warm-up", Chat: 1, Text: "-"})
		var pushes []store.Push
		for i := range 2500 {
			pushes = append(pushes, store.Push{Key: fmt.Sprint("digest:", i), Chat: int64(i), Kind: "digest", Text: "<b>Tổng hợp</b>"})
		}
		trips := storetest.RoundTrips(s)
		before := trips()
		n, err := s.Pushes.Enqueue(ctx, pushes...)
		if err != nil || n != 2500 {
			t.Fatalf("queued %d: %v", n, err)
		}
		if got := trips() - before; got != 3 {
			t.Errorf("2,500 pushes took %d round trips, want 3", got)
		}
		if n, _ := s.Pushes.Enqueue(ctx, pushes...); n != 0 {
			t.Errorf("%d pushes queued twice", n)
		}
	})
}

// TestATextSharedByManyPushesIsSentWhole: pushes of one long text (kept
// once in the outbox) come out of the outbox whole, after a deferral too,
// beside a push of their own text.
func TestATextSharedByManyPushesIsSentWhole(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		shared := strings.Repeat("<b>CT01.1</b> Kết nạp đảng viên mới — chậm tiến độ\n", 60)
		pushes := []store.Push{{Key: "own", Chat: 9, Text: "riêng", HTML: true}}
		for i := range 3 {
			pushes = append(pushes, store.Push{Key: fmt.Sprint("alert:", i), Chat: int64(i + 1), Kind: "alert", Text: shared, HTML: true})
		}
		if n, err := s.Pushes.Enqueue(ctx, pushes...); n != 4 || err != nil {
			t.Fatalf("queued %d: %v", n, err)
		}
		got, err := s.Pushes.Claim(ctx, "a", 10, 0, time.Minute)
		if err != nil || len(got) != 4 {
			t.Fatalf("claimed %d: %v", len(got), err)
		}
		for _, p := range got {
			if want := map[bool]string{true: "riêng", false: shared}[p.Key == "own"]; p.Text != want || !p.HTML {
				t.Errorf("%s: %q", p.Key, p.Text)
			}
		}
		later := start.Add(time.Hour)
		if err := s.Pushes.Reschedule(ctx, got[1], later, true); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.Pushes.Promote(ctx, later); n != 1 {
			t.Fatalf("promoted %d", n)
		}
		back, err := s.Pushes.Claim(ctx, "a", 10, 0, time.Minute)
		if err != nil || len(back) != 1 || back[0].Text != shared || back[0].Attempts != 1 {
			t.Errorf("after a deferral: %+v, %v", back, err)
		}
	})
}
