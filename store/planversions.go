package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// PlanVersion is one version of the plan kept in Redis: its YAML, the hash
// of it, and who applied it, when and why.
type PlanVersion struct {
	N       int       `json:"n"`
	Hash    string    `json:"hash"` // SHA-256 of Content, hex
	By      int64     `json:"by"`   // Telegram id; 0 for the command line
	At      time.Time `json:"at"`
	Why     string    `json:"why"`
	Content string    `json:"content"`
	Term    string    `json:"term,omitempty"` // the id of the term it is a plan of; "" before terms were kept
}

// PlanHash is the hash a plan's content is kept under.
func PlanHash(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// Apply keeps content as the plan's new current version, with its
// audit entry, atomically. created is false, and nothing changes, when the
// current version has the same content.
func (x Plans) Apply(ctx context.Context, content []byte, by int64, why string) (PlanVersion, bool, error) {
	s := x.s
	return s.applyPlan(ctx, content, by, why, "")
}

// Seed keeps content as the first version when Redis holds none, and
// returns the version in force either way: instances starting at once
// agree on one.
func (x Plans) Seed(ctx context.Context, content []byte, why string) (PlanVersion, error) {
	s := x.s
	v, created, err := s.applyPlan(ctx, content, 0, why, "seed")
	if err != nil || created {
		return v, err
	}
	cur, _, err := s.Plans.Current(ctx)
	return cur, err
}

// Issuer checks that a plan issues the committee's reports in its name
// (*PlaceError when it names another place): a registered committee's
// every version, as its first (Committees.Create). The committee default
// (a deployment from before) is not checked: it has no name of its own.
func (x Plans) Issuer(ctx context.Context, content []byte) error {
	s := x.s
	cm, err := s.Committees.Get(ctx, s.k.c)
	switch {
	case errors.Is(err, ErrNotFound):
		return nil
	case err != nil:
		return err
	}
	return issuedAs(cm.Name, content)
}

func (s *Store) applyPlan(ctx context.Context, content []byte, by int64, why, mode string) (PlanVersion, bool, error) {
	if err := s.Plans.Issuer(ctx, content); err != nil {
		return PlanVersion{}, false, err
	}
	var out PlanVersion
	var created bool
	err := s.watch(ctx, func(tx *redis.Tx) error {
		var err error
		out, created, err = s.applyIn(ctx, tx, content, by, why, mode)
		return err
	}, s.k.planSeq(), s.k.planCurrent(), s.k.terms())
	if err != nil {
		return PlanVersion{}, false, fmt.Errorf("apply plan: %w", err)
	}
	return out, created, nil
}

// applyIn applies a version in a WATCH transaction: unless it is the
// current one, it becomes current, and its term is the current term's (its
// last version moves on), the first term, or a new term that finishes the
// current one; every change audited.
func (s *Store) applyIn(ctx context.Context, tx *redis.Tx, content []byte, by int64, why, mode string) (PlanVersion, bool, error) {
	cur, ok, err := s.currentIn(ctx, tx)
	if err != nil || ok && mode == "seed" {
		return cur, false, err
	}
	all, err := s.terms(ctx, tx)
	if err != nil {
		return PlanVersion{}, false, err
	}
	if same, ok, err := s.sameAsTerms(ctx, tx, all, content); err != nil || ok {
		return same, false, err
	}
	seq, err := tx.Get(ctx, s.k.planSeq()).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return PlanVersion{}, false, err
	}
	now := s.now().UTC()
	next, known := termOfContent(content)
	t, changed, err := placeTerm(all, next, known, now)
	if err != nil {
		return PlanVersion{}, false, err
	}
	v := PlanVersion{N: seq + 1, Hash: PlanHash(content), By: by, At: now, Why: why, Content: string(content), Term: t.ID}
	return v, true, s.writeVersion(ctx, tx, v, changed)
}

// sameAsTerms is the version of content's term when it holds content
// already (ok): a registered term's last version; for content that names
// no term, or with no registry yet, the current version.
func (s *Store) sameAsTerms(ctx context.Context, tx *redis.Tx, all []Term, content []byte) (PlanVersion, bool, error) {
	next, known := termHead(content)
	n := -1
	for _, t := range all {
		if known && t.ID == next.ID && t.registered {
			n = t.Plan
		}
	}
	switch {
	case n == 0 || n < 0 && known && len(all) > 0 && all[0].registered:
		return PlanVersion{}, false, nil // a term not kept yet, or kept without a version
	case n < 0:
		v, ok, err := s.currentIn(ctx, tx)
		return v, ok && v.Hash == PlanHash(content), err
	}
	doc, err := tx.HGet(ctx, s.k.planVersions(), strconv.Itoa(n)).Result()
	if err != nil {
		return PlanVersion{}, false, fmt.Errorf("plan version %d: %w", n, err)
	}
	v, err := decodePlanVersion(doc)
	return v, err == nil && v.Hash == PlanHash(content), err
}

// writeVersion writes a version with its audit entry, and the terms it
// changes (their last version, a term finished or started) with theirs.
func (s *Store) writeVersion(ctx context.Context, tx *redis.Tx, v PlanVersion, changed []Term) error {
	unnumbered := v
	unnumbered.N = 0 // the script numbers it: its document starts {"n":0
	doc, err := json.Marshal(unnumbered)
	if err != nil {
		return err
	}
	detail, _ := json.Marshal(map[string]any{"hash": v.Hash, "why": v.Why, "term": v.Term})
	_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
		keys := []string{s.k.planSeq(), s.k.planVersions(), s.k.planCurrent(), s.k.audit()}
		applyPlan.Eval(ctx, p, keys, doc, v.Hash, v.At.Format(time.RFC3339Nano), v.By, string(detail), "")
		for _, t := range changed {
			s.writeTerm(ctx, p, t, v)
		}
		return nil
	})
	return err
}

