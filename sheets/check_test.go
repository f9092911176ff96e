package sheets

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
)

// TestCheckSortsRowsAgainstWhatIsSaved: a row that is a saved figure —
// the same indicator, day and value, whatever its source, or the same
// row imported before and corrected since — is known; a row twice where
// one figure is saved is known once and new once; every other row meets
// the checks a typed figure meets, against the saved figures and the
// file's rows before it: a doubt is one whether or not the doubtful rows
// before it are counted, so that neither a slip (0,78 among 80s) nor a
// change the file goes on from (4% → 45% → 46%) makes the rows after it
// doubtful.
func TestCheckSortsRowsAgainstWhatIsSaved(t *testing.T) {
	plan := examplePlan(t)
	in := "indicator,date,value\n" +
		"CT01.1,2023-01-25,8\n" + // 2: typed in the chat: known
		"CT01.1,2023-02-25,7\n" + // 3: imported before, corrected to 6 since: known
		"CT01.1,2023-03-25,9\n" + // 4: saved once, here twice: known once…
		"CT01.1,2023-03-25,9\n" + // 5: …and a second figure of that day
		"CT01.3,2022-12-31,\"0,8\"\n" + // 6: a share written as a fraction, no figure before it
		"CT04.4,2023-06-25,120\n" + // 7: a share over 100%
		"CT02.2,2023-06-25,950%\n" + // 8: a share over 100%
		"CT01.1,2023-07-25,5\n" + // 9: after today
		"CT02.3,2023-03-20,245.000.000 đồng\n" + // 10: money in another magnitude
		"CT03.2,2022-12-20,4%\n" + // 11: plausible
		"CT03.2,2023-06-20,45%\n" + // 12: more than ten times the row before
		"CT01.2,2022-12-31,\"0,78\"\n" + // 13: a tenth of the saved figure before it
		"CT01.2,2022-12-31,78%\n" + // 14: plausible: it is so against the figure before the doubtful row
		"CT01.1,2023-05-25,6\n" + // 15: new
		"CT03.2,2023-06-25,46%\n" + // 16: plausible: it goes on from the doubtful row before it
		"CT01.1,2023-06-10,5\n" + // 17: new…
		"CT01.1,2023-06-10,3\n" // 18: …and a second figure of its day in the file
	rows, err := ReadCSV(strings.NewReader(in), plan)
	if err != nil {
		t.Fatal(err)
	}
	saved := map[string][]indicator.Record{
		"CT01.1": {
			{Indicator: "CT01.1", Date: day("2023-01-25"), Value: 8, Key: "tg:7:m12", Source: "chat"},
			{Indicator: "CT01.1", Date: day("2023-02-25"), Value: 6, Key: rows[1].Key, Source: "import:cu.csv", Version: 2},
			{Indicator: "CT01.1", Date: day("2023-03-25"), Value: 9, Key: "tg:7:m13", Source: "chat"},
		},
		"CT01.2": {{Indicator: "CT01.2", Date: day("2022-06-30"), Value: 80, Key: "tg:7:m14"}},
	}
	c := Check(rows, saved, day("2023-06-30"))
	lines := func(rs []Row) string {
		var ls []int
		for _, r := range rs {
			ls = append(ls, r.Line)
		}
		return fmt.Sprint(ls)
	}
	if got := lines(c.Known); got != "[2 3 4]" {
		t.Errorf("known rows %s, want [2 3 4]", got)
	}
	if got := lines(c.New); got != "[11 14 15 16 17]" {
		t.Errorf("new rows %s, want [11 14 15 16 17]", got)
	}
	var doubts []string
	for _, d := range c.Doubtful {
		doubts = append(doubts, fmt.Sprintf("%d %v", d.Line, d.Doubts))
	}
	want := "[5 [same_day] 6 [far_below_target] 7 [over_hundred] 8 [over_hundred] 9 [after_today] 10 [converted] 12 [far_above_latest] 13 [far_below_latest] 18 [same_day]]"
	if fmt.Sprint(doubts) != want {
		t.Errorf("doubtful rows %v\nwant %s", doubts, want)
	}
	if d := c.Doubtful[0]; d.Earlier == nil || d.Earlier.Value != 9 {
		t.Errorf("the second figure of a day names the first: %+v", d.Earlier)
	}
	p := locales.MustLoad().Printer("vi")
	var msgs []string
	for _, d := range c.Doubtful {
		msgs = append(msgs, d.Message(p))
	}
	text := strings.Join(msgs, "\n")
	for _, w := range []string{
		"dòng 5: CT01.1 ngày 25/03/2023: 9 đảng viên — ngày này đã có số liệu 9 đảng viên: nếu nhập, hai số liệu được cộng với nhau",
		"dòng 6: CT01.3 ngày 31/12/2022: 0,8% — nhỏ hơn một phần mười mục tiêu (75%): có phải 80%?",
		"dòng 18: CT01.1 ngày 10/06/2023: 3 đảng viên — dòng 17 cùng ngày có số liệu 5 đảng viên: nếu nhập cả hai dòng, hai số liệu được cộng với nhau; nếu dòng này thay cho dòng 17, bỏ dòng 17 khỏi tệp rồi nhập lại",
		"dòng 8: CT02.2 ngày 25/06/2023: 950% — tỷ lệ vượt quá 100%",
		"dòng 9: CT01.1 ngày 25/07/2023: 5 đảng viên — ngày số liệu ở sau hôm nay (30/06/2023)",
		"dòng 10: CT02.3 ngày 20/03/2023: 245 triệu đồng/ha — số tiền viết theo đơn vị khác (“245.000.000 đồng”), đã đổi sang triệu đồng/ha",
		"dòng 12: CT03.2 ngày 20/06/2023: 45% — gấp hơn 10 lần số liệu trước đó (4% ngày 20/12/2022)",
		"dòng 13: CT01.2 ngày 31/12/2022: 0,78% — nhỏ hơn một phần mười số liệu trước đó (80% ngày 30/06/2022)",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("the reasons lack %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "no value") || strings.Contains(text, ".\n") {
		t.Errorf("a reason reads wrong:\n%s", text)
	}
}

func day(s string) indicator.Date {
	d, err := indicator.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestEveryDoubtHasAReason: each doubt a row may have has its reason in
// each language, for a file's preview and the command line.
func TestEveryDoubtHasAReason(t *testing.T) {
	cat := locales.MustLoad()
	for _, lang := range locales.Languages {
		p := cat.Printer(lang)
		for d := indicator.FractionOfWhole; d <= indicator.SameDay; d++ {
			if id := "doubt." + d.String(); p.TMap(id, map[string]any{}) == id {
				t.Errorf("%s: no message %s", lang, id)
			}
		}
	}
}

// TestTheSampleFiguresExportedImportBackAsNothingNew: `chitieu try`'s
// figures, written as the workbook /xuat sends and as export's CSV, read
// back as the figures saved, every one: nothing new, nothing doubtful.
func TestTheSampleFiguresExportedImportBackAsNothingNew(t *testing.T) {
	plan := examplePlan(t)
	day := plans.TryDay(plan, indicator.NewDate(2026, 12, 7))
	sample := plans.SampleFigures(plan, day)
	saved := map[string][]indicator.Record{}
	for code, figs := range sample {
		for i, f := range figs {
			saved[code] = append(saved[code], indicator.Record{Indicator: code, Date: f.Date, Value: f.Value, Source: "sample", Key: fmt.Sprintf("sample:%s:%d", code, i)})
		}
	}
	x := Export{Plan: plan, Day: day, Figures: saved, Names: map[int64]string{}, P: locales.MustLoad().Printer("vi")}
	for _, ind := range plan.Indicators() {
		x.Evals = append(x.Evals, indicator.Evaluate(ind, sample[ind.Code], day))
	}
	for name, write := range map[string]func(io.Writer) error{"chitieu.xlsx": x.WriteXLSX, "chitieu.csv": x.WriteCSV} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		rows, err := ReadImport(name, &buf, plan)
		if err != nil {
			t.Fatal(err)
		}
		all := 0
		for _, figs := range sample {
			all += len(figs)
		}
		if c := Check(rows, saved, day); len(c.Known) != all || all < 1000 || len(c.New)+len(c.Doubtful) != 0 {
			t.Errorf("%s: %d rows known, %d new, %d doubtful; want all %d known", name, len(c.Known), len(c.New), len(c.Doubtful), all)
		}
		// A backup restored into an empty store: every row new, none doubtful
		// (a percent complete climbing from 1%, a count of one after one).
		c := Check(rows, nil, day)
		if len(c.New) != all || len(c.Doubtful) != 0 {
			t.Errorf("%s into an empty store: %d new, %d doubtful; want all %d new", name, len(c.New), len(c.Doubtful), all)
		}
		p := locales.MustLoad().Printer("vi")
		for _, d := range c.Doubtful[:min(3, len(c.Doubtful))] {
			t.Log(d.Message(p))
		}
	}
}
