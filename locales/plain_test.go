package locales

import (
	"fmt"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// TestPlainMessagesWriteWhatTemplatesWrite writes every message of both
// catalogs both ways, with text, numbers and a Stringer for its values:
// the fast path must write what go-i18n's templates write.
func TestPlainMessagesWriteWhatTemplatesWrite(t *testing.T) {
	c := MustLoad()
	for _, lang := range Languages {
		p := c.Printer(lang)
		if len(p.plain) < 100 {
			t.Fatalf("%s: only %d plain messages: the fast path is not used", lang, len(p.plain))
		}
		for id, m := range p.plain {
			for k, value := range []func(string) any{
				func(n string) any { return "«" + n + "» & <b>" },
				func(n string) any { return len(n)*1000 + 7 },
				func(n string) any { return float64(len(n)) / 8 },
				func(n string) any { return stringer(n) },
			} {
				data := map[string]any{}
				var pairs []any
				for _, n := range m.names {
					data[n] = value(n)
					pairs = append(pairs, n, value(n))
				}
				want, err := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
				if err != nil {
					t.Fatalf("%s %s: %v", lang, id, err)
				}
				if got := p.T(id, pairs...); got != want {
					t.Errorf("%s %s (values %d): T wrote %q, the template %q", lang, id, k, got, want)
				}
				if got := p.TMap(id, data); got != want {
					t.Errorf("%s %s (values %d): TMap wrote %q, the template %q", lang, id, k, got, want)
				}
			}
		}
	}
}

// TestPlainMessagesFallBack: a message with a missing value, or with
// actions beyond {{.Name}}, is written by its template.
func TestPlainMessagesFallBack(t *testing.T) {
	if compilePlain("{{if .A}}x{{end}}") != nil || compilePlain("a {{- .B}}") != nil {
		t.Fatal("a message with other actions is taken as plain")
	}
	p := MustLoad().Printer("vi")
	want, _ := p.loc.Localize(&i18n.LocalizeConfig{MessageID: "status.as_of", TemplateData: map[string]any{}})
	if got := p.T("status.as_of"); got != want {
		t.Fatalf("a missing value: T wrote %q, the template %q", got, want)
	}
	if got := p.T("status.as_of", "Date", nil); got != "số liệu tính đến ngày <no value>" {
		t.Fatalf("a nil value: T wrote %q", got)
	}
}

type stringer string

func (s stringer) String() string { return fmt.Sprintf("[%s]", string(s)) }
