package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryErrorEndsItsLine: whatever a subcommand refuses, what it says
// ends its line, so that the shell's prompt (or the next output) starts
// on a line of its own; and an answer to a question that reached the end
// of its input starts a line of its own too.
func TestEveryErrorEndsItsLine(t *testing.T) {
	env := redisEnv(t)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("indicator,date,value\nCT01.1,2023-02-25,tám\n"), 0o600)
	for _, args := range [][]string{
		{"check", "missing.yaml"},
		{"check", "../../indicator/testdata/broken.yaml"},
		{"status", "--format", "x"},
		{"status", "--on", "2023-99-01"},
		{"status", "--figures", bad},
		{"replay", "--figures", "missing.csv"},
		{"import", bad},
		{"export", "foo.txt"},
		{"invite", "--unit", "XYZ"},
		{"invite", "--revoke", "nothing"},
		{"archive", "XX"},
		{"archive", "--undo", "XX"},
		{"plan", "apply", example},
		{"plan", "nothing"},
		{"serve"},
		{"nothing"},
	} {
		code, _, errOut := runCLI(t, env, args...)
		if code == 0 || errOut == "" || !strings.HasSuffix(errOut, "\n") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	code, out, errOut := runCLIIn(t, env, "có", "plan", "apply", "--why", "thử", revisedPlan(t)) // no line's end: the input ends
	if code != 0 || !strings.Contains(out, ": \n") || !strings.HasSuffix(out, "\n") {
		t.Errorf("exit %d, %q %q", code, out, errOut)
	}
}
