package main

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestImports holds every package to its row of docs/packages.md: the
// chitieu packages its non-test files import are among those the row
// allows, and every package go list knows has a row.
func TestImports(t *testing.T) {
	allowed := allowedImports(t)
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}:{{join .Imports \" \"}}", "chitieu/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err) // no go command beside the test binary
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		may, ok := allowed[pkg]
		if !ok {
			t.Errorf("%s has no row in docs/packages.md", pkg)
			continue
		}
		seen++
		for _, imp := range strings.Fields(imports) {
			if strings.HasPrefix(imp, "chitieu/") && !slices.Contains(may, imp) {
				t.Errorf("%s imports %s, which its row in docs/packages.md does not allow", pkg, imp)
			}
		}
	}
	if seen < 10 {
		t.Fatalf("go list named %d packages with rows, want the whole module", seen)
	}
	for _, view := range []string{"chitieu/render", "chitieu/charts", "chitieu/sheets", "chitieu/report"} {
		if slices.Contains(allowed[view], "chitieu/store") {
			t.Errorf("docs/packages.md lets the view %s import the store", view)
		}
	}
}

// allowedImports reads the table under "Allowed imports".
func allowedImports(t *testing.T) map[string][]string {
	doc, err := os.ReadFile("../../docs/packages.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(doc), "## Allowed imports")
	table, _, _ = strings.Cut(table, "\n## ")
	row := regexp.MustCompile("(?m)^\\| `(chitieu[^`]*)` \\| (.*) \\|$")
	pkg := regexp.MustCompile("`(chitieu[^`]*)`")
	out := map[string][]string{}
	for _, m := range row.FindAllStringSubmatch(table, -1) {
		out[m[1]] = []string{}
		for _, p := range pkg.FindAllStringSubmatch(m[2], -1) {
			out[m[1]] = append(out[m[1]], p[1])
		}
	}
	if len(out) == 0 {
		t.Fatal("docs/packages.md has no table of allowed imports")
	}
	return out
}
