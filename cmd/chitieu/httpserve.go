package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// httpLimits bound what one client may hold of the HTTP server: how long
// it may take to send a request, how long a kept-alive connection may sit
// idle, how large its headers may be.
type httpLimits struct {
	ReadHeader, Read, Write, Idle time.Duration
	MaxHeaderBytes                int
}

// defaultLimits leave a webhook's handling (a spreadsheet read included)
// the minute Telegram waits for an answer.
func defaultLimits() httpLimits {
	return httpLimits{ReadHeader: 5 * time.Second, Read: 20 * time.Second, Write: 90 * time.Second,
		Idle: 60 * time.Second, MaxHeaderBytes: 16 << 10}
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

// serve serves h on l within limits until ctx ends, then finishes the
// requests in hand (for up to grace).
func (l listener) serve(ctx context.Context, h http.Handler, lim httpLimits, grace time.Duration) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: lim.ReadHeader, ReadTimeout: lim.Read,
		WriteTimeout: lim.Write, IdleTimeout: lim.Idle, MaxHeaderBytes: lim.MaxHeaderBytes}
	errs := make(chan error, 1)
	go func() { errs <- srv.Serve(l.ln) }()
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
