package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Push is one message to send: a reminder, a nag, a digest, an alert.
type Push struct {
	ID        string    `json:"-"`   // the outbox entry, set when claimed
	Key       string    `json:"key"` // idempotency: job, period, recipient
	Chat      int64     `json:"chat"`
	Kind      string    `json:"kind"`
	Text      string    `json:"text"`
	HTML      bool      `json:"html,omitempty"`
	NotBefore time.Time `json:"not_before,omitempty"` // deferred by quiet hours or a retry
	Attempts  int       `json:"attempts,omitempty"`
	Created   time.Time `json:"created"`
	body      string    // the key its text is kept under when shared; "" when the text is its own
}

// pushDoc is a push as the outbox keeps it. A text that many pushes of
// one batch share (a digest, an alert to every leader) is kept once, under
// a body key named here, and the push's own text is left empty.
type pushDoc struct {
	Push
	Body string `json:"body,omitempty"`
}

// encodePush writes a push as the outbox keeps it, without escaping the
// HTML of its text (which would make it longer).
func encodePush(p Push) []byte {
	doc := pushDoc{Push: p, Body: p.body}
	if p.body != "" {
		doc.Text = ""
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(doc) // a Push always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

const (
	senderGroup = "senders"
	// pushMemory is how long a push's key is remembered, so it is never
	// queued twice.
	pushMemory = 400 * 24 * time.Hour
)

// The states of a push's key.
const (
	PushQueued = "queued"
	PushSent   = "sent"
	PushFailed = "failed"
)

// enqueue keeps the shared texts, then adds each push whose key is new to
// the outbox, atomically; its keys and arguments are in lua/enqueue.lua.
var enqueue = script("enqueue.lua")

// EnqueueBatch is how many pushes Enqueue writes in one call to Redis:
// a fan-out to thousands costs a round trip per thousand pushes, and no
// call holds Redis for long.
const EnqueueBatch = 1000

// Enqueue writes pushes to the outbox, in order; a push whose key was
// queued before (by this instance or another, now or a year ago) is left
// out. Each batch of EnqueueBatch pushes is written atomically; when one
// fails, those before it stay queued, and a retry with the same keys adds
// only the rest. It returns how many were added.
func (x Pushes) Enqueue(ctx context.Context, pushes ...Push) (int, error) {
	s := x.s
	for _, p := range pushes {
		if p.Key == "" {
			return 0, errors.New("enqueue: a push needs a key")
		}
	}
	total := 0
	for batch := range slices.Chunk(pushes, EnqueueBatch) {
		n, err := s.enqueueBatch(ctx, batch)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// enqueueBatch writes pushes to the outbox in one script call, each text
// that several of them share kept once.
func (s *Store) enqueueBatch(ctx context.Context, pushes []Push) (int, error) {
	keys := make([]string, 0, len(pushes)+1)
	args := make([]any, 0, len(pushes)+2)
	keys, args = append(keys, s.k.outbox()), append(args, int(pushMemory/time.Second), len(pushes))
	created, shared := s.now().UTC(), sharedTexts(pushes)
	for _, p := range pushes {
		if p.Created.IsZero() {
			p.Created = created
		}
		p.body = shared[p.Text]
		keys, args = append(keys, s.k.pushed(p.Key)), append(args, encodePush(p))
	}
	for text, body := range shared {
		keys, args = append(keys, s.k.sharedText(body)), append(args, text)
	}
	n, err := enqueue.Run(ctx, s.rdb, keys, args...).Int()
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	return n, nil
}

// Claim takes up to n pushes for a sender: first those another sender
// claimed and left for longer than stale (it died), then new ones, waiting
// up to block for them (not at all when block ≤ 0).
func (x Pushes) Claim(ctx context.Context, consumer string, n int, block, stale time.Duration) ([]Push, error) {
	s := x.s
	args := &redis.XAutoClaimArgs{Stream: s.k.outbox(), Group: senderGroup, MinIdle: stale, Start: "0-0", Count: int64(n), Consumer: consumer}
	msgs, _, err := s.rdb.XAutoClaim(ctx, args).Result()
	if noGroup(err) {
		if err = s.createSenders(ctx); err == nil {
			msgs, _, err = s.rdb.XAutoClaim(ctx, args).Result()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("claim stale pushes: %w", err)
	}
	if len(msgs) < n {
		fresh, err := s.readNew(ctx, consumer, n-len(msgs), block)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, fresh...)
	}
	return s.decodePushes(ctx, msgs)
}

// noGroup reports whether err says the outbox has no group of senders
// yet: the first sender makes it, so that a store opened only to read (or
// refused before writing) writes no outbox.
func noGroup(err error) bool { return err != nil && strings.HasPrefix(err.Error(), "NOGROUP") }

// createSenders makes the outbox's group of senders, reading from its
// first push; another sender making it at the same moment is no failure.
func (s *Store) createSenders(ctx context.Context) error {
	err := s.rdb.XGroupCreateMkStream(ctx, s.k.outbox(), senderGroup, "0").Err()
	if err != nil && !strings.HasPrefix(err.Error(), "BUSYGROUP") {
		return fmt.Errorf("create outbox group: %w", err)
	}
	return nil
}

func (s *Store) readNew(ctx context.Context, consumer string, n int, block time.Duration) ([]redis.XMessage, error) {
	if block <= 0 {
		block = -1 // go-redis sends no BLOCK for a negative duration; BLOCK 0 would wait for ever
	}
	streams, err := s.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: senderGroup, Consumer: consumer,
		Streams: []string{s.k.outbox(), ">"}, Count: int64(n), Block: block}).Result()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("claim new pushes: %w", err)
	}
	return streams[0].Messages, nil
}

// sharedTexts names, by a digest of it, each text that more than one of
// pushes carries: it is kept once, under that name.
func sharedTexts(pushes []Push) map[string]string {
	seen := make(map[string]bool, 4)
	out := map[string]string{}
	for _, p := range pushes {
		if _, ok := out[p.Text]; ok || !seen[p.Text] {
			seen[p.Text] = true
			continue
		}
		sum := sha256.Sum256([]byte(p.Text))
		out[p.Text] = "body:" + hex.EncodeToString(sum[:16])
	}
	return out
}

// decodePushes reads claimed pushes, with their shared texts read in one
// more round trip when some have one.
func (s *Store) decodePushes(ctx context.Context, msgs []redis.XMessage) ([]Push, error) {
	out := make([]Push, 0, len(msgs))
	var bodies []string
	for _, m := range msgs {
		doc, _ := m.Values["push"].(string)
		p, err := decodePush(doc)
		if err != nil {
			return nil, fmt.Errorf("push %s: %w", m.ID, err)
		}
		p.ID = m.ID
		if p.body != "" {
			bodies = append(bodies, s.k.sharedText(p.body))
		}
		out = append(out, p)
	}
	return out, s.fillTexts(ctx, out, bodies)
}

func decodePush(doc string) (Push, error) {
	var d pushDoc
	err := json.Unmarshal([]byte(doc), &d)
	d.Push.body = d.Body
	return d.Push, err
}

// fillTexts puts their shared texts into the pushes that have one; keys
// are those texts' keys. A text gone (Redis evicted it) leaves its push
// empty, for Telegram to refuse and the sender to record.
func (s *Store) fillTexts(ctx context.Context, pushes []Push, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	keys = slices.Compact(slices.Sorted(slices.Values(keys)))
	texts, err := s.rdb.MGet(ctx, keys...).Result()
	if err != nil {
		return fmt.Errorf("read the pushes' texts: %w", err)
	}
	byKey := make(map[string]string, len(keys))
	for i, k := range keys {
		byKey[k], _ = texts[i].(string)
	}
	for i := range pushes {
		if pushes[i].body != "" {
			pushes[i].Text = byKey[s.k.sharedText(pushes[i].body)]
		}
	}
	return nil
}

// beginSend marks a push as being sent by one sender, unless it was sent
// already or another sender began it less than ARGV[2] ms ago (by Redis's
// clock, the same for every sender); its keys and arguments are in
// lua/begin_send.lua.
var beginSend = script("begin_send.lua")

// The answers of BeginSend.
const (
	SendIt      = 1 // this sender sends the push
	SendingElse = 0 // another live sender is sending it
	AlreadySent = 2 // it went out already: acknowledge it
)

// Begin marks a claimed push as being sent by sender, so two senders
// never send it at once; a push whose sender fell silent for stale is
// taken over (it may have gone out just before that sender died: a push
// is sent at least once, and twice only then).
func (x Pushes) Begin(ctx context.Context, p Push, sender string, stale time.Duration) (int, error) {
	s := x.s
	n, err := beginSend.Run(ctx, s.rdb, []string{s.k.pushed(p.Key)}, sender,
		stale.Milliseconds(), int(pushMemory/time.Second), s.now().UnixMilli()).Int()
	if err != nil {
		return 0, fmt.Errorf("begin sending %s: %w", p.Key, err)
	}
	return n, nil
}

// Ack marks a claimed push sent: Telegram accepted it.
func (x Pushes) Ack(ctx context.Context, p Push) error {
	s := x.s
	return s.settle(ctx, p, PushSent, time.Time{})
}

// Fail marks a claimed push failed for good (the person blocked the bot).
func (x Pushes) Fail(ctx context.Context, p Push, reason string) error {
	s := x.s
	return s.settle(ctx, p, PushFailed+": "+reason, time.Time{})
}

// Reschedule takes a claimed push off the outbox and keeps it aside until
// notBefore, when Promote puts it back; a retry counts an attempt, a
// deferral (quiet hours, a holiday) does not.
func (x Pushes) Reschedule(ctx context.Context, p Push, notBefore time.Time, retry bool) error {
	s := x.s
	p.NotBefore = notBefore.UTC()
	if retry {
		p.Attempts++
	}
	return s.settle(ctx, p, PushQueued, p.NotBefore)
}

// promote moves the deferred pushes whose time has come back to the outbox;
// its keys and arguments are in lua/promote.lua.
var promote = script("promote.lua")

// Promote puts back in the outbox the deferred pushes due by now, and
// returns how many.
func (x Pushes) Promote(ctx context.Context, now time.Time) (int, error) {
	s := x.s
	n, err := promote.Run(ctx, s.rdb, []string{s.k.deferred(), s.k.outbox()}, now.UnixMilli(), 1000).Int()
	if err != nil {
		return 0, fmt.Errorf("promote deferred pushes: %w", err)
	}
	return n, nil
}

// settle takes a push off the outbox and records its state, keeping it
// aside until notBefore when that is not zero, in one script.
func (s *Store) settle(ctx context.Context, p Push, state string, notBefore time.Time) error {
	later, doc := "", ""
	if !notBefore.IsZero() {
		later, doc = strconv.FormatInt(notBefore.UnixMilli(), 10), string(encodePush(p))
	}
	err := settle.Run(ctx, s.rdb, []string{s.k.outbox(), s.k.pushed(p.Key), s.k.deferred()},
		senderGroup, p.ID, state, later, doc).Err()
	if err != nil {
		return fmt.Errorf("settle push %s: %w", p.Key, err)
	}
	return nil
}

var settle = script("settle.lua")

// State says what became of a push's key: queued, sent, failed: …, or
// "" for a key never queued.
func (x Pushes) State(ctx context.Context, key string) (string, error) {
	s := x.s
	v, err := s.rdb.Get(ctx, s.k.pushed(key)).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return v, err
}

// Depth counts the pushes waiting, in hand or deferred.
func (x Pushes) Depth(ctx context.Context) (int64, error) {
	s := x.s
	return depth.Run(ctx, s.rdb, []string{s.k.outbox(), s.k.deferred()}).Int64()
}

// depth counts the outbox's pushes, queued and deferred, at one instant
// (a push moving between the two is counted once); its keys are in
// lua/depth.lua.
var depth = script("depth.lua")

// reserve books a sending slot in a chat and overall, for every sender on
// this Redis; its keys and arguments are in lua/reserve.lua.
var reserve = script("reserve.lua")

// Slot is what ReserveSend booked: a slot Wait from now, or none, the chat
// being busy for Wait.
type Slot struct {
	Booked bool
	Wait   time.Duration
}

// Reserve books a slot to send to a chat so that all senders together
// keep one message every gap overall and one every chatGap in a chat. The
// chat's gap is checked first: a chat that is not free books nothing, at
// the time at (the one clock's).
func (x Pushes) Reserve(ctx context.Context, chat int64, gap, chatGap time.Duration, at time.Time) (Slot, error) {
	s := x.s
	r, err := reserve.Run(ctx, s.rdb, []string{s.k.pace(), s.k.chatPace(chat)},
		gap.Milliseconds(), chatGap.Milliseconds(), at.UnixMilli()).Int64Slice()
	if err != nil {
		return Slot{}, fmt.Errorf("reserve a sending slot: %w", err)
	}
	return Slot{Booked: r[0] == 1, Wait: time.Duration(r[1]) * time.Millisecond}, nil
}

// Hold stops every sender until d from at (Telegram's retry_after).
func (x Pushes) Hold(ctx context.Context, d time.Duration, at time.Time) error {
	s := x.s
	return hold.Run(ctx, s.rdb, []string{s.k.pace()}, d.Milliseconds(), at.UnixMilli()).Err()
}

var hold = script("hold.lua")
