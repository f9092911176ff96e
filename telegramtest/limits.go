package telegramtest

import (
	"math"
	"strconv"
	"time"

	"golang.org/x/time/rate"
)

// limits are Telegram's flood limits for sending messages.
type limits struct {
	overall *rate.Limiter
	perChat map[int64]*rate.Limiter
	rate    rate.Limit
	burst   int
	now     func() time.Time
}

func newLimits(o Options) *limits {
	if o.Overall == 0 {
		o.Overall = 30
	}
	if o.PerChat == 0 {
		o.PerChat = 1
	}
	if o.PerChatBurst == 0 {
		o.PerChatBurst = 1
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &limits{overall: rate.NewLimiter(rate.Limit(o.Overall), int(math.Max(1, o.Overall))),
		perChat: map[int64]*rate.Limiter{}, rate: rate.Limit(o.PerChat), burst: o.PerChatBurst, now: o.Now}
}

// take lets a message to chat through, or says how many whole seconds to
// wait (as retry_after does). A refused message costs nothing.
func (l *limits) take(chat int64) int {
	c := l.perChat[chat]
	if c == nil {
		c = rate.NewLimiter(l.rate, l.burst)
		l.perChat[chat] = c
	}
	now := l.now()
	rc, ro := c.ReserveN(now, 1), l.overall.ReserveN(now, 1)
	wait := max(rc.DelayFrom(now), ro.DelayFrom(now))
	if wait == 0 {
		return 0
	}
	rc.CancelAt(now)
	ro.CancelAt(now)
	return int(math.Ceil(wait.Seconds()))
}

func itoa(n int) string { return strconv.Itoa(n) }
