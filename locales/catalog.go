package locales

import (
	"embed"
	"fmt"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

//go:embed vi.yaml en.yaml
var files embed.FS

// Languages are the catalogs' languages, the default first.
var Languages = []string{"vi", "en"}

// Catalog holds the messages of every language.
type Catalog struct {
	bundle   *i18n.Bundle
	printers map[string]*Printer // by language
}

// Load reads the catalogs that ship with chitieu.
func Load() (*Catalog, error) {
	b := i18n.NewBundle(language.Vietnamese)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	c := &Catalog{bundle: b, printers: map[string]*Printer{}}
	for _, lang := range Languages {
		if _, err := b.LoadMessageFileFS(files, lang+".yaml"); err != nil {
			return nil, fmt.Errorf("load %s catalog: %w", lang, err)
		}
		c.printers[lang] = &Printer{lang: lang, loc: i18n.NewLocalizer(b, lang)}
	}
	return c, nil
}

// MustLoad is Load for the shipped catalogs, which a test proves readable.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Printer writes messages in one language.
type Printer struct {
	lang string
	loc  *i18n.Localizer
}

// Printer returns the printer for a language tag such as "en-US"; anything
// but English reads Vietnamese.
func (c *Catalog) Printer(lang string) *Printer {
	tag := "vi"
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		tag = "en"
	}
	return c.printers[tag]
}

// Lang is the printer's language: "vi" or "en".
func (p *Printer) Lang() string { return p.lang }

// T writes the message id filled with data (pairs of name and value). A
// missing message writes its id, so a gap shows rather than hides.
func (p *Printer) T(id string, data ...any) string {
	m := map[string]any{}
	for i := 0; i+1 < len(data); i += 2 {
		m[data[i].(string)] = data[i+1]
	}
	return p.TMap(id, m)
}

// TMap writes the message id filled with a map of data.
func (p *Printer) TMap(id string, data map[string]any) string {
	s, err := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return id
	}
	return s
}

// Error writes a figure error in the printer's language.
func (p *Printer) Error(e *FigureError) string {
	return p.TMap(e.Reason.ID(), e.Data())
}
