package store

import (
	"chitieu/retry"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// maxRaces is how many times an optimistic transaction that lost a race
// is tried again before the store gives up: each round one contender wins,
// so this many people acting at the same instant all get through.
const maxRaces = 64

// ErrContended is returned when an optimistic transaction lost its race
// maxRaces times in a row: Redis answers, but others keep writing.
var ErrContended = errors.New("too many concurrent changes")

// races is how a WATCH transaction that lost a race is tried again:
// each round one contender wins, so maxRaces people acting at the same
// instant all get through, after short random pauses that grow to 20 ms
// so contenders do not meet again in lock step.
var races = retry.Policy{Tries: maxRaces, First: time.Millisecond, Max: 20 * time.Millisecond, Jitter: true}

// watch runs fn in a WATCH transaction on keys and runs it again while it
// loses a race (another client wrote a watched key in between). Only a
// real failure comes back to the caller.
func (s *Store) watch(ctx context.Context, fn func(*redis.Tx) error, keys ...string) error {
	lost := false
	err := retry.Do(ctx, races, nil, func(int) error {
		err := s.rdb.Watch(ctx, fn, keys...)
		lost = errors.Is(err, redis.TxFailedErr)
		if !lost {
			return retry.Stop(err)
		}
		return err
	})
	if lost {
		return fmt.Errorf("%w on %v", ErrContended, keys)
	}
	return err
}
