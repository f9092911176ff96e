package report

import (
	"archive/zip"
	"embed"
	"fmt"
	"io"
	"text/template"
	"time"
)

//go:embed templates/*.xml templates/*.rels
var templateFiles embed.FS

// parts are the package's parts in the order they are zipped
// ([Content_Types].xml first, as some readers expect), each with the
// template that writes it.
var parts = []struct{ name, template string }{
	{"[Content_Types].xml", "content-types.xml"},
	{"_rels/.rels", "package.rels"},
	{"docProps/core.xml", "core.xml"},
	{"docProps/app.xml", "app.xml"},
	{"word/_rels/document.xml.rels", "document.rels"},
	{"word/document.xml", "document.xml"},
	{"word/styles.xml", "styles.xml"},
	{"word/settings.xml", "settings.xml"},
	{"word/header1.xml", "header.xml"},
	{"word/header2.xml", "header-first.xml"},
}

// zipTime is every part's time: the same document makes the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// parseTemplates reads the embedded templates, with the functions they
// print a caller's text through.
func parseTemplates() (*template.Template, error) {
	funcs := template.FuncMap{
		"esc":   esc,
		"lines": lines,
		"jc":    func(a Align) string { return alignName(a, "both") },
		"add":   func(a, b int) int { return a + b },
	}
	return template.New("report").Funcs(funcs).ParseFS(templateFiles, "templates/*.xml", "templates/*.rels")
}

// writePackage zips the parts of v's document to w.
func writePackage(w io.Writer, v docView) error {
	t, err := parseTemplates()
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	z := zip.NewWriter(w)
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if err := t.ExecuteTemplate(f, p.template, v); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
	}
	return z.Close()
}
