//go:build soak

package soak

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/telegramtest"
)

const prefix = "soak"

// env is the suite's world: a Redis, the fake Bot API and a serve process.
type env struct {
	redis *redisProc
	srv   *telegramtest.Server
	serve *serveProc
	plan  string // the example plan moved to a term that holds today
	shift int    // by how many years
}

func newEnv(t *testing.T) *env { return newEnvWith(t, telegramtest.Options{PerChatBurst: 5}) }

// newEnvWith is the suite's world with a fake Bot API of the limits given.
func newEnvWith(t *testing.T, limits telegramtest.Options) *env {
	if _, err := exec.LookPath("redis-server"); err != nil {
		t.Skip("no redis-server on PATH")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "chitieu")
	build := exec.Command("go", "build", "-o", bin, "chitieu/cmd/chitieu")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	r := &redisProc{dir: dir, port: freePort(t)}
	r.start(t)
	t.Cleanup(r.stop)
	srv := telegramtest.New(t, limits)
	listen := "127.0.0.1:" + strconv.Itoa(freePort(t))
	text, shift := currentPlan(t)
	plan := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(plan, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	s := &serveProc{bin: bin, listen: listen, logs: filepath.Join(dir, "serve.log"), env: append(os.Environ(),
		"TELEGRAM_BOT_TOKEN="+telegramtest.Token, "TELEGRAM_API_ENDPOINT="+srv.Endpoint(),
		"REDIS_URL=redis://"+r.addr()+"/0", "CHITIEU_REDIS_PREFIX="+prefix, "CHITIEU_LISTEN="+listen,
		"CHITIEU_PLAN="+plan, "CHITIEU_QUIET_HOURS=off", "CHITIEU_ADMINS=1")}
	t.Cleanup(s.kill)
	t.Cleanup(func() {
		if t.Failed() {
			logs, _ := os.ReadFile(s.logs)
			t.Logf("serve's last log lines:\n%s", tail(string(logs), 40))
		}
	})
	return &env{redis: r, srv: srv, serve: s, plan: text, shift: shift}
}

// isoDate is a date in the plan as written: 2020-12-31.
var isoDate = regexp.MustCompile(`\b(20\d\d)-(\d\d)-(\d\d)\b`)

// currentPlan is the example plan with every date moved on by a multiple
// of four years (leap days stay leap days), so that today falls in its
// term: the suite runs in real time, and the example's term has closed.
func currentPlan(t *testing.T) (string, int) {
	src, err := os.ReadFile("../plans/tayho-2020-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	shift := 0
	for 2020+shift+5 < time.Now().Year() {
		shift += 4
	}
	text := isoDate.ReplaceAllStringFunc(string(src), func(d string) string {
		y, _ := strconv.Atoi(d[:4])
		return strconv.Itoa(y+shift) + d[4:]
	})
	return text, shift
}

func (env *env) store(t *testing.T) *store.Store {
	s, err := store.Open(context.Background(), store.Options{URL: "redis://" + env.redis.addr() + "/0", Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// chaos stops Redis and kills the serve process, twice each, one at a time.
func (env *env) chaos(t *testing.T, outages, kills *atomic.Int64) {
	for i := range 2 {
		time.Sleep(3 * time.Second)
		env.redis.shutdown(t)
		time.Sleep(3 * time.Second)
		env.redis.start(t)
		outages.Add(1)
		time.Sleep(3 * time.Second)
		env.serve.kill()
		time.Sleep(time.Duration(500+500*i) * time.Millisecond)
		env.serve.start()
		kills.Add(1)
	}
}

// drain waits for the outbox to empty.
func (env *env) drain(t *testing.T) {
	s := env.store(t)
	defer s.Close()
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if n, err := s.Pushes.Depth(context.Background()); err == nil && n == 0 {
			return
		}
	}
	t.Error("the outbox did not drain in 5 minutes")
}

// checkFigures compares the figures in Redis with those confirmed.
func (env *env) checkFigures(t *testing.T, tl *tally) (saved, dups, losses int64) {
	s := env.store(t)
	defer s.Close()
	var codes []string
	for _, x := range targets {
		codes = append(codes, x.code)
	}
	codes = append(codes, pressed)
	term := indicator.Period{From: indicator.NewDate(2020+env.shift, 1, 1), To: indicator.NewDate(2025+env.shift, 12, 31)}
	all, err := s.Figures.All(context.Background(), codes, term)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]int{}
	for _, figs := range all {
		for _, f := range figs {
			byKey[f.Key]++
			saved++
		}
	}
	for key, n := range byKey {
		if n > 1 || tl.keys[key] == 0 {
			dups += int64(n - min(1, tl.keys[key]))
		}
	}
	for key := range tl.keys {
		if byKey[key] == 0 {
			losses++
		}
	}
	return saved, dups, losses + tl.sent.Load() - tl.confirmed.Load()
}

// checkPushes compares what the leaders received with what the outbox
// says went out.
func (env *env) checkPushes(t *testing.T) (delivered, dups, lost int64) {
	rdb := redis.NewClient(&redis.Options{Addr: env.redis.addr(), DisableIdentity: true})
	defer rdb.Close()
	ctx := context.Background()
	var sent int64
	iter := rdb.Scan(ctx, 0, "{"+prefix+"/default:push}:pushed:*", 1000).Iterator()
	for iter.Next(ctx) {
		switch v, _ := rdb.Get(ctx, iter.Val()).Result(); {
		case v == store.PushSent:
			sent++
		default:
			lost++
			t.Logf("push %s: %s", iter.Val(), v)
		}
	}
	for _, id := range []int64{leaderA, leaderB} {
		delivered += int64(len(env.srv.Sent(id)))
	}
	if lost > 0 {
		xlen, _ := rdb.XLen(ctx, "{"+prefix+"/default:push}:outbox").Result()
		zcard, _ := rdb.ZCard(ctx, "{"+prefix+"/default:push}:deferred").Result()
		groups, _ := rdb.XInfoGroups(ctx, "{"+prefix+"/default:push}:outbox").Result()
		t.Logf("outbox %d entries, %d deferred, groups %+v", xlen, zcard, groups)
	}
	return delivered, max(0, delivered-sent), lost
}

// redisProc is a redis-server of the suite's own, keeping every write.
type redisProc struct {
	dir  string
	port int
	cmd  *exec.Cmd
}

func (r *redisProc) addr() string { return "127.0.0.1:" + strconv.Itoa(r.port) }

func (r *redisProc) start(t *testing.T) {
	r.cmd = exec.Command("redis-server", "--port", strconv.Itoa(r.port), "--bind", "127.0.0.1", "--dir", r.dir,
		"--appendonly", "yes", "--appendfsync", "always", "--save", "")
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: r.addr(), DisableIdentity: true})
	defer rdb.Close()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if rdb.Ping(context.Background()).Err() == nil {
			return
		}
	}
	t.Fatal("redis-server did not start")
}

