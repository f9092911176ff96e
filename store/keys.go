package store

import (
	"fmt"
	"strconv"
)

// keys names every key. Domain data (people, invites, figures, alert state,
// leader groups, audit) share the hash tag {prefix}, so a figure and its
// audit entry, or an invite and the person it admits, are written in one
// transaction even on Cluster; so do the updates' claims and marks, which
// a handler's last write makes with its own. The outbox, its deferred
// pushes and each push's key share {prefix:push}. A conversation, a job's
// run or a snapshot is one key on its own.
type keys struct{ p string }

func (k keys) data(name string) string { return "{" + k.p + "}:" + name }
func (k keys) push(name string) string { return "{" + k.p + ":push}:" + name }

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
type termKeys struct{ p, t string }

func (k termKeys) data(name string) string { return "{" + k.p + "}:" + k.t + name }

func (k termKeys) figures() string          { return k.data("figures") }       // hash: member → figure JSON
func (k termKeys) figureKeys() string       { return k.data("figurekeys") }    // hash: idempotency key → member
func (k termKeys) index(code string) string { return k.data("index:" + code) } // zset: day → member
func (k termKeys) byReporter(id int64) string {
	return k.data("reporter:" + strconv.FormatInt(id, 10)) // zset: saved at (ms) → member
}
func (k termKeys) shapes() string   { return k.data("shapes") }   // hash: code → kind and unit last seen
func (k termKeys) archived() string { return k.data("archived") } // hash: code → who archived it
func (k termKeys) alerts() string   { return k.data("alerts") }   // hash: indicator → alert JSON
func (k termKeys) snapshot(name string) string {
	return "{" + k.p + ":push}:" + k.t + "snapshot:" + name
}

func (k keys) conversation(chat int64) string { return fmt.Sprintf("%s:conversation:%d", k.p, chat) }

// update is an update's key: its claim while an instance handles it, then
// the time it was handled. It shares the data's tag, so that a handler's
// last write (a figure saved) can mark the update handled in its own
// script, with the update's tries and the inbox.
func (k keys) update(id int) string { return k.data("update:" + strconv.Itoa(id)) }

// member is a figure's id as stored: zero-padded, so figures of one day
// sort in the order they were saved.
func member(id int64) string { return fmt.Sprintf("%012d", id) }
