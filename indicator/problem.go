package indicator

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong in a plan, with the line it is on. ID names the
// kind of problem (the message catalogs have a text for each); Args fill it.
type Problem struct {
	Line  int
	Where string // the indicator, program or unit code, or "" for the plan
	Field string // the key, dotted: "target.op"
	ID    string
	Args  map[string]any
}

func (p Problem) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "line %d: ", p.Line)
	if p.Where != "" {
		b.WriteString(p.Where + " ")
	}
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.ID)
	keys := make([]string, 0, len(p.Args))
	for k := range p.Args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, p.Args[k])
	}
	return b.String()
}

// Problems is every problem found in a plan, in line order.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// The kinds of plan problem.
const (
	ProblemSyntax           = "plan.syntax"
	ProblemSyntaxUnclosed   = "plan.syntax_unclosed"
	ProblemSyntaxColon      = "plan.syntax_colon"
	ProblemSyntaxTab        = "plan.syntax_tab"
	ProblemSyntaxEnd        = "plan.syntax_end"
	ProblemSyntaxIndent     = "plan.syntax_indent"
	ProblemSyntaxQuote      = "plan.syntax_quote"
	ProblemDuplicateKey     = "plan.duplicate_key"
	ProblemRequired         = "plan.required"
	ProblemUnknownField     = "plan.unknown_field"
	ProblemType             = "plan.type"
	ProblemDate             = "plan.date"
	ProblemEnum             = "plan.enum"
	ProblemCode             = "plan.code"
	ProblemDuplicate        = "plan.duplicate"
	ProblemOwner            = "plan.unknown_owner"
	ProblemTimezone         = "plan.timezone"
	ProblemTermOrder        = "plan.term_order"
	ProblemStepOutside      = "plan.step_outside_term"
	ProblemStepOrder        = "plan.step_order"
	ProblemNeedsSteps       = "plan.needs_steps"
	ProblemNeedsRate        = "plan.needs_rate"
	ProblemRate             = "plan.rate_range"
	ProblemNotOnScale       = "plan.not_on_scale"
	ProblemOnlyFor          = "plan.only_for"
	ProblemScale            = "plan.scale"
	ProblemDueDay           = "plan.due_day"
	ProblemTolerance        = "plan.tolerance"
	ProblemPercent          = "plan.percent"
	ProblemNeedsBaseline    = "plan.needs_baseline"
	ProblemValueAndChange   = "plan.value_and_change"
	ProblemEmpty            = "plan.empty"
	ProblemBaselineOutside  = "plan.baseline_after_term"
	ProblemCountBaseline    = "plan.count_baseline"
	ProblemCountBaseValue   = "plan.count_baseline_value"
	ProblemByOutside        = "plan.by_outside_term"
	ProblemRange            = "plan.range"
	ProblemStairTrajectory  = "plan.stair_trajectory"
	ProblemRevisionOutside  = "plan.revision_outside_term"
	ProblemRevisionOrder    = "plan.revision_order"
	ProblemRevisionEmpty    = "plan.revision_empty"
	ProblemRevisionStep     = "plan.revision_step"
	ProblemRevisionCompound = "plan.revision_compound"
	ProblemRevisionOp       = "plan.revision_op"
	ProblemFormerlyTaken    = "plan.formerly_taken"
	ProblemRankOp           = "plan.rank_op"
	ProblemRankWhole        = "plan.rank_whole"
	ProblemTermMean         = "plan.term_mean"
	ProblemMidTermOutside   = "plan.mid_term_outside_term"
)

// problems collects problems while a plan is read.
type problems struct{ list Problems }

func (ps *problems) add(line int, where, field, id string, args ...any) {
	p := Problem{Line: line, Where: where, Field: field, ID: id}
	if len(args) > 0 {
		p.Args = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			p.Args[args[i].(string)] = args[i+1]
		}
	}
	ps.list = append(ps.list, p)
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	sort.SliceStable(ps.list, func(i, j int) bool { return ps.list[i].Line < ps.list[j].Line })
	return ps.list
}
