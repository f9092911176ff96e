package main

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestSuperviseStopsAllWhenOneFails(t *testing.T) {
	stopped := make(chan string, 10)
	waiter := func(name string) part {
		return part{name, func(ctx context.Context) error { <-ctx.Done(); stopped <- name; return nil }}
	}
	err := supervise(context.Background(), waiter("receiver"), waiter("sender"),
		part{"http 127.0.0.1:8080", func(context.Context) error { return errors.New("accept: too many open files") }})
	if err == nil || !strings.Contains(err.Error(), "http 127.0.0.1:8080: accept: too many open files") {
		t.Errorf("err %v", err)
	}
	if len(stopped) != 2 { // the receiver and the sender
		t.Errorf("%d parts were stopped, want 2", len(stopped))
	}
	err = supervise(context.Background(), waiter("receiver"), part{"scheduler", func(context.Context) error { return nil }})
	if !errors.Is(err, errStopped) || !strings.Contains(err.Error(), "scheduler") {
		t.Errorf("a part that stopped by itself: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := supervise(ctx, waiter("receiver"), waiter("sender")); err != nil {
		t.Errorf("a clean stop: %v", err)
	}
}
