package storetest

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"chitieu/store"
)

// Proxy stands between a store and its Redis, so that a test can take
// Redis away (Cut: every connection closed, new ones refused) and bring it
// back (Restore) as an outage would, with nothing lost on the server.
type Proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	cut    bool
	conns  map[net.Conn]bool
	wg     sync.WaitGroup
	// changed is closed and replaced on every Cut and Restore.
	changed chan struct{}
}

// NewProxy forwards a loopback port to target until the test ends.
func NewProxy(tb testing.TB, target string) *Proxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &Proxy{ln: ln, target: target, conns: map[net.Conn]bool{}, changed: make(chan struct{})}
	p.wg.Add(1)
	go p.accept()
	tb.Cleanup(p.close)
	return p
}

// Addr is where the proxy listens.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Cut takes Redis away: the connections open are closed and new ones are
// closed as soon as they are made.
func (p *Proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = true
	for c := range p.conns {
		c.Close()
	}
	p.notify()
}

// Restore brings Redis back.
func (p *Proxy) Restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = false
	p.notify()
}

// IsCut reports whether Redis is away.
func (p *Proxy) IsCut() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cut
}

// WaitRestored waits until Redis is back or ctx ends.
func (p *Proxy) WaitRestored(ctx context.Context) {
	for {
		p.mu.Lock()
		cut, changed := p.cut, p.changed
		p.mu.Unlock()
		if !cut {
			return
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return
		}
	}
}

// notify wakes those waiting for a change; the caller holds mu.
func (p *Proxy) notify() {
	close(p.changed)
	p.changed = make(chan struct{})
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go p.serve(c)
	}
}

// serve pipes one client's connection to the target, both ways, until
// either side closes or the proxy is cut.
func (p *Proxy) serve(c net.Conn) {
	defer p.wg.Done()
	var up net.Conn
	p.mu.Lock()
	cut := p.cut
	p.mu.Unlock()
	if !cut {
		var err error
		up, err = net.DialTimeout("tcp", p.target, 5*time.Second)
		cut = err != nil
	}
	p.mu.Lock()
	if cut || p.cut {
		p.mu.Unlock()
		c.Close()
		if up != nil {
			up.Close()
		}
		return
	}
	p.conns[c], p.conns[up] = true, true
	p.mu.Unlock()
	done := make(chan struct{}, 2)
	pipe := func(dst, src net.Conn) {
		io.Copy(dst, src)
		done <- struct{}{}
	}
	go pipe(up, c)
	go pipe(c, up)
	<-done
	c.Close()
	up.Close()
	<-done
	p.mu.Lock()
	delete(p.conns, c)
	delete(p.conns, up)
	p.mu.Unlock()
}

func (p *Proxy) close() {
	p.ln.Close()
	p.Cut()
	p.wg.Wait()
}

// NewBehindProxy returns a store whose Redis (REDIS_URL's, or a fresh
// miniredis) is reached through a Proxy, with go-redis's own retries off:
// a command that meets the outage fails at once, and the caller decides
// what to do.
func NewBehindProxy(tb testing.TB, now func() time.Time) (*store.Store, *Proxy) {
	tb.Helper()
	target, prefix, opts := "", Prefix(), &redis.Options{DisableIdentity: true, MaxRetries: -1}
	if url := os.Getenv("REDIS_URL"); url != "" {
		o, err := redis.ParseURL(url)
		if err != nil {
			tb.Fatal(err)
		}
		target, opts.Username, opts.Password, opts.DB, opts.TLSConfig = o.Addr, o.Username, o.Password, o.DB, o.TLSConfig
	} else {
		target = miniredis.RunT(tb).Addr()
	}
	p := NewProxy(tb, target)
	opts.Addr = p.Addr()
	s, err := store.New(redis.NewClient(opts), store.Options{Prefix: prefix, Now: now})
	if err == nil {
		err = s.Init(context.Background())
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		p.Restore()
		if os.Getenv("REDIS_URL") != "" {
			if err := s.DeleteAll(context.Background()); err != nil && !errors.Is(err, redis.ErrClosed) {
				tb.Errorf("clean up %s: %v", prefix, err)
			}
		}
		s.Close()
	})
	return s, p
}
