// Package clock is chitieu's one clock: main makes it and gives it to
// every part — the store, the bot, the reminders, the sender — and a test
// gives them a fake one. Its Now is the day a committee lives in (the
// plan's days, what is due, what a report stands for); its timers are the
// waits between tries, the renewal of a claim, the pace of sending.
package clock

import (
	"time"

	"github.com/jonboulle/clockwork"
)

// Clock is the one clock: clockwork's, so that gocron and the tests' fake
// clocks are the same thing.
type Clock = clockwork.Clock

// Real is the machine's clock.
func Real() Clock { return clockwork.NewRealClock() }

// At is a clock whose Now is now() and whose timers run in real time:
// `chitieu try`'s day in the example's term, or a test's fixed day with
// real waits.
func At(now func() time.Time) Clock { return Shift(Real(), now) }

// Shift is c with its Now from now() and its timers c's own: a finished
// term read on the day after its last.
func Shift(c Clock, now func() time.Time) Clock { return at{c, now} }

type at struct {
	clockwork.Clock
	now func() time.Time
}

func (a at) Now() time.Time                  { return a.now() }
func (a at) Since(t time.Time) time.Duration { return a.now().Sub(t) }
func (a at) Until(t time.Time) time.Duration { return t.Sub(a.now()) }
