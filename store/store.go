// Package store keeps all of chitieu's state in Redis: people, invites,
// figures with their corrections, the audit log, conversations, alert state,
// the outbox of pushes and the updates already handled. It is the only
// package that talks to Redis.
//
// Keys carry a prefix and hash tags, so the same code runs on one Redis,
// Sentinel or Cluster: everything that is written together shares a slot.
package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// Options say where Redis is and how keys are named.
type Options struct {
	URL            string   // redis:// or rediss://, with credentials and DB
	SentinelMaster string   // with SentinelAddrs: the master's name
	SentinelAddrs  []string // Sentinel mode
	ClusterAddrs   []string // Cluster mode
	Prefix         string   // every key starts with it; "chitieu" by default
	Committee      string   // the committee whose data the store reads and writes; "default" by default
	// KeepLayout opens a store written before committees without moving
	// its keys (Migrate): for a dry run that only counts them.
	KeepLayout bool
	Now        func() time.Time
}

// Store is chitieu's state in Redis.
type Store struct {
	Figures Figures
	People  People
	Alerts  Alerts
	Plans   Plans
	Pushes  Pushes
	Jobs    Jobs
	Updates Updates
	Chats   Chats
	Audit   AuditLog
	// Committees is the deployment's registry, the same from every
	// committee's store.
	Committees Committees

	rdb redis.UniversalClient
	k   keys
	now func() time.Time
	// formerly maps a code to the codes it had before, whose figures are
	// read with its own; set by Follow, again when the plan is reloaded.
	following atomic.Pointer[map[string][]string]
	// scope is the term whose data the term-scoped calls read and write.
	scope atomic.Pointer[termScope]
	// registry is the term registry as a running instance last read it
	// (RefreshTerms); empty for a store that reads it every time.
	registry *atomic.Pointer[[]Term]
	moved    Moved // what Open moved from the layout before committees
}

