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

// ScriptRuns counts the runs of the script with hash sha (by EVALSHA) on
// s from now on.
func ScriptRuns(s *store.Store, sha string) func() int {
	c := &scriptCounter{sha: sha}
	s.AddHook(c)
	return func() int { return int(c.n.Load()) }
}

type scriptCounter struct {
	sha string
	n   atomic.Int64
}

func (c *scriptCounter) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *scriptCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.seen(cmd)
		return next(ctx, cmd)
	}
}

func (c *scriptCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		for _, cmd := range cmds {
			c.seen(cmd)
		}
		return next(ctx, cmds)
	}
}

func (c *scriptCounter) seen(cmd redis.Cmder) {
	if args := cmd.Args(); len(args) > 1 && cmd.Name() == "evalsha" && args[1] == c.sha {
		c.n.Add(1)
	}
}
