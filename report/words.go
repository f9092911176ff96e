package report

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"text/template"

	yaml "go.yaml.in/yaml/v3"
)

// The report's own words — its headings, its sentences, its tables'
// headers — are in words.yaml, in Vietnamese only: a báo cáo is a Party
// document in Vietnamese, whoever asks for it, and its words are part of
// its format as much as "ĐẢNG CỘNG SẢN VIỆT NAM" in the templates is. The
// words it shares with the chat (grades, tallies, targets, a term's years)
// come from the vi catalog through render, so that both say them alike.
//
//go:embed words.yaml
var wordsYAML []byte

var words = mustWords(wordsYAML)

func mustWords(data []byte) map[string]*template.Template {
	var raw map[string]string
	if err := yaml.Unmarshal(data, &raw); err != nil {
		panic(fmt.Sprintf("report: words.yaml: %v", err))
	}
	out := make(map[string]*template.Template, len(raw))
	for k, v := range raw {
		out[k] = template.Must(template.New(k).Option("missingkey=error").Parse(v))
	}
	return out
}

// w writes the words of key filled with data, pairs of name and value.
// An unknown key or a missing value panics: every call is tested.
func w(key string, data ...any) string {
	t := words[key]
	if t == nil {
		panic("report: no words " + key)
	}
	m := map[string]any{}
	for i := 0; i+1 < len(data); i += 2 {
		m[data[i].(string)] = data[i+1]
	}
	var b strings.Builder
	if err := t.Execute(&b, m); err != nil {
		panic(fmt.Sprintf("report: words %s: %v", key, err))
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }
