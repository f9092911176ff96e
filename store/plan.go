package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"chitieu/indicator"
)

// Shape is what an indicator's figures mean: its kind and its unit of
// measure. Figures saved under one shape cannot be read under another.
type Shape struct {
	Kind string `json:"kind"`
	Unit string `json:"unit"`
}

// ShapeOf is an indicator's shape.
func ShapeOf(ind *indicator.Indicator) Shape {
	return Shape{Kind: ind.Kind.String(), Unit: ind.Unit()}
}

// Archived is a code whose figures an admin set aside: the plan no longer
// has it, and they are kept but read by nothing.
type Archived struct {
	By     int64     `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`
}

// Orphan is a code with figures that the plan neither has nor maps.
type Orphan struct {
	Code    string
	Figures int
}

// Reshaped is a plan indicator whose figures were saved under another
// kind or unit: Code is the code they were saved under.
type Reshaped struct {
	Indicator string
	Code      string
	Was, Now  Shape
}

// PlanGaps is what the plan would leave unread or misread of what Redis
// holds; empty when the plan and Redis agree.
type PlanGaps struct {
	Orphans  []Orphan
	Reshaped []Reshaped
}

// OK reports whether the plan reads every figure as it was saved.
func (g PlanGaps) OK() bool { return len(g.Orphans) == 0 && len(g.Reshaped) == 0 }

// Compare finds the codes with figures the plan neither has, nor maps
// with formerly, nor were archived, and the indicators with figures whose
// kind or unit is not the one last seen.
func (x Plans) Compare(ctx context.Context, plan *indicator.Plan) (PlanGaps, error) {
	s := x.s
	counts, err := s.Figures.Codes(ctx)
	if err != nil {
		return PlanGaps{}, err
	}
	archived, err := s.Plans.Archived(ctx)
	if err != nil {
		return PlanGaps{}, err
	}
	shapes, err := s.shapes(ctx)
	if err != nil {
		return PlanGaps{}, err
	}
	if err := s.shapesOfLastVersion(ctx, shapes); err != nil {
		return PlanGaps{}, err
	}
	return PlanGaps{Orphans: orphans(plan, counts, archived), Reshaped: reshaped(plan, counts, shapes)}, nil
}

// shapesOfLastVersion adds to shapes, for each code it lacks, the kind and
// unit the term's last plan version gives it: figures saved with no serve
// running (plan apply, import) were saved under that version, though no
// start recorded its shapes.
func (s *Store) shapesOfLastVersion(ctx context.Context, shapes map[string]Shape) error {
	n := s.Term().Plan
	if n == 0 {
		cur, err := s.Plans.CurrentNumber(ctx)
		if err != nil {
			return err
		}
		n = cur
	}
	if n == 0 {
		return nil
	}
	v, err := s.Plans.Version(ctx, n)
	if err != nil {
		return err
	}
	if t, ok := TermOfVersion(v); ok && t.ID != s.Term().ID && s.Term().ID != "" {
		return nil // another term's plan: its codes are not this term's
	}
	last, err := indicator.Load([]byte(v.Content))
	if err != nil {
		return nil // a version that no longer loads tells nothing
	}
	for _, ind := range last.Indicators() {
		for _, code := range append([]string{ind.Code}, ind.Formerly...) {
			if _, ok := shapes[code]; !ok {
				shapes[code] = ShapeOf(ind)
			}
		}
	}
	return nil
}

func orphans(plan *indicator.Plan, counts map[string]int, archived map[string]Archived) []Orphan {
	read := map[string]bool{}
	for _, ind := range plan.Indicators() {
		read[ind.Code] = true
		for _, c := range ind.Formerly {
			read[c] = true
		}
	}
	var out []Orphan
	for code, n := range counts {
		if _, ok := archived[code]; !ok && !read[code] && n > 0 {
			out = append(out, Orphan{code, n})
		}
	}
	slices.SortFunc(out, func(a, b Orphan) int { return cmp.Compare(a.Code, b.Code) })
	return out
}

func reshaped(plan *indicator.Plan, counts map[string]int, shapes map[string]Shape) []Reshaped {
	var out []Reshaped
	for _, ind := range plan.Indicators() {
		now := ShapeOf(ind)
		for _, code := range append([]string{ind.Code}, ind.Formerly...) {
			was, ok := shapes[code]
			if ok && counts[code] > 0 && was != now {
				out = append(out, Reshaped{Indicator: ind.Code, Code: code, Was: was, Now: now})
			}
		}
	}
	return out
}

// Record remembers each plan indicator's kind and unit, the shape its
// figures are saved under from now on.
func (x Plans) Record(ctx context.Context, plan *indicator.Plan) error {
	s := x.s
	var fields []any
	for _, ind := range plan.Indicators() {
		doc, _ := json.Marshal(ShapeOf(ind))
		fields = append(fields, ind.Code, string(doc))
	}
	if len(fields) == 0 {
		return nil
	}
	if err := s.rdb.HSet(ctx, s.tk().shapes(), fields...).Err(); err != nil {
		return fmt.Errorf("record plan: %w", err)
	}
	return nil
}

func (s *Store) shapes(ctx context.Context) (map[string]Shape, error) {
	all, err := s.rdb.HGetAll(ctx, s.tk().shapes()).Result()
	if err != nil {
		return nil, fmt.Errorf("read shapes: %w", err)
	}
	out := make(map[string]Shape, len(all))
	for code, doc := range all {
		var sh Shape
		if json.Unmarshal([]byte(doc), &sh) == nil {
			out[code] = sh
		}
	}
	return out, nil
}

// Archive sets a code's figures aside, with its audit entry, atomically.
func (x Plans) Archive(ctx context.Context, code string, by int64, reason string) error {
	s := x.s
	a := Archived{By: by, At: s.now().UTC(), Reason: reason}
	doc, _ := json.Marshal(a)
	detail, _ := json.Marshal(map[string]any{"code": code, "reason": reason})
	err := s.hashAudit(ctx, s.tk().archived(), code, string(doc), Entry{Actor: by, Action: "code.archive",
		Subject: "code:" + code, Detail: string(detail)})
	if err != nil {
		return fmt.Errorf("archive %s: %w", code, err)
	}
	return nil
}

// Unarchive undoes Archive, with its audit entry, atomically; ErrNotFound
// when the code is not archived.
func (x Plans) Unarchive(ctx context.Context, code string, by int64) error {
	s := x.s
	n, err := unarchive.Run(ctx, s.rdb, []string{s.tk().archived(), s.k.audit()}, code,
		s.now().UTC().Format(time.RFC3339Nano), by).Int()
	switch {
	case err != nil:
		return fmt.Errorf("undo archive of %s: %w", code, err)
	case n == 0:
		return fmt.Errorf("%s: %w", code, ErrNotFound)
	}
	return nil
}

// Archived reads every archived code.
func (x Plans) Archived(ctx context.Context) (map[string]Archived, error) {
	s := x.s
	all, err := s.rdb.HGetAll(ctx, s.tk().archived()).Result()
	if err != nil {
		return nil, fmt.Errorf("read archive: %w", err)
	}
	out := make(map[string]Archived, len(all))
	for code, doc := range all {
		var a Archived
		json.Unmarshal([]byte(doc), &a)
		out[code] = a
	}
	return out, nil
}

// unarchive removes a code from the archive and logs it, when it is there;
// its keys and arguments are in lua/unarchive.lua.
var unarchive = script("audit.lua", "unarchive.lua")
