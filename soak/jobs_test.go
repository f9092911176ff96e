//go:build soak

package soak

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones a digest minute is placed in

	"github.com/redis/go-redis/v9"
)

// zones are where the digest's minute may be put: the plan's own, and two
// a day apart, so one of them is never on a Sunday (a digest cannot be).
var zones = []string{"Asia/Ho_Chi_Minh", "Pacific/Kiritimati", "Pacific/Pago_Pago"}

// digestSoon restarts serve with the weekly digest due at the start of a
// minute at least lead away, and returns that minute. The plan is a copy
// of the example in a zone where that minute is not on a Sunday.
func (env *env) digestSoon(t *testing.T, lead time.Duration) time.Time {
	due := time.Now().Add(lead).Truncate(time.Minute).Add(time.Minute)
	var loc *time.Location
	for _, z := range zones {
		if l, err := time.LoadLocation(z); err == nil && due.In(l).Weekday() != time.Sunday {
			loc = l
			break
		}
	}
	plan := filepath.Join(t.TempDir(), "plan.yaml")
	text := strings.Replace(env.plan, "timezone: Asia/Ho_Chi_Minh", "timezone: "+loc.String(), 1)
	if err := os.WriteFile(plan, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	local := due.In(loc)
	env.serve.kill()
	env.serve.env = append(env.serve.env, "CHITIEU_PLAN="+plan,
		"CHITIEU_DIGEST_AT="+strings.ToLower(local.Weekday().String())+" "+local.Format("15:04"))
	env.serve.start()
	return due
}

// redisDownAcross stops Redis a few seconds before due and starts it
// again well after, so the job's minute passes while Redis is away.
func (env *env) redisDownAcross(t *testing.T, due time.Time, before, after time.Duration) {
	time.Sleep(time.Until(due.Add(-before)))
	env.redis.shutdown(t)
	time.Sleep(time.Until(due.Add(after)))
	env.redis.start(t)
}

// digestsOnce waits for the digest to reach every leader and checks that
// each got it once, and that its run was recorded as done.
func (env *env) digestsOnce(t *testing.T, due time.Time) {
	got := func(id int64) int {
		n := 0
		for _, m := range env.srv.Sent(id) {
			if strings.Contains(m.Text, "Tổng hợp tình hình thực hiện chỉ tiêu") {
				n++
			}
		}
		return n
	}
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		if got(leaderA) > 0 && got(leaderB) > 0 {
			break
		}
	}
	time.Sleep(5 * time.Second) // a second run would be on its way by now
	for _, id := range []int64{leaderA, leaderB} {
		if n := got(id); n != 1 {
			t.Errorf("leader %d got the digest due at %s %d times, want once", id, due.Format("15:04"), n)
		}
	}
	rdb := redis.NewClient(&redis.Options{Addr: env.redis.addr(), DisableIdentity: true})
	defer rdb.Close()
	key := "{" + prefix + "/default:push}:run:digest:" + due.UTC().Format("2006-01-02T15:04")
	if v, _ := rdb.Get(context.Background(), key).Result(); !strings.HasPrefix(v, "done:") {
		t.Errorf("the digest's run is %q, want done", v)
	}
}
