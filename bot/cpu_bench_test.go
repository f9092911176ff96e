package bot_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// cpuMeter measures the CPU a benchmark spends, its own process's (the
// bot, the fake Bot API server and the driver) and, with REDIS_URL, the
// Redis server's: less swayed by other work on the machine than the time
// per update, and the measure of what an update costs.
type cpuMeter struct {
	proc  time.Duration
	redis float64
	rdb   *redis.Client
}

func startCPU() *cpuMeter {
	m := &cpuMeter{proc: processCPU()}
	if url := os.Getenv("REDIS_URL"); url != "" {
		if o, err := redis.ParseURL(url); err == nil {
			m.rdb = redis.NewClient(o)
			m.redis = redisCPU(m.rdb)
		}
	}
	return m
}

// report adds the CPU per update since start: cpu-µs/op for the process,
// redis-µs/op for Redis.
func (m *cpuMeter) report(b *testing.B, n int) {
	b.ReportMetric(float64((processCPU()-m.proc).Microseconds())/float64(n), "cpu-µs/op")
	if m.rdb != nil {
		b.ReportMetric((redisCPU(m.rdb)-m.redis)*1e6/float64(n), "redis-µs/op")
		m.rdb.Close()
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// redisCPU is the seconds of CPU the Redis server spent so far.
func redisCPU(rdb *redis.Client) float64 {
	info, err := rdb.Info(context.Background(), "cpu").Result()
	if err != nil {
		return 0
	}
	var sum float64
	for _, line := range strings.Split(info, "\r\n") {
		k, v, _ := strings.Cut(line, ":")
		if k == "used_cpu_sys" || k == "used_cpu_user" {
			x, _ := strconv.ParseFloat(v, 64)
			sum += x
		}
	}
	return sum
}
