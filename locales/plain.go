package locales

import (
	"fmt"
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// plain is a message whose only actions are {{.Name}}, written by joining
// its text and its values: what text/template would write, at a fraction
// of the cost (a report's reply writes several messages).
type plain struct {
	text  []string // len(names)+1 pieces, around the values
	names []string
}

var action = regexp.MustCompile(`\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)

// compilePlain is s as a plain message, or nil when it has other actions
// (if, range, trimming, …), which text/template writes.
func compilePlain(s string) *plain {
	m := &plain{}
	prev := 0
	for _, loc := range action.FindAllStringSubmatchIndex(s, -1) {
		m.text = append(m.text, s[prev:loc[0]])
		m.names = append(m.names, s[loc[2]:loc[3]])
		prev = loc[1]
	}
	m.text = append(m.text, s[prev:])
	for _, t := range m.text {
		if strings.Contains(t, "{{") {
			return nil
		}
	}
	return m
}

// fill writes the message with the values value gives; ok is false when a
// value is missing (text/template then writes what it writes).
func (m *plain) fill(value func(name string) (any, bool)) (string, bool) {
	if len(m.names) == 0 {
		return m.text[0], true
	}
	var b strings.Builder
	for i, name := range m.names {
		v, ok := value(name)
		if !ok {
			return "", false
		}
		b.WriteString(m.text[i])
		switch v := v.(type) {
		case string:
			b.WriteString(v)
		case int, int64, float64, bool, fmt.Stringer:
			fmt.Fprint(&b, v)
		default: // nil, pointers, …: as text/template writes them
			return "", false
		}
	}
	b.WriteString(m.text[len(m.names)])
	return b.String(), true
}

// pairValue is the value named name in data, pairs of name and value (the
// last, as a map made of them keeps).
func pairValue(data []any, name string) (v any, ok bool) {
	for i := 0; i+1 < len(data); i += 2 {
		if data[i] == name {
			v, ok = data[i+1], true
		}
	}
	return v, ok
}

// plainMessages reads a catalog file's plain messages.
func plainMessages(file string) (map[string]*plain, error) {
	raw, err := files.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var msgs map[string]string
	if err := yaml.Unmarshal(raw, &msgs); err != nil {
		return nil, err
	}
	out := make(map[string]*plain, len(msgs))
	for id, text := range msgs {
		if m := compilePlain(text); m != nil {
			out[id] = m
		}
	}
	return out, nil
}
