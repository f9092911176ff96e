package store_test

import (
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"chitieu/store"
	"chitieu/store/storetest"
)

// cluster is a real three-master Redis Cluster, when the machine has
// redis-server; the whole suite runs on it too.
var cluster *storetest.Cluster

func TestMain(m *testing.M) {
	c, err := storetest.StartCluster()
	switch {
	case err == nil:
		cluster = c
	case errors.Is(err, storetest.ErrNoRedisServer):
		fmt.Fprintln(os.Stderr, "store: no redis-server on PATH: the Cluster runs of the suite are skipped")
	default:
		fmt.Fprintln(os.Stderr, "store: cannot start a Redis Cluster:", err)
		os.Exit(1)
	}
	code := m.Run()
	if cluster != nil {
		cluster.Stop()
	}
	os.Exit(code)
}

// start is the clock's start in every test: 26/11/2026 09:00 in Hà Nội.
var start = time.Date(2026, 11, 26, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// each runs a test on one Redis (REDIS_URL, or miniredis) and on the
// Cluster, with the same assertions.
func each(t *testing.T, fn func(t *testing.T, s *store.Store, clock *storetest.Clock)) {
	t.Run("redis", func(t *testing.T) {
		clock := storetest.NewClock(start)
		fn(t, storetest.New(t, clock.Now), clock)
	})
	t.Run("cluster", func(t *testing.T) {
		if cluster == nil {
			t.Skip("no redis-server binary on PATH: cannot start a Redis Cluster")
		}
		clock := storetest.NewClock(start)
		fn(t, storetest.Open(t, store.Options{ClusterAddrs: cluster.Addrs, Prefix: storetest.Prefix(), Now: clock.Now}), clock)
	})
}
