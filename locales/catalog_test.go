package locales

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

func catalogKeys(t *testing.T, lang string) map[string]bool {
	t.Helper()
	data, err := files.ReadFile(lang + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for k := range m {
		keys[k] = true
	}
	return keys
}

func TestCatalogsHaveTheSameMessages(t *testing.T) {
	vi, en := catalogKeys(t, "vi"), catalogKeys(t, "en")
	for k := range vi {
		if !en[k] {
			t.Errorf("%s is in vi.yaml but not in en.yaml", k)
		}
	}
	for k := range en {
		if !vi[k] {
			t.Errorf("%s is in en.yaml but not in vi.yaml", k)
		}
	}
}

func TestEveryReasonHasAMessage(t *testing.T) {
	c := MustLoad()
	for _, lang := range Languages {
		p := c.Printer(lang)
		for r := Empty; r <= Negative; r++ {
			msg := p.Error(&FigureError{Reason: r, Text: "x1", Word: "w", Allowed: []string{"A", "B"}})
			if msg == r.ID() || r != Empty && !strings.Contains(msg, "x1") {
				t.Errorf("%s %s: %q", lang, r.ID(), msg)
			}
		}
	}
}

func TestPrinterLanguage(t *testing.T) {
	c := MustLoad()
	tests := map[string]string{"": "Có nguy cơ", "vi": "Có nguy cơ", "en-US": "At risk", "en": "At risk", "fr": "Có nguy cơ"}
	for lang, want := range tests {
		if got := c.Printer(lang).T("status.at_risk"); got != want {
			t.Errorf("%q: %q, want %q", lang, got, want)
		}
	}
	if got := c.Printer("vi").T("no.such.message"); got != "no.such.message" {
		t.Errorf("a missing message prints %q, want its id", got)
	}
}

// TestEveryMessageUsedExists reads the project's Go code for message ids
// written as literals and checks each is in the catalogs.
func TestEveryMessageUsedExists(t *testing.T) {
	vi := catalogKeys(t, "vi")
	literal := regexp.MustCompile(`\.T\("([a-z_.]+)"[,)]`)
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if !vi[m[1]] {
				t.Errorf("%s uses %q, which no catalog has", path, m[1])
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEveryPlanProblemHasAMessage reads the plan problems the domain
// names (indicator/problem.go) and checks each is in the catalogs: `check`
// would print the bare id otherwise.
func TestEveryPlanProblemHasAMessage(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "indicator", "problem.go"))
	if err != nil {
		t.Fatal(err)
	}
	vi, en := catalogKeys(t, "vi"), catalogKeys(t, "en")
	ids := regexp.MustCompile(`Problem\w+\s*=\s*"(plan\.[a-z_]+)"`).FindAllStringSubmatch(string(src), -1)
	if len(ids) < 40 {
		t.Fatalf("found %d problem ids in problem.go", len(ids))
	}
	for _, m := range ids {
		if !vi[m[1]] || !en[m[1]] {
			t.Errorf("plan problem %s has no message (vi %v, en %v)", m[1], vi[m[1]], en[m[1]])
		}
	}
}
