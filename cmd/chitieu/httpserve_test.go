package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestIdleConnectionsDoNotStarveAWebhook holds 300 kept-alive connections
// idle, then posts an update: the post is answered, the idle connections
// beyond the budget are closed at once and the rest after the idle
// time-out.
func TestIdleConnectionsDoNotStarveAWebhook(t *testing.T) {
	l, err := listen("CHITIEU_LISTEN", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var posts atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", healthz)
	mux.HandleFunc("POST /telegram", func(http.ResponseWriter, *http.Request) { posts.Add(1) })
	lim := defaultLimits()
	lim.MaxConns, lim.Idle = 64, 2*time.Second
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- l.serve(ctx, mux, lim, time.Second) }()
	addr := l.ln.Addr().String()
	idle := make([]net.Conn, 300)
	for i := range idle {
		if idle[i], err = keptAlive(addr); err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		defer idle[i].Close()
	}
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Post("http://"+addr+"/telegram", "application/json", strings.NewReader(`{"update_id":1}`))
	if err != nil || resp.StatusCode != http.StatusOK || posts.Load() != 1 {
		t.Fatalf("the webhook was starved: %v %v", resp, err)
	}
	resp.Body.Close()
	closed := 0
	for _, c := range idle {
		if isClosed(c, 4*time.Second) {
			closed++
		}
	}
	if closed != len(idle) {
		t.Errorf("%d of %d idle connections were closed", closed, len(idle))
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

// keptAlive opens a connection, makes one request on it and leaves it
// open and idle.
func keptAlive(addr string) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: chitieu\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		c.Close()
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	return c, resp.Body.Close()
}

// isClosed says whether the server closed c within d.
func isClosed(c net.Conn, d time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(d))
	_, err := c.Read(make([]byte, 1))
	var ne net.Error
	return err != nil && !(errors.As(err, &ne) && ne.Timeout())
}

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
