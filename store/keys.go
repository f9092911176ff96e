package store

import (
	"fmt"
	"strconv"
)

// keys names every key. A committee's keys share its hash tag {P/C}
// (prefix and committee), so everything of it that is written together —
// a figure with its sums, its audit entry and the mark that the update it
// came in was handled; an invite with the person it admits — is one
// script even on a Redis Cluster, and the committees spread over the
// Cluster's masters. Its pushes, job runs and snapshots share a second
// tag of its own, {P/C:push}. What belongs to the bot, not to a committee
// (Telegram's updates, the inbox, the pace of sending), is spread by its
// own id ({P:update:ID}) or shares one tag of the bot's ({P:inbox},
// {P:pace}). No script or transaction
// spans two committees.
type keys struct{ p, c string }

func (k keys) tag() string               { return k.p + "/" + k.c }
func (k keys) data(name string) string   { return "{" + k.tag() + "}:" + name }
func (k keys) push(name string) string   { return "{" + k.tag() + ":push}:" + name }
func (k keys) layout() string            { return k.data("layout") } // the layout the keys are in (layout.go)
func (k keys) handled(update int) string { return k.data("handled:" + strconv.Itoa(update)) }

func (k keys) migrating() string       { return k.data("migrating") }        // one process moves the keys at a time
func (k keys) moving() string          { return k.data("moving") }           // the key a move is copying, till its old name is gone
func (k keys) committees() string      { return "{" + k.p + ":committees}" } // hash: code → committee JSON, the bot's own
func (k keys) schedulingSince() string { return k.push("scheduling-since") } // when a scheduler first ran on this Redis
// sharedText is a text many pushes share, by the name their documents
// keep ("body:" and its hash).
func (k keys) sharedText(name string) string { return k.push(name) }

func (k keys) figureSeq() string         { return k.data("seq:figure") } // shared by every term: a figure's id names it alone
func (k keys) planSeq() string           { return k.data("plan:seq") }
func (k keys) planVersions() string      { return k.data("plan:versions") } // hash: n → version JSON
func (k keys) planCurrent() string       { return k.data("plan:current") }  // the current version's n
func (k keys) terms() string             { return k.data("terms") }         // hash: term id → term JSON
func (k keys) audit() string             { return k.data("audit") }         // stream
func (k keys) users() string             { return k.data("users") }         // hash: id → user JSON
func (k keys) invite(code string) string { return k.data("invite:" + code) }
func (k keys) invites() string           { return k.data("invites") } // zset: code → expiry (ms), those not used or revoked

func (k keys) outbox() string            { return k.push("outbox") } // stream
func (k keys) pushed(key string) string  { return k.push("pushed:" + key) }
func (k keys) deferred() string          { return k.push("deferred") } // zset: not-before (ms) → push JSON
func (k keys) groups() string            { return k.data("groups") }   // hash: chat id → title
func (k keys) run(job, at string) string { return k.push("run:" + job + ":" + at) }

// termKeys names the keys of one term's data: its figures and their
// indexes and sums, the shapes and archive its plan compared,
// its alerts and silences, its digest's snapshot. The first term (whose
// data predates the terms' registry) has no infix, so its keys are the
// ones kept before terms; a later term's carry its own ("t2:"), under the
// same hash tags.
type termKeys struct {
	k keys
	t string
}

func (k termKeys) data(name string) string { return k.k.data(k.t + name) }

func (k termKeys) figures() string          { return k.data("figures") }       // hash: member → figure JSON
func (k termKeys) figureKeys() string       { return k.data("figurekeys") }    // hash: idempotency key → member
func (k termKeys) index(code string) string { return k.data("index:" + code) } // zset: day → member
func (k termKeys) byReporter(id int64) string {
	return k.data("reporter:" + strconv.FormatInt(id, 10)) // zset: saved at (ms) → member
}
func (k termKeys) shapes() string              { return k.data("shapes") }        // hash: code → kind and unit last seen
func (k termKeys) archived() string            { return k.data("archived") }      // hash: code → who archived it
func (k termKeys) silences() string            { return k.data("silences") }      // hash: code:leader → silence JSON
func (k termKeys) sums(code string) string     { return k.data("sums:" + code) }  // hash: block (y2023, m202306, d19538) → sum of values
func (k termKeys) sumsLayout() string          { return k.data("sums:layout") }   // the term's sums were made (sums.go)
func (k termKeys) oldState(name string) string { return k.data("state:" + name) } // the evaluation state before the sums: deleted when they are made
func (k termKeys) alerts() string              { return k.data("alerts") }        // hash: indicator → alert JSON
func (k termKeys) snapshot(name string) string { return k.k.push(k.t + "snapshot:" + name) }

// conversation is a chat's conversation with the committee: a person who
// speaks to two committees has one with each, and a button of one is
// never read by the other.
func (k keys) conversation(chat int64) string {
	return k.data("conversation:" + strconv.FormatInt(chat, 10))
}

// person is what the bot keeps of a person across committees, under
// their own id: the committee they chose to speak to; pending, the
// message they sent before choosing.
func (k keys) person(id int64) string  { return fmt.Sprintf("{%s:person:%d}", k.p, id) }
func (k keys) pending(id int64) string { return k.person(id) + ":pending" }
func (k keys) adding(id int64) string  { return k.person(id) + ":adding" } // hash: the committee a city admin is adding

// The bot's own keys, each committee's alike.
func (k keys) inbox() string              { return "{" + k.p + ":inbox}" } // hash: update id → update JSON
func (k keys) pace() string               { return "{" + k.p + ":pace}" }  // when the next push may go, overall
func (k keys) chatPace(chat int64) string { return fmt.Sprintf("{%s:pace}:%d", k.p, chat) }

// tries counts the times an update was taken in hand and neither given
// back nor finished: the runs that died handling it.
func (k keys) tries(update int) string { return k.update(update) + ":tries" }

// legacyUpdate is where an update's claim or mark was kept before it
// moved into a hash tag. Begin still reads it so that updates handled just
// before an upgrade (Telegram gives the last batch again after a restart)
// are not handled twice; it can go a week (updateMemory) after.
func (k keys) legacyUpdate(id int) string { return k.p + ":update:" + strconv.Itoa(id) }

// update is an update's key: its claim while an instance handles it, then
// "done:" and the time it was handled. The handler's last write marks it
// handled in the committee's own keys too (handled), in the same script.
func (k keys) update(id int) string { return fmt.Sprintf("{%s:update:%d}", k.p, id) }

// member is a figure's id as stored: zero-padded, so figures of one day
// sort in the order they were saved.
func member(id int64) string { return fmt.Sprintf("%012d", id) }
