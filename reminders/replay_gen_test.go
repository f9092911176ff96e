package reminders_test

import (
	"fmt"
	"strings"
	"testing"

	"chitieu/indicator"
)

// shape is one kind of target with a trajectory, as plan YAML (the
// indicator's fields after its code, owner and window).
type shape struct{ name, traj, yaml string }

var shapes = []shape{
	{"count ≥", "linear", `kind: count
        target: {op: ">=", value: %[1]d}`},
	{"count >", "linear", `kind: count
        target: {op: ">", value: %[1]d}`},
	{"count ≤ 0", "constant", `kind: count
        target: {op: "<=", value: 0}`},
	{"count steps", "steps", `kind: count
        target: {op: ">=", value: %[1]d}
        steps: [{by: 2022-06-30, value: %[2]d}, {by: 2023-12-31, value: %[1]d}]`},
	{"count compound", "compound", `kind: count
        baseline: {value: 100, on: 2020-12-31}
        rate: 10
        target: {op: ">="}`},
	{"level ≥", "linear", `kind: level
        target: {op: ">=", value: 80}`},
	{"level <", "linear", `kind: level
        target: {op: "<", value: 10}`},
	{"level >", "constant", `kind: level
        target: {op: ">", value: 75}`},
	{"level compound", "compound", `kind: level
        baseline: {value: 100, on: 2020-12-31}
        rate: 10
        target: {op: ">="}`},
	{"level steps", "steps", `kind: level
        baseline: {value: 50, on: 2021-01-01}
        target: {op: ">=", value: 80}
        steps: [{by: 2022-06-30, value: 65}, {by: 2023-12-31, value: 80}]`},
	{"rating constant", "constant", `kind: rating
        target: {op: ">=", value: Hoàn thành tốt}`},
	{"rating linear", "linear", `kind: rating
        target: {op: ">=", value: Hoàn thành xuất sắc}`},
	{"rating steps", "steps", `kind: rating
        target: {op: ">=", value: Hoàn thành xuất sắc}
        steps: [{by: 2022-06-30, value: Hoàn thành tốt}, {by: 2023-12-31, value: Hoàn thành xuất sắc}]`},
	{"milestone linear", "linear", `kind: milestone
        stages: [Xây dựng, Phê duyệt, Triển khai, Hoàn thành]
        target: {op: ">=", value: Hoàn thành}`},
	{"milestone steps", "steps", `kind: milestone
        stages: [Xây dựng, Phê duyệt, Triển khai, Hoàn thành]
        target: {op: ">=", value: Hoàn thành}
        steps: [{by: 2021-12-31, value: Phê duyệt}, {by: 2022-12-31, value: Triển khai}, {by: 2023-12-31, value: Hoàn thành}]`},
	{"milestone percent", "linear", `kind: milestone
        target: {op: ">=", value: 100}`},
	{"count by", "linear", `kind: count
        target: {op: ">=", value: %[2]d}
        by: 2022-12-31`},
	{"level by", "linear", `kind: level
        baseline: {value: 50, on: 2021-01-01}
        target: {op: ">=", value: 80}
        by: 2022-12-31`},
	{"milestone by", "linear", `kind: milestone
        stages: [Xây dựng, Phê duyệt, Triển khai, Hoàn thành]
        target: {op: ">=", value: Hoàn thành}
        by: 2022-12-31`},
}

var cadences = []string{
	"{every: week, due_day: 5}",
	"{every: month, due_day: 25}",
	"{every: quarter, due_day: 20}",
	"{every: year, due_day: 20}",
}

const genHead = `plan: generated
title: Every kind × window × trajectory × cadence
term: {from: 2021-01-01, to: 2023-12-31}
timezone: Asia/Ho_Chi_Minh
units:
  - {code: U, name: Đơn vị}
programs:
  - code: P
    title: Generated
    indicators:
`

// indicatorYAML is one generated indicator.
func indicatorYAML(code string, s shape, window, cadence string) string {
	target, mid := 120, 60
	if window == "term" {
		target, mid = 360, 180
	}
	body := s.yaml
	if strings.Contains(body, "%[") {
		body = fmt.Sprintf(body, target, mid)
	}
	every := strings.Fields(strings.Trim(cadence, "{}"))[1]
	return fmt.Sprintf("      - code: %s\n        name: \"%s, %s, every %s\"\n        owner: U\n        window: %s\n        trajectory: %s\n        report: %s\n        %s\n",
		code, s.name, window, strings.TrimSuffix(every, ","), window, s.traj, cadence, body)
}

// generated is a plan with one indicator per shape × window × cadence the
// plan format accepts (steps and by are dated, so only over the whole
// term).
func generated(t testing.TB) *indicator.Plan {
	var ok []string
	refused := 0
	n := 0
	for _, s := range shapes {
		for _, window := range []string{"year", "term"} {
			if (s.traj == "steps" || strings.HasSuffix(s.name, " by")) && window == "year" {
				continue
			}
			for _, cadence := range cadences {
				n++
				one := indicatorYAML(fmt.Sprintf("G%03d", n), s, window, cadence)
				if _, err := indicator.Load([]byte(genHead + one)); err != nil {
					refused++
					t.Logf("the plan format refuses %s, %s, %s: %v", s.name, window, cadence, err)
					continue
				}
				ok = append(ok, one)
			}
		}
	}
	plan, err := indicator.Load([]byte(genHead + strings.Join(ok, "")))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d generated indicators, %d refused by the plan format", len(ok), refused)
	return plan
}
