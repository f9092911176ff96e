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
}

// PlanHash is the hash a plan's content is kept under.
func PlanHash(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// ApplyPlan keeps content as the plan's new current version, with its
// audit entry, atomically. created is false, and nothing changes, when the
// current version has the same content.
func (s *Store) ApplyPlan(ctx context.Context, content []byte, by int64, why string) (PlanVersion, bool, error) {
	return s.applyPlan(ctx, content, by, why, "")
}

// SeedPlan keeps content as the first version when Redis holds none, and
// returns the current version either way: instances starting at once
// agree on one.
func (s *Store) SeedPlan(ctx context.Context, content []byte, why string) (PlanVersion, error) {
	v, _, err := s.applyPlan(ctx, content, 0, why, "seed")
	return v, err
}

func (s *Store) applyPlan(ctx context.Context, content []byte, by int64, why, mode string) (PlanVersion, bool, error) {
	v := PlanVersion{Hash: PlanHash(content), By: by, At: s.now().UTC(), Why: why, Content: string(content)}
	doc, err := json.Marshal(v)
	if err != nil {
		return PlanVersion{}, false, err
	}
	detail, _ := json.Marshal(map[string]any{"hash": v.Hash, "why": why})
	keys := []string{s.k.planSeq(), s.k.planVersions(), s.k.planCurrent(), s.k.audit()}
	res, err := applyPlan.Run(ctx, s.rdb, keys, doc, v.Hash, v.At.Format(time.RFC3339Nano), by, string(detail), mode).Int64Slice()
	if err != nil {
		return PlanVersion{}, false, fmt.Errorf("apply plan: %w", err)
	}
	if res[1] == 0 {
		cur, err := s.planVersion(ctx, int(res[0]))
		return cur, false, err
	}
	v.N = int(res[0])
	return v, true, nil
}

// CurrentPlan reads the plan's current version; ok is false when Redis
// holds none yet.
func (s *Store) CurrentPlan(ctx context.Context) (v PlanVersion, ok bool, err error) {
	n, err := s.rdb.Get(ctx, s.k.planCurrent()).Int()
	if errors.Is(err, redis.Nil) {
		return PlanVersion{}, false, nil
	}
	if err != nil {
		return PlanVersion{}, false, fmt.Errorf("current plan: %w", err)
	}
	v, err = s.planVersion(ctx, n)
	return v, err == nil, err
}

// PlanVersions reads every version, oldest first, without their content.
func (s *Store) PlanVersions(ctx context.Context) ([]PlanVersion, error) {
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
		v.Content = ""
		out[v.N-1] = v
	}
	return out, nil
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

// PlanVersionsFrom reads the versions from n (1 when less) to the current
// one, oldest first, with their content, in one round trip: the weekly
// digest tells what each one since the last digest changed. A version
// missing from the hash is left out.
func (s *Store) PlanVersionsFrom(ctx context.Context, n int) ([]PlanVersion, error) {
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
// for one missing. KEYS: current, versions. It is sent whole (EVAL), not
// by its hash: a weekly read is one round trip even on a fresh server.
var planVersionsFrom = redis.NewScript(`
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local out = {}
for n = math.max(tonumber(ARGV[1]), 1), cur do
  out[#out + 1] = redis.call('HGET', KEYS[2], tostring(n)) or ''
end
return out
`)

// CurrentPlanNumber is the current plan version's number, 0 when there is
// none: what a running instance polls to learn of a new version.
func (s *Store) CurrentPlanNumber(ctx context.Context) (int, error) {
	n, err := s.rdb.Get(ctx, s.k.planCurrent()).Int()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	return n, err
}
