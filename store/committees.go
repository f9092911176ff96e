package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"chitieu/indicator"
	"chitieu/locales"

	"github.com/redis/go-redis/v9"
)

// Committee is a committee the deployment serves: its code names its keys
// ({P/CODE}), its name is how people read it.
type Committee struct {
	Code    string    `json:"code"`
	Name    string    `json:"name"`
	By      int64     `json:"by,omitempty"` // who made it; 0 for the command line
	Created time.Time `json:"created"`
	// Predecessors are the committees and terms it continues (a ward
	// made by the 2025 merger continues its district's): the first term
	// of its own compares with the first of them.
	Predecessors []Predecessor `json:"predecessors,omitempty"`
}

// Predecessor is a committee's term another committee continues, and
// which of its indicators continue as which.
type Predecessor struct {
	Committee string `json:"committee"`
	Term      string `json:"term"`                // the term's id
	TermName  string `json:"term_name,omitempty"` // as people say it: "2020–2025"
	// Codes maps the continuing committee's codes to the predecessor's;
	// empty: the codes both plans share.
	Codes map[string]string `json:"codes,omitempty"`
}

// Committees is the deployment's registry of committees, shared by all:
// {P:committees}, a hash of code → Committee.
type Committees struct{ s *Store }

// ErrCommitteeExists is what adding a committee whose code is taken is.
var ErrCommitteeExists = errors.New("a committee with this code exists")

// Add registers a committee; ErrCommitteeExists when its code is taken.
func (x Committees) Add(ctx context.Context, c Committee) error {
	s := x.s
	if !ValidCommittee(c.Code) || c.Name == "" {
		return fmt.Errorf("add committee %q: a code and a name are needed", c.Code)
	}
	c.Created = s.now().UTC()
	doc, err := json.Marshal(c)
	if err != nil {
		return err
	}
	ok, err := s.rdb.HSetNX(ctx, s.k.committees(), c.Code, doc).Result()
	if err == nil && !ok {
		err = ErrCommitteeExists
	}
	return err
}

// Known reports whether a committee has this code: registered, or holding
// a plan (the committee "default" of a deployment from before committees).
func (x Committees) Known(ctx context.Context, code string) (bool, error) {
	s := x.s
	var reg *redis.BoolCmd
	var plan *redis.IntCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		reg, plan = p.HExists(ctx, s.k.committees(), code), p.Exists(ctx, keys{s.k.p, code}.planCurrent())
		return nil
	})
	return reg.Val() || plan.Val() > 0, err
}

// List is every committee registered, by code; the committee "default" of
// a deployment from before committees is listed when it holds a plan.
func (x Committees) List(ctx context.Context) ([]Committee, error) {
	s := x.s
	docs, err := s.rdb.HGetAll(ctx, s.k.committees()).Result()
	if err != nil {
		return nil, err
	}
	out := make([]Committee, 0, len(docs)+1)
	for _, doc := range docs {
		var c Committee
		if err := json.Unmarshal([]byte(doc), &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if docs[DefaultCommittee] == "" {
		d, err := s.For(DefaultCommittee)
		if err != nil {
			return nil, err
		}
		v, ok, err := d.Plans.Current(ctx)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, Committee{Code: DefaultCommittee, Name: issuerOf(v.Content)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// issuerOf is the name of the committee from before committees, as its
// plan names its reports' issuer ("Quận ủy Tây Hồ"), or the plan's title.
func issuerOf(content string) string {
	plan, err := indicator.Load([]byte(content))
	if err != nil {
		return DefaultCommittee
	}
	return cmp.Or(plan.Committee.Name, plan.Title)
}

// Get reads one committee; ErrNotFound when it is not registered.
func (x Committees) Get(ctx context.Context, code string) (Committee, error) {
	s := x.s
	doc, err := s.rdb.HGet(ctx, s.k.committees(), code).Result()
	if errors.Is(err, redis.Nil) {
		return Committee{}, fmt.Errorf("committee %q: %w", code, ErrNotFound)
	}
	if err != nil {
		return Committee{}, err
	}
	var c Committee
	return c, json.Unmarshal([]byte(doc), &c)
}

// ClosedTermError is a committee's first plan whose term takes no more
// figures: a new committee needs a plan of a term running or to come.
type ClosedTermError struct{ Term Term }

func (e *ClosedTermError) Error() string {
	return fmt.Sprintf("the term %s took its last figures on %v", e.Term.Name, e.Term.Closes)
}

// PlaceError is a committee's first plan whose reports would be issued
// under another committee's name: its committee: block names a place
// (Place) that the committee's name does not.
type PlaceError struct{ Place, Issuer, Name string }

func (e *PlaceError) Error() string {
	return fmt.Sprintf("the plan's reports are issued by %s (%s)", e.Issuer, e.Place)
}

// issuedAs checks that a committee's plan issues its reports in its name:
// the place its committee: block names, if any, is in the committee's
// name (compared without marks, case or Unicode form: "Thanh Hoà" is
// "Thanh Hòa"). A plan that does not read is left to its own checks.
func issuedAs(name string, content []byte) error {
	plan, err := indicator.Load(content)
	if err != nil || plan.Committee.Place == "" || strings.Contains(locales.Fold(name), locales.Fold(plan.Committee.Place)) {
		return nil
	}
	return &PlaceError{Place: plan.Committee.Place, Issuer: plan.Committee.Name, Name: name}
}

// Create registers a committee with its first plan, content, as the first
// version of its own plan (a ward's 2025–2030 plan is its first term, not
// its district's next one). It is refused, writing nothing, when the code
// is taken (ErrCommitteeExists), the plan's term takes no more figures
// (*ClosedTermError), or its reports would be issued in another place's
// name (*PlaceError: a plan copied from another ward's). The plan is written first, so that the registry never
// names a committee without one.
func (x Committees) Create(ctx context.Context, c Committee, content []byte, by int64, why string) (PlanVersion, error) {
	s := x.s
	if !ValidCommittee(c.Code) || c.Name == "" {
		return PlanVersion{}, fmt.Errorf("add committee %q: a code and a name are needed", c.Code)
	}
	if t, _ := TermOfVersion(PlanVersion{Content: string(content)}); t.Closed(t.Today(s.now())) {
		return PlanVersion{}, &ClosedTermError{Term: t}
	}
	if err := issuedAs(c.Name, content); err != nil {
		return PlanVersion{}, err
	}
	if known, err := x.Known(ctx, c.Code); err != nil || known {
		if err == nil {
			err = ErrCommitteeExists
		}
		return PlanVersion{}, err
	}
	own, err := s.For(c.Code)
	if err != nil {
		return PlanVersion{}, err
	}
	v, _, err := own.Plans.Apply(ctx, content, by, why)
	if err != nil {
		return PlanVersion{}, err
	}
	c.By = by
	return v, x.Add(ctx, c)
}
