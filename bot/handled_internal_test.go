package bot

import (
	"context"
	"testing"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/locales"
	"chitieu/store/storetest"
)

// An update costs Begin, what its handler writes, and one round trip that
// finishes it (its claim replaced by its mark, out of the inbox), whether
// or not the handler's write marked it handled in the committee's keys.
func TestAnUpdateIsFinishedInOneRoundTrip(t *testing.T) {
	s := storetest.New(t, nil)
	trips := storetest.RoundTrips(s)
	b := New(Deps{Store: s, Catalog: locales.MustLoad(), API: &sent{}})
	update := func(id int) tg.Update {
		return tg.Update{UpdateID: id, Message: &tg.Message{MessageID: id, From: &tg.User{ID: 7}, Chat: &tg.Chat{ID: 7, Type: "private"}, Text: "x"}}
	}
	for _, tc := range []struct {
		name   string
		warm   int // an update before, so the scripts are loaded
		id     int
		handle Handler
		trips  int
	}{
		{"a reply only", 1, 2, func(context.Context, *Request) error { return nil }, 2},
		{"marked by the handler", 3, 4, func(ctx context.Context, r *Request) error {
			_, err := s.Updates.Finish(ctx, r.Update.UpdateID) // stands for a save script with store.HandledLua
			r.handled = true
			return err
		}, 3},
	} {
		b.handler = tc.handle
		b.Handle(context.Background(), update(tc.warm))
		before := trips()
		if err := b.Handle(context.Background(), update(tc.id)); err != nil {
			t.Fatal(err)
		}
		if n := trips() - before; n != tc.trips {
			t.Errorf("%s: %d round trips, want %d (Begin, the handler's, one finish)", tc.name, n, tc.trips)
		}
		if seen, _ := s.Updates.Handled(context.Background(), tc.id); !seen {
			t.Errorf("%s: not handled", tc.name)
		}
	}
}
