package store

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// DeleteAll deletes every key under the store's prefix, on every master.
// It is for tests and for tearing down a trial; nothing in the bot calls it.
func (s *Store) DeleteAll(ctx context.Context) error {
	del := func(ctx context.Context, c *redis.Client) error {
		for _, pattern := range []string{"{" + s.k.p + "}*", "{" + s.k.p + ":*", "{" + s.k.p + "/*", s.k.p + ":*"} {
			iter := c.Scan(ctx, 0, pattern, 500).Iterator()
			for iter.Next(ctx) {
				if err := c.Del(ctx, iter.Val()).Err(); err != nil {
					return err
				}
			}
			if err := iter.Err(); err != nil {
				return err
			}
		}
		return nil
	}
	if cc, ok := s.rdb.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, del)
	}
	if c, ok := s.rdb.(*redis.Client); ok {
		return del(ctx, c)
	}
	return nil
}