// UnreachableError is a Redis that did not answer when the store opened.
type UnreachableError struct {
	Addrs []string // the addresses tried
	Err   error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("cannot reach Redis at %s: %v", strings.Join(e.Addrs, ", "), e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// ErrNotFound is returned for a record that does not exist.
var ErrNotFound = errors.New("not found")

var prefixPattern = regexp.MustCompile(`^[A-Za-z0-9_.:-]+$`)

// Open connects to Redis and fails fast, with a clear message, when it
// cannot be reached. A store written before committees has its keys moved
// to the committees' layout first (Migrate, Moved), unless KeepLayout.
func Open(ctx context.Context, o Options) (*Store, error) {
	uo, err := universalOptions(o)
	if err != nil {
		return nil, err
	}
	rdb := redis.NewUniversalClient(uo)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, &UnreachableError{Addrs: uo.Addrs, Err: err}
	}
	s, err := New(rdb, o)
	if err != nil {
		rdb.Close()
		return nil, err
	}
	if !o.KeepLayout {
		if s.moved, err = s.Migrate(ctx, false); err != nil {
			s.Close()
			return nil, fmt.Errorf("move the keys to the committees' layout: %w", err)
		}
	}
	if err := s.init(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.moved.Keys > 0 { // a store from before the sums, too: they are made now
		if _, err := s.Figures.EnsureSums(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Moved is what Open moved from the layout before committees (Migrate).
func (s *Store) Moved() Moved { return s.moved }

// universalOptions reads the URL (credentials, DB, TLS) and the Sentinel or
// Cluster addresses. Redis 7.0 knows neither CLIENT SETINFO nor maintenance
// notifications, so both are off.
func universalOptions(o Options) (*redis.UniversalOptions, error) {
	if o.URL == "" {
		o.URL = "redis://127.0.0.1:6379/0"
	}
	u, err := redis.ParseURL(o.URL)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	uo := &redis.UniversalOptions{
		Addrs: []string{u.Addr}, Username: u.Username, Password: u.Password, DB: u.DB, TLSConfig: u.TLSConfig,
		DisableIdentity:          true,
		MaintNotificationsConfig: &maintnotifications.Config{Mode: maintnotifications.ModeDisabled},
	}
	switch {
	case len(o.SentinelAddrs) > 0 && len(o.ClusterAddrs) > 0:
		return nil, errors.New("set either the Sentinel or the Cluster addresses, not both")
	case len(o.SentinelAddrs) > 0:
		if o.SentinelMaster == "" {
			return nil, errors.New("REDIS_SENTINEL_MASTER: required with REDIS_SENTINEL_ADDRS")
		}
		uo.Addrs, uo.MasterName = o.SentinelAddrs, o.SentinelMaster
	case len(o.ClusterAddrs) > 0:
		uo.Addrs, uo.IsClusterMode, uo.DB = o.ClusterAddrs, true, 0
	}
	return uo, nil
}

// New wraps a connected client, with o's prefix, committee and clock (its
// addresses are the client's business).
func New(rdb redis.UniversalClient, o Options) (*Store, error) {
	prefix, committee, now := cmp.Or(o.Prefix, "chitieu"), cmp.Or(o.Committee, DefaultCommittee), o.Now
	if !prefixPattern.MatchString(prefix) {
		return nil, fmt.Errorf("key prefix %q: use letters, digits and _ . : - only", prefix)
	}
	if !ValidCommittee(committee) {
		return nil, fmt.Errorf("committee %q: use lower-case letters, digits and - only", committee)
	}
	if now == nil {
		now = time.Now
	}
	s := &Store{rdb: rdb, k: keys{prefix, committee}, now: now, registry: &atomic.Pointer[[]Term]{}}
	s.parts()
	s.UseTerm(Term{})
	return s, nil
}

// DefaultCommittee is the committee of a deployment that names none: a
// deployment from before committees is this one.
const DefaultCommittee = "default"

var committeePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// ValidCommittee reports whether code can name a committee: lower-case
// letters without marks, digits and "-", at most 32 ("tayho", "phu-thuong").
func ValidCommittee(code string) bool { return committeePattern.MatchString(code) }

// Committee is the committee whose data the store reads and writes.
func (s *Store) Committee() string { return s.k.c }

// For is the store of another committee of the deployment, on the same
// connection (closing it closes that connection too: close only one).
func (s *Store) For(committee string) (*Store, error) {
	return New(s.rdb, Options{Prefix: s.k.p, Committee: committee, Now: s.now})
}

// init makes what must exist before use: the outbox's consumer group; and
// the store reads and writes the current term.
func (s *Store) init(ctx context.Context) error {
	if t, ok, err := s.CurrentTerm(ctx); err != nil {
		return err
	} else if ok {
		s.UseTerm(t)
	}
	for _, sc := range pipelined { // a failure here costs a round trip later, nothing else
		sc.Load(ctx, s.rdb)
	}
	return nil
}

// pipelined are the scripts that run inside pipelines by their hash
// (EVALSHA), loaded on start so that the first pipeline need not be sent
// again; each caller still sends its script when Redis lost it (a restart).
var pipelined = []*redis.Script{claimUpdate, latestOfDay}

// Init prepares a store made with New.
func (s *Store) Init(ctx context.Context) error { return s.init(ctx) }

// Ping reports whether Redis answers.
func (s *Store) Ping(ctx context.Context) error { return s.rdb.Ping(ctx).Err() }

// Close closes the connection.
func (s *Store) Close() error {
	return s.rdb.Close()
}

// AddHook adds a go-redis hook to the client: metrics, or a test that
// counts round trips.
func (s *Store) AddHook(h redis.Hook) { s.rdb.AddHook(h) }

// PoolStats are the connection pool's counters.
type PoolStats struct {
	Hits, Misses, Timeouts, Total, Idle, Stale uint32
}

// Pool reads the connection pool's counters.
func (s *Store) Pool() PoolStats {
	p := s.rdb.PoolStats()
	return PoolStats{Hits: p.Hits, Misses: p.Misses, Timeouts: p.Timeouts, Total: p.TotalConns, Idle: p.IdleConns, Stale: p.StaleConns}
}

// LogLibraryTo sends what the Redis client library logs by itself (a
// failed dial, a pool's trouble) to log, as one structured line each. The
// library keeps one logger for the whole process, so only main calls this.
func LogLibraryTo(log *slog.Logger) { redis.SetLogger(libraryLog{log}) }

type libraryLog struct{ log *slog.Logger }

func (l libraryLog) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, "redis client", "detail", fmt.Sprintf(format, v...))
}
