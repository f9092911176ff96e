package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestATermEndedEarlyIsReadCutByDefault: once a term is ended early, the
// plan file's term is read as it now stands — its last window cut on the
// new last day, whether --term names it or not — and a figure dated after
// that day belongs to no term: refused, with its line.
func TestATermEndedEarlyIsReadCutByDefault(t *testing.T) {
	env := redisEnv(t)
	runCLIAt(t, env, midTerm, "import", "testdata/figures.csv")
	if code, out, errOut := runCLIAt(t, env, midTerm, "term", "end", "--on", "2023-06-30", "--why", "sắp xếp đơn vị hành chính", "--yes"); code != 0 {
		t.Fatalf("ended: exit %d\n%s%s", code, out, errOut)
	}
	later := time.Date(2023, 7, 10, 9, 0, 0, 0, time.UTC)
	for _, args := range [][]string{{"status", "--format", "json"}, {"status", "--term", "2020-2025", "--format", "json"}} {
		_, out, errOut := runCLIAt(t, env, later, args...)
		if !strings.Contains(out, `"to": "2023-06-30"`) || !strings.Contains(out, `"target": 45`) {
			t.Errorf("%v: the last window is not cut at the term's new end:\n%s%s", args, out, errOut)
		}
	}
	rows := filepath.Join(t.TempDir(), "after.csv")
	os.WriteFile(rows, []byte("indicator,date,value\nCT01.1,2023-06-25,5\nCT01.1,2023-07-05,4\n"), 0o600)
	code, out, errOut := runCLIAt(t, env, later, "import", rows)
	if code != 1 || !strings.Contains(errOut, "dòng 3") || !strings.Contains(errOut, "ngày 05/07/2023 nằm ngoài nhiệm kỳ của kế hoạch (từ ngày 01/01/2020 đến ngày 30/06/2023)") {
		t.Errorf("a figure after the term's end: exit %d\n%s%s", code, out, errOut)
	}
	if _, out, _ := runCLIAt(t, env, later, "status", "--format", "json"); strings.Contains(out, `"2023-07-05"`) {
		t.Errorf("a refused file left a figure:\n%s", out)
	}
}

// TestTheTableSaysTheCheckpointAFigureIsJudgedOn: a report dated before a
// step's day, judged at it once the day has passed, shows the trajectory's
// value with that day, so the column does not seem to jump beside an
// unchanged "as of".
func TestTheTableSaysTheCheckpointAFigureIsJudgedOn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "swim.csv")
	os.WriteFile(path, []byte("indicator,date,value\nCT03.12,2025-12-20,80%\n"), 0o600)
	_, out, errOut := runCLI(t, nil, "status", "--plan", example, "--figures", path, "--on", "2026-01-02")
	var row string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "CT03.12 ") {
			row = l
		}
	}
	if !strings.Contains(row, "20/12/2025") || !strings.Contains(row, "100% (mốc ngày 31/12/2025)") {
		t.Errorf("the row of a stage judged at its step's day:\n%s%s", row, errOut)
	}
}
