package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// part is one of the things serve runs side by side: the HTTP servers,
// the receiver of updates, the scheduler, the sender. run returns when ctx
// ends, having finished what it had in hand, or with the reason it could
// not go on.
type part struct {
	name string
	run  func(ctx context.Context) error
}

// errStopped is a part that returned on its own while the others ran.
var errStopped = errors.New("stopped by itself")

// supervise runs the parts together until ctx ends or one of them fails;
// a failure stops all the others, and is returned, with the part's name,
// once they have all stopped.
func supervise(ctx context.Context, parts ...part) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for _, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := p.run(ctx)
			if err == nil && ctx.Err() == nil {
				err = errStopped
			}
			if err != nil {
				once.Do(func() { first = fmt.Errorf("%s: %w", p.name, err) })
				cancel()
			}
		}()
	}
	wg.Wait()
	return first
}