// writeTerm keeps a term in the registry, with v as its last version when
// it is v's term; a term that starts or finishes is audited.
func (s *Store) writeTerm(ctx context.Context, p redis.Pipeliner, t Term, v PlanVersion) {
	action := ""
	if !t.registered {
		action = "term.start" // recorded: it begins on its first day
	}
	if t.ID == v.Term {
		t.Plan = v.N
	}
	doc, _ := json.Marshal(t)
	p.HSet(ctx, s.k.terms(), t.ID, string(doc))
	if action != "" {
		detail, _ := json.Marshal(map[string]any{"term": t.ID, "name": t.Name, "plan": t.Plan})
		s.addAudit(ctx, p, Entry{At: v.At, Actor: v.By, Action: action, Subject: "term:" + t.ID, Detail: string(detail)})
	}
}

// currentIn reads the current version in a transaction.
func (s *Store) currentIn(ctx context.Context, tx *redis.Tx) (PlanVersion, bool, error) {
	n, err := tx.Get(ctx, s.k.planCurrent()).Int()
	if errors.Is(err, redis.Nil) {
		return PlanVersion{}, false, nil
	}
	if err != nil {
		return PlanVersion{}, false, fmt.Errorf("current plan: %w", err)
	}
	doc, err := tx.HGet(ctx, s.k.planVersions(), strconv.Itoa(n)).Result()
	if err != nil {
		return PlanVersion{}, false, fmt.Errorf("plan version %d: %w", n, err)
	}
	v, err := decodePlanVersion(doc)
	return v, err == nil, err
}

// Current reads the version in force: the current term's last one (a
// next term's plan applied ahead waits for its first day); ok is false
// when Redis holds none yet.
func (x Plans) Current(ctx context.Context) (v PlanVersion, ok bool, err error) {
	s := x.s
	n, err := s.Plans.CurrentNumber(ctx)
	if err != nil || n == 0 {
		return PlanVersion{}, false, err
	}
	v, err = s.planVersion(ctx, n)
	return v, err == nil, err
}

// Versions reads every version, oldest first, without their content.
func (x Plans) Versions(ctx context.Context) ([]PlanVersion, error) {
	s := x.s
	all, err := s.rdb.HGetAll(ctx, s.k.planVersions()).Result()
	if err != nil {
		return nil, fmt.Errorf("plan versions: %w", err)
	}
	out := make([]PlanVersion, len(all))
	for _, doc := range all {
		v, err := decodePlanVersion(doc)
		if err != nil {
			return nil, err
		}
		if v.N < 1 || v.N > len(out) {
			return nil, fmt.Errorf("plan version %d out of sequence", v.N)
		}
		if t, ok := TermOfVersion(v); ok && v.Term == "" {
			v.Term = t.ID // a version kept before terms were
		}
		v.Content = ""
		out[v.N-1] = v
	}
	return out, nil
}

// Version reads version n with its content: a finished term's plan is
// its last version.
func (x Plans) Version(ctx context.Context, n int) (PlanVersion, error) {
	s := x.s
	return s.planVersion(ctx, n)
}

func (s *Store) planVersion(ctx context.Context, n int) (PlanVersion, error) {
	doc, err := s.rdb.HGet(ctx, s.k.planVersions(), strconv.Itoa(n)).Result()
	if err != nil {
		return PlanVersion{}, fmt.Errorf("plan version %d: %w", n, err)
	}
	return decodePlanVersion(doc)
}

func decodePlanVersion(doc string) (PlanVersion, error) {
	var v PlanVersion
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return PlanVersion{}, fmt.Errorf("plan version: %w", err)
	}
	return v, nil
}

// VersionsFrom reads the versions from n (1 when less) to the current
// one, oldest first, with their content, in one round trip: the weekly
// digest tells what each one since the last digest changed. A version
// missing from the hash is left out.
func (x Plans) VersionsFrom(ctx context.Context, n int) ([]PlanVersion, error) {
	s := x.s
	docs, err := planVersionsFrom.Eval(ctx, s.rdb, []string{s.k.planCurrent(), s.k.planVersions()}, n).StringSlice()
	if err != nil {
		return nil, fmt.Errorf("plan versions from %d: %w", n, err)
	}
	out := make([]PlanVersion, 0, len(docs))
	for _, doc := range docs {
		if doc == "" {
			continue
		}
		v, err := decodePlanVersion(doc)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// planVersionsFrom reads the versions from ARGV[1] to the current one, ""
// for one missing; its keys and arguments are in lua/plan_versions_from.lua.
var planVersionsFrom = script("plan_versions_from.lua")

// CurrentNumber is the number of the version in force (the current
// term's last), 0 when there is none: what a running instance polls to
// learn of a new version, and of a next term's first day.
func (x Plans) CurrentNumber(ctx context.Context) (int, error) {
	s := x.s
	t, ok, err := s.CurrentTerm(ctx)
	if err != nil || ok && t.Plan != 0 {
		return t.Plan, err
	}
	n, err := s.rdb.Get(ctx, s.k.planCurrent()).Int()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	return n, err
}

// applyPlan makes a plan version current unless the current one has the same
// hash; its keys and arguments are in lua/apply_plan.lua.
var applyPlan = script("audit.lua", "apply_plan.lua")
