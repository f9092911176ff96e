package indicator_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	. "chitieu/indicator"
)

// withHead puts plan-level lines after the term line of onePlan's plan.
func withHead(head string) []byte {
	return []byte(strings.Replace(string(onePlan(`        kind: count
        window: year
        target: {op: ">=", value: 3}
        trajectory: linear
        report: {every: year, due_day: 15}
`)), "units:", head+"units:", 1))
}

func TestCommitteeAndMidTerm(t *testing.T) {
	p, err := Load(withHead(`committee:
  name: Quận ủy Tây Hồ
  superior: Đảng bộ thành phố Hà Nội
  symbol: QU
  place: Tây Hồ
  recipients: [Thành ủy Hà Nội (để báo cáo), Lưu Văn phòng Quận ủy]
mid_term: 2023-06-30
`))
	if err != nil {
		t.Fatal(err)
	}
	c := p.Committee
	if c.Name != "Quận ủy Tây Hồ" || c.Superior != "Đảng bộ thành phố Hà Nội" || c.Symbol != "QU" || c.Place != "Tây Hồ" ||
		!slices.Equal(c.Recipients, []string{"Thành ủy Hà Nội (để báo cáo)", "Lưu Văn phòng Quận ủy"}) {
		t.Errorf("committee %+v", c)
	}
	if p.Mid() != NewDate(2023, 6, 30) {
		t.Errorf("mid-term %v, want the plan's 2023-06-30", p.Mid())
	}
}

func TestWithoutCommitteeTheMidTermIsTheTermsMiddle(t *testing.T) {
	p, err := Load(withHead(""))
	if err != nil {
		t.Fatal(err)
	}
	if p.Committee.Name != "" || p.Committee.Recipients != nil {
		t.Errorf("committee %+v, want none", p.Committee)
	}
	// 2020-01-01..2025-12-31 is 2,192 days: the middle one is the 1,096th.
	if want := NewDate(2020, 1, 1) + 1095; p.Mid() != want {
		t.Errorf("mid-term %v, want %v", p.Mid(), want)
	}
}

// TestCommitteeProblemsHaveTheirLines: the term line is line 3, so the
// keys put after it start on line 4.
func TestCommitteeProblemsHaveTheirLines(t *testing.T) {
	for _, tt := range []struct {
		name, head, id string
		line           int
	}{
		{"a mid-term after the term", "mid_term: 2026-06-30\n", ProblemMidTermOutside, 4},
		{"a mid-term that is no day", "mid_term: giữa kỳ\n", ProblemDate, 4},
		{"a misspelt key", "committee:\n  name: Quận ủy Tây Hồ\n  simbol: QU\n", ProblemUnknownField, 6},
		{"recipients not a list", "committee:\n  recipients: Lưu Văn phòng\n", ProblemType, 5},
		{"a committee that is a name", "committee: Quận ủy Tây Hồ\n", ProblemType, 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(withHead(tt.head))
			var probs Problems
			if !errors.As(err, &probs) {
				t.Fatalf("err = %v, want Problems", err)
			}
			for _, p := range probs {
				if p.ID == tt.id && p.Line == tt.line {
					return
				}
			}
			t.Errorf("no %s on line %d in:\n%v", tt.id, tt.line, probs)
		})
	}
}
