package store_test

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"chitieu/store"
	"chitieu/store/storetest"
)

// eachRaw runs a test on one Redis and on the Cluster, like each, giving
// it the client under the store too, for keys the store does not write.
// rawDay is the day of eachRaw's stores: X// before committees (testdata) was written, its invite still open.
var rawDay = time.Date(2026, 1, 6, 3, 0, 0, 0, time.UTC)

func eachRaw(t *testing.T, fn func(t *testing.T, s *store.Store, rdb redis.UniversalClient, prefix string)) {
	run := func(t *testing.T, rdb redis.UniversalClient) {
		prefix := storetest.Prefix()
		s, err := store.New(rdb, store.Options{Prefix: prefix, Now: func() time.Time { return rawDay }})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.DeleteAll(ctx); rdb.Close() })
		fn(t, s, rdb, prefix)
	}
	t.Run("redis", func(t *testing.T) {
		o := &redis.Options{DisableIdentity: true}
		if url := os.Getenv("REDIS_URL"); url != "" {
			var err error
			if o, err = redis.ParseURL(url); err != nil {
				t.Fatal(err)
			}
			o.DisableIdentity = true
		} else {
			o.Addr = miniredis.RunT(t).Addr()
		}
		run(t, redis.NewClient(o))
	})
	t.Run("cluster", func(t *testing.T) {
		if cluster == nil {
			t.Skip("no redis-server binary on PATH: cannot start a Redis Cluster")
		}
		run(t, redis.NewClusterClient(&redis.ClusterOptions{Addrs: cluster.Addrs, DisableIdentity: true}))
	})
}

// A handler's last write marks the update handled in its own script.
func TestAScriptMarksTheUpdateHandledWithItsOwnWrite(t *testing.T) {
	eachRaw(t, func(t *testing.T, s *store.Store, rdb redis.UniversalClient, prefix string) {
		save := redis.NewScript(store.HandledLua + `
redis.call('SET', KEYS[1], ARGV[1])
return mark_handled(tonumber(ARGV[2]), tonumber(ARGV[3]))
`)
		s.Updates.Receive(ctx, map[int][]byte{51: []byte(`{"update_id":51}`)})
		s.Updates.Begin(ctx, store.Begin{Update: 51, Owner: "a", TTL: time.Minute})
		m := s.Updates.Mark(51)
		own := "{" + prefix + "/default}:saved" // the script's own key, in the committee's tag
		keys := append([]string{own}, m.Keys...)
		args := append([]any{"figure", 2, 4}, m.Args...)
		if first, err := save.Run(ctx, rdb, keys, args...).Int(); first != 1 || err != nil {
			t.Fatalf("first mark: %d %v", first, err)
		}
		if first, _ := save.Run(ctx, rdb, keys, args...).Int(); first != 0 {
			t.Error("a second mark was the first")
		}
		if v, _ := rdb.Get(ctx, own).Result(); v != "figure" {
			t.Errorf("the script's own write: %q", v)
		}
		if seen, _ := s.Updates.Handled(ctx, 51); !seen {
			t.Error("not marked handled")
		}
		if got, _ := s.Updates.Begin(ctx, store.Begin{Update: 51, Owner: "b", TTL: time.Minute}); got.Claim != store.Done {
			t.Errorf("another instance given the update again finds it %v, want Done", got.Claim)
		}
		if first, err := s.Updates.Finish(ctx, 51); first || err != nil {
			t.Errorf("finishing an update its save marked: first %v, %v", first, err)
		}
		if in, _ := s.Updates.Inbox(ctx); len(in) != 0 {
			t.Errorf("still in the inbox: %v", in)
		}
		if n, _ := s.Updates.Try(ctx, 51); n != 1 {
			t.Errorf("tries not forgotten: %d", n)
		}
	})
}

// An update marked or claimed where updates were kept before (an older
// version) is not handled again.
func TestBeginReadsTheUpdatesKeptBefore(t *testing.T) {
	eachRaw(t, func(t *testing.T, s *store.Store, rdb redis.UniversalClient, prefix string) {
		rdb.Set(ctx, prefix+":update:61", "2026-11-26T02:00:00Z", time.Hour)
		rdb.Set(ctx, prefix+":update:62", "claim:old", time.Hour)
		for id, want := range map[int]store.Claim{61: store.Done, 62: store.Busy, 63: store.Claimed} {
			got, err := s.Updates.Begin(ctx, store.Begin{Update: id, Owner: "a", TTL: time.Minute})
			if got.Claim != want || err != nil {
				t.Errorf("update %d: %v %v, want %v", id, got.Claim, err, want)
			}
		}
		if err := rdb.Get(ctx, prefix+":update:63").Err(); !errors.Is(err, redis.Nil) {
			t.Errorf("Begin wrote where updates were kept before: %v", err)
		}
	})
}
