package bot

import (
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// revisionLines tells each revision in force by the evaluation's day: its
// day, its target and the resolution that made it, and whether the latest
// figure stands before it (and so was judged by the target before it).
func revisionLines(p *locales.Printer, e indicator.Evaluation) []string {
	var ls []string
	for _, r := range e.Indicator.Revisions {
		if r.From > e.Day {
			break
		}
		target := ""
		if r.Target != nil && r.Target.Change == nil {
			target = render.Op(r.Target.Op) + " " + render.Value(e.Indicator, r.Target.Value)
		}
		ls = append(ls, p.T("bot.show_revision", "Date", render.Date(r.From), "Target", render.Esc(target),
			"Note", render.Esc(r.Note), "Before", e.AsOf != 0 && e.AsOf < r.From))
	}
	return ls
}
