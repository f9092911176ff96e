package indicator

import (
	"fmt"
	"slices"
)

// Kind says how an indicator's figures make the window's value.
type Kind int

// The kinds of indicator.
const (
	Count     Kind = iota // each figure is an increment; the value is the sum
	Level                 // each figure is the current level; the latest counts
	Rating                // a level on an ordinal scale
	Milestone             // a stage, or percent complete, toward a deadline
	Rank                  // a place in a league table: whole, 1 the best; the latest counts
)

// Window is the span a target holds for.
type Window int

// The windows.
const (
	Year Window = iota // anew each calendar year, cut to the term
	Term               // once, by the term's end
)

// Op compares the window's value with the target.
type Op int

// The comparisons.
const (
	GE Op = iota
	GT
	LE
	LT
	EQ
)

// Trajectory is the shape of the value expected over the window.
type Trajectory int

// The trajectories.
const (
	Linear Trajectory = iota
	Compound
	Constant
	Steps
	End // nothing expected before the window's end (or by)
)

// Every is how often a figure is due.
type Every int

// The report periods.
const (
	EveryWeek Every = iota
	EveryMonth
	EveryQuarter
	EveryYear
)

// Status is where an indicator stands on a day.
type Status int

// The statuses, in the order they are decided.
const (
	Achieved Status = iota
	Missed
	NoData
	OnTrack
	AtRisk
	OffTrack
)

var (
	kindNames       = []string{"count", "level", "rating", "milestone", "rank"}
	windowNames     = []string{"year", "term"}
	opNames         = []string{">=", ">", "<=", "<", "="}
	trajectoryNames = []string{"linear", "compound", "constant", "steps", "end"}
	everyNames      = []string{"week", "month", "quarter", "year"}
	statusNames     = []string{"achieved", "missed", "no_data", "on_track", "at_risk", "off_track"}
)

func (k Kind) String() string       { return name(kindNames, int(k)) }
func (w Window) String() string     { return name(windowNames, int(w)) }
func (o Op) String() string         { return name(opNames, int(o)) }
func (t Trajectory) String() string { return name(trajectoryNames, int(t)) }
func (e Every) String() string      { return name(everyNames, int(e)) }
func (s Status) String() string     { return name(statusNames, int(s)) }

// worstFirst are the statuses from the worst to the best, as a city
// compares its wards: a result missed, off track, at risk, no figure,
// on track, achieved.
var worstFirst = map[Status]int{Missed: 0, OffTrack: 1, AtRisk: 2, NoData: 3, OnTrack: 4, Achieved: 5}

// Worse reports whether e stands worse than f: by status, then by
// shortfall over scale (the farther behind first).
func (e Evaluation) Worse(f Evaluation) bool {
	if a, b := worstFirst[e.Status], worstFirst[f.Status]; a != b {
		return a < b
	}
	return e.Shortfall/nonZero(e.Scale) > f.Shortfall/nonZero(f.Scale)
}

func nonZero(x float64) float64 {
	if x == 0 {
		return 1
	}
	return x
}

// MarshalText writes the status's English name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Strict reports whether the comparison excludes equality.
func (o Op) Strict() bool { return o == GT || o == LT }

// Name is the comparison's name in message keys: ge, gt, le, lt, eq.
func (o Op) Name() string { return name([]string{"ge", "gt", "le", "lt", "eq"}, int(o)) }

// Holds reports whether v meets the target t under o.
func (o Op) Holds(v, t float64) bool {
	switch o {
	case GE:
		return v > t || near(v, t)
	case GT:
		return v > t && !near(v, t)
	case LE:
		return v < t || near(v, t)
	case LT:
		return v < t && !near(v, t)
	}
	return near(v, t)
}

func name(names []string, i int) string {
	if i < 0 || i >= len(names) {
		return fmt.Sprintf("?%d", i)
	}
	return names[i]
}

// lookup finds s among names; the index is the enum's value.
func lookup(names []string, s string) (int, bool) {
	i := slices.Index(names, s)
	return i, i >= 0
}

// ParseStatus reads an English status name.
func ParseStatus(s string) (Status, bool) {
	i, ok := lookup(statusNames, s)
	return Status(i), ok
}
