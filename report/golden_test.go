package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "write the golden files anew")

// TestGolden compares word/document.xml of a small report, with a draft's
// mark and an annex, with testdata/document.xml, a file to read in review:
// any change of the layout shows there.
func TestGolden(t *testing.T) {
	d := small()
	d.Draft = true
	d.Annexes = []Annex{{Title: "KẾT QUẢ TỪNG CHỈ TIÊU", Note: "(Kèm theo Báo cáo số 25-BC/QU)", Landscape: true, Body: []Block{smallTable()}}}
	got := unzip(t, write(t, d))["word/document.xml"]
	golden := filepath.Join("testdata", "document.xml")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("word/document.xml differs from %s (run with -update and read the diff)", golden)
	}
}