// shutdown stops Redis cleanly, as an operator restarting it would.
func (r *redisProc) shutdown(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: r.addr(), DisableIdentity: true})
	rdb.Shutdown(context.Background())
	rdb.Close()
	r.cmd.Wait()
}

func (r *redisProc) stop() {
	if r.cmd != nil && r.cmd.Process != nil {
		r.cmd.Process.Kill()
		r.cmd.Wait()
	}
}

// serveProc is a `chitieu serve` process.
type serveProc struct {
	bin, listen string
	logs        string // serve's stderr, kept across restarts
	env         []string
	mu          sync.Mutex
	cmd         *exec.Cmd
}

func (s *serveProc) start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cmd = exec.Command(s.bin, "serve")
	s.cmd.Env = s.env
	if f, err := os.OpenFile(s.logs, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
		s.cmd.Stderr = f
		defer f.Close()
	}
	s.cmd.Start()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get("http://" + s.listen + "/healthz"); err == nil {
			resp.Body.Close()
			return
		}
	}
}

// kill kills the process with SIGKILL: no clean shutdown.
func (s *serveProc) kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGKILL)
		s.cmd.Wait()
	}
}

type sample struct{ goroutines, heap, rss int64 }

// sample reads the process's goroutines, heap and resident memory from
// /metrics.
func (s *serveProc) sample(t *testing.T) sample {
	resp, err := http.Get("http://" + s.listen + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out sample
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		name, v, _ := strings.Cut(sc.Text(), " ")
		n, _ := strconv.ParseFloat(v, 64)
		switch name {
		case "go_goroutines":
			out.goroutines = int64(n)
		case "go_memstats_heap_inuse_bytes":
			out.heap = int64(n)
		case "process_resident_memory_bytes":
			out.rss = int64(n)
		}
	}
	return out
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func freePort(t *testing.T) int {
	for range 20 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if port < 55000 { // a cluster bus port (+10000) must not clash
			return port
		}
	}
	t.Fatal("no free port")
	return 0
}
