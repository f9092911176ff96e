package main

import (
	"context"
	"strings"
	"testing"

	"chitieu/store"
)

// TestStateCommandChecksAndRebuilds: after an import the state matches the
// figures; a lost block is reported (exit 1) and --rebuild mends it.
func TestStateCommandChecksAndRebuilds(t *testing.T) {
	env := redisEnv(t)
	if code, out, errOut := runCLI(t, env, "import", "testdata/figures.csv"); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, env, "state"); code != 0 || !strings.Contains(out, "khớp với số liệu") {
		t.Fatalf("state after an import: exit %d\n%s%s", code, out, errOut)
	}
	s, err := store.Open(context.Background(), store.Options{URL: env["REDIS_URL"], Prefix: env["CHITIEU_REDIS_PREFIX"]})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.DeleteStateOf(context.Background(), "CT01.1"); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, env, "state")
	if code != 1 || !strings.Contains(out, "CT01.1, khối") || !strings.Contains(errOut, "chitieu state --rebuild") {
		t.Fatalf("a lost state is not reported: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, env, "state", "--rebuild"); code != 0 || !strings.Contains(out, "Đã tính lại") {
		t.Fatalf("rebuild: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, env, "state"); code != 0 {
		t.Fatalf("after the rebuild: exit %d\n%s", code, out)
	}
}
