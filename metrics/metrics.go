// Package metrics counts what chitieu does for Prometheus: updates handled
// and how long they took, pushes sent, deferred, retried and failed, the
// 429s met, the outbox's depth, job runs and their duration, and the Redis
// connection pool. Nothing is global: each Metrics has its own registry.
package metrics

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are chitieu's.
type Metrics struct {
	registry    *prometheus.Registry
	updates     *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	pushes      *prometheus.CounterVec
	tooMany     prometheus.Counter
	jobRuns     *prometheus.CounterVec
	jobDuration *prometheus.HistogramVec
}

// Pool is the Redis connection pool's state.
type Pool struct {
	Hits, Misses, Timeouts, Total, Idle, Stale uint32
}

// Sources are read at each scrape.
type Sources struct {
	OutboxDepth func(ctx context.Context) (int64, error)
	Pool        func() Pool
}

// New makes the metrics and registers them, with the Go runtime's.
func New(src Sources) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "chitieu_updates_total",
			Help: "Telegram updates handled, by kind and outcome (ok, retry, error)."}, []string{"kind", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "chitieu_update_seconds",
			Help: "Time to handle an update.", Buckets: prometheus.ExponentialBuckets(0.002, 2, 12)}, []string{"kind"}),
		pushes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "chitieu_pushes_total",
			Help: "Pushes by outcome: sent, deferred, retried, failed."}, []string{"outcome"}),
		tooMany: prometheus.NewCounter(prometheus.CounterOpts{Name: "chitieu_telegram_429_total",
			Help: "Answers 429 Too Many Requests met."}),
		jobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "chitieu_job_runs_total",
			Help: "Scheduled job runs by job and outcome."}, []string{"job", "outcome"}),
		jobDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "chitieu_job_seconds",
			Help: "Time a job run took.", Buckets: prometheus.ExponentialBuckets(0.01, 2, 14)}, []string{"job"}),
	}
	m.registry.MustRegister(m.updates, m.latency, m.pushes, m.tooMany, m.jobRuns, m.jobDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.sources(src)
	return m
}

func (m *Metrics) sources(src Sources) {
	if src.OutboxDepth != nil {
		m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "chitieu_outbox_depth",
			Help: "Pushes waiting, in hand or deferred."}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			n, err := src.OutboxDepth(ctx)
			if err != nil {
				return -1
			}
			return float64(n)
		}))
	}
	if src.Pool != nil {
		pool := map[string]func(Pool) uint32{
			"hits": func(p Pool) uint32 { return p.Hits }, "misses": func(p Pool) uint32 { return p.Misses },
			"timeouts": func(p Pool) uint32 { return p.Timeouts }, "total_conns": func(p Pool) uint32 { return p.Total },
			"idle_conns": func(p Pool) uint32 { return p.Idle }, "stale_conns": func(p Pool) uint32 { return p.Stale },
		}
		for name, read := range pool {
			m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "chitieu_redis_pool_" + name,
				Help: "Redis connection pool: " + name + "."}, func() float64 { return float64(read(src.Pool())) }))
		}
	}
}

// Handler serves /metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Update counts a handled update.
func (m *Metrics) Update(kind, outcome string, d time.Duration) {
	m.updates.WithLabelValues(kind, outcome).Inc()
	m.latency.WithLabelValues(kind).Observe(d.Seconds())
}

// Push counts a push's outcome.
func (m *Metrics) Push(outcome string) { m.pushes.WithLabelValues(outcome).Inc() }

// TooManyRequests counts a 429.
func (m *Metrics) TooManyRequests() { m.tooMany.Inc() }

// Job counts a job's run.
func (m *Metrics) Job(name string, err error, d time.Duration) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.jobRuns.WithLabelValues(name, outcome).Inc()
	m.jobDuration.WithLabelValues(name).Observe(d.Seconds())
}
