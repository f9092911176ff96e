package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/store/storetest"
)

// holdFirst holds the first pipeline sent until released, and counts the
// pipelines and the commands in each.
type holdFirst struct {
	once    sync.Once
	held    chan struct{} // closed once the first is held
	release chan struct{}
	mu      sync.Mutex
	sizes   []int
}

func (h *holdFirst) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (h *holdFirst) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }
func (h *holdFirst) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.once.Do(func() { close(h.held); <-h.release })
		h.mu.Lock()
		h.sizes = append(h.sizes, len(cmds))
		h.mu.Unlock()
		return next(ctx, cmds)
	}
}

// Saves made while a pipeline is in flight go together in the next one,
// each with its own answer.
func TestSavesOfTheSameMomentShareAPipeline(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		h := &holdFirst{held: make(chan struct{}), release: make(chan struct{})}
		s.AddHook(h)
		var wg sync.WaitGroup
		ids := make([]int64, 9)
		save := func(i int) {
			defer wg.Done()
			f, created, err := s.SaveFigure(ctx, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 3, 1), Value: float64(i), Key: fmt.Sprint("k", i)})
			if err != nil || !created {
				t.Errorf("save %d: %v %v", i, created, err)
			}
			ids[i] = f.ID
		}
		wg.Add(1)
		go save(0)
		<-h.held // the first is in flight
		wg.Add(8)
		for i := 1; i < 9; i++ {
			go save(i)
		}
		time.Sleep(200 * time.Millisecond) // the others wait behind it
		close(h.release)
		wg.Wait()
		if len(h.sizes) < 2 || h.sizes[0] != 1 || h.sizes[1] < 4 || len(h.sizes) > 4 {
			t.Errorf("pipelines sent: %v, want the first alone and the 8 others together (a slow start may leave a few out)", h.sizes)
		}
		figs, _ := s.Figures(ctx, "CT01.1", indicator.Period{From: d(2023, 1, 1), To: d(2023, 12, 31)})
		if len(figs) != 9 || len(uniq(ids)) != 9 {
			t.Errorf("%d figures, ids %v", len(figs), ids)
		}
		if drift, err := s.CheckState(ctx); err != nil || len(drift) != 0 {
			t.Errorf("the state drifted: %v %v", drift, err)
		}
	})
}

func uniq(ids []int64) map[int64]bool {
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out
}

// A caller whose context ends while its commands wait returns at once;
// a closed store answers with an error, never a wait.
func TestAWaitingSaveGivesUpWithItsContextAndAClosedStoreAnswers(t *testing.T) {
	s := storetest.New(t, nil)
	h := &holdFirst{held: make(chan struct{}), release: make(chan struct{})}
	s.AddHook(h)
	go s.SaveFigure(ctx, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 3, 1), Value: 1, Key: "held"})
	<-h.held
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, _, err := s.SaveFigure(short, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 3, 1), Value: 2, Key: "waits"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a save that waited past its deadline: %v", err)
	}
	close(h.release)
	s.Close()
	done := make(chan error)
	go func() {
		_, _, err := s.SaveFigure(ctx, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 3, 1), Value: 3, Key: "late"})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("a closed store saved")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a save on a closed store waits")
	}
}
