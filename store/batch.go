package store

import (
	"context"
	"errors"
	"sync"

	"github.com/redis/go-redis/v9"
)

// batcher sends the first round trip and the save of the updates handled
// at the same moment in one pipeline: each update's commands wait for
// the pipeline in flight, and go with every other that came meanwhile.
// One update alone goes at once, as before; under load a pipeline holds
// many, so Redis and the bot read and write the socket once for all of
// them (a third of what a report cost both on two cores). Each command
// keeps its own answer and error, as in any pipeline.
type batcher struct {
	rdb  redis.UniversalClient
	jobs chan *batchJob
	quit chan struct{}
	stop sync.Once
}

type batchJob struct {
	cmds []redis.Cmder
	done chan struct{}
}

// maxBatch is the most updates' commands one pipeline takes.
const maxBatch = 64

var errClosed = errors.New("store: closed")

func newBatcher(rdb redis.UniversalClient) *batcher {
	b := &batcher{rdb: rdb, jobs: make(chan *batchJob), quit: make(chan struct{})}
	go b.loop()
	return b
}

func (b *batcher) loop() {
	for {
		select {
		case <-b.quit:
			return
		case j := <-b.jobs:
			b.send(j)
		}
	}
}

// send runs first and whatever else waits, up to maxBatch, in one
// pipeline, on a context of its own: a caller that gives up does not fail
// the others.
func (b *batcher) send(first *batchJob) {
	batch := []*batchJob{first}
	for len(batch) < maxBatch {
		select {
		case j := <-b.jobs:
			batch = append(batch, j)
			continue
		default:
		}
		break
	}
	ctx := context.Background()
	p := b.rdb.Pipeline()
	for _, j := range batch {
		p.BatchProcess(ctx, j.cmds...)
	}
	p.Exec(ctx) // each command keeps its own error
	for _, j := range batch {
		close(j.done)
	}
}

// run sends cmds in the next pipeline and returns once their answers are
// in. It returns ctx's error when ctx ends first, and errClosed once the
// store is closed: then the commands must not be read.
func (b *batcher) run(ctx context.Context, cmds ...redis.Cmder) error {
	j := &batchJob{cmds: cmds, done: make(chan struct{})}
	select {
	case b.jobs <- j:
	case <-ctx.Done():
		return ctx.Err()
	case <-b.quit:
		return errClosed
	}
	select {
	case <-j.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-b.quit:
		return errClosed
	}
}

// close stops the batcher; a call waiting returns errClosed.
func (b *batcher) close() { b.stop.Do(func() { close(b.quit) }) }
