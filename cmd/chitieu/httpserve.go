package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// httpLimits bound what one client may hold of the HTTP server: how long
// it may take to send a request, how long a kept-alive connection may sit
// idle, how many connections are open at once.
type httpLimits struct {
	ReadHeader, Read, Write, Idle time.Duration
	MaxHeaderBytes                int
	MaxConns                      int // past it, a new connection closes the longest idle one
}

// defaultLimits leave a webhook's handling (a spreadsheet read included)
// the minute Telegram waits for an answer.
func defaultLimits() httpLimits {
	return httpLimits{ReadHeader: 5 * time.Second, Read: 20 * time.Second, Write: 90 * time.Second,
		Idle: 60 * time.Second, MaxHeaderBytes: 16 << 10, MaxConns: 512}
}

// listener is a bound address and what it serves.
type listener struct {
	name string // the setting it comes from, for errors
	ln   net.Listener
}

// listen binds addr now, so a taken address stops serve before anything
// starts.
func listen(setting, addr string) (listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return listener{}, fmt.Errorf("%s: cannot listen on %q: %w", setting, addr, err)
	}
	return listener{name: setting, ln: ln}, nil
}

// server serves h on l within limits until ctx ends, then finishes the
// requests in hand (for up to grace).
func (l listener) serve(ctx context.Context, h http.Handler, lim httpLimits, grace time.Duration) error {
	budget := newConnBudget(l.ln, lim.MaxConns)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: lim.ReadHeader, ReadTimeout: lim.Read,
		WriteTimeout: lim.Write, IdleTimeout: lim.Idle, MaxHeaderBytes: lim.MaxHeaderBytes, ConnState: budget.track}
	errs := make(chan error, 1)
	go func() { errs <- srv.Serve(budget) }()
	select {
	case err := <-errs:
		return fmt.Errorf("%s %s: %w", l.name, l.ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	err := srv.Shutdown(shutdown)
	if e := <-errs; !errors.Is(e, http.ErrServerClosed) {
		err = errors.Join(err, e)
	}
	return err
}

// connBudget is a listener that keeps at most max connections open: a new
// one closes the connection idle the longest, so kept-alive connections
// never crowd out a request.
type connBudget struct {
	net.Listener
	max  int
	mu   sync.Mutex
	open int
	idle map[net.Conn]time.Time
}

func newConnBudget(ln net.Listener, max int) *connBudget {
	return &connBudget{Listener: ln, max: max, idle: map[net.Conn]time.Time{}}
}

// Accept takes a connection, closing the longest idle one when the
// budget is spent.
func (b *connBudget) Accept() (net.Conn, error) {
	c, err := b.Listener.Accept()
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.open >= b.max {
		b.evict()
	}
	b.open++
	return &budgetConn{Conn: c, b: b}, nil
}

// evict closes the longest idle connection, if any is idle.
func (b *connBudget) evict() {
	var oldest net.Conn
	var since time.Time
	for c, t := range b.idle {
		if oldest == nil || t.Before(since) {
			oldest, since = c, t
		}
	}
	if oldest != nil {
		delete(b.idle, oldest)
		go oldest.Close()
	}
}

// track follows each connection's state (http.Server.ConnState).
func (b *connBudget) track(c net.Conn, s http.ConnState) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if s == http.StateIdle {
		b.idle[c] = time.Now()
	} else {
		delete(b.idle, c)
	}
}

// budgetConn gives its place back when closed.
type budgetConn struct {
	net.Conn
	b    *connBudget
	once sync.Once
}

func (c *budgetConn) Close() error {
	c.once.Do(func() {
		c.b.mu.Lock()
		c.b.open--
		delete(c.b.idle, c)
		c.b.mu.Unlock()
	})
	return c.Conn.Close()
}
