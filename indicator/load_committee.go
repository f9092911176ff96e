package indicator

// Committee is the Party committee that issues the plan's reports, as the
// header of a báo cáo names it.
type Committee struct {
	Name       string   // the issuing committee: "Quận ủy Tây Hồ"
	Superior   string   // the Đảng bộ above it: "Đảng bộ thành phố Hà Nội"
	Symbol     string   // its part of a report's number: "QU" makes "Số …-BC/QU"
	Place      string   // the place of the date line: "Tây Hồ"
	Recipients []string // "Nơi nhận": "Thành ủy Hà Nội (để báo cáo)", …
}

// Mid is the day the mid-term report looks at: the plan's mid_term, or
// the term's middle day.
func (p *Plan) Mid() Date {
	if p.MidTerm != 0 {
		return p.MidTerm
	}
	return p.Term.From + (p.Term.To-p.Term.From)/2
}

// committee reads the optional committee: its names, place and recipients.
func (l *loader) committee(f *fields) Committee {
	c := f.sub("committee", false)
	if c == nil {
		return Committee{}
	}
	out := Committee{Name: c.str("name", false), Superior: c.str("superior", false), Symbol: c.str("symbol", false),
		Place: c.str("place", false), Recipients: c.strs("recipients")}
	c.done()
	return out
}

// midTerm reads the optional mid_term day, which must lie inside the term.
func (l *loader) midTerm(f *fields) Date {
	d, ok := f.date("mid_term", false)
	if !ok {
		return 0
	}
	if l.term.To != 0 && !l.term.Contains(d) {
		f.problem("mid_term", ProblemMidTermOutside, "date", d.String())
	}
	return d
}
