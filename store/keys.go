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

func (k keys) figures() string          { return k.data("figures") }    // hash: member → figure JSON
func (k keys) figureKeys() string       { return k.data("figurekeys") } // hash: idempotency key → member
func (k keys) figureSeq() string        { return k.data("seq:figure") }
func (k keys) index(code string) string { return k.data("index:" + code) } // zset: day → member
func (k keys) byReporter(id int64) string {
	return k.data("reporter:" + strconv.FormatInt(id, 10)) // zset: saved at (ms) → member
}
func (k keys) shapes() string            { return k.data("shapes") }   // hash: code → kind and unit last seen
func (k keys) archived() string          { return k.data("archived") } // hash: code → who archived it
func (k keys) planSeq() string           { return k.data("plan:seq") }
func (k keys) planVersions() string      { return k.data("plan:versions") } // hash: n → version JSON
func (k keys) planCurrent() string       { return k.data("plan:current") }  // the current version's n
func (k keys) audit() string             { return k.data("audit") }         // stream
func (k keys) users() string             { return k.data("users") }         // hash: id → user JSON
func (k keys) invite(code string) string { return k.data("invite:" + code) }

func (k keys) outbox() string              { return k.push("outbox") } // stream
func (k keys) pushed(key string) string    { return k.push("pushed:" + key) }
func (k keys) alerts() string              { return k.data("alerts") }   // hash: indicator → alert JSON
func (k keys) deferred() string            { return k.push("deferred") } // zset: not-before (ms) → push JSON
func (k keys) snapshot(name string) string { return k.push("snapshot:" + name) }
func (k keys) groups() string              { return k.data("groups") } // hash: chat id → title
func (k keys) run(job, at string) string   { return k.push("run:" + job + ":" + at) }

func (k keys) conversation(chat int64) string { return fmt.Sprintf("%s:conversation:%d", k.p, chat) }

// update is an update's key: its claim while an instance handles it, then
// the time it was handled. It shares the data's tag, so that a handler's
// last write (a figure saved) can mark the update handled in its own
// script, with the update's tries and the inbox.
func (k keys) update(id int) string { return k.data("update:" + strconv.Itoa(id)) }

// member is a figure's id as stored: zero-padded, so figures of one day
// sort in the order they were saved.
func member(id int64) string { return fmt.Sprintf("%012d", id) }
