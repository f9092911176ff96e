package storetest

import (
	"context"
	"sync/atomic"

	"github.com/redis/go-redis/v9"

	"chitieu/store"
)

// RoundTrips counts, from now on, the round trips s makes to Redis: each
// command sent alone counts one, and so does each pipeline or transaction,
// however many commands it carries. The function returned reads the count.
func RoundTrips(s *store.Store) func() int {
	c := &roundTrips{}
	s.AddHook(c)
	return func() int { return int(c.n.Load()) }
}

type roundTrips struct{ n atomic.Int64 }

func (c *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.n.Add(1)
		return next(ctx, cmd)
	}
}

func (c *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		c.n.Add(1)
		return next(ctx, cmds)
	}
}
