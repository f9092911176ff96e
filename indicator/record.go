package indicator

import "time"

// Record is a figure as it is kept: what a cadre reported, who reported it,
// how it came in and the versions a correction replaced. Figure is the part
// of it evaluation reads.
type Record struct {
	ID        int64      `json:"-"`
	Indicator string     `json:"indicator"`
	Date      Date       `json:"date"`
	Value     float64    `json:"value"`
	Text      string     `json:"text,omitempty"` // as the reporter typed it
	Note      string     `json:"note,omitempty"` // a reason, a comment
	By        int64      `json:"by"`             // Telegram id; 0 for the command line
	At        time.Time  `json:"at"`
	Source    string     `json:"source"` // chat, import, …
	Key       string     `json:"key"`    // idempotency key: the same key saved twice is one figure
	Version   int        `json:"version"`
	History   []Replaced `json:"history,omitempty"` // earlier versions, oldest first
}

// Replaced is a figure as it was before a correction, and who replaced it.
type Replaced struct {
	Date       Date      `json:"date"`
	Value      float64   `json:"value"`
	Text       string    `json:"text,omitempty"`
	Note       string    `json:"note,omitempty"`
	By         int64     `json:"by"`
	At         time.Time `json:"at"`
	ReplacedBy int64     `json:"replaced_by"`
	ReplacedAt time.Time `json:"replaced_at"`
	Reason     string    `json:"reason"`
}

// Correction replaces a figure's value (and, if set, its day and note),
// keeping what it replaces in the figure's history.
type Correction struct {
	ID      int64
	Version int // the version being corrected; a figure corrected since is a conflict
	Date    Date
	Value   float64
	Text    string
	Note    string
	By      int64
	Reason  string
}

// Figure is the part of r evaluation reads.
func (r Record) Figure() Figure { return Figure{Date: r.Date, Value: r.Value, Note: r.Note} }

// FiguresOf is the records' figures, in the same order.
func FiguresOf(recs []Record) []Figure {
	out := make([]Figure, len(recs))
	for i, r := range recs {
		out[i] = r.Figure()
	}
	return out
}

// Corrected is r after c made at at, its old state pushed onto its history.
// The note explained the old value (an off-track reason): it stays in the
// history with it, and the corrected figure carries its own.
func (r Record) Corrected(c Correction, at time.Time) Record {
	r.History = append(append([]Replaced(nil), r.History...), Replaced{Date: r.Date, Value: r.Value, Text: r.Text,
		Note: r.Note, By: r.By, At: r.At, ReplacedBy: c.By, ReplacedAt: at, Reason: c.Reason})
	if c.Date != 0 {
		r.Date = c.Date
	}
	r.Value, r.Text, r.By, r.At, r.Note = c.Value, c.Text, c.By, at, c.Note
	r.Version++
	return r
}
