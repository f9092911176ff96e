package main

import (
	"strings"
	"time"

	"chitieu/calendar"
	"chitieu/indicator"
	"chitieu/reminders"
)

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "thu2": time.Monday, "thu3": time.Tuesday, "thu4": time.Wednesday,
	"thu5": time.Thursday, "thu6": time.Friday, "thu7": time.Saturday,
}

// Schedule reads the settings of the pushes: the digest's day and time,
// the quiet hours, the extra days off and make-up working days.
func (c *Config) Schedule() (reminders.Config, reminders.Calendar, error) {
	var rc reminders.Config
	var cal reminders.Calendar
	day, clock, _ := strings.Cut(strings.ToLower(strings.TrimSpace(c.DigestAt)), " ")
	wd, ok := weekdays[day]
	at, err := clockTime(clock)
	if !ok || err != nil {
		return rc, cal, say("cfg.digest_at", "Value", c.DigestAt)
	}
	rc.DigestDay, rc.DigestAt = wd, at
	if cal.WorkDays, err = c.WorkDays(); err != nil {
		return rc, cal, err
	}
	if strings.TrimSpace(c.QuietHours) == "off" {
		cal.Always = true
		return rc, cal, nil
	}
	end, start, _ := strings.Cut(c.QuietHours, "-")
	if cal.DayEnd, err = clockTime(end); err == nil {
		cal.DayStart, err = clockTime(start)
	}
	if err != nil || cal.DayStart >= cal.DayEnd {
		return rc, cal, say("cfg.quiet_hours", "Value", c.QuietHours)
	}
	return rc, cal, nil
}

// WorkDays reads the office's extra days off and make-up working days: due
// days move past the days off, and pushes wait for working days.
func (c *Config) WorkDays() (calendar.WorkDays, error) {
	var w calendar.WorkDays
	var err error
	if w.DaysOff, err = dates("CHITIEU_DAYS_OFF", c.DaysOff); err == nil {
		w.MakeUp, err = dates("CHITIEU_WORKING_DAYS", c.WorkingDays)
	}
	return w, err
}

func clockTime(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, err
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

func dates(name, s string) ([]indicator.Date, error) {
	var out []indicator.Date
	for _, f := range list(s) {
		d, err := indicator.ParseDate(f)
		if err != nil {
			return nil, say("cfg.dates", "Name", name, "Value", f)
		}
		out = append(out, d)
	}
	return out, nil
}
