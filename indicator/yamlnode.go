package indicator

import (
	"math"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// fields reads one YAML mapping, key by key, reporting every problem with
// its line and remembering each key's line for later checks.
type fields struct {
	ps    *problems
	where string // the code of what is being read, for messages
	path  string // the dotted key path of this mapping
	line  int
	vals  map[string]*yaml.Node
	used  map[string]bool
	order []*yaml.Node // key nodes, in the file's order
}

func newFields(ps *problems, n *yaml.Node, where, path string) *fields {
	f := &fields{ps: ps, where: where, path: path, line: n.Line, vals: map[string]*yaml.Node{}, used: map[string]bool{}}
	if n.Kind != yaml.MappingNode {
		ps.add(n.Line, where, path, ProblemType, "want", "mapping")
		return f
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if _, dup := f.vals[k.Value]; dup {
			ps.add(k.Line, where, f.name(k.Value), ProblemDuplicateKey, "key", k.Value, "first", f.keyLine(k.Value))
		}
		f.vals[k.Value] = n.Content[i+1]
		f.order = append(f.order, k)
	}
	return f
}

// keyLine is the line of key's first appearance in the mapping.
func (f *fields) keyLine(key string) int {
	for _, k := range f.order {
		if k.Value == key {
			return k.Line
		}
	}
	return f.line
}

func (f *fields) name(key string) string {
	if f.path == "" {
		return key
	}
	return f.path + "." + key
}

// at returns the line of a key's value, or of the mapping when it is absent.
func (f *fields) at(key string) int {
	if n := f.vals[key]; n != nil {
		return n.Line
	}
	return f.line
}

// node returns a key's value node, reporting it when required and missing.
func (f *fields) node(key string, required bool) *yaml.Node {
	f.used[key] = true
	n := f.vals[key]
	if n == nil || n.Tag == "!!null" {
		if required {
			f.ps.add(f.line, f.where, f.name(key), ProblemRequired)
		}
		return nil
	}
	return n
}

func (f *fields) problem(key, id string, args ...any) {
	f.ps.add(f.at(key), f.where, f.name(key), id, args...)
}

func (f *fields) str(key string, required bool) string {
	n := f.node(key, required)
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		f.problem(key, ProblemType, "want", "text")
		return ""
	}
	return n.Value
}

func (f *fields) num(key string) (float64, bool) {
	n := f.node(key, false)
	if n == nil {
		return 0, false
	}
	v, ok := number(n)
	if !ok {
		f.problem(key, ProblemType, "want", "number", "value", n.Value)
	}
	return v, ok
}

func (f *fields) date(key string, required bool) (Date, bool) {
	s := f.str(key, required)
	if s == "" {
		return 0, false
	}
	d, err := ParseDate(s)
	if err != nil {
		f.problem(key, ProblemDate, "value", s)
		return 0, false
	}
	return d, true
}

// enum reads one of names; the index is the enum's value.
func (f *fields) enum(key string, names []string) (int, bool) {
	s := f.str(key, true)
	if s == "" {
		return 0, false
	}
	i, ok := lookup(names, s)
	if !ok {
		f.problem(key, ProblemEnum, "value", s, "allowed", listed(names))
	}
	return i, ok
}

func (f *fields) list(key string, required bool) []*yaml.Node {
	n := f.node(key, required)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		f.problem(key, ProblemType, "want", "list")
		return nil
	}
	return n.Content
}

func (f *fields) strs(key string) []string {
	var out []string
	for _, n := range f.list(key, false) {
		if n.Kind != yaml.ScalarNode {
			f.ps.add(n.Line, f.where, f.name(key), ProblemType, "want", "text")
			continue
		}
		out = append(out, n.Value)
	}
	return out
}

func (f *fields) sub(key string, required bool) *fields {
	n := f.node(key, required)
	if n == nil {
		return nil
	}
	return newFields(f.ps, n, f.where, f.name(key))
}

// done reports every key that was never read.
func (f *fields) done() {
	for _, k := range f.order {
		if !f.used[k.Value] {
			f.ps.add(k.Line, f.where, f.name(k.Value), ProblemUnknownField)
		}
	}
}

// number reads a number, also one written in quotes ("90").
func number(n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float" && n.Tag != "!!str") {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(n.Value), 64)
	return v, err == nil && !math.IsInf(v, 0) && !math.IsNaN(v)
}
