package indicator

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// codePattern is what an indicator, program or unit code may look like: it
// is typed in chat ("CT01.1: 8"), so ASCII only, and it rides in a
// button's 64 bytes of data, so 30 characters at most.
var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$`)

// LoadFile reads and validates the plan in a YAML file.
func LoadFile(path string) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	return Load(data)
}

// Load reads and validates a plan. Its error, when the plan has problems, is
// Problems: every one of them, each with its line.
func Load(data []byte) (*Plan, error) {
	var doc yaml.Node
	// One Unicode form (NFC) for every name: a file saved in another
	// (decomposed marks, as some editors write) reads the same.
	if err := yaml.Unmarshal(norm.NFC.Bytes(data), &doc); err != nil {
		return nil, syntaxProblem(err)
	}
	l := &loader{ps: &problems{}, codes: map[string]int{}, units: map[string]string{}, former: map[string]int{}, city: map[string]int{}}
	if len(doc.Content) == 0 {
		l.ps.add(1, "", "", ProblemEmpty)
		return nil, l.ps.err()
	}
	p := l.plan(doc.Content[0])
	if err := l.ps.err(); err != nil {
		return nil, err
	}
	p.index()
	return p, nil
}

// syntaxProblem is a YAML error as a problem: the parser's common
// messages in the catalog's words, any other quoted as it is.
func syntaxProblem(err error) error {
	line, detail := 0, err.Error()
	if _, e := fmt.Sscanf(detail, "yaml: line %d:", &line); e != nil {
		line = 1
	}
	if i := strings.Index(detail, ": "); i >= 0 && strings.HasPrefix(detail, "yaml: ") {
		detail = detail[i+2:]
		if strings.HasPrefix(detail, "line ") {
			_, detail, _ = strings.Cut(detail, ": ")
		}
	}
	p := Problem{Line: max(line, 1), ID: ProblemSyntax, Args: map[string]any{"detail": detail}}
	for _, k := range syntaxKinds {
		if strings.Contains(detail, k.says) {
			p.ID = k.id
			for name, v := range k.args {
				p.Args[name] = v
			}
		}
	}
	return Problems{p}
}

// syntaxKinds are the YAML parser's messages a plan's author meets most.
var syntaxKinds = []struct {
	says string
	id   string
	args map[string]any
}{
	{"did not find expected ',' or ']'", ProblemSyntaxUnclosed, map[string]any{"open": "[", "close": "]"}},
	{"did not find expected ',' or '}'", ProblemSyntaxUnclosed, map[string]any{"open": "{", "close": "}"}},
	{"mapping values are not allowed", ProblemSyntaxColon, nil},
	{"tab character", ProblemSyntaxTab, nil},
	{"found character that cannot start any token", ProblemSyntaxTab, nil},
	{"unexpected end of stream", ProblemSyntaxEnd, nil},
	{"did not find expected key", ProblemSyntaxIndent, nil},
	{"did not find expected '-' indicator", ProblemSyntaxIndent, nil},
	{"block sequence entries are not allowed", ProblemSyntaxIndent, nil},
	{"did not find expected comment or line break", ProblemSyntaxQuote, nil},
	{"found unknown escape character", ProblemSyntaxQuote, nil},
}

type loader struct {
	ps    *problems
	codes map[string]int    // every code seen, with its line
	units map[string]string // a unit's folded code → its code
	term  Period
	// former is every code an indicator had before, with its line.
	former map[string]int
	// city is every city_code seen, with its line: one indicator each.
	city map[string]int
}

func (l *loader) plan(n *yaml.Node) *Plan {
	f := newFields(l.ps, n, "", "")
	p := &Plan{Code: f.str("plan", true), Title: f.str("title", true)}
	p.Term = l.term0(f)
	p.Timezone, p.Location = l.timezone(f)
	if d, ok := f.num("late_days"); ok {
		p.LateDays = int(d)
		if d != float64(int(d)) || d < 0 || d > 366 {
			f.problem("late_days", ProblemRange, "min", 0, "max", 366)
		}
	}
	p.Committee, p.MidTerm = l.committee(f), l.midTerm(f)
	for _, u := range f.list("units", true) {
		p.Units = append(p.Units, l.unit(u))
	}
	progs := f.list("programs", true)
	for _, pn := range progs {
		p.Programs = append(p.Programs, l.program(pn))
	}
	if len(progs) == 0 && f.vals["programs"] != nil {
		f.problem("programs", ProblemEmpty)
	}
	l.checkFormerly()
	f.done()
	return p
}

func (l *loader) term0(f *fields) Period {
	t := f.sub("term", true)
	if t == nil {
		return Period{}
	}
	from, ok1 := t.date("from", true)
	to, ok2 := t.date("to", true)
	t.done()
	if ok1 && ok2 && to <= from {
		t.problem("to", ProblemTermOrder)
	}
	l.term = Period{from, to}
	return l.term
}

func (l *loader) timezone(f *fields) (string, *time.Location) {
	name := f.str("timezone", false)
	if name == "" {
		name = "Asia/Ho_Chi_Minh"
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		f.problem("timezone", ProblemTimezone, "value", name)
		return name, time.UTC
	}
	return name, loc
}

// unique checks a code read under key: its form, and that seen (the codes
// taken, with their lines) has it not; then it is taken.
func unique(f *fields, key, c string, seen map[string]int) {
	switch {
	case c == "":
	case !codePattern.MatchString(c):
		f.problem(key, ProblemCode, "value", c)
	case seen[foldCode(c)] != 0:
		f.problem(key, ProblemDuplicate, "code", c, "first", seen[foldCode(c)])
	default:
		seen[foldCode(c)] = f.at(key)
	}
}

// code reads a code, checks its form and that it is not taken.
func (l *loader) code(f *fields) string {
	c := f.str("code", true)
	f.where = c
	unique(f, "code", c, l.codes)
	return c
}

func (l *loader) unit(n *yaml.Node) Unit {
	f := newFields(l.ps, n, "", "units")
	u := Unit{Code: l.code(f), Name: f.str("name", true)}
	f.done()
	l.units[foldCode(u.Code)] = u.Code
	return u
}

func (l *loader) program(n *yaml.Node) Program {
	f := newFields(l.ps, n, "", "")
	p := Program{Code: l.code(f)}
	p.Title = f.str("title", true)
	inds := f.list("indicators", true)
	for _, in := range inds {
		p.Indicators = append(p.Indicators, l.indicator(in, p.Code))
	}
	if len(inds) == 0 && f.vals["indicators"] != nil {
		f.problem("indicators", ProblemEmpty)
	}
	f.done()
	return p
}
