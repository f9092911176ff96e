package storetest

import (
	"context"
	"net"
	"sync/atomic"

	"github.com/redis/go-redis/v9"

	"chitieu/store"
)

// RoundTrips starts counting the round trips s makes to Redis: each
// command is one, and so is each pipeline or transaction, whatever it
// holds. The function returned reads the count so far; take the
// difference of two readings to measure a call. A script run for the
// first time on a server counts twice (EVALSHA, then EVAL), so warm it up
// before measuring. A new connection's handshake (HELLO) is the pool's
// doing, not the call's, and is not counted.
func RoundTrips(s *store.Store) func() int {
	c := &counter{}
	s.AddHook(c)
	return func() int { return int(c.n.Load()) }
}

// counter is a go-redis hook that counts what goes to the server.
type counter struct{ n atomic.Int64 }

func (c *counter) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) { return next(ctx, network, addr) }
}

func (c *counter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if cmd.Name() != "hello" {
			c.n.Add(1)
		}
		return next(ctx, cmd)
	}
}

func (c *counter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { c.n.Add(1); return next(ctx, cmds) }
}
