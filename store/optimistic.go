package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
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

// watch runs fn in a WATCH transaction on keys and runs it again while it
// loses a race (another client wrote a watched key in between), after a
// short random pause. Only a real failure comes back to the caller.
func (s *Store) watch(ctx context.Context, fn func(*redis.Tx) error, keys ...string) error {
	for try := range maxRaces {
		err := s.rdb.Watch(ctx, fn, keys...)
		if !errors.Is(err, redis.TxFailedErr) {
			return err
		}
		if err := pause(ctx, raceWait(try)); err != nil {
			return err
		}
	}
	return fmt.Errorf("%w on %v", ErrContended, keys)
}

// raceWait is a random pause that grows with the races lost, up to 20 ms,
// so contenders do not meet again in lock step.
func raceWait(try int) time.Duration {
	return time.Duration(rand.Int64N(int64(min(try+1, 20)) * int64(time.Millisecond)))
}

func pause(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
