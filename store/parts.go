package store

// The store is split by what it keeps. Each part is a small type over the
// same connection and term scope, reached as a field of Store:
//
//	Figures  the figures with their corrections, and what evaluation reads of them (figures.go, import.go, correct.go, sums.go)
//	People   people, invites and the leaders' group chats (people.go, invites.go)
//	Alerts   each indicator's alert state and the silences (alerts.go)
//	Plans    plan versions, the codes a plan compares and archives (plan.go, planversions.go, termplan.go)
//	Pushes   the outbox: pushes queued, sent once, paced (outbox.go)
//	Jobs     each job occurrence's single run, and the snapshots jobs keep (schedule.go)
//	Updates  Telegram updates claimed, handled once, and the inbox (updates.go, begin.go)
//	Chats    each chat's conversation (chat.go)
//	Audit    the audit log (audit.go)
//	Committees the deployment's registry of committees, shared by all (committees.go)
//
// Store itself holds what they share: the connection, the keys, the clock
// and the term its calls read and write (store.go, terms.go).

// Figures keeps the figures; see the package's parts.
type Figures struct{ s *Store }

// People keeps people, invites and groups.
type People struct{ s *Store }

// Alerts keeps the alert state and the silences.
type Alerts struct{ s *Store }

// Plans keeps the plan versions and what a plan compares.
type Plans struct{ s *Store }

// Pushes is the outbox.
type Pushes struct{ s *Store }

// Jobs keeps the jobs' runs and snapshots.
type Jobs struct{ s *Store }

// Updates keeps the updates' claims and marks, and the inbox.
type Updates struct{ s *Store }

// Chats keeps the conversations.
type Chats struct{ s *Store }

// AuditLog is the audit log.
type AuditLog struct{ s *Store }

// parts makes s's parts, each over s.
func (s *Store) parts() {
	s.Figures, s.People, s.Alerts, s.Plans = Figures{s}, People{s}, Alerts{s}, Plans{s}
	s.Pushes, s.Jobs, s.Updates, s.Chats, s.Audit = Pushes{s}, Jobs{s}, Updates{s}, Chats{s}, AuditLog{s}
	s.Committees = Committees{s}
}
